#pragma once
/// @file
/// Drives a TimerWheel from an Asio event loop with a single boost::asio::steady_timer, so
/// any number of protocol timers costs one OS timer.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

#include "sip/timer/timer_types.hpp"
#include "sip/timer/timer_wheel.hpp"

namespace sb::sip {

/// Keeps one steady_timer armed for the wheel's next deadline and calls advance() when it
/// expires. It re-arms only when the next deadline moves earlier (a new or restarted timer)
/// or after advancing; a cancelled earliest timer just causes one harmless early wake-up.
///
/// The wheel's clock must be SteadyClock (Asio waits on std::chrono::steady_clock). The
/// driver, the wheel and the executor's io_context all belong to the reactor thread. The
/// wheel must outlive the driver; destroying the driver detaches it from the wheel.
class AsioTimerDriver {
 public:
  AsioTimerDriver(boost::asio::any_io_executor executor, TimerWheel& wheel);
  ~AsioTimerDriver();
  AsioTimerDriver(const AsioTimerDriver&) = delete;
  AsioTimerDriver& operator=(const AsioTimerDriver&) = delete;

  TimerWheel& wheel() noexcept { return wheel_; }

  /// The time the OS timer is armed for (TimePoint::max() when idle), for tests and stats.
  TimePoint armedFor() const noexcept;
  /// How many times the OS timer was (re-)armed, for tests and stats.
  std::uint64_t armCount() const noexcept;

 private:
  struct State;

  TimerWheel& wheel_;
  // Shared with pending wait handlers so that one completing after the driver is gone finds
  // it gone instead of touching freed memory.
  std::shared_ptr<State> state_;
};

}  // namespace sb::sip
