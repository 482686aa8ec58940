#include <chrono>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "media/rtp/rtcp_report.hpp"
#include "media/rtp/rtp_packet.hpp"
#include "rtcp_test_support.hpp"

namespace sb::media {
namespace {

using namespace std::chrono_literals;
using namespace sb::media::testing;
using Clock = RtcpFeedback::Clock;

std::vector<RtcpReport> readAll(const Bytes& data, bool* malformed = nullptr) {
  RtcpReader reader(data);
  std::vector<RtcpReport> reports;
  while (auto report = reader.next()) {
    reports.push_back(*report);
  }
  if (malformed != nullptr) {
    *malformed = reader.malformed();
  }
  return reports;
}

TEST(RtcpReader, ReadsASenderReportWithItsBlocksAndSkipsSdes) {
  const Bytes data =
      compound({senderReport(0xAABBCCDD, 0x0102030405060708ULL, 123456,
                             {reportBlock(0x1111, 25, 7, 0x10020, 240, 0x11223344, 0x8000),
                              reportBlock(0x2222, 0, -1, 5, 0)}),
                sdesCname(0xAABBCCDD, "alice@host")});
  bool malformed = true;
  const auto reports = readAll(data, &malformed);
  EXPECT_FALSE(malformed);
  ASSERT_EQ(reports.size(), 1u);
  const RtcpReport& sr = reports[0];
  EXPECT_TRUE(sr.senderReport);
  EXPECT_EQ(sr.ssrc, 0xAABBCCDDu);
  EXPECT_EQ(sr.sender.ntpTimestamp, 0x0102030405060708ULL);
  EXPECT_EQ(sr.sender.ntpMiddle(), 0x03040506u);
  EXPECT_EQ(sr.sender.rtpTimestamp, 123456u);
  EXPECT_EQ(sr.sender.packetCount, 100u);
  EXPECT_EQ(sr.sender.octetCount, 16000u);
  ASSERT_EQ(sr.blockCount(), 2u);
  const RtcpReportBlock first = sr.block(0);
  EXPECT_EQ(first.ssrc, 0x1111u);
  EXPECT_EQ(first.fractionLost, 25);
  EXPECT_EQ(first.cumulativeLost, 7);
  EXPECT_EQ(first.extendedHighestSequence, 0x10020u);
  EXPECT_EQ(first.jitter, 240u);
  EXPECT_EQ(first.lastSr, 0x11223344u);
  EXPECT_EQ(first.delaySinceLastSr, 0x8000u);
  EXPECT_EQ(sr.block(1).cumulativeLost, -1);  // 24-bit two's complement (duplicates)
}

TEST(RtcpReader, ReadsReceiverReportsAmongOtherPacketTypes) {
  Bytes app = rtcpPacket(204, 0, {0, 0, 0, 1, 'n', 'a', 'm', 'e'});
  Bytes feedback = rtcpPacket(206, 1, {0, 0, 0, 1, 0, 0, 0, 2});  // PSFB (RFC 4585)
  const Bytes data =
      compound({receiverReport(0x5678), sdesCname(0x5678, "bob"), app, feedback,
                receiverReport(0x5678, {reportBlock(0x1234, 0, 3, 99, 8)}), bye(0x5678)});
  bool malformed = true;
  const auto reports = readAll(data, &malformed);
  EXPECT_FALSE(malformed);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_FALSE(reports[0].senderReport);
  EXPECT_EQ(reports[0].blockCount(), 0u);
  EXPECT_EQ(reports[1].ssrc, 0x5678u);
  ASSERT_EQ(reports[1].blockCount(), 1u);
  EXPECT_EQ(reports[1].block(0).cumulativeLost, 3);
}

TEST(RtcpReader, StopsAtMalformedPacketsAndKeepsWhatCameBefore) {
  const Bytes good = receiverReport(1, {reportBlock(2, 0, 1, 1, 1)});
  struct Case {
    const char* what;
    Bytes packet;
  };
  Bytes longer = receiverReport(1);
  longer[3] = 20;  // says 84 bytes, has 8 (and 32 after it)
  Bytes version1 = receiverReport(1);
  version1[0] = 0x40;
  Bytes tooManyBlocks = receiverReport(1, {reportBlock(2, 0, 1, 1, 1)});
  tooManyBlocks[0] = 0x82;                                       // two blocks in room for one
  Bytes shortSr = rtcpPacket(200, 0, {0, 0, 0, 1, 0, 0, 0, 2});  // no room for sender info
  Bytes zeroPadding = receiverReport(1);
  zeroPadding[0] |= 0x20;
  zeroPadding.back() = 0;
  Bytes hugePadding = receiverReport(1);
  hugePadding[0] |= 0x20;
  hugePadding.back() = 200;
  Bytes paddingOverBlocks = receiverReport(1, {reportBlock(2, 0, 1, 1, 1)});
  paddingOverBlocks[0] |= 0x20;
  paddingOverBlocks.back() = 8;  // the padding would eat the block
  const std::vector<Case> cases = {{"length past the end", longer},
                                   {"version 1", version1},
                                   {"blocks past the packet", tooManyBlocks},
                                   {"SR without sender info", shortSr},
                                   {"zero padding", zeroPadding},
                                   {"padding past the packet", hugePadding},
                                   {"padding over the blocks", paddingOverBlocks},
                                   {"three bytes", {0x80, 201, 0}}};
  for (const Case& c : cases) {
    bool malformed = false;
    const auto reports = readAll(compound({good, c.packet, good}), &malformed);
    EXPECT_TRUE(malformed) << c.what;
    EXPECT_EQ(reports.size(), 1u) << c.what;
  }
  bool malformed = true;
  EXPECT_TRUE(readAll({}, &malformed).empty());
  EXPECT_FALSE(malformed);
}

TEST(RtcpReader, AcceptsValidPadding) {
  Bytes padded = rtcpPacket(201, 1, [] {
    Bytes body;
    put32(body, 1);
    const Bytes block = reportBlock(2, 0, 4, 1, 1);
    body.insert(body.end(), block.begin(), block.end());
    body.insert(body.end(), {0, 0, 0, 4});  // four bytes of padding
    return body;
  }());
  padded[0] |= 0x20;
  bool malformed = true;
  const auto reports = readAll(padded, &malformed);
  EXPECT_FALSE(malformed);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].block(0).cumulativeLost, 4);
}

