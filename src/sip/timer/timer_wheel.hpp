#pragma once
/// @file
/// A hierarchical timing wheel: the one timer structure behind all SIP protocol timers
/// (transaction timers A-K, registration refresh, session timers, ...).
///
/// Starting, restarting and cancelling a timer are O(1); expiry is amortised O(1) per timer
/// (a timer is moved down at most once per level on its way to firing). None of these costs
/// grows with the number of pending timers.
///
/// Threading: a TimerWheel is single-threaded. Every call, and every callback, happens on the
/// thread that owns it (the reactor thread). There is no locking.
///
/// Memory: nodes come from a pool that only grows to the largest number of timers pending at
/// once, so start() and cancel() do not allocate in steady state (as long as the callback
/// fits TimerCallback's inline buffer).
///
/// Callbacks must not throw: an exception escaping one ends the process (std::terminate).

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "sip/timer/timer_callback.hpp"
#include "sip/timer/timer_clock.hpp"
#include "sip/timer/timer_node_pool.hpp"
#include "sip/timer/timer_types.hpp"

namespace sb::sip {

/// Running totals since the wheel was created, for monitoring and benchmarks.
struct TimerWheelStats {
  std::uint64_t started = 0;    ///< start() calls
  std::uint64_t restarted = 0;  ///< successful restart() calls
  std::uint64_t cancelled = 0;  ///< successful cancel() calls
  std::uint64_t fired = 0;      ///< callbacks called
  std::uint64_t moved = 0;      ///< timers moved down a level (or out of the overflow list)
};

/// Hierarchical timing wheel with 4 levels of 64 slots over a configurable tick.
///
/// Time is cut into ticks of `tick()` counted from the wheel's creation. A timer due at
/// `deadline` fires in the first advance() whose `now` reaches the end of the tick holding
/// `deadline`: never before `deadline`, and at most one tick after it (plus however late
/// advance() itself is called). Timers due in the same advance() fire in deadline order, ties
/// in start order.
///
/// The wheel spans 64^4 ticks (46.6 hours at the default 10 ms tick, 4.66 hours at 1 ms).
/// Timers beyond that wait in an overflow list that is re-examined once per wheel revolution.
/// Delays are capped at kMaxDelay.
class TimerWheel {
 public:
  static constexpr Duration kDefaultTick = std::chrono::milliseconds(10);
  /// Longer delays are shortened to this (about 10 years): "practically never".
  static constexpr Duration kMaxDelay = std::chrono::hours(24 * 365 * 10);
  static constexpr unsigned kLevels = 4;
  static constexpr unsigned kSlotBits = 6;
  static constexpr unsigned kSlots = 1u << kSlotBits;

  /// Called with the time the wheel next needs advance(), whenever that becomes earlier than
  /// what was last reported, and after every advance() (TimePoint::max() when idle).
  using WakeupHandler = std::function<void(TimePoint)>;

  /// `clock` must outlive the wheel; `tick` is the resolution (clamped to at least 1 ms).
  explicit TimerWheel(const TimerClock& clock, Duration tick = kDefaultTick);
  /// Destroys pending callbacks without calling them.
  ~TimerWheel();
  TimerWheel(const TimerWheel&) = delete;
  TimerWheel& operator=(const TimerWheel&) = delete;

  /// Starts a one-shot timer that calls `callback` once `delay` has passed (negative delays
  /// count as zero). Never returns the null id.
  TimerId start(Duration delay, TimerCallback callback);

  /// Stops a pending timer so it never fires. Returns false, and does nothing, for the null
  /// id, an unknown or stale id, or a timer that already fired (including one whose callback
  /// is running now).
  bool cancel(TimerId id) noexcept;

  /// Re-times a pending timer to `delay` from now, keeping its id and callback. Also works
  /// from inside the timer's own callback (re-arming a retransmission timer), in which case
  /// it fires again. Returns false if `id` names no pending or running timer.
  bool restart(TimerId id, Duration delay);

