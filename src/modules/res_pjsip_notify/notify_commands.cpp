// `pjsip send notify <type> endpoint|uri|channel <target>...` (res_pjsip_notify.c's cli_notify).
#include <fmt/format.h>

#include "core/log/logger.hpp"
#include "modules/res_pjsip_notify/notify_tools.hpp"

namespace sb::modules::res_pjsip_notify {

namespace {

constexpr std::string_view kUsage =
    "Usage: pjsip send notify <type> {endpoint|uri|channel} <peer> [<peer>...]\n"
    "       Send a NOTIFY request to an endpoint\n"
    "       Message types are defined in pjsip_notify.conf\n";

enum class Target { Endpoint, Uri, Channel };

void sendNotify(NotifyTools& tools, const cli::Arguments& args, cli::ReplyPtr reply,
                Target target) {
  const std::string type = *args.get("type");
  const auto peers = args.list("peers");
  tools.readOptions([tools, reply, type, peers, target](NotifyOptions options) {
    const auto* option = options.find(type);
    if (!option) {
      reply->write(fmt::format("Unable to find notify type '{}'\n", type));
      reply->finish(cli::Status::Failure);
      return;
    }
    const auto content = buildNotifyContent(option->items);
    for (const auto& warning : content.warnings) {
      SB_WARNING("{}", warning);
    }
    for (const auto& peer : peers) {
      reply->write(fmt::format("Sending NOTIFY of type '{}' to '{}'\n", type, peer));
      if (target == Target::Uri) {
        tools.sender->toUri(peer, content);
      } else if (target == Target::Channel) {
        if (!tools.toChannel || !tools.toChannel(peer, content)) {
          reply->write(fmt::format("Unable to find channel {}\n", peer));
        }
      } else if (!tools.sender->toEndpoint(peer, content)) {
        reply->write(fmt::format("Unable to retrieve endpoint {}\n", peer));
      }
    }
    reply->finish(cli::Status::Success);
  });
}

}  // namespace

Registrations addNotifyCommands(cli::CommandRegistry& commands, NotifyTools tools) {
  Registrations out;
  const store::ObjectStore* store = tools.store;
  auto endpointIds = [store](const cli::Arguments&) {
    std::vector<std::string> ids;
    for (const auto& [id, object] : store->current()->all("endpoint")) {
      ids.push_back(id);
    }
    return ids;
  };
  out += commands.add({"pjsip send notify <type> endpoint <peers>...",
                       "Send a NOTIFY request to a SIP endpoint",
                       std::string(kUsage),
                       [tools](const cli::Arguments& args, cli::ReplyPtr reply) mutable {
                         sendNotify(tools, args, std::move(reply), Target::Endpoint);
                       },
                       {{"peers", endpointIds}}});
  out += commands.add({"pjsip send notify <type> uri <peers>...",
                       "Send a NOTIFY request to a SIP URI", std::string(kUsage),
                       [tools](const cli::Arguments& args, cli::ReplyPtr reply) mutable {
                         sendNotify(tools, args, std::move(reply), Target::Uri);
                       }});
  out += commands.add({"pjsip send notify <type> channel <peers>...",
                       "Send a NOTIFY request inside a PJSIP channel's dialog", std::string(kUsage),
                       [tools](const cli::Arguments& args, cli::ReplyPtr reply) mutable {
                         sendNotify(tools, args, std::move(reply), Target::Channel);
                       }});
  return out;
}

}  // namespace sb::modules::res_pjsip_notify