Bytes rtpWithSsrc(std::uint32_t ssrc) {
  Bytes packet(kRtpHeaderSize + 4);
  writeRtpHeader(packet, false, 0, 1, 160, ssrc);
  return packet;
}

TEST(RtcpFeedback, TakesTheBlockAboutTheSsrcWeSend) {
  RtcpFeedback feedback;
  feedback.onRtpSent(rtpWithSsrc(0x1234));
  const Clock::time_point now = Clock::now();
  feedback.onRtcpReceived(
      compound({receiverReport(0x5678, {reportBlock(0x9999, 200, 99, 1, 1000),
                                        reportBlock(0x1234, 64, 7, 0x10005, 240)}),
                sdesCname(0x5678, "bob")}),
      now);
  const auto figures = feedback.figures();
  EXPECT_EQ(figures.reports, 1u);
  EXPECT_EQ(figures.lost, 7);
  EXPECT_EQ(figures.fractionLost, 64);
  EXPECT_EQ(figures.jitter, 240u);
  EXPECT_EQ(figures.rttSamples, 0u);  // no LSR: no round trip
}

TEST(RtcpFeedback, FallsBackOnTheFirstBlock) {
  RtcpFeedback feedback;
  feedback.onRtpSent(rtpWithSsrc(0x1234));
  feedback.onRtcpReceived(
      senderReport(0x5678, 1ULL << 40, 0,
                   {reportBlock(0x4321, 0, 5, 1, 16), reportBlock(0x9999, 0, 99, 1, 1000)}),
      Clock::now());
  EXPECT_EQ(feedback.figures().lost, 5);
  // Reports without blocks, or junk, change nothing.
  feedback.onRtcpReceived(receiverReport(0x5678), Clock::now());
  feedback.onRtcpReceived(Bytes{0x80, 201, 0, 9}, Clock::now());
  EXPECT_EQ(feedback.figures().reports, 1u);
  EXPECT_EQ(feedback.figures().lost, 5);
}

