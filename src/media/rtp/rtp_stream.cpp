#include "media/rtp/rtp_stream.hpp"

#include "media/rtp/media_engine.hpp"
#include "media/rtp/rtp_stream_core.hpp"

namespace sb::media {

RtpStream::RtpStream(MediaEngine& engine, std::shared_ptr<detail::RtpStreamCore> core,
                     Endpoint local)
    : engine_(engine), core_(std::move(core)), local_(local) {}

RtpStream::~RtpStream() {
  close();
}

void RtpStream::setRemote(Endpoint rtp, std::optional<Endpoint> rtcp) {
  engine_.control([core = core_, rtp, rtcp] { core->setRemote(rtp, rtcp); });
}

void RtpStream::setSymmetric(bool symmetric) {
  engine_.control([core = core_, symmetric] { core->setSymmetric(symmetric); });
}

void RtpStream::setClock(std::uint8_t payloadType, unsigned clockRate) {
  engine_.control(
      [core = core_, payloadType, clockRate] { core->setClock(payloadType, clockRate); });
}

void RtpStream::relayTo(const std::shared_ptr<RtpStream>& other, PayloadMap map) {
  std::weak_ptr<detail::RtpStreamCore> target;
  if (other) {
    target = other->core_;
  }
  engine_.control([core = core_, target, map] { core->relayTo(target, map); });
}

void RtpStream::echo() {
  engine_.control([core = core_] { core->echo(); });
}

void RtpStream::play(std::vector<std::uint8_t> payload, std::uint8_t payloadType,
                     std::function<void()> onDone) {
  engine_.control([core = core_, payload = std::move(payload), payloadType,
                   onDone = std::move(onDone)]() mutable {
    core->play(std::move(payload), payloadType, std::move(onDone));
  });
}

void RtpStream::stop() {
  engine_.control([core = core_] { core->idle(); });
}

RtpStream::Mode RtpStream::mode() const {
  switch (core_->mode()) {
    case detail::StreamMode::Relay:
      return Mode::Relay;
    case detail::StreamMode::Echo:
      return Mode::Echo;
    case detail::StreamMode::Play:
      return Mode::Play;
    case detail::StreamMode::Idle:
      break;
  }
  return Mode::Idle;
}

void RtpStream::setTimeout(std::chrono::milliseconds rtpTimeout,
                           std::chrono::milliseconds holdTimeout, std::function<void()> onTimeout) {
  engine_.control(
      [core = core_, rtpTimeout, holdTimeout, onTimeout = std::move(onTimeout)]() mutable {
        core->setTimeout(rtpTimeout, holdTimeout, std::move(onTimeout));
      });
}

void RtpStream::setHold(bool onHold) {
  engine_.control([core = core_, onHold] { core->setHold(onHold); });
}

void RtpStream::setKeepalive(std::chrono::milliseconds interval) {
  engine_.control([core = core_, interval] { core->setKeepalive(interval); });
}

void RtpStream::detectDigits(DigitDetection detection,
                             std::function<void(const DigitReport&)> onDigit) {
  engine_.control([core = core_, detection, onDigit = std::move(onDigit)]() mutable {
    core->detectDigits(detection, std::move(onDigit));
  });
}

void RtpStream::sendDigit(char digit, unsigned durationMs, std::uint8_t payloadType) {
  engine_.control([core = core_, digit, durationMs, payloadType] {
    core->sendEventDigit(digit, durationMs, payloadType);
  });
}

void RtpStream::playDigitTone(char digit, unsigned durationMs, std::uint8_t payloadType,
                              bool alaw) {
  engine_.control([core = core_, digit, durationMs, payloadType, alaw] {
    core->playDigitTone(digit, durationMs, payloadType, alaw);
  });
}

void RtpStream::close() {
  engine_.control([core = core_] { core->close(); });
}

bool RtpStream::isOpen() const {
  bool open = false;
  engine_.runSync([&] { open = core_->isOpen(); });
  return open;
}

RtpStream::Stats RtpStream::stats() const {
  return core_->stats();
}

void link(const std::shared_ptr<RtpStream>& a, const std::shared_ptr<RtpStream>& b, PayloadMap aToB,
          PayloadMap bToA) {
  a->relayTo(b, std::move(aToB));
  b->relayTo(a, std::move(bToA));
}

void unlink(const std::shared_ptr<RtpStream>& a, const std::shared_ptr<RtpStream>& b) {
  a->stop();
  b->stop();
}

}  // namespace sb::media
