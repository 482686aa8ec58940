#include "media/dtmf/event_sender.hpp"

#include <algorithm>

namespace sb::media {

TelephoneEventSender::TelephoneEventSender(std::uint8_t event, unsigned durationMs)
    : event_(event), totalMs_(std::clamp(durationMs, 1u, kMaxDurationMs)) {}

TelephoneEventSender::Step TelephoneEventSender::step() {
  Step step;
  if (done_) {
    return step;
  }
  const auto interval = unsigned(kInterval.count());
  if (atMs_ >= totalMs_) {
    const TelephoneEvent end{event_, true, kVolume, totalSamples()};
    step.packets = {end, end, end};
    step.count = 3;
    done_ = true;
    return step;
  }
  // Each update announces the digit until the next one is due (never past its end).
  const unsigned nextMs = std::min(atMs_ + interval, totalMs_);
  step.packets[0] =
      TelephoneEvent{event_, false, kVolume, std::uint16_t(nextMs * kEventSamplesPerMs)};
  step.count = 1;
  step.first = atMs_ == 0;
  step.next = std::chrono::milliseconds(nextMs);
  atMs_ = nextMs;
  return step;
}

}  // namespace sb::media
