#pragma once
/// @file
/// Storage for TimerWheel's timer nodes: fixed-size chunks plus a free list, so that starting
/// and cancelling timers does not allocate once the pool has grown to the working set, and
/// nodes never move (a callback can run in place while other timers are started).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "sip/timer/timer_callback.hpp"
#include "sip/timer/timer_types.hpp"

namespace sb::sip {

/// Index value meaning "no node" in the intrusive lists.
inline constexpr std::uint32_t kNoTimerNode = UINT32_MAX;

/// Where a node is in its life.
enum class TimerNodeState : std::uint8_t {
  Free,       ///< On the free list.
  Pending,    ///< Linked into a wheel slot or the overflow list.
  Due,        ///< Taken out of the wheel for the firing batch of the current tick.
  Firing,     ///< Its callback is running.
  Releasing,  ///< Cancelled from inside its own callback; freed when the callback returns.
};

/// One timer, one cache line. Linked into exactly one list while pending.
struct alignas(64) TimerNode {
  TimerCallback callback;
  TimePoint deadline{};
  std::uint64_t expiryTick = 0;
  std::uint32_t sequence = 0;  // start order (wrapping), breaks ties between equal deadlines
  std::uint32_t prev = kNoTimerNode;
  std::uint32_t next = kNoTimerNode;
  std::uint32_t generation = 1;
  std::uint16_t list = 0;  // which slot list holds it (see TimerWheel)
  TimerNodeState state = TimerNodeState::Free;
};

/// Chunked node storage with a free list. Grows by whole chunks and never shrinks.
class TimerNodePool {
 public:
  static constexpr std::size_t kChunkBits = 10;
  static constexpr std::size_t kChunkSize = std::size_t{1} << kChunkBits;

  TimerNodePool() = default;
  TimerNodePool(const TimerNodePool&) = delete;
  TimerNodePool& operator=(const TimerNodePool&) = delete;

  TimerNode& operator[](std::uint32_t index) {
    return chunks_[index >> kChunkBits][index & (kChunkSize - 1)];
  }
  const TimerNode& operator[](std::uint32_t index) const {
    return chunks_[index >> kChunkBits][index & (kChunkSize - 1)];
  }

  /// Number of nodes ever created (free or not).
  std::size_t capacity() const { return chunks_.size() * kChunkSize; }

  /// Pre-grows the pool so that `count` timers can be pending without allocating.
  void reserve(std::size_t count);

  /// A free node (state still `Free`), growing the pool if none is left.
  std::uint32_t acquire();

  /// Returns a node to the free list; bumps its generation so old ids go stale.
  void release(std::uint32_t index) noexcept;

 private:
  void grow();

  std::vector<std::unique_ptr<TimerNode[]>> chunks_;
  std::uint32_t freeHead_ = kNoTimerNode;
};

}  // namespace sb::sip
