#pragma once
/// @file
/// Timer: the RAII handle protocol objects embed (one per RFC 3261 timer of a transaction,
/// say). Destroying or re-starting it cancels what it had running, so a destroyed
/// transaction can never be called back by a forgotten timer.

#include "sip/timer/timer_callback.hpp"
#include "sip/timer/timer_types.hpp"
#include "sip/timer/timer_wheel.hpp"

namespace sb::sip {

/// Move-only owner of at most one timer on a TimerWheel. The wheel must outlive it. Like the
/// wheel, it is used on the reactor thread only.
class Timer {
 public:
  /// An unbound handle; every operation on it is a no-op until a bound one is moved in.
  Timer() noexcept = default;
  /// A handle for timers on `wheel`, with nothing running yet.
  explicit Timer(TimerWheel& wheel) noexcept : wheel_(&wheel) {}
  /// Cancels the timer if it is still pending.
  ~Timer() { cancel(); }

  Timer(Timer&& other) noexcept;
  /// Cancels this handle's timer, then takes over `other`'s.
  Timer& operator=(Timer&& other) noexcept;
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  /// Cancels any timer this handle runs, then starts `callback` after `delay`. The handle
  /// must be bound to a wheel.
  void start(Duration delay, TimerCallback callback);

  /// Re-times the running timer (or re-arms it from its own callback). Returns false if there
  /// is none; then start() is needed.
  bool restart(Duration delay);

  /// Cancels the running timer; true if it was pending. Harmless when there is none.
  bool cancel() noexcept;

  /// True if the timer is started and has neither fired nor been cancelled.
  bool pending() const noexcept;

  /// The wheel's id of the timer last started (null after cancel() or before start()).
  TimerId id() const noexcept { return id_; }
  /// True if bound to a wheel.
  bool bound() const noexcept { return wheel_ != nullptr; }

 private:
  TimerWheel* wheel_ = nullptr;
  TimerId id_;
};

}  // namespace sb::sip
