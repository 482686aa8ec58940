#pragma once
/// @file
/// Per-source limits on AMI logins that fail: the answer to a failed login waits one second
/// (as Asterisk's), and longer for a source that keeps failing (doubling from the fourth
/// failure within a minute, up to 30 s), so that one address guessing passwords over and
/// over is slowed down without a correct login ever being refused (authlimit bounds the
/// connections not logged in yet, for all sources together). Reactor thread only.

#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <unordered_map>

namespace sb::modules::manager {

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  static constexpr std::size_t kFreeFailures = 3;  ///< failures a minute answered after 1 s
  static constexpr std::chrono::seconds kWindow{60};
  static constexpr std::chrono::seconds kMaxDelay{30};

  /// Notes a failed login from `source` and returns how long its answer waits.
  std::chrono::milliseconds failed(const std::string& source, Clock::time_point now);
  /// Failures from `source` within the window (for tests and logs).
  std::size_t recentFailures(const std::string& source, Clock::time_point now);

 private:
  void forgetOld(std::deque<Clock::time_point>& failures, Clock::time_point now) const;

  std::unordered_map<std::string, std::deque<Clock::time_point>> failures_;
};

}  // namespace sb::modules::manager
