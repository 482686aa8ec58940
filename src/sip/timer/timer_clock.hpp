#pragma once
/// @file
/// The time source of a TimerWheel, injectable so tests can drive time by hand.

#include "sip/timer/timer_types.hpp"

namespace sb::sip {

/// Where a TimerWheel reads "now". Production uses SteadyClock; tests use ManualClock.
class TimerClock {
 public:
  virtual ~TimerClock() = default;
  /// The current time; must never go backwards.
  virtual TimePoint now() const = 0;
};

/// std::chrono::steady_clock, the only clock AsioTimerDriver can follow.
class SteadyClock final : public TimerClock {
 public:
  TimePoint now() const override { return std::chrono::steady_clock::now(); }
};

/// A clock that only moves when told to (unit tests, benchmarks, simulations).
class ManualClock final : public TimerClock {
 public:
  /// Starts at `start`; the default is an arbitrary non-zero point so that "time zero" bugs
  /// do not hide.
  explicit ManualClock(TimePoint start = TimePoint{std::chrono::hours(1)}) : now_(start) {}

  TimePoint now() const override { return now_; }
  /// Moves time forward by `step` (negative steps are ignored: time is monotonic).
  void advance(Duration step) {
    if (step > Duration::zero()) {
      now_ += step;
    }
  }
  /// Moves time forward to `to` (earlier points are ignored).
  void set(TimePoint to) {
    if (to > now_) {
      now_ = to;
    }
  }

 private:
  TimePoint now_;
};

}  // namespace sb::sip
