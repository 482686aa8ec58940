#include "sip/timer/timer_node_pool.hpp"

#include <stdexcept>

namespace sb::sip {

void TimerNodePool::reserve(std::size_t count) {
  while (capacity() < count) {
    grow();
  }
}

std::uint32_t TimerNodePool::acquire() {
  if (freeHead_ == kNoTimerNode) {
    grow();
  }
  const std::uint32_t index = freeHead_;
  freeHead_ = (*this)[index].next;
  (*this)[index].next = kNoTimerNode;
  return index;
}

void TimerNodePool::release(std::uint32_t index) noexcept {
  TimerNode& node = (*this)[index];
  node.callback.reset();
  // Generation 0 is never used, so no id of a live node is ever the null id.
  if (++node.generation == 0) {
    node.generation = 1;
  }
  node.state = TimerNodeState::Free;
  node.prev = kNoTimerNode;
  node.next = freeHead_;
  freeHead_ = index;
}

void TimerNodePool::grow() {
  const std::size_t first = capacity();
  // Index kNoTimerNode is reserved as the list terminator.
  if (first + kChunkSize > kNoTimerNode) {
    throw std::length_error("TimerNodePool: too many timers");
  }
  chunks_.push_back(std::make_unique<TimerNode[]>(kChunkSize));
  // Thread the new nodes onto the free list, lowest index first.
  TimerNode* chunk = chunks_.back().get();
  for (std::size_t i = kChunkSize; i-- > 0;) {
    chunk[i].next = freeHead_;
    freeHead_ = static_cast<std::uint32_t>(first + i);
  }
}

}  // namespace sb::sip
