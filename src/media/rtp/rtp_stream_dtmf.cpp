// RtpStreamCore: DTMF heard on the stream (RFC 4733 telephone-events, tones in the audio) and
// DTMF it sends (telephone-events or tones), one digit at a time.

#include <algorithm>

#include "media/dtmf/inband_generator.hpp"
#include "media/dtmf/telephone_event.hpp"
#include "media/rtp/rtp_stream_core.hpp"

namespace sb::media::detail {

void RtpStreamCore::detectDigits(const DigitDetection& detection,
                                 std::function<void(const DigitReport&)> onDigit) {
  if (!open_) {
    return;
  }
  if (detection.eventPayloadType != eventPayloadType_) {
    // A digit heard under the old payload type still ends for whoever heard it begin.
    if (const std::optional<DigitReport> ended = eventReceiver_.expire()) {
      reportDigit(*ended);
    }
    eventReceiver_.reset();
  }
  eventPayloadType_ = detection.eventPayloadType;
  if (detection.inbandPayloadType < 0) {
    inbandDetector_.reset();
  } else if (!inbandDetector_ || inbandAlaw_ != detection.inbandAlaw) {
    inbandDetector_ = std::make_unique<InbandDtmfDetector>(detection.inbandAlaw);
  }
  inbandPayloadType_ = detection.inbandPayloadType;
  inbandAlaw_ = detection.inbandAlaw;
  onDigit_ = std::move(onDigit);
}

void RtpStreamCore::onDigitPackets(const RtpHeader& header, std::span<const std::uint8_t> packet) {
  const auto payload = packet.subspan(header.payloadOffset, header.payloadSize);
  if (header.payloadType == eventPayloadType_) {
    for (const DigitReport& report :
         eventReceiver_.onPacket(header.ssrc, header.sequence, header.timestamp, payload)) {
      reportDigit(report);
    }
    lastEventPacket_ = lastReceive_;
    if (eventReceiver_.inProgress()) {
      armDigitTimer();
    }
    return;
  }
  if (eventReceiver_.inProgress()) {
    if (const std::optional<DigitReport> ended = eventReceiver_.onAudio(header.timestamp)) {
      reportDigit(*ended);
    }
  }
  if (inbandDetector_ && header.payloadType == inbandPayloadType_) {
    for (const DigitReport& report : inbandDetector_->process(payload)) {
      reportDigit(report);
    }
  }
}

void RtpStreamCore::reportDigit(const DigitReport& report) {
  if (onDigit_) {
    onDigit_(report);
  }
}

void RtpStreamCore::armDigitTimer() {
  if (digitTimerArmed_) {
    return;  // the armed timer checks the time of the last event packet when it fires
  }
  digitTimerArmed_ = true;
  digitTimer_.expires_at(lastEventPacket_ + eventSilenceLimit_);
  digitTimer_.async_wait([self = shared_from_this(), generation = digitGeneration_](
                             const boost::system::error_code&) { self->onDigitTimer(generation); });
}

void RtpStreamCore::onDigitTimer(std::uint64_t generation) {
  if (generation != digitGeneration_ || !open_) {
    return;
  }
  digitTimerArmed_ = false;
  if (!eventReceiver_.inProgress()) {
    return;
  }
  if (Clock::now() - lastEventPacket_ < eventSilenceLimit_) {
    armDigitTimer();
    return;
  }
  if (const std::optional<DigitReport> ended = eventReceiver_.expire()) {
    reportDigit(*ended);
  }
}

void RtpStreamCore::sendEventDigit(char digit, unsigned durationMs, std::uint8_t payloadType) {
  queueDigit(OutgoingDigit{digit, durationMs, payloadType, false, false});
}

void RtpStreamCore::playDigitTone(char digit, unsigned durationMs, std::uint8_t payloadType,
                                  bool alaw) {
  queueDigit(OutgoingDigit{digit, durationMs, payloadType, true, alaw});
}

void RtpStreamCore::queueDigit(const OutgoingDigit& digit) {
  if (!open_) {
    return;
  }
  outgoingDigits_.push_back(digit);
  if (!sendingDigit_) {
    startNextDigit();
  }
}

void RtpStreamCore::startNextDigit() {
  while (!outgoingDigits_.empty()) {
    const OutgoingDigit next = outgoingDigits_.front();
    outgoingDigits_.pop_front();
    const std::uint64_t generation = ++sendDigitGeneration_;
    digitStart_ = Clock::now();
    if (next.tone) {
      tone_ = dtmfToneG711(next.digit, next.durationMs, next.alaw);
      if (tone_.empty()) {
        continue;
      }
      sendingDigit_ = true;
      tonePlaying_ = true;
      toneOffset_ = 0;
      tonePayloadType_ = next.payloadType;
      sendDigitTimer_.expires_at(digitStart_);
      sendToneFrame(generation);
      return;
    }
    const std::optional<std::uint8_t> event = eventOfDigit(next.digit);
    if (!event) {
      continue;
    }
    sendingDigit_ = true;
    eventSender_.emplace(*event, next.durationMs);
    eventPayloadTypeOut_ = next.payloadType;
    eventTimestamp_ = timestamp_;  // every packet of the event carries its start
    sendEventStep(generation);
    return;
  }
  sendingDigit_ = false;
}

void RtpStreamCore::sendEventStep(std::uint64_t generation) {
  if (generation != sendDigitGeneration_ || !open_ || !eventSender_) {
    return;
  }
  const TelephoneEventSender::Step step = eventSender_->step();
  for (std::size_t i = 0; i < step.count; ++i) {
    sendEvent(step.first && i == 0, step.packets[i]);
  }
  if (step.next) {
    // Absolute deadlines from the digit's start, so that delays do not add up.
    sendDigitTimer_.expires_at(digitStart_ + *step.next);
    sendDigitTimer_.async_wait(
        [self = shared_from_this(), generation](const boost::system::error_code&) {
          self->sendEventStep(generation);
        });
    return;
  }
  // Our clock moves on by the digit, so the next event (or frame) has a later timestamp.
  timestamp_ += eventSender_->totalSamples();
  eventSender_.reset();
  finishDigit();
}

bool RtpStreamCore::sendEvent(bool marker, const TelephoneEvent& event) {
  const std::size_t header = writeRtpHeader(eventPacket_, marker, eventPayloadTypeOut_, sequence_++,
                                            eventTimestamp_, ssrc_);
  writeTelephoneEvent(std::span(eventPacket_).subspan(header), event);
  return sendRtp(eventPacket_);
}

void RtpStreamCore::sendToneFrame(std::uint64_t generation) {
  if (generation != sendDigitGeneration_ || !open_) {
    return;
  }
  if (toneOffset_ >= tone_.size()) {
    // The last frame has had its 20 ms: relayed audio may go on.
    tonePlaying_ = false;
    tone_.clear();
    finishDigit();
    return;
  }
  const std::size_t size = std::min(kFrameBytes, tone_.size() - toneOffset_);
  sendOwn(toneOffset_ == 0, tonePayloadType_,
          std::span<const std::uint8_t>(tone_.data() + toneOffset_, size), std::uint32_t(size));
  toneOffset_ += size;
  sendDigitTimer_.expires_at(sendDigitTimer_.expiry() + kFrameInterval);
  sendDigitTimer_.async_wait(
      [self = shared_from_this(), generation](const boost::system::error_code&) {
        self->sendToneFrame(generation);
      });
}

void RtpStreamCore::finishDigit() {
  if (outgoingDigits_.empty()) {
    sendingDigit_ = false;
    return;
  }
  // Digits queued back to back get a pause between them, so that they read as two.
  const std::uint64_t generation = ++sendDigitGeneration_;
  sendDigitTimer_.expires_after(TelephoneEventSender::kInterval);
  sendDigitTimer_.async_wait(
      [self = shared_from_this(), generation](const boost::system::error_code&) {
        if (generation == self->sendDigitGeneration_ && self->open_) {
          self->startNextDigit();
        }
      });
}

void RtpStreamCore::stopDigits() {
  ++sendDigitGeneration_;
  sendDigitTimer_.cancel();
  outgoingDigits_.clear();
  eventSender_.reset();
  tone_.clear();
  tonePlaying_ = false;
  sendingDigit_ = false;
}

}  // namespace sb::media::detail
