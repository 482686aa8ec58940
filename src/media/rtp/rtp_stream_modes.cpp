// RtpStreamCore: mode changes, playback, rtp_timeout and rtp_keepalive.

#include <algorithm>

#include "media/rtp/rtp_packet.hpp"
#include "media/rtp/rtp_stream_core.hpp"

namespace sb::media::detail {
namespace {

constexpr std::uint8_t kComfortNoise = 13;  // RFC 3389, static payload type
// Asterisk's ast_rtp_sendcng(level 0): one byte, 127 - level, i.e. -127 dBov (silence).
constexpr std::uint8_t kComfortNoiseLevel = 127;

}  // namespace

void RtpStreamCore::idle() {
  stopPlayback();
  relayTarget_.reset();
  mode_.store(StreamMode::Idle, std::memory_order_relaxed);
}

void RtpStreamCore::relayTo(std::weak_ptr<RtpStreamCore> target, const PayloadMap& map) {
  stopPlayback();
  relayTarget_ = std::move(target);
  payloadMap_ = map;
  mode_.store(StreamMode::Relay, std::memory_order_relaxed);
}

void RtpStreamCore::echo() {
  stopPlayback();
  relayTarget_.reset();
  mode_.store(StreamMode::Echo, std::memory_order_relaxed);
}

void RtpStreamCore::stopPlayback() {
  // The generation makes a timer completion already queued ignore itself.
  ++playGeneration_;
  playTimer_.cancel();
  playData_.clear();
  onPlayDone_ = nullptr;
}

void RtpStreamCore::play(std::vector<std::uint8_t> payload, std::uint8_t payloadType,
                         std::function<void()> onDone) {
  if (!open_) {
    return;
  }
  stopPlayback();
  relayTarget_.reset();
  mode_.store(StreamMode::Play, std::memory_order_relaxed);
  playData_ = std::move(payload);
  playOffset_ = 0;
  playPayloadType_ = payloadType;
  onPlayDone_ = std::move(onDone);
  // First frame now; the next ones on absolute 20 ms deadlines so that delays do not add up.
  playTimer_.expires_at(Clock::now());
  playTick(playGeneration_);
}

void RtpStreamCore::playTick(std::uint64_t generation) {
  if (generation != playGeneration_ || !open_) {
    return;
  }
  if (playOffset_ >= playData_.size()) {
    // The last frame has had its 20 ms: done.
    std::function<void()> done = std::move(onPlayDone_);
    stopPlayback();
    mode_.store(StreamMode::Idle, std::memory_order_relaxed);
    if (done) {
      done();
    }
    return;
  }
  const std::size_t size = std::min(kFrameBytes, playData_.size() - playOffset_);
  sendOwn(playOffset_ == 0, playPayloadType_,
          std::span<const std::uint8_t>(playData_.data() + playOffset_, size),
          std::uint32_t(size));  // G.711: one byte per sample
  playOffset_ += size;
  playTimer_.expires_at(playTimer_.expiry() + kFrameInterval);
  playTimer_.async_wait([self = shared_from_this(), generation](const boost::system::error_code&) {
    self->playTick(generation);
  });
}

bool RtpStreamCore::sendOwn(bool marker, std::uint8_t payloadType,
                            std::span<const std::uint8_t> payload, std::uint32_t samples) {
  const std::size_t header =
      writeRtpHeader(ownPacket_, marker, payloadType, sequence_++, timestamp_, ssrc_);
  std::copy(payload.begin(), payload.end(), ownPacket_.begin() + header);
  timestamp_ += samples;
  return sendRtp(std::span<const std::uint8_t>(ownPacket_.data(), header + payload.size()));
}

void RtpStreamCore::setTimeout(Milliseconds timeout, Milliseconds holdTimeout,
                               std::function<void()> onTimeout) {
  timeout_ = timeout;
  holdTimeout_ = holdTimeout;
  onTimeout_ = std::move(onTimeout);
  timeoutFired_ = false;
  timeoutSince_ = Clock::now();
  armTimeout();
}

void RtpStreamCore::setHold(bool onHold) {
  onHold_ = onHold;
  // The silence counts from the change, as a re-INVITE to hold restarts Asterisk's check.
  timeoutSince_ = Clock::now();
  armTimeout();
}

void RtpStreamCore::armTimeout() {
  ++timeoutGeneration_;
  timeoutTimer_.cancel();
  const Milliseconds limit = onHold_ ? holdTimeout_ : timeout_;
  if (!open_ || timeoutFired_ || !onTimeout_ || limit <= Milliseconds::zero()) {
    return;
  }
  // Only the timer is re-armed here, not on every packet: on expiry it checks the last
  // receive time and waits again for the remainder if RTP came in meanwhile.
  timeoutTimer_.expires_at(std::max(lastReceive_, timeoutSince_) + limit);
  timeoutTimer_.async_wait([self = shared_from_this(),
                            generation = timeoutGeneration_](const boost::system::error_code&) {
    self->onTimeoutTimer(generation);
  });
}

void RtpStreamCore::onTimeoutTimer(std::uint64_t generation) {
  if (generation != timeoutGeneration_ || !open_ || timeoutFired_) {
    return;
  }
  const Milliseconds limit = onHold_ ? holdTimeout_ : timeout_;
  if (Clock::now() - std::max(lastReceive_, timeoutSince_) < limit) {
    armTimeout();
    return;
  }
  timeoutFired_ = true;  // once only, until setTimeout() again
  // Moved out first: the callback may close the stream, which clears onTimeout_.
  std::function<void()> onTimeout = std::move(onTimeout_);
  onTimeout_ = nullptr;
  if (onTimeout) {
    onTimeout();
  }
}

void RtpStreamCore::setKeepalive(Milliseconds interval) {
  keepalive_ = interval;
  sentSinceKeepalive_ = false;
  armKeepalive();
}

void RtpStreamCore::armKeepalive() {
  ++keepaliveGeneration_;
  keepaliveTimer_.cancel();
  if (!open_ || keepalive_ <= Milliseconds::zero()) {
    return;
  }
  keepaliveTimer_.expires_after(keepalive_);
  keepaliveTimer_.async_wait([self = shared_from_this(),
                              generation = keepaliveGeneration_](const boost::system::error_code&) {
    self->onKeepaliveTimer(generation);
  });
}

void RtpStreamCore::onKeepaliveTimer(std::uint64_t generation) {
  if (generation != keepaliveGeneration_ || !open_) {
    return;
  }
  // Like chan_sip's rtp_keepalive: a comfort-noise packet only if nothing went out since the
  // last check, to keep NAT bindings open while the call is silent or on hold.
  if (!sentSinceKeepalive_) {
    const std::uint8_t level = kComfortNoiseLevel;
    sendOwn(false, kComfortNoise, std::span<const std::uint8_t>(&level, 1), 0);
  }
  sentSinceKeepalive_ = false;
  armKeepalive();
}

}  // namespace sb::media::detail
