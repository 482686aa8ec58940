#pragma once
/// @file
/// The rows of the channel console commands, laid out as Asterisk prints them: chan_pjsip's
/// `pjsip list|show channels` and `pjsip show channelstats` (channels/pjsip/cli_commands.c)
/// and chan_sip's `sip show channels|channel|channelstats` (channels/chan_sip.c). Pure text
/// from plain values, so the layouts are unit-tested without calls.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sb::modules::chan_pjsip {

/// "hh:mm:ss" (ast_format_duration_hh_mm_ss).
std::string durationHms(std::int64_t seconds);

/// What `pjsip list|show channels` prints of one channel.
struct PjsipChannelRow {
  std::string name;         ///< "PJSIP/alice-00000001"
  std::string application;  ///< running application, empty when none
  std::string state;        ///< "Up"
  std::int64_t ageSeconds = 0;
  std::string exten;
  std::string connectedName, connectedNumber;
};

/// The header rows (the Exten row too with `recurse`, as `show` prints it).
std::string pjsipChannelHeader(bool recurse);
/// "  Channel: <name>/<app> <state> <time>" (plus the Exten/CLCID row and a blank line with
/// `recurse`).
std::string pjsipChannelBody(const PjsipChannelRow& row, bool recurse);

/// RTP figures of one audio stream, as Asterisk's ast_rtp_instance_stats holds them. Figures
/// not measured yet (no RTCP report from the remote) are 0, as Asterisk reports them.
struct RtpFigures {
  std::uint64_t rxCount = 0, rxLost = 0;
  std::uint64_t txCount = 0, txLost = 0;
  double rxJitter = 0, txJitter = 0;  ///< seconds
  double rtt = 0;                     ///< seconds
};

/// What `pjsip show channelstats` prints of one channel.
struct PjsipStatsRow {
  std::string bridgeId;  ///< empty when not bridged
  std::string name;      ///< channel name without its "PJSIP/" prefix
  std::int64_t ageSeconds = 0;
  std::string codec;  ///< "ulaw"
  RtpFigures rtp;
};

/// The two title rows and the start of the rule (the rule itself follows, as in Asterisk).
std::string pjsipChannelstatsHeader();
std::string pjsipChannelstatsRow(const PjsipStatsRow& row);

/// What `sip show channels` prints of one dialog.
struct SipDialogRow {
  std::string peerAddress;  ///< remote address without port
  std::string user;         ///< endpoint, else caller number, else "(None)"
  std::string callId;
  std::string format;  ///< "(ulaw)", "(nothing)" without a channel
  bool onHold = false;
  std::string lastMessage;  ///< "Rx: ACK", "Tx: BYE", "Init: INVITE"
  std::string peer;         ///< endpoint name, "<guest>" when none
};

std::string sipChannelsHeader();
std::string sipChannelsRow(const SipDialogRow& row);
/// "N active SIP dialog(s)".
std::string sipChannelsFooter(std::size_t count);

/// What `sip show channelstats` prints of one dialog with media.
struct SipStatsRow {
  std::string peerAddress;
  std::string callId;
  std::string duration;  ///< "hh:mm:ss", empty without a channel
  RtpFigures rtp;
};

std::string sipChannelstatsHeader();
std::string sipChannelstatsRow(const SipStatsRow& row);
/// "N active SIP channel(s)".
std::string sipChannelstatsFooter(std::size_t count);

/// What `sip show channel <call-id>` prints of one dialog.
struct SipDialogDetail {
  bool outgoing = false;
  std::string callId;
  std::string owner;  ///< channel name, empty when none
  std::string ourCodecs, theirCodecs, jointCodecs, format;
  int nonCodecCapability = 0;  ///< 1 when RFC 4733 DTMF is on
  std::string theoreticalAddress, receivedAddress;
  std::string audioIp;
  std::string ourTag, theirTag;
  std::string userAgent;
  std::string username, peername, originalUri, callerId;
  std::string lastMessage;
  std::string dtmfMode;   ///< chan_sip's name: "rfc2833", "inband", "info", "auto"
  std::string transport;  ///< "UDP"
  bool hasMedia = false;
};

std::string sipChannelDetail(const SipDialogDetail& dialog);

}  // namespace sb::modules::chan_pjsip
