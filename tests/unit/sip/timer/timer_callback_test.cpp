#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <utility>

#include "sip/timer/timer_callback.hpp"

namespace sb::sip {
namespace {

TEST(TimerCallback, EmptyByDefault) {
  TimerCallback callback;
  EXPECT_FALSE(callback);
}

TEST(TimerCallback, HoldsMoveOnlyCaptures) {
  auto value = std::make_unique<int>(41);
  int seen = 0;
  TimerCallback callback = [value = std::move(value), &seen] { seen = *value + 1; };
  ASSERT_TRUE(callback);
  callback();
  EXPECT_EQ(seen, 42);
}

TEST(TimerCallback, SmallCallablesAreStoredInline) {
  struct Small {
    void* a;
    void* b;
    void operator()() {}
  };
  struct Large {
    std::array<char, TimerCallback::kInlineSize + 1> bytes;
    void operator()() {}
  };
  EXPECT_TRUE(TimerCallback::fitsInline<Small>());
  EXPECT_FALSE(TimerCallback::fitsInline<Large>());
}

TEST(TimerCallback, LargeCallablesWorkThroughTheHeap) {
  std::array<int, 64> numbers{};
  numbers[63] = 7;
  int seen = 0;
  TimerCallback callback = [numbers, &seen] { seen = numbers[63]; };
  TimerCallback moved = std::move(callback);
  EXPECT_FALSE(callback);  // NOLINT(bugprone-use-after-move): moved-from is empty
  moved();
  EXPECT_EQ(seen, 7);
}

TEST(TimerCallback, DestroysCapturesExactlyOnce) {
  auto token = std::make_shared<int>(0);
  {
    TimerCallback first = [token] {};
    EXPECT_EQ(token.use_count(), 2);
    TimerCallback second = std::move(first);
    EXPECT_EQ(token.use_count(), 2);
    TimerCallback third;
    third = std::move(second);
    EXPECT_EQ(token.use_count(), 2);
    third.reset();
    EXPECT_EQ(token.use_count(), 1);
    third = [token] {};
    EXPECT_EQ(token.use_count(), 2);
  }
  EXPECT_EQ(token.use_count(), 1);
}

TEST(TimerCallback, MoveAssignmentReplacesTheHeldCallable) {
  auto first = std::make_shared<int>(0);
  auto second = std::make_shared<int>(0);
  TimerCallback a = [first] {};
  TimerCallback b = [second] {};
  a = std::move(b);
  EXPECT_EQ(first.use_count(), 1);
  EXPECT_EQ(second.use_count(), 2);
}

}  // namespace
}  // namespace sb::sip
