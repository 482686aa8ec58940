#include "modules/pbx/pbx_commands.hpp"

#include <fmt/format.h>

#include "modules/pbx/hangup_causes.hpp"
#include "pbx/dialplan/dialplan_show.hpp"

namespace sb::modules::pbx {

namespace {

const char* ess(std::size_t n) {
  return n == 1 ? "" : "s";
}

std::string location(const Channel& channel) {
  return fmt::format("{}@{}:{}", channel.exten, channel.context, channel.priority);
}

std::string application(const Channel& channel) {
  if (channel.appName.empty()) {
    return "(None)";
  }
  return fmt::format("{}({})", channel.appName, channel.appData);
}

std::string duration(const Channel& channel) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::steady_clock::now() - channel.created())
                           .count();
  return fmt::format("{:02}:{:02}:{:02}", seconds / 3600, (seconds / 60) % 60, seconds % 60);
}

void showChannels(PbxService& pbx, const std::string& mode, cli::Reply& reply) {
  const auto channels = pbx.channels();
  if (mode == "concise") {
    for (const auto& c : channels) {
      auto peer = c->bridgedWith.lock();
      reply.write(fmt::format("{}!{}!{}!{}!{}!{}!{}!{}!{}!{}!{}!{}!{}!{}\n", c->name(), c->context,
                              c->exten, c->priority, channelStateName(c->state()), c->appName,
                              c->appData, c->caller().number, c->accountCode, "", 3,
                              std::chrono::duration_cast<std::chrono::seconds>(
                                  std::chrono::steady_clock::now() - c->created())
                                  .count(),
                              peer ? peer->name() : "(None)", c->uniqueId()));
    }
    return;
  }
  if (mode == "verbose") {
    reply.write(
        fmt::format("{:<80.80} {:<24.24} {:<24.24} {:<4.4} {:<7.7} {:<12.12} {:<25.25} "
                    "{:<15.15} {:>8.8} {:<11.11} {:<11.11} {:<20.20}\n",
                    "Channel", "Context", "Extension", "Prio", "State", "Application", "Data",
                    "CallerID", "Duration", "Accountcode", "PeerAccount", "BridgeID"));
    for (const auto& c : channels) {
      reply.write(
          fmt::format("{:<80.80} {:<24.24} {:<24.24} {:>4} {:<7.7} {:<12.12} {:<25.25} "
                      "{:<15.15} {:>8.8} {:<11.11} {:<11.11} {:<20.20}\n",
                      c->name(), c->context, c->exten, c->priority, channelStateName(c->state()),
                      c->appName.empty() ? "(None)" : c->appName, c->appData, c->caller().number,
                      duration(*c), c->accountCode, "", ""));
    }
  } else if (mode != "count") {
    reply.write(fmt::format("{:<64.64} {:<32.32} {:<7.7} {:<30.30}\n", "Channel", "Location",
                            "State", "Application(Data)"));
    for (const auto& c : channels) {
      reply.write(fmt::format("{:<64.64} {:<32.32} {:<7.7} {:<30.30}\n", c->name(), location(*c),
                              channelStateName(c->state()), application(*c)));
    }
  }
  std::size_t calls = 0;
  for (const auto& c : channels) {
    calls += c->outbound() ? 0 : 1;
  }
  reply.write(fmt::format("{} active channel{}\n", channels.size(), ess(channels.size())));
  reply.write(fmt::format("{} active call{}\n", calls, ess(calls)));
  reply.write(
      fmt::format("{} call{} processed\n", pbx.callsProcessed(), ess(pbx.callsProcessed())));
}

void showChannel(PbxService& pbx, const std::string& name, cli::Reply& reply) {
  auto c = pbx.findChannel(name);
  if (!c) {
    reply.write(fmt::format("{} is not a known channel\n", name));
    return;
  }
  auto peer = c->bridgedWith.lock();
  std::string text;
  text += fmt::format(" -- General --\n");
  text += fmt::format("           Name: {}\n", c->name());
  text += fmt::format("           Type: {}\n", c->techName());
  text += fmt::format("       UniqueID: {}\n", c->uniqueId());
  text += fmt::format("       LinkedID: {}\n", c->linkedId());
  text += fmt::format("      Caller ID: {}\n",
                      c->caller().number.empty() ? "(N/A)" : c->caller().number);
  text +=
      fmt::format(" Caller ID Name: {}\n", c->caller().name.empty() ? "(N/A)" : c->caller().name);
  text += fmt::format("Connected Line ID: {}\n",
                      c->connected().number.empty() ? "(N/A)" : c->connected().number);
  text += fmt::format("Connected Line ID Name: {}\n",
                      c->connected().name.empty() ? "(N/A)" : c->connected().name);
  text += fmt::format("    DNID Digits: {}\n", c->exten);
  text += fmt::format("       Language: {}\n", c->language);
  text += fmt::format("          State: {} ({})\n", channelStateName(c->state()),
                      channelStateNumber(c->state()));
  text += fmt::format("  Elapsed Time: {}h{}m{}s\n", 0, 0, 0);
  text += fmt::format("      Bridge ID: {}\n", peer ? peer->name() : "(Not bridged)");
  text += fmt::format(" --   PBX   --\n");
  text += fmt::format("        Context: {}\n", c->context);
  text += fmt::format("      Extension: {}\n", c->exten);
  text += fmt::format("       Priority: {}\n", c->priority);
  text += fmt::format("    Application: {}\n", c->appName.empty() ? "(N/A)" : c->appName);
  text += fmt::format("           Data: {}\n", c->appData.empty() ? "(Empty)" : c->appData);
  text += "      Variables:\n";
  for (const auto& [key, value] : c->variables()) {
    text += fmt::format("{}={}\n", key, value);
  }
  reply.write(text);
}

}  // namespace

