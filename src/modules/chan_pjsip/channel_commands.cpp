// The channel console commands: values gathered from the PBX channels and the sessions, then
// laid out by channel_cli_rows.cpp. The frame around the pjsip listings (blank line, header,
// rule, "Objects found: N") is res_pjsip's, as Asterisk's ast_sip_cli_traverse_objects prints
// it for every pjsip object kind.
#include "modules/chan_pjsip/channel_commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <regex>
#include <string>
#include <string_view>

#include "media/rtp/rtp_stream.hpp"
#include "modules/chan_pjsip/channel_cli_rows.hpp"
#include "modules/chan_pjsip/session.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "modules/res_pjsip/cli_format.hpp"
#include "sip/transport/socket_address.hpp"

namespace sb::modules::chan_pjsip {
namespace {

using ChannelPtr = std::shared_ptr<pbx::Channel>;
using res_pjsip::cliFooter;
using res_pjsip::cliHeader;

std::int64_t ageSeconds(const pbx::Channel& channel) {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                          channel.created())
      .count();
}

/// Channels chan_pjsip drives: PJSIP/ ones and the legacy SIP/ ones.
bool ours(const pbx::Channel& channel) {
  return channel.techName() == "PJSIP" || channel.techName() == "SIP";
}

/// The channels whose name or application matches an extended regular expression anywhere
/// (all without a pattern), sorted by name; nullopt when the pattern does not compile.
std::optional<std::vector<ChannelPtr>> pjsipChannels(const pbx::PbxService& pbx,
                                                     const std::optional<std::string>& pattern) {
  std::optional<std::regex> expression;
  if (pattern) {
    try {
      expression.emplace(*pattern, std::regex::extended);
    } catch (const std::regex_error&) {
      return std::nullopt;
    }
  }
  std::vector<ChannelPtr> out;
  for (auto& channel : pbx.channels()) {
    if (ours(*channel) && (!expression || std::regex_search(channel->name(), *expression) ||
                           std::regex_search(channel->appName, *expression))) {
      out.push_back(std::move(channel));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const ChannelPtr& a, const ChannelPtr& b) { return a->name() < b->name(); });
  return out;
}

PjsipChannelRow channelRow(const pbx::Channel& channel) {
  PjsipChannelRow row;
  row.name = channel.name();
  row.application = channel.appName;
  row.state = std::string(pbx::channelStateName(channel.state()));
  row.ageSeconds = ageSeconds(channel);
  row.exten = channel.exten;
  row.connectedName = channel.connected().name;
  row.connectedNumber = channel.connected().number;
  return row;
}

RtpFigures figures(const media::RtpStream& stream) {
  const auto stats = stream.stats();
  RtpFigures out;
  out.rxCount = stats.packetsReceived;
  out.txCount = stats.packetsSent;
  // Lost packets as counters: none when duplicates outnumber the gaps.
  out.rxLost = static_cast<std::uint64_t>(std::max<std::int64_t>(stats.packetsLost, 0));
  out.txLost = static_cast<std::uint64_t>(std::max<std::int64_t>(stats.remoteLost, 0));
  // Asterisk's statistics name the jitter the other way round (res_rtp_asterisk fills txjitter
  // with the jitter it measures on what it receives, rxjitter with the one the remote reports),
  // and both of its channelstats commands print them so: the Receive column shows the remote's
  // figure, the Transmit column ours.
  out.rxJitter = stats.remoteJitter;
  out.txJitter = stats.jitter;
  // The mean of the round trips measured, as Asterisk's "normdevrtt"; seconds.
  out.rtt = stats.rttMean;
  return out;
}

/// One `pjsip show channelstats` row, or Asterisk's note for a channel without RTP.
std::string channelstatsLine(const pbx::Channel& channel) {
  const auto media = channel.media();
  if (!media.stream) {
    return fmt::format(" {} not valid\n", channel.name());
  }
  PjsipStatsRow row;
  row.bridgeId = channel.bridgeId;
  // Asterisk drops "PJSIP/" to make room; SIP/ channels lose their prefix the same way.
  row.name = channel.name().substr(channel.techName().size() + 1);
  row.ageSeconds = ageSeconds(channel);
  row.codec = media.codec;
  row.rtp = figures(*media.stream);
  return pjsipChannelstatsRow(row);
}

std::string callIdOf(const Session& session) {
  return session.info("call-id").value_or("");
}

/// chan_sip's "Format" of a dialog: the owner channel's formats, "(nothing)" without one.
std::string formatOf(const Session& session) {
  const auto media = session.sessionMedia().channelMedia();
  if (!session.channel() || media.codec.empty()) {
    return "(nothing)";
  }
  return "(" + media.codec + ")";
}

std::string peerAddressOf(const Session& session) {
  return session.flow().flow.remote.address.to_string();
}

SipDialogRow dialogRow(const Session& session) {
  auto channel = session.channel();
  SipDialogRow row;
  row.peerAddress = peerAddressOf(session);
  row.user = session.endpointName();
  if (row.user.empty()) {
    row.user = channel && !channel->caller().number.empty() ? channel->caller().number : "(None)";
  }
  row.callId = callIdOf(session);
  row.format = formatOf(session);
  row.onHold = session.sessionMedia().peerOnHold();
  row.lastMessage = session.lastMessage();
  row.peer = session.endpointName().empty() ? "<guest>" : session.endpointName();
  return row;
}

/// chan_sip's dtmfmode2str for the endpoint's dtmf_mode.
std::string chanSipDtmfMode(const std::string& mode) {
  if (mode == "rfc4733") {
    return "rfc2833";
  }
  if (mode == "auto_info") {
    return "auto";
  }
  return mode;
}

SipDialogDetail dialogDetail(const Session& session) {
  auto channel = session.channel();
  const auto media = session.sessionMedia().channelMedia();
  const auto& flow = session.flow();
  SipDialogDetail d;
  d.outgoing = session.outgoing();
  d.callId = callIdOf(session);
  d.owner = channel ? channel->name() : "";
  d.ourCodecs = session.sessionMedia().codecCapability();
  // Only the negotiated codec is kept of the peer's offer: it stands for their capability.
  d.jointCodecs = media.codec.empty() ? "(nothing)" : "(" + media.codec + ")";
  d.theirCodecs = d.jointCodecs;
  d.format = formatOf(session);
  d.nonCodecCapability = session.sessionMedia().telephoneEvents() ? 1 : 0;
  d.theoreticalAddress = flow.flow.remote.str();
  d.receivedAddress = flow.flow.remote.str();
  d.audioIp =
      media.stream ? media.stream->localAddress().to_string() : flow.local.address.to_string();
  d.ourTag = session.info("local_tag").value_or("");
  d.theirTag = session.info("remote_tag").value_or("");
  d.userAgent = session.info("useragent").value_or("");
  d.username = session.endpointName();
  d.peername = session.endpointName();
  d.originalUri = session.info("request_uri").value_or("");
  d.callerId = channel ? channel->caller().number : "";
  d.lastMessage = session.lastMessage();
  d.dtmfMode = chanSipDtmfMode(session.endpoint().dtmfMode);
  d.transport = std::string(sip::transportName(flow.flow.kind));
  d.hasMedia = media.stream != nullptr;
  return d;
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

// --- pjsip ---------------------------------------------------------------------------------

void addPjsipListings(Registrations& out, cli::CommandRegistry& commands,
                      std::weak_ptr<pbx::PbxService> weak) {
  for (const std::string verb : {"list", "show"}) {
    const bool recurse = verb == "show";
    out += commands.add(
        {fmt::format("pjsip {} channels [like <pattern>]", verb),
         fmt::format("{} PJSIP Channels", recurse ? "Show" : "List"),
         fmt::format("Usage: pjsip {} channels [ like <pattern> ]\n"
                     "       {} the active PJSIP channels\n"
                     "       Optional regular expression pattern is used to filter the list.\n",
                     verb, recurse ? "List(detailed)" : "List"),
         [weak, recurse](const cli::Arguments& args, cli::ReplyPtr reply) {
           auto pbx = weak.lock();
           if (!pbx) {
             return;
           }
           const auto channels = pjsipChannels(*pbx, args.get("pattern"));
           if (!channels) {
             reply->write("No container returned for object type channel.\n");
             reply->finish(cli::Status::Failure);
             return;
           }
           if (channels->empty()) {
             reply->write(cliFooter(0) + "\n");
             return;
           }
           std::string text = cliHeader(pjsipChannelHeader(recurse));
           for (const auto& channel : *channels) {
             text += pjsipChannelBody(channelRow(*channel), recurse);
           }
           reply->write(text + cliFooter(channels->size()) + "\n");
         }});
  }
}

std::vector<std::string> pjsipChannelNames(const std::weak_ptr<pbx::PbxService>& weak) {
  std::vector<std::string> names;
  if (auto pbx = weak.lock()) {
    const auto channels = pjsipChannels(*pbx, std::nullopt);
    for (const auto& channel : *channels) {
      names.push_back(channel->name());
    }
  }
  return names;
}

void addPjsipDetail(Registrations& out, cli::CommandRegistry& commands,
                    std::weak_ptr<pbx::PbxService> weak) {
  out +=
      commands.add({"pjsip show channel <name>",
                    "Show PJSIP Channel",
                    "Usage: pjsip show channel\n"
                    "       List(detailed) the active PJSIP channel\n",
                    [weak](const cli::Arguments& args, cli::ReplyPtr reply) {
                      auto pbx = weak.lock();
                      if (!pbx) {
                        return;
                      }
                      const auto name = *args.get("name");
                      auto channel = pbx->findChannel(name);
                      if (!channel || channel->name() != name || !ours(*channel)) {
                        reply->write(fmt::format("Unable to find object {}.\n\n", name));
                        reply->finish(cli::Status::Failure);
                        return;
                      }
                      reply->write(cliHeader(pjsipChannelHeader(true)) +
                                   pjsipChannelBody(channelRow(*channel), true) + "\n");
                    },
                    {{"name", [weak](const cli::Arguments&) { return pjsipChannelNames(weak); }}}});
  out += commands.add({"pjsip show channelstats [like <pattern>]", "Show PJSIP Channel Stats",
                       "Usage: pjsip show channelstats [ like <pattern> ]\n"
                       "       List(detailed) the active PJSIP channel stats\n"
                       "       Optional regular expression pattern is used to filter the list.\n",
                       [weak](const cli::Arguments& args, cli::ReplyPtr reply) {
                         auto pbx = weak.lock();
                         if (!pbx) {
                           return;
                         }
                         auto channels = pjsipChannels(*pbx, args.get("pattern"));
                         if (!channels) {
                           reply->write("No container returned for object type channelstat.\n");
                           reply->finish(cli::Status::Failure);
                           return;
                         }
                         if (channels->empty()) {
                           reply->write(cliFooter(0) + "\n");
                           return;
                         }
                         // Asterisk sorts the statistics by bridge, then by name: bridged legs sit
                         // together.
                         std::stable_sort(channels->begin(), channels->end(),
                                          [](const ChannelPtr& a, const ChannelPtr& b) {
                                            return a->bridgeId < b->bridgeId;
                                          });
                         std::string text = cliHeader(pjsipChannelstatsHeader());
                         for (const auto& channel : *channels) {
                           text += channelstatsLine(*channel);
                         }
                         reply->write(text + cliFooter(channels->size()) + "\n");
                       }});
}

// --- sip (chan_sip) ------------------------------------------------------------------------

void addSipCommands(Registrations& out, cli::CommandRegistry& commands,
                    const SessionLister& sessions) {
  out += commands.add({"sip show channels", "List active SIP channels or subscriptions",
                       "Usage: sip show channels\n"
                       "       Lists all currently active SIP calls (dialogs).\n",
                       [sessions](const cli::Arguments&, cli::ReplyPtr reply) {
                         const auto all = sessions();
                         std::string text = sipChannelsHeader();
                         for (const auto& session : all) {
                           text += sipChannelsRow(dialogRow(*session));
                         }
                         reply->write(text + sipChannelsFooter(all.size()));
                       }});
  out += commands.add(
      {"sip show channel <callid>",
       "Show detailed SIP channel info",
       "Usage: sip show channel <call-id>\n"
       "       Provides detailed status on a given SIP dialog (identified by SIP call-id).\n",
       [sessions](const cli::Arguments& args, cli::ReplyPtr reply) {
         const auto prefix = *args.get("callid");
         std::string text;
         for (const auto& session : sessions()) {
           if (startsWithNoCase(callIdOf(*session), prefix)) {
             text += sipChannelDetail(dialogDetail(*session));
           }
         }
         if (text.empty()) {
           text = fmt::format("No such SIP Call ID starting with '{}'\n", prefix);
         }
         reply->write(text);
       },
       {{"callid", [sessions](const cli::Arguments&) {
           std::vector<std::string> ids;
           for (const auto& session : sessions()) {
             ids.push_back(callIdOf(*session));
           }
           return ids;
         }}}});
  out += commands.add(
      {"sip show channelstats", "List statistics for active SIP channels",
       "Usage: sip show channelstats\n"
       "       Lists all currently active SIP channel's RTCP statistics.\n"
       "       Note that calls in the much optimized RTP P2P bridge mode will not show any "
       "packets here.",
       [sessions](const cli::Arguments&, cli::ReplyPtr reply) {
         std::string text = sipChannelstatsHeader();
         std::size_t count = 0;
         for (const auto& session : sessions()) {
           const auto media = session->sessionMedia().channelMedia();
           if (!media.stream) {
             continue;  // chan_sip skips dialogs without RTP
           }
           auto channel = session->channel();
           SipStatsRow row;
           row.peerAddress = peerAddressOf(*session);
           row.callId = callIdOf(*session);
           row.duration = channel ? durationHms(ageSeconds(*channel)) : "";
           row.rtp = figures(*media.stream);
           text += sipChannelstatsRow(row);
           ++count;
         }
         reply->write(text + sipChannelstatsFooter(count));
       }});
}

}  // namespace

void addChannelCommands(Registrations& out, cli::CommandRegistry& commands,
                        const std::shared_ptr<pbx::PbxService>& pbx, SessionLister sessions) {
  std::weak_ptr<pbx::PbxService> weak = pbx;
  addPjsipListings(out, commands, weak);
  addPjsipDetail(out, commands, weak);
  addSipCommands(out, commands, sessions);
}

}  // namespace sb::modules::chan_pjsip
