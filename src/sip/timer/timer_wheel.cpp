#include "sip/timer/timer_wheel.hpp"

#include <algorithm>
#include <bit>
#include <utility>

namespace sb::sip {

namespace {

constexpr std::uint64_t kNoTick = UINT64_MAX;

// Lets an exception escaping a timer callback end the process (via noexcept) rather than
// leave the wheel half-way through a tick.
void invoke(TimerCallback& callback) noexcept {
  if (callback) {
    callback();
  }
}

}  // namespace

TimerWheel::TimerWheel(const TimerClock& clock, Duration tick)
    : clock_(clock),
      tick_(std::max<Duration>(tick, std::chrono::milliseconds(1))),
      origin_(clock.now()) {
  heads_.fill(kNoTimerNode);
}

TimerWheel::~TimerWheel() = default;

TimerId TimerWheel::start(Duration delay, TimerCallback callback) {
  const std::uint32_t index = nodes_.acquire();
  TimerNode& node = nodes_[index];
  node.callback = std::move(callback);
  ++pending_;
  ++stats_.started;
  schedule(index, deadlineAfter(delay));
  return TimerId(index, node.generation);
}

bool TimerWheel::cancel(TimerId id) noexcept {
  TimerNode* node = find(id);
  if (node == nullptr) {
    return false;
  }
  switch (node->state) {
    case TimerNodeState::Pending:
      unlink(id.index());
      break;
    case TimerNodeState::Due:
      // Still listed in due_; firing skips it once its generation has moved on.
      break;
    default:
      return false;  // already fired
  }
  --pending_;
  ++stats_.cancelled;
  freeNode(id.index());
  return true;
}

bool TimerWheel::restart(TimerId id, Duration delay) {
  TimerNode* node = find(id);
  if (node == nullptr) {
    return false;
  }
  switch (node->state) {
    case TimerNodeState::Pending:
      unlink(id.index());
      break;
    case TimerNodeState::Due:
      break;
    case TimerNodeState::Firing:
      ++pending_;  // it fired; now it is pending again
      break;
    default:
      return false;
  }
  ++stats_.restarted;
  schedule(id.index(), deadlineAfter(delay));
  return true;
}

bool TimerWheel::isPending(TimerId id) const noexcept {
  const TimerNode* node = find(id);
  return node != nullptr &&
         (node->state == TimerNodeState::Pending || node->state == TimerNodeState::Due);
}

std::optional<TimePoint> TimerWheel::deadline(TimerId id) const noexcept {
  if (!isPending(id)) {
    return std::nullopt;
  }
  return find(id)->deadline;
}

std::size_t TimerWheel::advance(TimePoint now) {
  if (advancing_ || now < origin_) {
    return 0;
  }
  const auto target = static_cast<std::uint64_t>((now - origin_) / tick_);
  advancing_ = true;
  std::size_t fired = 0;
  for (auto tick = nextEventTick(); tick && *tick <= target; tick = nextEventTick()) {
    fired += processTick(*tick);
  }
  // Nothing is due in the ticks skipped here (nextEventTick() said so).
  if (currentTick_ <= target) {
    currentTick_ = target + 1;
  }
  advancing_ = false;
  if (wakeupHandler_) {
    const auto next = nextEventTick();
    reportedTick_ = next.value_or(kNoTick);
    wakeupHandler_(next ? timeOfTick(*next) : TimePoint::max());
  }
  return fired;
}

std::optional<TimePoint> TimerWheel::nextDeadline() const noexcept {
  const auto tick = nextEventTick();
  if (!tick) {
    return std::nullopt;
  }
  return timeOfTick(*tick);
}

void TimerWheel::setWakeupHandler(WakeupHandler handler) {
  wakeupHandler_ = std::move(handler);
  reportedTick_ = kNoTick;
  if (wakeupHandler_ && !advancing_) {
    if (const auto tick = nextEventTick()) {
      notifyIfEarlier(*tick);
    }
  }
}

TimerNode* TimerWheel::find(TimerId id) noexcept {
  return const_cast<TimerNode*>(std::as_const(*this).find(id));
}

const TimerNode* TimerWheel::find(TimerId id) const noexcept {
  if (!id || id.index() >= nodes_.capacity()) {
    return nullptr;
  }
  const TimerNode& node = nodes_[id.index()];
  if (node.generation != id.generation() || node.state == TimerNodeState::Free ||
      node.state == TimerNodeState::Releasing) {
    return nullptr;
  }
  return &node;
}

std::uint64_t TimerWheel::tickFor(TimePoint deadline) const noexcept {
  if (deadline <= origin_) {
    return 0;
  }
  // Round up: a timer must never fire before its deadline.
  const auto since = (deadline - origin_).count();
  const auto tick = tick_.count();
  return static_cast<std::uint64_t>(since / tick + (since % tick != 0 ? 1 : 0));
}

TimePoint TimerWheel::timeOfTick(std::uint64_t tick) const noexcept {
  return origin_ + tick_ * static_cast<Duration::rep>(tick);
}

TimePoint TimerWheel::deadlineAfter(Duration delay) const noexcept {
  return clock_.now() + std::clamp(delay, Duration::zero(), kMaxDelay);
}

void TimerWheel::schedule(std::uint32_t index, TimePoint deadline) {
  TimerNode& node = nodes_[index];
  node.deadline = deadline;
  node.sequence = nextSequence_++;
  // A timer can never be due before the first unprocessed tick; during firing that is the
  // tick after the one firing, so a callback re-arming itself cannot loop within one tick.
  node.expiryTick = std::max(tickFor(deadline), currentTick_);
  node.state = TimerNodeState::Pending;
  link(index);
  notifyIfEarlier(node.expiryTick);
}

void TimerWheel::link(std::uint32_t index) {
  TimerNode& node = nodes_[index];
  const std::uint64_t expiry = node.expiryTick;
  // The level is the highest group of kSlotBits bits in which the expiry tick differs from the
  // current tick; the slot is that group of the expiry tick. So a timer sits in the slot that
  // is reached (and moved down a level) exactly when the current tick catches up with its
  // group.
  const std::uint64_t differing = expiry ^ currentTick_;
  std::uint16_t list = kOverflowList;
  unsigned level = 0;
  if (differing >> kSpanBits == 0) {
    level = differing < kSlots ? 0 : (std::bit_width(differing) - 1) / kSlotBits;
    const auto slot = static_cast<unsigned>((expiry >> (level * kSlotBits)) & (kSlots - 1));
    list = static_cast<std::uint16_t>(level * kSlots + slot);
    occupied_[level] |= std::uint64_t{1} << slot;
  }
  node.list = list;
  node.prev = kNoTimerNode;
  node.next = heads_[list];
  if (node.next != kNoTimerNode) {
    nodes_[node.next].prev = index;
  }
  heads_[list] = index;
}

void TimerWheel::unlink(std::uint32_t index) noexcept {
  TimerNode& node = nodes_[index];
  if (node.prev != kNoTimerNode) {
    nodes_[node.prev].next = node.next;
  } else {
    heads_[node.list] = node.next;
    if (node.next == kNoTimerNode && node.list != kOverflowList) {
      occupied_[node.list / kSlots] &= ~(std::uint64_t{1} << (node.list % kSlots));
    }
  }
  if (node.next != kNoTimerNode) {
    nodes_[node.next].prev = node.prev;
  }
  node.prev = kNoTimerNode;
  node.next = kNoTimerNode;
}

void TimerWheel::freeNode(std::uint32_t index) noexcept {
  if (index != firingIndex_) {
    nodes_.release(index);
    return;
  }
  // The callback being run belongs to this node: keep it alive until it returns, but make
  // the id stale now.
  TimerNode& node = nodes_[index];
  if (++node.generation == 0) {
    node.generation = 1;
  }
  node.state = TimerNodeState::Releasing;
}

std::optional<std::uint64_t> TimerWheel::nextEventTick() const noexcept {
  std::uint64_t best = kNoTick;
  for (unsigned level = 0; level < kLevels; ++level) {
    const unsigned shift = level * kSlotBits;
    const auto current = static_cast<unsigned>((currentTick_ >> shift) & (kSlots - 1));
    // Slots behind the current one are empty: their timers were moved down already.
    const std::uint64_t ahead = occupied_[level] & (~std::uint64_t{0} << current);
    if (ahead == 0) {
      continue;
    }
    const auto slot = static_cast<std::uint64_t>(std::countr_zero(ahead));
    const unsigned groupShift = shift + kSlotBits;
    const std::uint64_t groupStart = ((currentTick_ >> groupShift) << groupShift) | (slot << shift);
    best = std::min(best, std::max(groupStart, currentTick_));
  }
  if (heads_[kOverflowList] != kNoTimerNode) {
    constexpr std::uint64_t kSpan = std::uint64_t{1} << kSpanBits;
    const std::uint64_t revolution =
        (currentTick_ % kSpan == 0) ? currentTick_ : (currentTick_ / kSpan + 1) * kSpan;
    best = std::min(best, revolution);
  }
  if (best == kNoTick) {
    return std::nullopt;
  }
  return best;
}

void TimerWheel::moveDown(std::uint16_t list) {
  std::uint32_t index = heads_[list];
  if (index == kNoTimerNode) {
    return;
  }
  heads_[list] = kNoTimerNode;
  if (list != kOverflowList) {
    occupied_[list / kSlots] &= ~(std::uint64_t{1} << (list % kSlots));
  }
  while (index != kNoTimerNode) {
    const std::uint32_t next = nodes_[index].next;
    link(index);
    ++stats_.moved;
    index = next;
  }
}

std::size_t TimerWheel::processTick(std::uint64_t tick) {
  currentTick_ = tick;
  // Bring far timers closer, top level first; none lands in a slot being emptied here.
  constexpr std::uint64_t kSpan = std::uint64_t{1} << kSpanBits;
  if (tick % kSpan == 0) {
    moveDown(kOverflowList);
  }
  for (unsigned level = kLevels - 1; level > 0; --level) {
    const unsigned shift = level * kSlotBits;
    if ((tick & ((std::uint64_t{1} << shift) - 1)) == 0) {
      moveDown(static_cast<std::uint16_t>(level * kSlots + ((tick >> shift) & (kSlots - 1))));
    }
  }

  // Everything left in this level-0 slot expires at exactly this tick.
  const auto list = static_cast<std::uint16_t>(tick & (kSlots - 1));
  std::uint32_t index = heads_[list];
  heads_[list] = kNoTimerNode;
  occupied_[0] &= ~(std::uint64_t{1} << list);
  while (index != kNoTimerNode) {
    TimerNode& node = nodes_[index];
    const std::uint32_t next = node.next;
    node.state = TimerNodeState::Due;
    node.prev = kNoTimerNode;
    node.next = kNoTimerNode;
    due_.push_back(DueEntry{node.deadline, node.sequence, TimerId(index, node.generation)});
    index = next;
  }
  currentTick_ = tick + 1;

  const auto earlier = [](const DueEntry& a, const DueEntry& b) {
    // The sequence wraps; timers due together were started within 2^31 starts of each other.
    return a.deadline != b.deadline ? a.deadline < b.deadline
                                    : static_cast<std::int32_t>(a.sequence - b.sequence) < 0;
  };
  if (!std::is_sorted(due_.begin(), due_.end(), earlier)) {
    std::sort(due_.begin(), due_.end(), earlier);
  }
  std::size_t fired = 0;
  // Callbacks may cancel or restart later entries; those are skipped by the checks in find()
  // and on the state. due_ itself does not grow: new timers go to later ticks.
  for (const DueEntry& entry : due_) {
    const TimerNode* node = find(entry.id);
    if (node != nullptr && node->state == TimerNodeState::Due) {
      fire(entry.id.index());
      ++fired;
    }
  }
  due_.clear();
  return fired;
}

void TimerWheel::fire(std::uint32_t index) noexcept {
  TimerNode& node = nodes_[index];  // nodes never move, even if the callback grows the pool
  node.state = TimerNodeState::Firing;
  --pending_;
  ++stats_.fired;
  firingIndex_ = index;
  invoke(node.callback);
  firingIndex_ = kNoTimerNode;
  // Still Firing: done. Pending: it restarted itself. Releasing: it cancelled its restart.
  if (node.state == TimerNodeState::Firing || node.state == TimerNodeState::Releasing) {
    nodes_.release(index);
  }
}

void TimerWheel::notifyIfEarlier(std::uint64_t tick) {
  // During advance() the handler hears about the next wake-up once, at the end.
  if (advancing_ || !wakeupHandler_ || tick >= reportedTick_) {
    return;
  }
  reportedTick_ = tick;
  wakeupHandler_(timeOfTick(tick));
}

}  // namespace sb::sip
