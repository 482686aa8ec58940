#pragma once
/// @file
/// Time and identity types shared by the SIP timer pieces.

#include <chrono>
#include <compare>
#include <cstdint>

namespace sb::sip {

/// Time is measured on the monotonic clock; wall-clock jumps must never move SIP timers.
using Duration = std::chrono::steady_clock::duration;
using TimePoint = std::chrono::steady_clock::time_point;

/// Names one started timer: a node index paired with that node's generation, which changes
/// each time the node is reused, so a stale id cannot cancel a later timer (short of 2^32
/// reuses of one node while the stale id is kept). The default value names no timer.
class TimerId {
 public:
  constexpr TimerId() noexcept = default;
  constexpr TimerId(std::uint32_t index, std::uint32_t generation) noexcept
      : value_((std::uint64_t{generation} << 32) | index) {}

  constexpr std::uint32_t index() const noexcept { return static_cast<std::uint32_t>(value_); }
  constexpr std::uint32_t generation() const noexcept {
    return static_cast<std::uint32_t>(value_ >> 32);
  }
  /// The raw value (for logging and hashing).
  constexpr std::uint64_t value() const noexcept { return value_; }
  /// False for the default "no timer" value.
  constexpr explicit operator bool() const noexcept { return value_ != 0; }

  friend constexpr auto operator<=>(TimerId, TimerId) noexcept = default;

 private:
  std::uint64_t value_ = 0;
};

}  // namespace sb::sip
