#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sip/timer/timer_wheel.hpp"

namespace sb::sip {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

class TimerWheelTest : public ::testing::Test {
 protected:
  /// Moves time forward by `step` and lets the wheel catch up.
  std::size_t step(Duration by) {
    clock_.advance(by);
    return wheel_.advance();
  }
  Duration elapsed() const { return clock_.now() - start_; }

  ManualClock clock_;
  TimePoint start_ = clock_.now();
  TimerWheel wheel_{clock_, milliseconds(10)};
  std::vector<std::string> log_;
};

TEST_F(TimerWheelTest, FiresOnceTheDelayHasPassed) {
  wheel_.start(milliseconds(100), [&] { log_.push_back("a"); });
  EXPECT_EQ(wheel_.pending(), 1u);
  EXPECT_EQ(step(milliseconds(99)), 0u);
  EXPECT_TRUE(log_.empty());
  EXPECT_EQ(step(milliseconds(1)), 1u);
  EXPECT_EQ(log_, std::vector<std::string>{"a"});
  EXPECT_EQ(wheel_.pending(), 0u);
  EXPECT_EQ(step(seconds(10)), 0u);
}

TEST_F(TimerWheelTest, DelaysOffTheTickGridFireAtTheNextTick) {
  std::optional<Duration> firedAt;
  wheel_.start(milliseconds(105), [&] { firedAt = elapsed(); });
  step(milliseconds(105));
  EXPECT_FALSE(firedAt);  // due inside tick 11, which ends at 110 ms
  step(milliseconds(4));
  EXPECT_FALSE(firedAt);
  step(milliseconds(1));
  EXPECT_EQ(firedAt, milliseconds(110));
}

TEST_F(TimerWheelTest, NeverEarlyAndAtMostOneTickLateAtMillisecondSteps) {
  std::vector<Duration> delays;
  for (int ms = 0; ms < 3000; ms += 7) {
    delays.push_back(milliseconds(ms) + std::chrono::microseconds(ms % 5 * 150));
  }
  std::vector<std::optional<Duration>> firedAt(delays.size());
  for (std::size_t i = 0; i < delays.size(); ++i) {
    wheel_.start(delays[i], [&, i] { firedAt[i] = elapsed(); });
  }
  while (wheel_.pending() > 0) {
    step(milliseconds(1));
  }
  for (std::size_t i = 0; i < delays.size(); ++i) {
    ASSERT_TRUE(firedAt[i]) << i;
    EXPECT_GE(*firedAt[i], delays[i]) << i;
    EXPECT_LE(*firedAt[i], delays[i] + wheel_.tick()) << i;
  }
}

TEST_F(TimerWheelTest, FiresInDeadlineOrderThenStartOrder) {
  wheel_.start(milliseconds(300), [&] { log_.push_back("300"); });
  wheel_.start(milliseconds(103), [&] { log_.push_back("103"); });
  wheel_.start(milliseconds(101), [&] { log_.push_back("101"); });
  wheel_.start(milliseconds(101), [&] { log_.push_back("101b"); });
  wheel_.start(seconds(2), [&] { log_.push_back("2000"); });
  wheel_.start(milliseconds(0), [&] { log_.push_back("0"); });
  EXPECT_EQ(step(seconds(5)), 6u);
  EXPECT_EQ(log_, (std::vector<std::string>{"0", "101", "101b", "103", "300", "2000"}));
}

TEST_F(TimerWheelTest, ZeroAndNegativeDelaysFireOnTheNextAdvance) {
  wheel_.start(Duration::zero(), [&] { log_.push_back("zero"); });
  wheel_.start(-seconds(5), [&] { log_.push_back("negative"); });
  EXPECT_EQ(wheel_.advance(), 2u);
  // Both are due "now"; equal deadlines fire in start order.
  EXPECT_EQ(log_, (std::vector<std::string>{"zero", "negative"}));
}

TEST_F(TimerWheelTest, CancelBeforeFiringStopsTheTimer) {
  const TimerId id = wheel_.start(milliseconds(50), [&] { log_.push_back("a"); });
  EXPECT_TRUE(wheel_.isPending(id));
  EXPECT_TRUE(wheel_.cancel(id));
  EXPECT_FALSE(wheel_.isPending(id));
  EXPECT_EQ(wheel_.pending(), 0u);
  EXPECT_FALSE(wheel_.cancel(id));
  step(seconds(1));
  EXPECT_TRUE(log_.empty());
}

TEST_F(TimerWheelTest, CancelAfterFiringIsAHarmlessNo) {
  const TimerId id = wheel_.start(milliseconds(50), [&] { log_.push_back("a"); });
  step(milliseconds(50));
  EXPECT_EQ(log_.size(), 1u);
  EXPECT_FALSE(wheel_.isPending(id));
  EXPECT_FALSE(wheel_.cancel(id));
  EXPECT_FALSE(wheel_.restart(id, milliseconds(10)));
}

TEST_F(TimerWheelTest, NullAndUnknownIdsAreRejected) {
  EXPECT_FALSE(wheel_.cancel(TimerId{}));
  EXPECT_FALSE(wheel_.cancel(TimerId(12345, 1)));
  EXPECT_FALSE(wheel_.restart(TimerId(0, 7), seconds(1)));
  EXPECT_FALSE(wheel_.isPending(TimerId{}));
  EXPECT_FALSE(wheel_.deadline(TimerId{}));
}

TEST_F(TimerWheelTest, StaleIdCannotTouchTheTimerReusingItsNode) {
  const TimerId first = wheel_.start(milliseconds(50), [&] { log_.push_back("first"); });
  ASSERT_TRUE(wheel_.cancel(first));
  const TimerId second = wheel_.start(milliseconds(50), [&] { log_.push_back("second"); });
  ASSERT_EQ(second.index(), first.index());  // the node is reused...
  EXPECT_NE(second, first);                  // ...under a new generation
  EXPECT_FALSE(wheel_.cancel(first));
  EXPECT_FALSE(wheel_.restart(first, seconds(9)));
  EXPECT_FALSE(wheel_.isPending(first));
  step(milliseconds(50));
  EXPECT_EQ(log_, std::vector<std::string>{"second"});

  // Same after firing: the fired id does not reach the next user of the node.
  const TimerId third = wheel_.start(milliseconds(50), [&] { log_.push_back("third"); });
  EXPECT_EQ(third.index(), first.index());
  EXPECT_FALSE(wheel_.cancel(second));
  step(milliseconds(50));
  EXPECT_EQ(log_, (std::vector<std::string>{"second", "third"}));
}

TEST_F(TimerWheelTest, RestartMovesThePendingTimer) {
  std::optional<Duration> firedAt;
  const TimerId id = wheel_.start(milliseconds(100), [&] { firedAt = elapsed(); });
  step(milliseconds(60));
  EXPECT_TRUE(wheel_.restart(id, milliseconds(100)));  // now due at 160 ms
  step(milliseconds(60));
  EXPECT_FALSE(firedAt);
  EXPECT_TRUE(wheel_.restart(id, milliseconds(10)));  // now due at 130 ms
  step(milliseconds(10));
  EXPECT_EQ(firedAt, milliseconds(130));
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST_F(TimerWheelTest, DeadlineReportsWhenAPendingTimerIsDue) {
  const TimerId id = wheel_.start(seconds(3), [] {});
  EXPECT_EQ(wheel_.deadline(id), start_ + seconds(3));
  wheel_.cancel(id);
  EXPECT_FALSE(wheel_.deadline(id));
}

TEST_F(TimerWheelTest, CallbacksCanStartTimersWhichFireFromTheNextTick) {
  wheel_.start(milliseconds(20), [&] {
    log_.push_back("outer");
    wheel_.start(Duration::zero(), [&] { log_.push_back("inner"); });
  });
  EXPECT_EQ(step(milliseconds(20)), 1u);
  EXPECT_EQ(wheel_.pending(), 1u);
  EXPECT_EQ(step(milliseconds(10)), 1u);
  EXPECT_EQ(log_, (std::vector<std::string>{"outer", "inner"}));
}

TEST_F(TimerWheelTest, TimersStartedByCallbacksFireInTheSameAdvanceWhenDue) {
  wheel_.start(milliseconds(20), [&] {
    log_.push_back("first");
    wheel_.start(milliseconds(10), [&] { log_.push_back("second"); });
  });
  wheel_.start(milliseconds(40), [&] { log_.push_back("between"); });
  // The clock (read by start()) lags the time given to advance(), as when a driver hands in
  // the time it woke up: "second" is due at 10 ms and fires in this same advance.
  EXPECT_EQ(wheel_.advance(start_ + seconds(1)), 3u);
  EXPECT_EQ(log_, (std::vector<std::string>{"first", "second", "between"}));
}

TEST_F(TimerWheelTest, TimersStartedByCallbacksAreNotFiredEarly) {
  wheel_.start(milliseconds(20), [&] {
    log_.push_back("first");
    wheel_.start(milliseconds(30), [&] { log_.push_back("second"); });
  });
  wheel_.start(milliseconds(40), [&] { log_.push_back("between"); });
  // Here the clock is already at 1 s when "first" runs, so "second" is due at 1.03 s.
  EXPECT_EQ(step(seconds(1)), 2u);
  EXPECT_EQ(log_, (std::vector<std::string>{"first", "between"}));
  EXPECT_EQ(step(milliseconds(29)), 0u);
  EXPECT_EQ(step(milliseconds(1)), 1u);
}

TEST_F(TimerWheelTest, CallbackCanCancelATimerDueInTheSameTick) {
  TimerId second;
  wheel_.start(milliseconds(50), [&] {
    log_.push_back("first");
    EXPECT_TRUE(wheel_.cancel(second));
  });
  second = wheel_.start(milliseconds(51), [&] { log_.push_back("second"); });
  wheel_.start(milliseconds(52), [&] { log_.push_back("third"); });
  EXPECT_EQ(step(milliseconds(60)), 2u);
  EXPECT_EQ(log_, (std::vector<std::string>{"first", "third"}));
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST_F(TimerWheelTest, CallbackCanRestartATimerDueInTheSameTick) {
  TimerId second;
  wheel_.start(milliseconds(50), [&] {
    log_.push_back("first");
    EXPECT_TRUE(wheel_.restart(second, milliseconds(100)));
  });
  second = wheel_.start(milliseconds(51), [&] { log_.push_back("second"); });
  EXPECT_EQ(step(milliseconds(60)), 1u);
  EXPECT_EQ(wheel_.pending(), 1u);
  step(milliseconds(90));
  EXPECT_EQ(log_, std::vector<std::string>{"first"});
  step(milliseconds(10));
  EXPECT_EQ(log_, (std::vector<std::string>{"first", "second"}));
}

TEST_F(TimerWheelTest, CallbackCancellingItselfIsANo) {
  TimerId self;
  auto token = std::make_shared<int>(0);
  self = wheel_.start(milliseconds(10), [&, token] {
    EXPECT_FALSE(wheel_.cancel(self));
    EXPECT_EQ(token.use_count(), 2);  // the running callback is still alive
    log_.push_back("ran");
  });
  step(milliseconds(10));
  EXPECT_EQ(log_, std::vector<std::string>{"ran"});
  EXPECT_EQ(token.use_count(), 1);  // released once it returned
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST_F(TimerWheelTest, CallbackCanRearmItselfLikeARetransmissionTimer) {
  // Timer A of RFC 3261: T1 = 500 ms, doubling up to T2 = 4 s.
  std::vector<Duration> firedAt;
  Duration interval = milliseconds(500);
  TimerId timerA;
  timerA = wheel_.start(interval, [&] {
    firedAt.push_back(elapsed());
    interval = std::min<Duration>(interval * 2, seconds(4));
    if (firedAt.size() < 6) {
      EXPECT_TRUE(wheel_.restart(timerA, interval));
    }
  });
  while (wheel_.pending() > 0) {
    step(milliseconds(10));
  }
  EXPECT_EQ(firedAt,
            (std::vector<Duration>{milliseconds(500), milliseconds(1500), milliseconds(3500),
                                   milliseconds(7500), milliseconds(11500), milliseconds(15500)}));
  EXPECT_FALSE(wheel_.isPending(timerA));
}

TEST_F(TimerWheelTest, CallbackCanRearmThenCancelItself) {
  TimerId self;
  int runs = 0;
  self = wheel_.start(milliseconds(10), [&] {
    ++runs;
    EXPECT_TRUE(wheel_.restart(self, milliseconds(10)));
    EXPECT_TRUE(wheel_.isPending(self));
    EXPECT_TRUE(wheel_.cancel(self));
    EXPECT_FALSE(wheel_.isPending(self));
  });
  step(milliseconds(10));
  step(seconds(1));
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(wheel_.pending(), 0u);
  // The node is free again and its old id is stale.
  const TimerId next = wheel_.start(milliseconds(10), [] {});
  EXPECT_EQ(next.index(), self.index());
  EXPECT_FALSE(wheel_.cancel(self));
}

TEST_F(TimerWheelTest, ZeroDelayRearmDoesNotLoopWithinOneAdvance) {
  TimerId self;
  int runs = 0;
  self = wheel_.start(Duration::zero(), [&] {
    ++runs;
    wheel_.restart(self, Duration::zero());
  });
  EXPECT_EQ(wheel_.advance(), 1u);
  EXPECT_EQ(runs, 1);
  // Even with the clock lagging far behind, it runs once per tick.
  EXPECT_EQ(wheel_.advance(start_ + milliseconds(30)), 3u);
  EXPECT_EQ(runs, 4);
  EXPECT_TRUE(wheel_.cancel(self));
}

TEST_F(TimerWheelTest, AdvanceFromACallbackIsIgnored) {
  wheel_.start(milliseconds(10), [&] { EXPECT_EQ(wheel_.advance(clock_.now() + hours(1)), 0u); });
  wheel_.start(seconds(10), [&] { log_.push_back("later"); });
  step(milliseconds(10));
  EXPECT_TRUE(log_.empty());
  EXPECT_EQ(wheel_.pending(), 1u);
}

TEST_F(TimerWheelTest, LongDelaysFireOnTimeAcrossAllLevels) {
  // Multiples of the tick, so each fires exactly at its deadline.
  const std::vector<Duration> delays{
      milliseconds(630), milliseconds(650), seconds(1),    seconds(32), seconds(41),
      minutes(11),       minutes(44),       seconds(3600), hours(10),   hours(46)};
  std::vector<std::optional<Duration>> firedAt(delays.size());
  for (std::size_t i = 0; i < delays.size(); ++i) {
    wheel_.start(delays[i], [&, i] { firedAt[i] = elapsed(); });
  }
  for (std::size_t i = 0; i < delays.size(); ++i) {
    // Jump to just before the deadline, then walk the last ticks.
    clock_.set(start_ + delays[i] - milliseconds(1));
    wheel_.advance();
    EXPECT_FALSE(firedAt[i]) << i;
    step(milliseconds(1));
    EXPECT_EQ(firedAt[i], delays[i]) << i;
  }
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST_F(TimerWheelTest, DelaysBeyondTheWheelSpanUseTheOverflow) {
  // A 1 ms tick makes the span 2^24 ms, about 4.66 hours.
  TimerWheel wheel{clock_, milliseconds(1)};
  const std::vector<Duration> delays{hours(5), hours(30), hours(100), hours(4) + minutes(39)};
  std::vector<std::optional<Duration>> firedAt(delays.size());
  for (std::size_t i = 0; i < delays.size(); ++i) {
    wheel.start(delays[i], [&, i] { firedAt[i] = elapsed(); });
  }
  const TimerId never = wheel.start(Duration::max(), [&] { log_.push_back("never"); });
  EXPECT_EQ(wheel.deadline(never), start_ + TimerWheel::kMaxDelay);
  // Walk in 7-minute strides, then check each timer at its deadline.
  while (elapsed() < hours(101)) {
    clock_.advance(minutes(7));
    wheel.advance();
  }
  for (std::size_t i = 0; i < delays.size(); ++i) {
    EXPECT_TRUE(firedAt[i]) << i;
    EXPECT_GE(*firedAt[i], delays[i]) << i;
    EXPECT_LT(*firedAt[i], delays[i] + minutes(7)) << i;
  }
  EXPECT_TRUE(log_.empty());
  EXPECT_EQ(wheel.pending(), 1u);
}

TEST_F(TimerWheelTest, OverflowTimersFireExactlyOnTime) {
  TimerWheel wheel{clock_, milliseconds(1)};
  std::optional<Duration> firedAt;
  wheel.start(hours(9) + milliseconds(3), [&] { firedAt = elapsed(); });
  clock_.set(start_ + hours(9) + milliseconds(2));
  wheel.advance();
  EXPECT_FALSE(firedAt);
  clock_.advance(milliseconds(1));
  wheel.advance();
  EXPECT_EQ(firedAt, hours(9) + milliseconds(3));
}

TEST_F(TimerWheelTest, OneBigJumpFiresEverythingInOrder) {
  std::vector<int> order;
  const std::vector<Duration> delays{hours(40), seconds(1),  minutes(90), milliseconds(5),
                                     hours(3),  seconds(64), hours(47)};
  for (std::size_t i = 0; i < delays.size(); ++i) {
    wheel_.start(delays[i], [&, i] { order.push_back(static_cast<int>(i)); });
  }
  EXPECT_EQ(step(hours(100)), delays.size());
  EXPECT_EQ(order, (std::vector<int>{3, 1, 5, 2, 4, 0, 6}));
}

TEST_F(TimerWheelTest, NextDeadlineIsNeverAfterTheEarliestTimer) {
  EXPECT_FALSE(wheel_.nextDeadline());
  wheel_.start(minutes(5), [] {});
  const TimerId soon = wheel_.start(milliseconds(25), [] {});
  EXPECT_EQ(wheel_.nextDeadline(), start_ + milliseconds(30));
  wheel_.cancel(soon);
  // Waking up early (here to move the 5-minute timer down a level) is allowed; late is not.
  while (wheel_.pending() > 0) {
    const auto next = wheel_.nextDeadline();
    ASSERT_TRUE(next);
    ASSERT_GT(*next, clock_.now());
    ASSERT_LE(*next, start_ + minutes(5));
    clock_.set(*next);
    wheel_.advance();
  }
  EXPECT_EQ(elapsed(), minutes(5));
  EXPECT_FALSE(wheel_.nextDeadline());
}

TEST_F(TimerWheelTest, WakeupHandlerHearsOfEarlierDeadlinesOnly) {
  std::vector<Duration> wakeups;
  wheel_.setWakeupHandler([&](TimePoint when) {
    wakeups.push_back(when == TimePoint::max() ? Duration::max() : when - start_);
  });
  wheel_.start(milliseconds(100), [] {});
  wheel_.start(milliseconds(200), [] {});  // later: no news
  wheel_.start(milliseconds(50), [] {});
  EXPECT_EQ(wakeups, (std::vector<Duration>{milliseconds(100), milliseconds(50)}));
  step(milliseconds(50));
  EXPECT_EQ(wakeups.back(), milliseconds(100));
  step(milliseconds(200));
  EXPECT_EQ(wakeups.back(), Duration::max());
  wheel_.setWakeupHandler({});
  wheel_.start(milliseconds(10), [] {});
  EXPECT_EQ(wakeups.size(), 4u);
}

TEST_F(TimerWheelTest, CallbacksAreDestroyedWhenFiredOrCancelled) {
  auto token = std::make_shared<int>(0);
  const TimerId cancelled = wheel_.start(seconds(1), [token] {});
  wheel_.start(milliseconds(10), [token] {});
  EXPECT_EQ(token.use_count(), 3);
  wheel_.cancel(cancelled);
  EXPECT_EQ(token.use_count(), 2);
  step(milliseconds(10));
  EXPECT_EQ(token.use_count(), 1);
}

TEST_F(TimerWheelTest, DestroyingTheWheelDropsPendingCallbacksUncalled) {
  auto token = std::make_shared<int>(0);
  bool called = false;
  {
    TimerWheel wheel{clock_};
    wheel.start(seconds(1), [token, &called] { called = true; });
    wheel.start(hours(100), [token, &called] { called = true; });
  }
  EXPECT_FALSE(called);
  EXPECT_EQ(token.use_count(), 1);
}

TEST_F(TimerWheelTest, SteadyStateDoesNotGrowTheNodePool) {
  wheel_.reserve(5000);
  const std::size_t capacity = wheel_.capacity();
  EXPECT_GE(capacity, 5000u);
  std::vector<TimerId> ids;
  for (int round = 0; round < 20; ++round) {
    for (int i = 0; i < 5000; ++i) {
      ids.push_back(wheel_.start(milliseconds(i % 700), [] {}));
    }
    for (std::size_t i = 0; i < ids.size(); i += 2) {
      wheel_.cancel(ids[i]);
    }
    ids.clear();
    step(seconds(1));
  }
  EXPECT_EQ(wheel_.capacity(), capacity);
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST(TimerWheel, TickIsAtLeastOneMillisecond) {
  ManualClock clock;
  TimerWheel wheel{clock, std::chrono::microseconds(10)};
  EXPECT_EQ(wheel.tick(), milliseconds(1));
  EXPECT_EQ(TimerWheel{clock}.tick(), TimerWheel::kDefaultTick);
}

}  // namespace
}  // namespace sb::sip