Registrations addPbxCommands(cli::CommandRegistry& commands, std::shared_ptr<PbxService> pbx,
                             std::function<std::string()> reload) {
  Registrations out;
  std::weak_ptr<PbxService> weak = pbx;
  out += commands.add(
      {"core show channels [<mode>]", "Display information on channels",
       "Usage: core show channels [concise|verbose|count]\n"
       "       Lists currently defined channels and some information about them. If\n"
       "       'concise' is specified, the format is abridged and in a more easily\n"
       "       machine parsable format. If 'verbose' is specified, the output includes\n"
       "       more and longer fields. If 'count' is specified only the channel and call\n"
       "       count is output.\n",
       [weak](const cli::Arguments& args, cli::ReplyPtr reply) {
         auto self = weak.lock();
         if (!self) {
           return;
         }
         const std::string mode = args.get("mode").value_or("");
         if (!mode.empty() && mode != "concise" && mode != "verbose" && mode != "count") {
           reply->write("Usage: core show channels [concise|verbose|count]\n");
           reply->finish(cli::Status::ShowUsage);
           return;
         }
         showChannels(*self, mode, *reply);
       }});
  out += commands.add({"core show channel <name>", "Display information on a specific channel",
                       "Usage: core show channel <channel>\n"
                       "       Shows lots of information about the specified channel.\n",
                       [weak](const cli::Arguments& args, cli::ReplyPtr reply) {
                         if (auto self = weak.lock()) {
                           showChannel(*self, *args.get("name"), *reply);
                         }
                       }});
  out += commands.add({"channel request hangup <name>", "Request a hangup on a given channel",
                       "Usage: channel request hangup <channel>|<all>\n"
                       "       Request that a channel be hung up. The hangup takes effect\n"
                       "       the next time the driver reads or writes from the channel.\n"
                       "       If 'all' is specified instead of a channel name, all channels\n"
                       "       will see the hangup request.\n",
                       [weak](const cli::Arguments& args, cli::ReplyPtr reply) {
                         auto self = weak.lock();
                         if (!self) {
                           return;
                         }
                         const std::string name = *args.get("name");
                         if (name == "all") {
                           for (const auto& c : self->channels()) {
                             reply->write(
                                 fmt::format("Requested Hangup on channel '{}'\n", c->name()));
                             c->softHangup(softhangup::kExplicit, cause::kNormalClearing);
                           }
                           return;
                         }
                         auto c = self->findChannel(name);
                         if (!c || c->name() != name) {
                           reply->write(fmt::format("{} is not a known channel\n", name));
                           return;
                         }
                         reply->write(fmt::format("Requested Hangup on channel '{}'\n", c->name()));
                         c->softHangup(softhangup::kExplicit, cause::kNormalClearing);
                       }});
  out += commands.add({"features show", "Lists configured features",
                       "Usage: features show\n"
                       "       Lists configured features\n",
                       [weak](const cli::Arguments&, cli::ReplyPtr reply) {
                         if (auto self = weak.lock()) {
                           reply->write(sb::pbx::formatFeaturesShow(self->features()));
                         }
                       }});
  out += commands.add({"dialplan show [<what>]", "Show dialplan",
                       "Usage: dialplan show [[exten@]context]\n"
                       "       Show dialplan\n",
                       [weak](const cli::Arguments& args, cli::ReplyPtr reply) {
                         auto self = weak.lock();
                         auto dialplan = self ? self->dialplan() : nullptr;
                         if (!dialplan) {
                           reply->write("There is no existence of any context\n");
                           return;
                         }
                         std::string what = args.get("what").value_or("");
                         std::string exten;
                         const auto at = what.find('@');
                         if (at != std::string::npos) {
                           exten = what.substr(0, at);
                           what = what.substr(at + 1);
                         }
                         reply->write(sb::pbx::showDialplan(*dialplan, what, exten));
                       }});
  out += commands.add(
      {"dialplan reload", "Reload extensions and *only* extensions",
       "Usage: dialplan reload\n"
       "       reload extensions.conf without reloading any other\n"
       "       modules.  This command does not delete global variables\n"
       "       unless clearglobalvars is set to yes in extensions.conf\n",
       [reload](const cli::Arguments&, cli::ReplyPtr reply) { reply->write(reload()); }});
  out +=
      commands.add({"core show applications", "Shows registered dialplan applications",
                    "Usage: core show applications\n"
                    "       List applications which are currently available.\n",
                    [weak](const cli::Arguments&, cli::ReplyPtr reply) {
                      auto self = weak.lock();
                      if (!self) {
                        return;
                      }
                      reply->write("    -= Registered Asterisk Applications =-\n");
                      for (const auto& [name, app] : self->applications()) {
                        reply->write(fmt::format("{:>20.20}: {:.100}\n", app.name, app.synopsis));
                      }
                      reply->write(fmt::format("    -= {} Applications Registered =-\n",
                                               self->applications().size()));
                    }});
  return out;
}

}  // namespace sb::modules::pbx
