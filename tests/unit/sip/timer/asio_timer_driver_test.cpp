#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <string>
#include <vector>

#include "sip/timer/asio_timer_driver.hpp"
#include "sip/timer/timer.hpp"

namespace sb::sip {
namespace {

using std::chrono::milliseconds;

class AsioTimerDriverTest : public ::testing::Test {
 protected:
  void record(const std::string& name, Duration delay) {
    const TimePoint due = clock_.now() + delay;
    wheel_.start(delay, [this, name, due] {
      log_.push_back(name);
      if (clock_.now() < due) {
        early_.push_back(name);
      }
    });
  }

  boost::asio::io_context io_;
  SteadyClock clock_;
  TimerWheel wheel_{clock_, milliseconds(1)};
  AsioTimerDriver driver_{io_.get_executor(), wheel_};
  std::vector<std::string> log_;
  std::vector<std::string> early_;
};

TEST_F(AsioTimerDriverTest, FiresShortTimersInOrderAndSkipsCancelledOnes) {
  record("8ms", milliseconds(8));
  record("2ms", milliseconds(2));
  const TimerId cancelled = wheel_.start(milliseconds(3), [&] { log_.push_back("cancelled"); });
  record("5ms", milliseconds(5));
  record("2ms-b", milliseconds(2));
  EXPECT_TRUE(wheel_.cancel(cancelled));
  const TimePoint began = clock_.now();
  io_.run_for(std::chrono::seconds(5));  // returns once nothing is left to wait for
  EXPECT_EQ(log_, (std::vector<std::string>{"2ms", "2ms-b", "5ms", "8ms"}));
  EXPECT_TRUE(early_.empty());
  EXPECT_LT(clock_.now() - began, std::chrono::seconds(2));
  EXPECT_EQ(wheel_.pending(), 0u);
  EXPECT_EQ(driver_.armedFor(), TimePoint::max());
}

TEST_F(AsioTimerDriverTest, ManyTimersShareOneOsTimer) {
  int fired = 0;
  for (int i = 0; i < 5000; ++i) {
    wheel_.start(milliseconds(3 + i % 7), [&] { ++fired; });
  }
  // Only the first start moved the wake-up earlier.
  EXPECT_EQ(driver_.armCount(), 1u);
  io_.run_for(std::chrono::seconds(5));
  EXPECT_EQ(fired, 5000);
  // At most one wake-up per distinct 1 ms tick, which is a handful unless the machine is
  // very slow at starting the 5000 timers.
  EXPECT_LT(driver_.armCount(), 100u);
}

TEST_F(AsioTimerDriverTest, EarlierTimerStartedLaterRearms) {
  record("late", milliseconds(30));
  boost::asio::post(io_, [this] { record("early", milliseconds(2)); });
  io_.run_for(std::chrono::seconds(5));
  EXPECT_EQ(log_, (std::vector<std::string>{"early", "late"}));
  EXPECT_TRUE(early_.empty());
}

TEST_F(AsioTimerDriverTest, CallbacksStartingTimersKeepTheLoopGoing) {
  Timer timer{wheel_};
  int runs = 0;
  timer.start(milliseconds(1), [&] {
    if (++runs < 5) {
      timer.restart(milliseconds(2));
    }
  });
  io_.run_for(std::chrono::seconds(5));
  EXPECT_EQ(runs, 5);
}

TEST(AsioTimerDriver, DestroyingTheDriverStopsFiring) {
  boost::asio::io_context io;
  SteadyClock clock;
  TimerWheel wheel{clock, milliseconds(1)};
  int fired = 0;
  {
    AsioTimerDriver driver{io.get_executor(), wheel};
    wheel.start(milliseconds(2), [&] { ++fired; });
  }
  io.run_for(milliseconds(50));
  EXPECT_EQ(fired, 0);
  EXPECT_EQ(wheel.pending(), 1u);
}

}  // namespace
}  // namespace sb::sip
