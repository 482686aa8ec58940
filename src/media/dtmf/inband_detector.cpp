#include "media/dtmf/inband_detector.hpp"

#include <spandsp.h>

#include <algorithm>

#include "media/dtmf/telephone_event.hpp"
#include "media/rtp/g711.hpp"

namespace sb::media {
namespace {

constexpr std::size_t kChunk = 160;  // 20 ms: the detector's work stays bounded per call

}  // namespace

InbandDtmfDetector::InbandDtmfDetector(bool alaw)
    : state_(dtmf_rx_init(nullptr, nullptr, nullptr)), alaw_(alaw) {
  if (state_ != nullptr) {
    dtmf_rx_set_realtime_callback(state_, &InbandDtmfDetector::onTone, this);
  }
}

InbandDtmfDetector::~InbandDtmfDetector() {
  if (state_ != nullptr) {
    dtmf_rx_free(state_);
  }
}

void InbandDtmfDetector::onTone(void* self, int code, int /*level*/, int /*delay*/) {
  auto& detector = *static_cast<InbandDtmfDetector*>(self);
  Reports* out = detector.pending_;
  const auto push = [&](const DigitReport& report) {
    if (out != nullptr && out->count < out->items.size()) {
      out->items[out->count++] = report;
    }
  };
  if (detector.digit_ != '\0') {
    const auto samples = detector.samples_ - detector.digitStart_;
    push(DigitReport{detector.digit_, true, unsigned(samples / kEventSamplesPerMs),
                     DigitSignal::Inband});
    detector.digit_ = '\0';
  }
  // spandsp reports the digit's character, or 0 when the tone stops.
  const char digit = char(code);
  if (code != 0 && eventOfDigit(digit)) {
    detector.digit_ = digit;
    detector.digitStart_ = detector.samples_;
    push(DigitReport{digit, false, 0, DigitSignal::Inband});
  }
}

InbandDtmfDetector::Reports InbandDtmfDetector::process(std::span<const std::uint8_t> g711) {
  Reports reports;
  if (state_ == nullptr) {
    return reports;
  }
  pending_ = &reports;
  std::array<std::int16_t, kChunk> linear{};
  while (!g711.empty()) {
    const std::size_t count = std::min(kChunk, g711.size());
    for (std::size_t i = 0; i < count; ++i) {
      linear[i] = alaw_ ? g711::alawToLinear(g711[i]) : g711::ulawToLinear(g711[i]);
    }
    samples_ += count;
    dtmf_rx(state_, linear.data(), int(count));
    g711 = g711.subspan(count);
  }
  pending_ = nullptr;
  return reports;
}

}  // namespace sb::media
