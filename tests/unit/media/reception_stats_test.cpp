#include <chrono>
#include <cmath>
#include <cstdint>
#include <initializer_list>

#include <gtest/gtest.h>

#include "media/rtp/reception_stats.hpp"
#include "media/rtp/rtp_stats.hpp"

namespace sb::media {
namespace {

using namespace std::chrono_literals;
using Clock = ReceptionStats::Clock;

RtpHeader header(std::uint16_t sequence, std::uint32_t timestamp = 0, std::uint32_t ssrc = 0x1234,
                 std::uint8_t payloadType = 0) {
  RtpHeader h;
  h.sequence = sequence;
  h.timestamp = timestamp;
  h.ssrc = ssrc;
  h.payloadType = payloadType;
  return h;
}

// Feeds sequence numbers arriving 20 ms apart with matching timestamps (no jitter).
void feed(ReceptionStats& stats, std::initializer_list<int> sequences,
          std::uint32_t ssrc = 0x1234) {
  static Clock::time_point now = Clock::now();
  for (const int sequence : sequences) {
    now += 20ms;
    stats.onPacket(header(std::uint16_t(sequence), std::uint32_t(sequence) * 160, ssrc), now);
  }
}

TEST(ReceptionStats, StartsWithTheFirstPacket) {
  ReceptionStats stats;
  EXPECT_EQ(stats.figures().expected, 0u);
  feed(stats, {500});
  const auto figures = stats.figures();
  EXPECT_EQ(figures.expected, 1u);
  EXPECT_EQ(figures.lost, 0);
  EXPECT_EQ(figures.extendedHighestSequence, 500u);
  EXPECT_EQ(figures.jitter16, 0u);
}

TEST(ReceptionStats, GapsAreLost) {
  ReceptionStats stats;
  for (int sequence = 1; sequence <= 110; ++sequence) {
    if (sequence < 20 || sequence >= 30) {  // 20-29 never come
      feed(stats, {sequence});
    }
  }
  EXPECT_EQ(stats.figures().expected, 110u);
  EXPECT_EQ(stats.figures().lost, 10);
  EXPECT_EQ(stats.figures().extendedHighestSequence, 110u);
}

TEST(ReceptionStats, SequenceWrapsIntoTheNextCycle) {
  ReceptionStats stats;
  feed(stats, {65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 3, 4});  // 2 lost
  const auto figures = stats.figures();
  EXPECT_EQ(figures.extendedHighestSequence, 0x10004u);
  EXPECT_EQ(figures.expected, 11u);
  EXPECT_EQ(figures.lost, 1);
  // A late packet from before the wrap does not move the highest back nor add a cycle.
  feed(stats, {65535});
  EXPECT_EQ(stats.figures().extendedHighestSequence, 0x10004u);
  EXPECT_EQ(stats.figures().lost, 0);  // counted as received: a duplicate
}

TEST(ReceptionStats, ReorderedAndDuplicatePacketsFollowAppendixA3) {
  ReceptionStats stats;
  feed(stats, {1, 2, 4, 3, 5});  // reordered: nothing lost
  EXPECT_EQ(stats.figures().expected, 5u);
  EXPECT_EQ(stats.figures().lost, 0);
  EXPECT_EQ(stats.figures().extendedHighestSequence, 5u);
  feed(stats, {5, 5});  // duplicates make the loss negative
  EXPECT_EQ(stats.figures().lost, -2);
  feed(stats, {8});  // 6 and 7 lost
  EXPECT_EQ(stats.figures().lost, 0);
  EXPECT_EQ(stats.figures().expected, 8u);
}

TEST(ReceptionStats, ALargeJumpCountsOnlyOnceTwoSequentialPacketsConfirmIt) {
  ReceptionStats stats;
  feed(stats, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  feed(stats, {5000});  // a stray packet: ignored
  EXPECT_EQ(stats.figures().expected, 10u);
  EXPECT_EQ(stats.figures().lost, 0);
  feed(stats, {11, 30000});  // 11 in order; 30000 far away again
  EXPECT_EQ(stats.figures().expected, 11u);
  feed(stats, {30001});  // follows 30000: the sender restarted its sequence at 30000
  auto figures = stats.figures();
  EXPECT_EQ(figures.expected, 12u);  // 11 before, 30001 since (30000 itself went uncounted)
  EXPECT_EQ(figures.lost, 0);
  EXPECT_EQ(figures.extendedHighestSequence, 30001u);
  feed(stats, {30003});
  EXPECT_EQ(stats.figures().expected, 14u);
  EXPECT_EQ(stats.figures().lost, 1);
}

TEST(ReceptionStats, ANewSsrcStartsAgainAndKeepsTheTotals) {
  ReceptionStats stats;
  feed(stats, {1, 2, 3, 4, 6, 7, 8, 9, 10});      // 5 lost
  feed(stats, {9000, 9001, 9003, 9004}, 0x9999);  // 9002 lost
  const auto figures = stats.figures();
  EXPECT_EQ(figures.expected, 15u);
  EXPECT_EQ(figures.lost, 2);
  EXPECT_EQ(figures.extendedHighestSequence, 9004u);
}

TEST(ReceptionStats, SteadyPacketsHaveNoJitter) {
  ReceptionStats stats;
  const Clock::time_point start = Clock::now();
  for (int i = 0; i < 100; ++i) {
    stats.onPacket(header(std::uint16_t(i), 1000 + 160 * std::uint32_t(i)), start + i * 20ms);
  }
  EXPECT_EQ(stats.figures().jitter16, 0u);
  EXPECT_EQ(stats.figures().jitterSeconds(), 0.0);
}

// Packets sent every 20 ms but arriving in pairs every 40 ms: each transit time differs from
// the one before by 20 ms (160 timestamp units), so J converges on 160: 20 ms.
double pairedArrivalJitter(ReceptionStats& stats, std::uint32_t ticksPerPacket, int packets) {
  const Clock::time_point start = Clock::now();
  std::uint32_t reference = 0;  // A.8's integer J, times 16
  for (int i = 0; i < packets; ++i) {
    const auto arrival = start + 40ms * ((i + 1) / 2);
    stats.onPacket(header(std::uint16_t(i), 77 + ticksPerPacket * std::uint32_t(i), 0x1234, 96),
                   arrival);
    if (i > 0) {
      reference += ticksPerPacket - ((reference + 8) >> 4);
    }
  }
  EXPECT_EQ(stats.figures().jitter16, reference);
  return stats.figures().jitterSeconds();
}

TEST(ReceptionStats, JitterFollowsAppendixA8) {
  ReceptionStats stats;
  EXPECT_NEAR(pairedArrivalJitter(stats, 160, 10), 0.02 * (1 - std::pow(15.0 / 16, 9)), 0.0002);
  ReceptionStats converged;
  EXPECT_NEAR(pairedArrivalJitter(converged, 160, 300), 0.020, 0.0002);
}

TEST(ReceptionStats, JitterIsInTheClockOfTheCodec) {
  ReceptionStats stats;
  stats.setClock(96, 48000);  // 20 ms is 960 units of an Opus clock
  EXPECT_NEAR(pairedArrivalJitter(stats, 960, 300), 0.020, 0.0002);
  EXPECT_EQ(stats.figures().clockRate, 48000u);
}

TEST(ReceptionStats, OnlyTheMeasuredPayloadTypeCountsForJitter) {
  ReceptionStats stats;
  stats.setClock(0, 8000);
  const Clock::time_point start = Clock::now();
  int sequence = 0;
  for (int i = 0; i < 20; ++i, ++sequence) {
    stats.onPacket(header(std::uint16_t(sequence), 160 * std::uint32_t(i)), start + i * 20ms);
  }
  // A digit: telephone-events (PT 101) every 50 ms, all with the digit's start timestamp.
  for (int i = 0; i < 8; ++i, ++sequence) {
    stats.onPacket(header(std::uint16_t(sequence), 160 * 20, 0x1234, 101),
                   start + 400ms + i * 50ms);
  }
  EXPECT_EQ(stats.figures().jitter16, 0u);
  EXPECT_EQ(stats.figures().expected, 28u);  // counted for loss all the same
  EXPECT_EQ(stats.figures().lost, 0);
}

TEST(ReceptionStats, FillsTheStreamStatistics) {
  ReceptionStats::Figures received;
  received.expected = 110;
  received.lost = 10;
  received.extendedHighestSequence = 0x10005;
  received.jitter16 = 16 * 240;
  RtcpFeedback::Figures reported;
  reported.reports = 2;
  reported.lost = 7;
  reported.fractionLost = 64;
  reported.jitter = 80;
  reported.rttSamples = 1;
  reported.rtt = 250ms;
  reported.rttMean = 200ms;
  RtpStreamStats stats;
  addQualityFigures(stats, received, reported);
  EXPECT_EQ(stats.packetsExpected, 110u);
  EXPECT_EQ(stats.packetsLost, 10);
  EXPECT_EQ(stats.highestSequence, 0x10005u);
  EXPECT_DOUBLE_EQ(stats.jitter, 0.030);
  EXPECT_EQ(stats.remoteReports, 2u);
  EXPECT_EQ(stats.remoteLost, 7);
  EXPECT_DOUBLE_EQ(stats.remoteFractionLost, 0.25);
  EXPECT_DOUBLE_EQ(stats.remoteJitter, 0.010);
  EXPECT_EQ(stats.rttSamples, 1u);
  EXPECT_DOUBLE_EQ(stats.rtt, 0.25);
  EXPECT_DOUBLE_EQ(stats.rttMean, 0.2);
}

}  // namespace
}  // namespace sb::media
