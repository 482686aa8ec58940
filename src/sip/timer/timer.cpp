#include "sip/timer/timer.hpp"

#include <cassert>
#include <utility>

namespace sb::sip {

Timer::Timer(Timer&& other) noexcept
    : wheel_(std::exchange(other.wheel_, nullptr)), id_(std::exchange(other.id_, TimerId{})) {}

Timer& Timer::operator=(Timer&& other) noexcept {
  if (this != &other) {
    cancel();
    wheel_ = std::exchange(other.wheel_, nullptr);
    id_ = std::exchange(other.id_, TimerId{});
  }
  return *this;
}

void Timer::start(Duration delay, TimerCallback callback) {
  assert(wheel_ != nullptr && "Timer::start on an unbound handle");
  cancel();
  id_ = wheel_->start(delay, std::move(callback));
}

bool Timer::restart(Duration delay) {
  return wheel_ != nullptr && wheel_->restart(id_, delay);
}

bool Timer::cancel() noexcept {
  if (wheel_ == nullptr || !id_) {
    return false;
  }
  return wheel_->cancel(std::exchange(id_, TimerId{}));
}

bool Timer::pending() const noexcept {
  return wheel_ != nullptr && wheel_->isPending(id_);
}

}  // namespace sb::sip
