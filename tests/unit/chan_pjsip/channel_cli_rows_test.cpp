// The channel console rows against Asterisk's printf formats (channels/pjsip/cli_commands.c,
// channels/chan_sip.c), expected texts written out literally.
#include "modules/chan_pjsip/channel_cli_rows.hpp"

#include <gtest/gtest.h>

namespace sb::modules::chan_pjsip {
namespace {

TEST(ChannelCliRows, DurationIsHoursMinutesSeconds) {
  EXPECT_EQ(durationHms(0), "00:00:00");
  EXPECT_EQ(durationHms(65), "00:01:05");
  EXPECT_EQ(durationHms(3600 * 27 + 61), "27:01:01");
  EXPECT_EQ(durationHms(-3), "00:00:00");
}

TEST(ChannelCliRows, PjsipChannelHeader) {
  EXPECT_EQ(pjsipChannelHeader(false),
            "  Channel:  <ChannelId........................................>  <State.....>  "
            "<Time.....>\n");
  EXPECT_EQ(pjsipChannelHeader(true),
            "  Channel:  <ChannelId........................................>  <State.....>  "
            "<Time.....>\n"
            "      Exten: <DialedExten.............>  CLCID: <ConnectedLineCID.......>\n");
}

TEST(ChannelCliRows, PjsipChannelBody) {
  PjsipChannelRow row{"PJSIP/alice-00000001", "Dial", "Up", 65, "200", "Bob", "200"};
  EXPECT_EQ(pjsipChannelBody(row, true),
            "  Channel: PJSIP/alice-00000001/Dial                             Up            "
            "00:01:05   \n"
            "      Exten: 200                         CLCID: \"Bob\" <200>\n\n");
  PjsipChannelRow bare{"PJSIP/bob-00000002", "", "Ring", 3600, "", "", ""};
  EXPECT_EQ(pjsipChannelBody(bare, false),
            "  Channel: PJSIP/bob-00000002/                                   Ring          "
            "01:00:00   \n");
}

TEST(ChannelCliRows, PjsipChannelstats) {
  EXPECT_EQ(pjsipChannelstatsHeader(),
            "                                             ...........Receive......... "
            ".........Transmit..........\n"
            " BridgeId ChannelId ........ UpTime.. Codec.   Count    Lost Pct  Jitter   Count    "
            "Lost Pct  Jitter RTT....\n"
            " =================");
  PjsipStatsRow row;
  row.bridgeId = "1b2c3d4e-aaaa";
  row.name = "alice-00000001";
  row.ageSeconds = 7;
  row.codec = "ulaw";
  row.rtp.rxCount = 350;
  row.rtp.txCount = 349;
  EXPECT_EQ(pjsipChannelstatsRow(row),
            " 1b2c3d4e alice-00000001     00:00:07 ulaw      350       0    0   0.000    349     "
            "  0    0   0.000   0.000\n");
  PjsipStatsRow big;
  big.name = "bob-00000002";
  big.codec = "alaw";
  big.rtp.rxCount = 250000;  // above 100000: shown in thousands with a K
  EXPECT_EQ(pjsipChannelstatsRow(big),
            "          bob-00000002       00:00:00 alaw      250K      0    0   0.000      0     "
            "  0    0   0.000   0.000\n");
}

TEST(ChannelCliRows, PjsipChannelstatsWithLossJitterAndRoundTrip) {
  PjsipStatsRow row;
  row.bridgeId = "1b2c3d4e";
  row.name = "alice-00000001";
  row.ageSeconds = 65;
  row.codec = "ulaw";
  row.rtp.rxCount = 100;
  row.rtp.rxLost = 10;
  row.rtp.rxJitter = 0.03;
  row.rtp.txCount = 400;
  row.rtp.txLost = 7;
  row.rtp.txJitter = 0.0204;
  row.rtp.rtt = 0.2;
  // Asterisk's "%3u" percentage is lost * 100 / count in integers; jitter and RTT in seconds.
  EXPECT_EQ(pjsipChannelstatsRow(row),
            " 1b2c3d4e alice-00000001     00:01:05 ulaw      100      10   10   0.030    400     "
            "  7    1   0.020   0.200\n");
  PjsipStatsRow extreme;
  extreme.name = "bob-00000002";
  extreme.rtp.rxCount = 300000;
  extreme.rtp.rxLost = 150000;  // counts past 100000 in thousands, the rest capped at 999.999
  extreme.rtp.rxJitter = 1234.5;
  extreme.rtp.rtt = 1000;
  EXPECT_EQ(pjsipChannelstatsRow(extreme),
            "          bob-00000002       00:00:00           300K    150K  50 999.999      0     "
            "  0    0   0.000 999.999\n");
}

TEST(ChannelCliRows, SipShowChannels) {
  EXPECT_EQ(sipChannelsHeader(),
            "Peer             User/ANR         Call ID          Format           Hold     "
            "Last Message    Expiry     Peer      \n");
  SipDialogRow row;
  row.peerAddress = "127.0.0.1";
  row.user = row.peer = "alice";
  row.callId = "a84b4c76e66710b2c3d4";
  row.format = "(ulaw)";
  row.lastMessage = "Rx: ACK";
  EXPECT_EQ(sipChannelsRow(row),
            "127.0.0.1        alice            a84b4c76e66710b  (ulaw)           No       "
            "Rx: ACK                    alice     \n");
  EXPECT_EQ(sipChannelsFooter(0), "0 active SIP dialogs\n");
  EXPECT_EQ(sipChannelsFooter(1), "1 active SIP dialog\n");
  EXPECT_EQ(sipChannelsFooter(2), "2 active SIP dialogs\n");
}

TEST(ChannelCliRows, SipShowChannelstats) {
  EXPECT_EQ(sipChannelstatsHeader(),
            "Peer             Call ID      Duration Recv: Pack  Lost       (     %) Jitter "
            "Send: Pack  Lost       (     %) Jitter\n");
  SipStatsRow row;
  row.peerAddress = "127.0.0.1";
  row.callId = "a84b4c76e66710b2";
  row.duration = "00:00:07";
  row.rtp.rxCount = 350;
  row.rtp.txCount = 349;
  // "%-10.10u" zero-pads the counters to ten digits, as chan_sip printed them.
  EXPECT_EQ(sipChannelstatsRow(row),
            "127.0.0.1        a84b4c76e66  00:00:07 0000000350  0000000000 ( 0.00%) 0.0000 "
            "0000000349  0000000000 ( 0.00%) 0.0000\n");
  SipStatsRow noOwner;
  noOwner.peerAddress = "10.0.0.2";
  noOwner.callId = "x";
  noOwner.rtp.rxCount = 250;
  noOwner.rtp.txCount = 200000;
  EXPECT_EQ(sipChannelstatsRow(noOwner),
            "10.0.0.2         x                     0000000250  0000000000 ( 0.00%) 0.0000 "
            "0000000200K 0000000000 ( 0.00%) 0.0000\n");
  EXPECT_EQ(sipChannelstatsFooter(1), "1 active SIP channel\n");
  EXPECT_EQ(sipChannelstatsFooter(3), "3 active SIP channels\n");
}

TEST(ChannelCliRows, SipShowChannelstatsWithLossAndJitter) {
  SipStatsRow row;
  row.peerAddress = "127.0.0.1";
  row.callId = "a84b4c76e66710b2";
  row.duration = "00:00:07";
  row.rtp.rxCount = 90;
  row.rtp.rxLost = 10;
  row.rtp.rxJitter = 0.03;
  row.rtp.txCount = 400;
  row.rtp.txLost = 7;
  row.rtp.txJitter = 0.02045;
  // Received loss over received + lost, sent loss over sent; jitter in seconds, "%-6.4lf".
  EXPECT_EQ(sipChannelstatsRow(row),
            "127.0.0.1        a84b4c76e66  00:00:07 0000000090  0000000010 (10.00%) 0.0300 "
            "0000000400  0000000007 ( 1.75%) 0.0204\n");
}

TEST(ChannelCliRows, SipShowChannelDetail) {
  SipDialogDetail d;
  d.outgoing = true;
  d.callId = "abc";
  d.ourCodecs = "(ulaw|alaw)";
  d.theirCodecs = d.jointCodecs = d.format = "(ulaw)";
  d.nonCodecCapability = 1;
  d.theoreticalAddress = d.receivedAddress = "127.0.0.1:5070";
  d.audioIp = "127.0.0.1";
  d.ourTag = "ours";
  d.theirTag = "theirs";
  d.username = d.peername = "bob";
  d.lastMessage = "Tx: ACK";
  d.dtmfMode = "rfc2833";
  d.transport = "UDP";
  d.hasMedia = true;
  EXPECT_EQ(sipChannelDetail(d),
            "\n"
            "  * SIP Call\n"
            "  Curr. trans. direction:  Outgoing\n"
            "  Call-ID:                abc\n"
            "  Owner channel ID:       <none>\n"
            "  Our Codec Capability:   (ulaw|alaw)\n"
            "  Non-Codec Capability (DTMF):   1\n"
            "  Their Codec Capability:   (ulaw)\n"
            "  Joint Codec Capability:   (ulaw)\n"
            "  Format:                 (ulaw)\n"
            "  T.38 support            No\n"
            "  Video support           No\n"
            "  MaxCallBR:              384 kbps\n"
            "  Theoretical Address:    127.0.0.1:5070\n"
            "  Received Address:       127.0.0.1:5070\n"
            "  SIP Transfer mode:      open\n"
            "  Force rport:            Yes\n"
            "  Audio IP:               127.0.0.1 (local)\n"
            "  Our Tag:                ours\n"
            "  Their Tag:              theirs\n"
            "  SIP User agent:         \n"
            "  Username:               bob\n"
            "  Peername:               bob\n"
            "  Need Destroy:           No\n"
            "  Last Message:           Tx: ACK\n"
            "  Promiscuous Redir:      No\n"
            "  DTMF Mode:              rfc2833\n"
            "  SIP Options:            (none)\n"
            "  Session-Timer:          Inactive\n"
            "  Transport:              UDP\n"
            "  Media:                  RTP\n"
            "\n\n");
}

}  // namespace
}  // namespace sb::modules::chan_pjsip
