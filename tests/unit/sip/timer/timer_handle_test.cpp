#include <gtest/gtest.h>

#include <memory>
#include <utility>

#include "sip/timer/timer.hpp"

namespace sb::sip {
namespace {

using std::chrono::milliseconds;

class TimerHandleTest : public ::testing::Test {
 protected:
  std::size_t step(Duration by) {
    clock_.advance(by);
    return wheel_.advance();
  }

  ManualClock clock_;
  TimerWheel wheel_{clock_};
  int fired_ = 0;
};

TEST_F(TimerHandleTest, FiresLikeAWheelTimer) {
  Timer timer{wheel_};
  EXPECT_FALSE(timer.pending());
  timer.start(milliseconds(20), [&] { ++fired_; });
  EXPECT_TRUE(timer.pending());
  step(milliseconds(20));
  EXPECT_EQ(fired_, 1);
  EXPECT_FALSE(timer.pending());
  EXPECT_FALSE(timer.cancel());
}

TEST_F(TimerHandleTest, DestructionCancels) {
  {
    Timer timer{wheel_};
    timer.start(milliseconds(20), [&] { ++fired_; });
    EXPECT_EQ(wheel_.pending(), 1u);
  }
  EXPECT_EQ(wheel_.pending(), 0u);
  step(milliseconds(50));
  EXPECT_EQ(fired_, 0);
}

TEST_F(TimerHandleTest, StartingAgainReplacesTheRunningTimer) {
  Timer timer{wheel_};
  timer.start(milliseconds(20), [&] { fired_ += 1; });
  timer.start(milliseconds(40), [&] { fired_ += 10; });
  EXPECT_EQ(wheel_.pending(), 1u);
  step(milliseconds(40));
  EXPECT_EQ(fired_, 10);
}

TEST_F(TimerHandleTest, MovingTransfersOwnership) {
  Timer first{wheel_};
  first.start(milliseconds(20), [&] { ++fired_; });
  Timer second = std::move(first);
  EXPECT_FALSE(first.bound());  // NOLINT(bugprone-use-after-move): checking moved-from state
  EXPECT_FALSE(first.cancel());
  EXPECT_TRUE(second.pending());
  step(milliseconds(20));
  EXPECT_EQ(fired_, 1);
}

TEST_F(TimerHandleTest, MoveAssignmentCancelsTheOverwrittenTimer) {
  Timer kept{wheel_};
  Timer replaced{wheel_};
  replaced.start(milliseconds(20), [&] { fired_ += 100; });
  kept.start(milliseconds(30), [&] { fired_ += 1; });
  replaced = std::move(kept);
  EXPECT_EQ(wheel_.pending(), 1u);
  step(milliseconds(30));
  EXPECT_EQ(fired_, 1);
}

TEST_F(TimerHandleTest, RestartRearmsFromTheCallback) {
  Timer timer{wheel_};
  timer.start(milliseconds(10), [&] {
    if (++fired_ < 3) {
      EXPECT_TRUE(timer.restart(milliseconds(10)));
    }
  });
  for (int i = 0; i < 10; ++i) {
    step(milliseconds(10));
  }
  EXPECT_EQ(fired_, 3);
  EXPECT_FALSE(timer.restart(milliseconds(10)));
}

TEST_F(TimerHandleTest, OwnerMayDestroyItselfFromTheCallback) {
  struct Transaction {
    explicit Transaction(TimerWheel& wheel) : timerJ(wheel) {}
    Timer timerJ;
  };
  auto transaction = std::make_unique<Transaction>(wheel_);
  auto token = std::make_shared<int>(0);
  transaction->timerJ.start(milliseconds(10), [&, token] {
    ++fired_;
    transaction.reset();  // destroys the handle whose callback is running
  });
  step(milliseconds(10));
  EXPECT_EQ(fired_, 1);
  EXPECT_EQ(transaction, nullptr);
  EXPECT_EQ(token.use_count(), 1);
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST_F(TimerHandleTest, UnboundHandleDoesNothing) {
  Timer timer;
  EXPECT_FALSE(timer.bound());
  EXPECT_FALSE(timer.pending());
  EXPECT_FALSE(timer.cancel());
  EXPECT_FALSE(timer.restart(milliseconds(5)));
  EXPECT_FALSE(timer.id());
}

}  // namespace
}  // namespace sb::sip
