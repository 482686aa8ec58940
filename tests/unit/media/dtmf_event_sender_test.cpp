#include <vector>

#include <gtest/gtest.h>

#include "media/dtmf/event_sender.hpp"

namespace sb::media {
namespace {

using std::chrono::milliseconds;

struct Planned {
  unsigned atMs;
  bool first;
  TelephoneEvent event;
  bool operator==(const Planned&) const = default;
};

// Every packet with the time it is due.
std::vector<Planned> plan(std::uint8_t event, unsigned durationMs) {
  TelephoneEventSender sender(event, durationMs);
  std::vector<Planned> out;
  unsigned at = 0;
  while (!sender.done()) {
    const auto step = sender.step();
    for (std::size_t i = 0; i < step.count; ++i) {
      out.push_back(Planned{at, step.first && i == 0, step.packets[i]});
    }
    if (step.next) {
      EXPECT_GT(unsigned(step.next->count()), at);
      at = unsigned(step.next->count());
    }
  }
  return out;
}

TEST(TelephoneEventSender, HundredMillisecondDigit) {
  EXPECT_EQ(plan(1, 100), (std::vector<Planned>{
                              {0, true, {1, false, 10, 400}},
                              {50, false, {1, false, 10, 800}},
                              {100, false, {1, true, 10, 800}},
                              {100, false, {1, true, 10, 800}},
                              {100, false, {1, true, 10, 800}},
                          }));
}

TEST(TelephoneEventSender, UpdatesNeverAnnouncePastTheEnd) {
  EXPECT_EQ(plan(11, 120), (std::vector<Planned>{
                               {0, true, {11, false, 10, 400}},
                               {50, false, {11, false, 10, 800}},
                               {100, false, {11, false, 10, 960}},
                               {120, false, {11, true, 10, 960}},
                               {120, false, {11, true, 10, 960}},
                               {120, false, {11, true, 10, 960}},
                           }));
}

TEST(TelephoneEventSender, ShortDigit) {
  EXPECT_EQ(plan(0, 30), (std::vector<Planned>{
                             {0, true, {0, false, 10, 240}},
                             {30, false, {0, true, 10, 240}},
                             {30, false, {0, true, 10, 240}},
                             {30, false, {0, true, 10, 240}},
                         }));
}

TEST(TelephoneEventSender, LongDigitsStopAtTheLargestDuration) {
  const auto packets = plan(9, 20000);
  ASSERT_GE(packets.size(), 3u);
  EXPECT_EQ(packets.back().event, (TelephoneEvent{9, true, 10, 65528}));
  EXPECT_EQ(packets.back().atMs, TelephoneEventSender::kMaxDurationMs);
  // 8191 ms: a packet every 50 ms, then three ends.
  EXPECT_EQ(packets.size(), 164u + 3u);
}

TEST(TelephoneEventSender, NothingAfterTheEnd) {
  TelephoneEventSender sender(4, 50);
  sender.step();
  const auto last = sender.step();
  EXPECT_EQ(last.count, 3u);
  EXPECT_FALSE(last.next);
  EXPECT_TRUE(sender.done());
  EXPECT_EQ(sender.step().count, 0u);
}

}  // namespace
}  // namespace sb::media
