#include "modules/manager/login_throttle.hpp"

#include <gtest/gtest.h>

namespace sb::modules::manager {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(LoginThrottle, ASecondForTheFirstFailuresThenDoublingUpToThirty) {
  LoginThrottle throttle;
  const auto start = LoginThrottle::Clock::time_point{} + seconds(1000);
  std::vector<long> delays;
  for (int i = 0; i < 10; ++i) {
    delays.push_back(throttle.failed("192.0.2.1", start + seconds(i)).count());
  }
  EXPECT_EQ(delays,
            (std::vector<long>{1000, 1000, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000}));
  // Another address is not slowed by the first one's failures.
  EXPECT_EQ(throttle.failed("192.0.2.2", start + seconds(10)), milliseconds(1000));
}

TEST(LoginThrottle, FailuresOlderThanAMinuteAreForgotten) {
  LoginThrottle throttle;
  const auto start = LoginThrottle::Clock::time_point{} + seconds(1000);
  for (int i = 0; i < 5; ++i) {
    throttle.failed("192.0.2.1", start);
  }
  EXPECT_EQ(throttle.recentFailures("192.0.2.1", start + seconds(59)), 5u);
  EXPECT_EQ(throttle.recentFailures("192.0.2.1", start + seconds(60)), 0u);
  EXPECT_EQ(throttle.failed("192.0.2.1", start + seconds(61)), milliseconds(1000));
}

TEST(LoginThrottle, KeepsBoundedMemoryForAnEndlessStreamOfFailures) {
  LoginThrottle throttle;
  const auto start = LoginThrottle::Clock::time_point{} + seconds(1000);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_LE(throttle.failed("192.0.2.1", start), milliseconds(30000));
  }
  EXPECT_LE(throttle.recentFailures("192.0.2.1", start), 19u);
  EXPECT_EQ(throttle.failed("192.0.2.1", start), milliseconds(30000));
}

}  // namespace
}  // namespace sb::modules::manager
