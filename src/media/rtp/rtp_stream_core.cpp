#include "media/rtp/rtp_stream_core.hpp"

#include <algorithm>
#include <random>

#include <boost/asio/buffer.hpp>

#include "media/rtp/g711.hpp"
#include "media/rtp/receive_batch.hpp"
#include "media/rtp/rtp_packet.hpp"

namespace sb::media::detail {

namespace asio = boost::asio;

RtpStreamCore::RtpStreamCore(asio::io_context& context, SocketPair sockets, bool reused,
                             bool strictRtp, unsigned probation, unsigned dtmfTimeout,
                             std::shared_ptr<EngineCounters> counters,
                             std::shared_ptr<SocketPool> pool)
    : rtpSocket_(std::move(sockets.rtp)),
      rtcpSocket_(std::move(sockets.rtcp)),
      local_(sockets.local),
      reused_(reused),
      engineCounters_(std::move(counters)),
      pool_(std::move(pool)),
      filter_(strictRtp, probation),
      playTimer_(context),
      timeoutTimer_(context),
      keepaliveTimer_(context),
      eventReceiver_(dtmfTimeout),
      digitTimer_(context),
      // Asterisk ends a digit whose end was lost when audio comes past dtmftimeout; when no
      // audio comes either, a second (or dtmftimeout if longer) without events ends it.
      eventSilenceLimit_(std::max(Milliseconds(1000), Milliseconds(dtmfTimeout / 8))),
      sendDigitTimer_(context) {
  // Random SSRC, sequence and timestamp starts (RFC 3550 section 5.1).
  // Seeded once per thread: reading the random device for every stream costs a system call.
  thread_local std::mt19937 random{std::random_device{}()};
  ssrc_ = random();
  sequence_ = std::uint16_t(random());
  timestamp_ = random();
  engineCounters_->streamsOpen.fetch_add(1, std::memory_order_relaxed);
}

void RtpStreamCore::start() {
  if (reused_) {
    discardQueued(rtpSocket_);
    discardQueued(rtcpSocket_);
  }
  receiveRtp();
  receiveRtcp();
}

void RtpStreamCore::discardQueued(asio::ip::udp::socket& socket) {
  // Packets that reached the port while it was idle belong to an earlier call.
  auto& batch = ReceiveBatch::forThisThread();
  for (int i = 0; i < 64 && batch.receive(socket.native_handle()) == ReceiveBatch::kSize; ++i) {
  }
}

void RtpStreamCore::close() {
  if (!open_) {
    return;
  }
  open_ = false;
  mode_.store(StreamMode::Idle, std::memory_order_relaxed);
  ++playGeneration_;
  ++timeoutGeneration_;
  ++keepaliveGeneration_;
  ++digitGeneration_;
  playTimer_.cancel();
  timeoutTimer_.cancel();
  keepaliveTimer_.cancel();
  digitTimer_.cancel();
  stopDigits();
  // Release whatever the callbacks captured now rather than when the last handler runs.
  onPlayDone_ = nullptr;
  onTimeout_ = nullptr;
  onDigit_ = nullptr;
  inbandDetector_.reset();
  relayTarget_.reset();
  boost::system::error_code ignored;
  if (pool_) {
    // Cancelled receives complete (aborted) on their own; the sockets stay bound for reuse.
    rtpSocket_.cancel(ignored);
    rtcpSocket_.cancel(ignored);
    pool_->give(SocketPair{std::move(rtpSocket_), std::move(rtcpSocket_), local_});
  } else {
    rtpSocket_.close(ignored);
    rtcpSocket_.close(ignored);
  }
  engineCounters_->streamsOpen.fetch_sub(1, std::memory_order_relaxed);
}

void RtpStreamCore::receiveRtp() {
  // Wait for readability and read everything queued with one recvmmsg: a receive operation
  // would cost a wasted recvfrom (EAGAIN) on every wake-up, and a stream's socket rarely
  // holds more than one packet. Only this (media) thread runs the socket's io_context, so a
  // packet arriving after the read and before the next wait still wakes the next epoll_wait.
  rtpSocket_.async_wait(asio::socket_base::wait_read,
                        [self = shared_from_this()](const boost::system::error_code& error) {
                          if (!self->open_) {
                            return;
                          }
                          if (!error) {
                            self->readRtp();
                          }
                          self->receiveRtp();
                        });
}

void RtpStreamCore::readRtp() {
  auto& batch = ReceiveBatch::forThisThread();
  // Bounded so that one flooded stream cannot starve the others.
  for (int round = 0; round < kReadRounds && open_; ++round) {
    const std::size_t count = batch.receive(rtpSocket_.native_handle());
    for (std::size_t i = 0; i < count && open_; ++i) {
      onRtp(batch.packet(i), batch.sender(i));
    }
    if (count < ReceiveBatch::kSize) {
      return;
    }
  }
}

void RtpStreamCore::receiveRtcp() {
  rtcpSocket_.async_wait(asio::socket_base::wait_read,
                         [self = shared_from_this()](const boost::system::error_code& error) {
                           if (!self->open_) {
                             return;
                           }
                           if (!error) {
                             auto& batch = ReceiveBatch::forThisThread();
                             const std::size_t count =
                                 batch.receive(self->rtcpSocket_.native_handle());
                             for (std::size_t i = 0; i < count && self->open_; ++i) {
                               self->onRtcp(batch.packet(i), batch.sender(i));
                             }
                           }
                           self->receiveRtcp();
                         });
}

void RtpStreamCore::onRtp(std::span<std::uint8_t> packet, const Endpoint& sender) {
  const std::size_t size = packet.size();
  if (isRtcp(packet)) {
    onRtcp(packet, sender);  // rtcp-mux (RFC 5761)
    return;
  }
  const std::optional<RtpHeader> header = parseRtp(packet);
  const Clock::time_point now = Clock::now();
  if (!header || !filter_.accept(sender, header->sequence, now)) {
    drop();
    return;
  }
  bump(packetsReceived_);
  bump(bytesReceived_, size);
  reception_.onPacket(*header, now);
  lastReceive_ = now;
  lastReceiveTicks_.store(lastReceive_.time_since_epoch().count(), std::memory_order_relaxed);
  if (symmetric_ && filter_.source() != publishedRemote_) {
    publishRemote();
  }
  // Before the relay, which may transcode the payload in place.
  if (header->payloadType == eventPayloadType_ || eventReceiver_.inProgress() || inbandDetector_) {
    onDigitPackets(*header, packet);
  }

  switch (mode_.load(std::memory_order_relaxed)) {
    case StreamMode::Idle:
    case StreamMode::Play:
      break;
    case StreamMode::Echo:
      if (rtpDestination()) {
        sendRtp(packet);
      } else {
        // No remote known yet: straight back to the sender.
        boost::system::error_code error;
        rtpSocket_.send_to(asio::buffer(packet.data(), packet.size()), sender, 0, error);
        if (error) {
          drop();
        } else {
          bump(packetsSent_);
          bump(bytesSent_, size);
          sentSinceKeepalive_ = true;
        }
      }
      break;
    case StreamMode::Relay:
      relay(packet, header->payloadType, header->payloadOffset, header->payloadSize);
      break;
  }
}

void RtpStreamCore::relay(std::span<std::uint8_t> packet, std::uint8_t payloadType,
                          std::size_t payloadOffset, std::size_t payloadSize) {
  const std::shared_ptr<RtpStreamCore> target = relayTarget_.lock();
  const std::optional<PayloadRule> rule = payloadMap_.lookup(payloadType);
  // While the target plays a DTMF tone of its own, that tone replaces what we relay to it.
  if (!target || !target->open_ || !rule || target->tonePlaying_) {
    drop();
    return;
  }
  if (rule->payloadType != payloadType) {
    setPayloadType(packet, rule->payloadType);
  }
  // The header (SSRC, sequence, timestamp, marker) is kept: G.711 laws have the same rate.
  const std::span<std::uint8_t> payload = packet.subspan(payloadOffset, payloadSize);
  switch (rule->transcode) {
    case Transcode::None:
      break;
    case Transcode::UlawToAlaw:
      g711::ulawToAlaw(payload);
      break;
    case Transcode::AlawToUlaw:
      g711::alawToUlaw(payload);
      break;
  }
  if (target->sendRtp(packet)) {
    bump(engineCounters_->packetsRelayed);
  }
}

void RtpStreamCore::onRtcp(std::span<std::uint8_t> packet, const Endpoint& source) {
  if (!isRtcp(packet)) {
    drop();
    return;
  }
  bump(rtcpReceived_);
  feedback_.onRtcpReceived(packet, Clock::now());
  rtcpSource_ = source;
  if (mode_.load(std::memory_order_relaxed) != StreamMode::Relay) {
    return;
  }
  // RTCP is relayed unchanged; each leg's reports describe its own side.
  const std::shared_ptr<RtpStreamCore> target = relayTarget_.lock();
  if (target && target->open_) {
    target->sendRtcp(packet);
  }
}

bool RtpStreamCore::sendRtp(std::span<const std::uint8_t> packet) {
  const std::optional<Endpoint> destination = rtpDestination();
  if (!open_ || !destination) {
    drop();
    return false;
  }
  // Non-blocking: a full socket buffer drops the packet rather than stalling every stream.
  boost::system::error_code error;
  rtpSocket_.send_to(asio::buffer(packet.data(), packet.size()), *destination, 0, error);
  if (error) {
    drop();
    return false;
  }
  bump(packetsSent_);
  bump(bytesSent_, packet.size());
  feedback_.onRtpSent(packet);
  sentSinceKeepalive_ = true;
  return true;
}

bool RtpStreamCore::sendRtcp(std::span<const std::uint8_t> packet) {
  const std::optional<Endpoint> destination = rtcpDestination();
  if (!open_ || !destination) {
    return false;
  }
  boost::system::error_code error;
  rtcpSocket_.send_to(asio::buffer(packet.data(), packet.size()), *destination, 0, error);
  if (error) {
    return false;
  }
  bump(rtcpSent_);
  feedback_.onRtcpSent(packet, Clock::now());
  return true;
}

std::optional<RtpStreamCore::Endpoint> RtpStreamCore::rtpDestination() const {
  if (symmetric_ && filter_.source()) {
    return filter_.source();
  }
  return remoteRtp_;
}

std::optional<RtpStreamCore::Endpoint> RtpStreamCore::rtcpDestination() const {
  if (symmetric_) {
    // Where RTCP comes from; failing that, next to where RTP comes from (as Asterisk does).
    if (rtcpSource_) {
      return rtcpSource_;
    }
    if (const std::optional<Endpoint>& source = filter_.source()) {
      return Endpoint(source->address(), std::uint16_t(source->port() + 1));
    }
  }
  return remoteRtcp_;
}

void RtpStreamCore::publishRemote() {
  publishedRemote_ = symmetric_ ? filter_.source() : std::nullopt;
  std::lock_guard lock(remoteMutex_);
  remoteSnapshot_ = rtpDestination();
}

void RtpStreamCore::setRemote(Endpoint rtp, std::optional<Endpoint> rtcp) {
  if (!rtcp) {
    // RFC 3550 section 11: RTCP on the next port up.
    rtcp = Endpoint(rtp.address(), std::uint16_t(rtp.port() + 1));
  }
  remoteRtp_ = rtp;
  remoteRtcp_ = rtcp;
  rtcpSource_.reset();
  // A new remote from SDP gets a fresh learning period, as in Asterisk.
  filter_.reset(rtp);
  publishRemote();
}

void RtpStreamCore::setSymmetric(bool symmetric) {
  symmetric_ = symmetric;
  publishRemote();
}

RtpStreamStats RtpStreamCore::stats() const {
  RtpStreamStats stats;
  stats.packetsReceived = packetsReceived_.load(std::memory_order_relaxed);
  stats.packetsSent = packetsSent_.load(std::memory_order_relaxed);
  stats.bytesReceived = bytesReceived_.load(std::memory_order_relaxed);
  stats.bytesSent = bytesSent_.load(std::memory_order_relaxed);
  stats.packetsDropped = packetsDropped_.load(std::memory_order_relaxed);
  stats.rtcpReceived = rtcpReceived_.load(std::memory_order_relaxed);
  stats.rtcpSent = rtcpSent_.load(std::memory_order_relaxed);
  if (const Clock::rep ticks = lastReceiveTicks_.load(std::memory_order_relaxed); ticks != 0) {
    stats.lastReceived = Clock::time_point(Clock::duration(ticks));
  }
  addQualityFigures(stats, reception_.figures(), feedback_.figures());
  std::lock_guard lock(remoteMutex_);
  stats.remote = remoteSnapshot_;
  return stats;
}

}  // namespace sb::media::detail
