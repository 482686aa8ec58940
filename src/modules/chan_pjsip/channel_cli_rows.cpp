#include "modules/chan_pjsip/channel_cli_rows.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "modules/res_pjsip/cli_format.hpp"

namespace sb::modules::chan_pjsip {
namespace {

using res_pjsip::indentWidth;

constexpr int kLastTabstop = 62;  // Asterisk's CLI_LAST_TABSTOP

/// printf's "%-W.Ws": cut to `width` and padded to it.
std::string cut(std::string_view text, std::size_t width) {
  std::string out(text.substr(0, width));
  out.append(width - out.size(), ' ');
  return out;
}

/// "%*.*s" of CLI_HEADER_FILLER: `count` dots.
std::string dots(int count) {
  return std::string(static_cast<std::size_t>(std::clamp(count, 0, 90)), '.');
}

/// Asterisk's "%6u%s" pair of the channelstats rows: counts above 100000 in thousands + "K".
std::string countK(std::uint64_t count) {
  return count > 100000 ? fmt::format("{:6}K", count / 1000) : fmt::format("{:6} ", count);
}

std::string_view yesNo(bool value) {
  return value ? "Yes" : "No";
}

std::string_view ess(std::size_t n) {
  return n == 1 ? "" : "s";
}

}  // namespace

std::string durationHms(std::int64_t seconds) {
  seconds = std::max<std::int64_t>(seconds, 0);
  return fmt::format("{:02}:{:02}:{:02}", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
}

std::string pjsipChannelHeader(bool recurse) {
  std::string out = fmt::format("{:>{}}:  <ChannelId{}>  <State.....>  <Time.....>\n", "Channel",
                                indentWidth(0), dots(kLastTabstop - indentWidth(0) - 13));
  if (recurse) {
    out += fmt::format("{:>{}}: <DialedExten{}>  CLCID: <ConnectedLineCID.......>\n", "Exten",
                       indentWidth(1), dots(kLastTabstop - indentWidth(1) - 38));
  }
  return out;
}

std::string pjsipChannelBody(const PjsipChannelRow& row, bool recurse) {
  const auto flex = static_cast<std::size_t>(kLastTabstop - indentWidth(0));
  std::string out = fmt::format("{:>{}}: {} {}  {}\n", "Channel", indentWidth(0),
                                cut(row.name + "/" + row.application, flex), cut(row.state, 12),
                                cut(durationHms(row.ageSeconds), 11));
  if (recurse) {
    const auto width = static_cast<std::size_t>(kLastTabstop - indentWidth(1) - 25);
    out += fmt::format("{:>{}}: {}  CLCID: \"{}\" <{}>\n\n", "Exten", indentWidth(1),
                       cut(row.exten, width), row.connectedName, row.connectedNumber);
  }
  return out;
}

std::string pjsipChannelstatsHeader() {
  return "                                             ...........Receive......... "
         ".........Transmit..........\n"
         " BridgeId ChannelId ........ UpTime.. Codec.   Count    Lost Pct  Jitter   Count    "
         "Lost Pct  Jitter RTT....\n"
         " =================";
}

std::string pjsipChannelstatsRow(const PjsipStatsRow& row) {
  const auto& rtp = row.rtp;
  const auto pct = [](std::uint64_t lost, std::uint64_t count) {
    return count ? lost * 100 / count : 0;
  };
  return fmt::format(
      " {:>8} {} {} {} {} {} {:3} {:7.3f} {} {} {:3} {:7.3f} {:7.3f}\n", row.bridgeId.substr(0, 8),
      cut(row.name, 18), cut(durationHms(row.ageSeconds), 8), cut(row.codec, 6),
      countK(rtp.rxCount), countK(rtp.rxLost), pct(rtp.rxLost, rtp.rxCount),
      std::min(rtp.rxJitter, 999.999), countK(rtp.txCount), countK(rtp.txLost),
      pct(rtp.txLost, rtp.txCount), std::min(rtp.txJitter, 999.999), std::min(rtp.rtt, 999.999));
}

// chan_sip's FORMAT2/FORMAT of sip show channels:
// "%-15.15s  %-15.15s  %-15.15s  %-15.15s  %-7.7s  %-15.15s %-10.10s %-10.10s\n"
// "%-15.15s  %-15.15s  %-15.15s  %-15.15s  %-3.3s %-3.3s  %-15.15s %-10.10s %-10.10s\n"
std::string sipChannelsHeader() {
  return fmt::format("{}  {}  {}  {}  {}  {} {} {}\n", cut("Peer", 15), cut("User/ANR", 15),
                     cut("Call ID", 15), cut("Format", 15), cut("Hold", 7), cut("Last Message", 15),
                     cut("Expiry", 10), cut("Peer", 10));
}

std::string sipChannelsRow(const SipDialogRow& row) {
  // The "(d)" column (needdestroy) is always empty: a session leaves the table as it ends.
  // The Expiry column carries the transfer status, empty without a REFER.
  return fmt::format("{}  {}  {}  {}  {} {}  {} {} {}\n", cut(row.peerAddress, 15),
                     cut(row.user, 15), cut(row.callId, 15), cut(row.format, 15),
                     cut(yesNo(row.onHold), 3), cut("", 3), cut(row.lastMessage, 15), cut("", 10),
                     cut(row.peer, 10));
}

std::string sipChannelsFooter(std::size_t count) {
  return fmt::format("{} active SIP dialog{}\n", count, ess(count));
}

// chan_sip's show_chanstats_cb FORMAT2/FORMAT:
// "%-15.15s  %-11.11s  %-8.8s %-10.10s  %-10.10s (     %%) %-6.6s %-10.10s  %-10.10s (     %%)
//  %-6.6s\n"
// "%-15.15s  %-11.11s  %-8.8s %-10.10u%-1.1s %-10.10u (%5.2f%%) %-6.4lf %-10.10u%-1.1s
//  %-10.10u (%5.2f%%) %-6.4lf\n"
std::string sipChannelstatsHeader() {
  return fmt::format("{}  {}  {} {}  {} (     %) {} {}  {} (     %) {}\n", cut("Peer", 15),
                     cut("Call ID", 11), cut("Duration", 8), cut("Recv: Pack", 10), cut("Lost", 10),
                     cut("Jitter", 6), cut("Send: Pack", 10), cut("Lost", 10), cut("Jitter", 6));
}

std::string sipChannelstatsRow(const SipStatsRow& row) {
  const auto& rtp = row.rtp;
  // "%-10.10u": the precision of an integer conversion is its minimum number of digits, so
  // chan_sip printed the counters zero-padded to ten digits.
  const auto digits = [](std::uint64_t value) {
    return fmt::format("{:<10}", fmt::format("{:010}", value));
  };
  const bool rxK = rtp.rxCount > 100000;
  const bool txK = rtp.txCount > 100000;
  const double rxPct =
      rtp.rxCount + rtp.rxLost > 0
          ? static_cast<double>(rtp.rxLost) / static_cast<double>(rtp.rxCount + rtp.rxLost) * 100
          : 0;
  const double txPct =
      rtp.txCount > 0 ? static_cast<double>(rtp.txLost) / static_cast<double>(rtp.txCount) * 100
                      : 0;
  return fmt::format("{}  {}  {} {}{} {} ({:5.2f}%) {:<6.4f} {}{} {} ({:5.2f}%) {:<6.4f}\n",
                     cut(row.peerAddress, 15), cut(row.callId, 11), cut(row.duration, 8),
                     digits(rxK ? rtp.rxCount / 1000 : rtp.rxCount), rxK ? "K" : " ",
                     digits(rtp.rxLost), rxPct, rtp.rxJitter,
                     digits(txK ? rtp.txCount / 1000 : rtp.txCount), txK ? "K" : " ",
                     digits(rtp.txLost), txPct, rtp.txJitter);
}

std::string sipChannelstatsFooter(std::size_t count) {
  return fmt::format("{} active SIP channel{}\n", count, ess(count));
}

std::string sipChannelDetail(const SipDialogDetail& d) {
  std::string out = "\n  * SIP Call\n";
  const auto line = [&out](std::string_view label, std::string_view value) {
    out += fmt::format("  {}{}\n", label, value);
  };
  line("Curr. trans. direction:  ", d.outgoing ? "Outgoing" : "Incoming");
  line("Call-ID:                ", d.callId);
  line("Owner channel ID:       ", d.owner.empty() ? "<none>" : d.owner);
  line("Our Codec Capability:   ", d.ourCodecs);
  line("Non-Codec Capability (DTMF):   ", std::to_string(d.nonCodecCapability));
  line("Their Codec Capability:   ", d.theirCodecs);
  line("Joint Codec Capability:   ", d.jointCodecs);
  line("Format:                 ", d.format);
  line("T.38 support            ", "No");
  line("Video support           ", "No");
  line("MaxCallBR:              ", "384 kbps");
  line("Theoretical Address:    ", d.theoreticalAddress);
  line("Received Address:       ", d.receivedAddress);
  line("SIP Transfer mode:      ", "open");
  line("Force rport:            ", "Yes");
  line("Audio IP:               ", d.audioIp + " (local)");
  line("Our Tag:                ", d.ourTag);
  line("Their Tag:              ", d.theirTag);
  line("SIP User agent:         ", d.userAgent);
  if (!d.username.empty()) {
    line("Username:               ", d.username);
  }
  if (!d.peername.empty()) {
    line("Peername:               ", d.peername);
  }
  if (!d.originalUri.empty()) {
    line("Original uri:           ", d.originalUri);
  }
  if (!d.callerId.empty()) {
    line("Caller-ID:              ", d.callerId);
  }
  line("Need Destroy:           ", "No");
  line("Last Message:           ", d.lastMessage);
  line("Promiscuous Redir:      ", "No");
  line("DTMF Mode:              ", d.dtmfMode);
  line("SIP Options:            ", "(none)");
  line("Session-Timer:          ", "Inactive");
  line("Transport:              ", d.transport);
  line("Media:                  ", d.hasMedia ? "RTP" : "None");
  out += "\n\n";
  return out;
}

}  // namespace sb::modules::chan_pjsip
