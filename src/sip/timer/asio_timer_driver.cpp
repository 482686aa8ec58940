#include "sip/timer/asio_timer_driver.hpp"

#include <boost/system/error_code.hpp>

namespace sb::sip {

struct AsioTimerDriver::State : std::enable_shared_from_this<State> {
  State(boost::asio::any_io_executor executor, TimerWheel& wheel)
      : timer(std::move(executor)), wheel(&wheel) {}

  // Called by the wheel with the time it next needs advance().
  void arm(TimePoint when) {
    if (when == armedFor) {
      return;
    }
    armedFor = when;
    if (when == TimePoint::max()) {
      timer.cancel();
      return;
    }
    ++armCount;
    timer.expires_at(when);  // cancels the previous wait, whose handler then sees aborted
    timer.async_wait([weak = weak_from_this()](const boost::system::error_code& error) {
      const auto self = weak.lock();
      if (error == boost::asio::error::operation_aborted || !self || self->wheel == nullptr) {
        return;
      }
      self->expired();
    });
  }

  void expired() {
    // The wheel reports its next wake-up through arm() at the end of advance().
    armedFor = TimePoint::max();
    wheel->advance();
  }

  boost::asio::steady_timer timer;
  TimerWheel* wheel;
  TimePoint armedFor = TimePoint::max();
  std::uint64_t armCount = 0;
};

AsioTimerDriver::AsioTimerDriver(boost::asio::any_io_executor executor, TimerWheel& wheel)
    : wheel_(wheel), state_(std::make_shared<State>(std::move(executor), wheel)) {
  wheel_.setWakeupHandler([state = state_.get()](TimePoint when) { state->arm(when); });
}

AsioTimerDriver::~AsioTimerDriver() {
  wheel_.setWakeupHandler({});
  state_->wheel = nullptr;
  state_->timer.cancel();
}

TimePoint AsioTimerDriver::armedFor() const noexcept {
  return state_->armedFor;
}

std::uint64_t AsioTimerDriver::armCount() const noexcept {
  return state_->armCount;
}

}  // namespace sb::sip