TEST(RtcpFeedback, RoundTripIsArrivalMinusForwardingMinusTheRemotesDelay) {
  RtcpFeedback feedback;
  feedback.onRtpSent(rtpWithSsrc(0x1234));
  const Clock::time_point sent = Clock::now();
  const std::uint64_t ntp = 0xE1234567'89ABCDEFULL;
  feedback.onRtcpSent(compound({senderReport(0x1234, ntp, 0), sdesCname(0x1234, "a")}), sent);
  const std::uint32_t lsr = std::uint32_t(ntp >> 16);
  // The remote held the SR for 0.5 s (DLSR 0x8000 / 65536): 700 ms later the round trip is 200.
  feedback.onRtcpReceived(receiverReport(0x5678, {reportBlock(0x1234, 0, 0, 1, 0, lsr, 0x8000)}),
                          sent + 700ms);
  auto figures = feedback.figures();
  EXPECT_EQ(figures.rttSamples, 1u);
  EXPECT_EQ(figures.rtt, 200ms);
  EXPECT_EQ(figures.rttMean, 200ms);
  // The next report on the same SR: DLSR 1.25 s, 1.35 s after it left: 100 ms; mean 150.
  feedback.onRtcpReceived(receiverReport(0x5678, {reportBlock(0x1234, 0, 0, 1, 0, lsr, 0x14000)}),
                          sent + 1350ms);
  figures = feedback.figures();
  EXPECT_EQ(figures.rttSamples, 2u);
  EXPECT_EQ(figures.rtt, 100ms);
  EXPECT_EQ(figures.rttMean, 150ms);
  // An LSR we never sent, or a DLSR longer than the time since the SR left: no sample.
  feedback.onRtcpReceived(receiverReport(0x5678, {reportBlock(0x1234, 0, 0, 1, 0, lsr + 1, 0)}),
                          sent + 2s);
  feedback.onRtcpReceived(receiverReport(0x5678, {reportBlock(0x1234, 0, 0, 1, 0, lsr, 3 * 65536)}),
                          sent + 2s);
  EXPECT_EQ(feedback.figures().rttSamples, 2u);
  EXPECT_EQ(feedback.figures().reports, 4u);
}

TEST(RtcpFeedback, RemembersTheLastEightSenderReports) {
  RtcpFeedback feedback;
  const Clock::time_point start = Clock::now();
  for (std::uint32_t i = 1; i <= 9; ++i) {
    feedback.onRtcpSent(senderReport(0x1234, std::uint64_t(i) << 16, 0), start + i * 1s);
  }
  // SR 1 was pushed out by SR 9; SR 2 is still known.
  feedback.onRtcpReceived(receiverReport(0x5678, {reportBlock(0x1234, 0, 0, 1, 0, 1, 0)}),
                          start + 10s);
  EXPECT_EQ(feedback.figures().rttSamples, 0u);
  feedback.onRtcpReceived(receiverReport(0x5678, {reportBlock(0x1234, 0, 0, 1, 0, 2, 0)}),
                          start + 10s);
  EXPECT_EQ(feedback.figures().rttSamples, 1u);
  EXPECT_EQ(feedback.figures().rtt, 8s);
}

}  // namespace
}  // namespace sb::media