  /// True if `id` is a timer that has not fired yet and was not cancelled.
  bool isPending(TimerId id) const noexcept;

  /// The deadline `id` was started or restarted with, if it is pending.
  std::optional<TimePoint> deadline(TimerId id) const noexcept;

  /// Number of timers that have not fired yet and were not cancelled.
  std::size_t pending() const noexcept { return pending_; }

  /// Fires, in deadline order, every timer due at `now`. Callbacks may start, restart and
  /// cancel any timer, including their own; timers started by a callback fire no earlier
  /// than the next tick. Returns the number of callbacks called. Not re-entrant: called from
  /// a callback it does nothing and returns 0.
  std::size_t advance(TimePoint now);
  /// advance(clock().now()).
  std::size_t advance() { return advance(clock_.now()); }

  /// When advance() next has work to do (fire timers, or move far timers closer), or nullopt
  /// if no timer is pending. A driver sleeps until then; waking early is harmless.
  std::optional<TimePoint> nextDeadline() const noexcept;

  /// Installs (or, with an empty handler, removes) the driver's wake-up hook.
  void setWakeupHandler(WakeupHandler handler);

  /// Pre-grows node storage so `count` timers can be pending without allocating.
  void reserve(std::size_t count) { nodes_.reserve(count); }
  /// Number of timer nodes allocated so far (pending or free); it only grows when more
  /// timers are pending at once than ever before.
  std::size_t capacity() const noexcept { return nodes_.capacity(); }

  /// Operation counts; `moved / fired` shows the amortised per-timer work of expiry.
  const TimerWheelStats& stats() const noexcept { return stats_; }

  const TimerClock& clock() const noexcept { return clock_; }
  Duration tick() const noexcept { return tick_; }

 private:
  static constexpr std::uint16_t kOverflowList = kLevels * kSlots;
  static constexpr unsigned kSpanBits = kLevels * kSlotBits;

  struct DueEntry {
    TimePoint deadline;
    std::uint32_t sequence;
    TimerId id;
  };

  TimerNode* find(TimerId id) noexcept;
  const TimerNode* find(TimerId id) const noexcept;
  std::uint64_t tickFor(TimePoint deadline) const noexcept;
  TimePoint timeOfTick(std::uint64_t tick) const noexcept;
  TimePoint deadlineAfter(Duration delay) const noexcept;
  void schedule(std::uint32_t index, TimePoint deadline);
  void link(std::uint32_t index);
  void unlink(std::uint32_t index) noexcept;
  void freeNode(std::uint32_t index) noexcept;
  std::optional<std::uint64_t> nextEventTick() const noexcept;
  void moveDown(std::uint16_t list);
  std::size_t processTick(std::uint64_t tick);
  void fire(std::uint32_t index) noexcept;
  void notifyIfEarlier(std::uint64_t tick);

  const TimerClock& clock_;
  const Duration tick_;
  const TimePoint origin_;
  // The next tick advance() has not processed yet; every timer linked in the wheel is due at
  // or after it.
  std::uint64_t currentTick_ = 0;
  std::uint32_t nextSequence_ = 0;
  std::size_t pending_ = 0;
  TimerNodePool nodes_;
  // Heads of the slot lists (level * kSlots + slot) plus the overflow list.
  std::array<std::uint32_t, kLevels * kSlots + 1> heads_;
  // Bit s of occupied_[l] is set when slot s of level l is non-empty.
  std::array<std::uint64_t, kLevels> occupied_{};
  std::vector<DueEntry> due_;
  bool advancing_ = false;
  std::uint32_t firingIndex_ = kNoTimerNode;
  WakeupHandler wakeupHandler_;
  TimerWheelStats stats_;
  // The tick last reported to the wake-up handler (UINT64_MAX: none).
  std::uint64_t reportedTick_ = UINT64_MAX;
};

}  // namespace sb::sip
