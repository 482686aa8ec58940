#include "media/dtmf/event_receiver.hpp"

#include "media/dtmf/telephone_event.hpp"

namespace sb::media {
namespace {

// Durations are 16 bits (about 8 s at 8 kHz): a long digit's duration wraps. Asterisk takes a
// drop from above this to a smaller value as a wrap rather than a new, shorter duration.
constexpr std::uint32_t kWrapGuard = 64000;
// A packet up to this many sequence numbers behind the last one is out of order, not a jump.
constexpr int kReorderWindow = 50;

bool after(std::uint32_t a, std::uint32_t b) {
  return std::int32_t(a - b) > 0;  // RTP timestamps wrap: compare as serial numbers
}

}  // namespace

bool TelephoneEventReceiver::endedAlready(std::uint32_t timestamp) const {
  return endSeen_ && !after(timestamp, lastEndTimestamp_);
}

DigitReport TelephoneEventReceiver::endOfCurrent() {
  const DigitReport report{digit_, true, duration_ / kEventSamplesPerMs, DigitSignal::Rfc4733};
  noteEnded(timestamp_);
  digit_ = '\0';
  duration_ = 0;
  return report;
}

TelephoneEventReceiver::Reports TelephoneEventReceiver::onPacket(
    std::uint32_t ssrc, std::uint16_t sequence, std::uint32_t timestamp,
    std::span<const std::uint8_t> payload) {
  Reports reports;
  const auto push = [&](const DigitReport& report) { reports.items[reports.count++] = report; };
  const std::optional<TelephoneEvent> event = parseTelephoneEvent(payload);
  if (!event) {
    return reports;
  }
  const char digit = digitOfEvent(event->event);
  if (digit == '\0') {
    return reports;  // hook flash and tones are not digits
  }
  if (sequenceSeen_ && ssrc != ssrc_) {
    if (digit_ != '\0') {
      push(endOfCurrent());
    }
    endSeen_ = false;
    sequenceSeen_ = false;
  }
  const bool sameEvent = digit_ == digit && timestamp_ == timestamp;
  std::uint32_t duration = event->duration;
  if (sameEvent) {
    std::uint32_t high = duration_ & ~0xffffu;
    const std::uint32_t low = duration_ & 0xffffu;
    if (low > kWrapGuard && event->duration < low) {
      high += 0x10000u;
    }
    duration = high | event->duration;
  }

  if (event->end) {
    // The end is sent three times (RFC 4733 2.5.1.4): only the first one counts.
    if ((sequenceSeen_ && sequence == lastSequence_) || endedAlready(timestamp)) {
      return reports;
    }
    if (digit_ != '\0' && !sameEvent) {
      push(endOfCurrent());  // its own end was lost
    }
    push(DigitReport{digit, true, duration / kEventSamplesPerMs, DigitSignal::Rfc4733});
    noteEnded(timestamp);
    digit_ = '\0';
    duration_ = 0;
  } else {
    const int behind = std::int16_t(std::uint16_t(sequence - lastSequence_));
    if (sequenceSeen_ && behind < 0 && behind > -kReorderWindow) {
      return reports;  // late: using it could repeat a digit
    }
    if (endedAlready(timestamp)) {
      return reports;  // a retransmitted start of a digit that ended
    }
    if (digit_ != '\0' && !sameEvent) {
      push(endOfCurrent());
    }
    if (digit_ != '\0') {
      duration_ = duration;
    } else {
      digit_ = digit;
      timestamp_ = timestamp;
      duration_ = duration;
      push(DigitReport{digit, false, 0, DigitSignal::Rfc4733});
    }
    deadline_ = timestamp + duration_ + timeout_;
  }
  lastSequence_ = sequence;
  ssrc_ = ssrc;
  sequenceSeen_ = true;
  return reports;
}

std::optional<DigitReport> TelephoneEventReceiver::onAudio(std::uint32_t timestamp) {
  if (digit_ == '\0' || !after(timestamp, deadline_)) {
    return std::nullopt;
  }
  return endOfCurrent();
}

std::optional<DigitReport> TelephoneEventReceiver::expire() {
  if (digit_ == '\0') {
    return std::nullopt;
  }
  return endOfCurrent();
}

}  // namespace sb::media
