#include <chrono>

#include <gtest/gtest.h>

#include "media/rtp/source_filter.hpp"

namespace sb::media {
namespace {

using namespace std::chrono_literals;
using Endpoint = SourceFilter::Endpoint;

const Endpoint kSdp(boost::asio::ip::make_address("192.0.2.10"), 4000);
const Endpoint kNat(boost::asio::ip::make_address("198.51.100.7"), 31234);
const Endpoint kAttacker(boost::asio::ip::make_address("203.0.113.66"), 5555);
const SourceFilter::Clock::time_point kStart{std::chrono::hours(1)};

TEST(RtpSourceFilter, SdpAddressIsTrustedAtOnce) {
  SourceFilter filter(true, 4);
  filter.reset(kSdp, kStart);
  EXPECT_TRUE(filter.accept(kSdp, 1, kStart));
  EXPECT_EQ(filter.source(), kSdp);
}

TEST(RtpSourceFilter, NatSourceNeedsProbation) {
  SourceFilter filter(true, 4);
  filter.reset(kSdp, kStart);
  EXPECT_FALSE(filter.accept(kNat, 10, kStart));
  EXPECT_FALSE(filter.accept(kNat, 11, kStart + 20ms));
  EXPECT_FALSE(filter.accept(kNat, 13, kStart + 40ms));  // a gap restarts probation
  EXPECT_FALSE(filter.accept(kNat, 14, kStart + 60ms));
  EXPECT_FALSE(filter.accept(kNat, 15, kStart + 80ms));
  EXPECT_TRUE(filter.accept(kNat, 16, kStart + 100ms));
  EXPECT_EQ(filter.source(), kNat);
  EXPECT_TRUE(filter.accept(kNat, 17, kStart + 120ms));
}

TEST(RtpSourceFilter, CompetitorCannotQualifyWhileTheSourceTalks) {
  SourceFilter filter(true, 3);
  filter.reset(kSdp, kStart);
  ASSERT_TRUE(filter.accept(kSdp, 1, kStart));
  std::uint16_t attack = 100;
  for (std::uint16_t sequence = 2; sequence < 10; ++sequence) {
    EXPECT_FALSE(filter.accept(kAttacker, attack++, kStart));
    EXPECT_TRUE(filter.accept(kSdp, sequence, kStart));
  }
  EXPECT_EQ(filter.source(), kSdp);
}

TEST(RtpSourceFilter, LocksAfterTheLearningWindow) {
  SourceFilter filter(true, 2, 1000ms);
  filter.reset(kSdp, kStart);
  ASSERT_TRUE(filter.accept(kSdp, 1, kStart));
  const auto later = kStart + 1500ms;
  EXPECT_FALSE(filter.accept(kAttacker, 50, later));
  EXPECT_FALSE(filter.accept(kAttacker, 51, later));  // probation passed, but learning is over
  EXPECT_EQ(filter.source(), kSdp);
  // A new remote from SDP opens learning again.
  filter.reset(kNat, later);
  EXPECT_TRUE(filter.accept(kNat, 1, later));
}

TEST(RtpSourceFilter, KeepsLearningUntilSomeSourceIsFound) {
  SourceFilter filter(true, 2, 1000ms);
  filter.reset(kSdp, kStart);
  const auto later = kStart + 10s;
  EXPECT_FALSE(filter.accept(kNat, 7, later));
  EXPECT_TRUE(filter.accept(kNat, 8, later));
}

TEST(RtpSourceFilter, NotStrictAcceptsAllAndFollowsTheLastSource) {
  SourceFilter filter(false, 4);
  filter.reset(kSdp, kStart);
  EXPECT_TRUE(filter.accept(kAttacker, 9, kStart));
  EXPECT_EQ(filter.source(), kAttacker);
  EXPECT_TRUE(filter.accept(kNat, 1, kStart));
  EXPECT_EQ(filter.source(), kNat);
}

}  // namespace
}  // namespace sb::media
