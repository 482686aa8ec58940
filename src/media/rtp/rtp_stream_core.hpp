#pragma once
/// @file
/// The media-thread side of an RtpStream (internal): sockets, receive loops, the current mode
/// (idle, relay, echo, play) and the timers. Every member function except stats() must run on
/// the media thread (RtpStream posts to it), except start(), which the engine calls on the
/// allocating thread before anyone else can reach the stream.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "media/dtmf/digit_report.hpp"
#include "media/dtmf/event_receiver.hpp"
#include "media/dtmf/event_sender.hpp"
#include "media/dtmf/inband_detector.hpp"
#include "media/rtp/digit_detection.hpp"
#include "media/rtp/engine_counters.hpp"
#include "media/rtp/payload_map.hpp"
#include "media/rtp/reception_stats.hpp"
#include "media/rtp/rtcp_report.hpp"
#include "media/rtp/rtp_packet.hpp"
#include "media/rtp/rtp_stats.hpp"
#include "media/rtp/socket_pool.hpp"
#include "media/rtp/source_filter.hpp"

namespace sb::media::detail {

/// What a stream does with the RTP it receives.
enum class StreamMode : std::uint8_t { Idle, Relay, Echo, Play };

class RtpStreamCore : public std::enable_shared_from_this<RtpStreamCore> {
 public:
  using Endpoint = boost::asio::ip::udp::endpoint;
  using Clock = std::chrono::steady_clock;
  using Milliseconds = std::chrono::milliseconds;

  /// Takes two bound sockets (RTP, RTCP). Call start() once shared. With a pool, close()
  /// gives the sockets back to it instead of closing them; `reused` says they came from it
  /// (start() then discards what arrived while they were idle). `dtmfTimeout`: rtp.conf
  /// dtmftimeout, in samples.
  RtpStreamCore(boost::asio::io_context& context, SocketPair sockets, bool reused, bool strictRtp,
                unsigned probation, unsigned dtmfTimeout, std::shared_ptr<EngineCounters> counters,
                std::shared_ptr<SocketPool> pool);

  void start();
  void close();
  bool isOpen() const { return open_; }

  void setRemote(Endpoint rtp, std::optional<Endpoint> rtcp);
  void setSymmetric(bool symmetric);
  /// The payload type whose packets are measured for jitter and its RTP clock rate.
  void setClock(int payloadType, unsigned clockRate) {
    reception_.setClock(payloadType, clockRate);
  }

  void idle();
  void relayTo(std::weak_ptr<RtpStreamCore> target, const PayloadMap& map);
  void echo();
  void play(std::vector<std::uint8_t> payload, std::uint8_t payloadType,
            std::function<void()> onDone);

  void setTimeout(Milliseconds timeout, Milliseconds holdTimeout, std::function<void()> onTimeout);
  void setHold(bool onHold);
  void setKeepalive(Milliseconds interval);

  // DTMF (rtp_stream_dtmf.cpp).
  void detectDigits(const DigitDetection& detection,
                    std::function<void(const DigitReport&)> onDigit);
  void sendEventDigit(char digit, unsigned durationMs, std::uint8_t payloadType);
  void playDigitTone(char digit, unsigned durationMs, std::uint8_t payloadType, bool alaw);

  StreamMode mode() const { return mode_.load(std::memory_order_relaxed); }
  /// Any thread.
  RtpStreamStats stats() const;

  /// Sends a ready RTP packet to this stream's remote; false (and counted dropped) if not sent.
  bool sendRtp(std::span<const std::uint8_t> packet);
  /// Sends an RTCP packet to this stream's RTCP remote.
  bool sendRtcp(std::span<const std::uint8_t> packet);

 private:
  static constexpr std::size_t kFrameBytes = 160;  // 20 ms of G.711 at 8 kHz
  static constexpr Milliseconds kFrameInterval{20};
  static constexpr int kReadRounds = 4;  // recvmmsg calls per wake-up at most

  void receiveRtp();
  void readRtp();
  void receiveRtcp();
  void onRtp(std::span<std::uint8_t> packet, const Endpoint& sender);
  void onRtcp(std::span<std::uint8_t> packet, const Endpoint& source);
  void relay(std::span<std::uint8_t> packet, std::uint8_t payloadType, std::size_t payloadOffset,
             std::size_t payloadSize);
  std::optional<Endpoint> rtpDestination() const;
  std::optional<Endpoint> rtcpDestination() const;
  void publishRemote();
  void drop() { bump(packetsDropped_); }
  static void bump(std::atomic<std::uint64_t>& counter, std::uint64_t by = 1) {
    counter.store(counter.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
  }

  // Our own packets (playback, comfort noise): SSRC, sequence and timestamp of this stream.
  void stopPlayback();
  void playTick(std::uint64_t generation);
  bool sendOwn(bool marker, std::uint8_t payloadType, std::span<const std::uint8_t> payload,
               std::uint32_t samples);

  void armTimeout();
  void onTimeoutTimer(std::uint64_t generation);
  void armKeepalive();
  void onKeepaliveTimer(std::uint64_t generation);

  void discardQueued(boost::asio::ip::udp::socket& socket);

  // DTMF received: telephone-events, tones in the audio, the end of a digit whose end
  // packets never came.
  void onDigitPackets(const RtpHeader& header, std::span<const std::uint8_t> packet);
  void reportDigit(const DigitReport& report);
  void armDigitTimer();
  void onDigitTimer(std::uint64_t generation);
  // DTMF sent, one digit at a time: RFC 4733 packets or a tone in the audio.
  struct OutgoingDigit {
    char digit = '\0';
    unsigned durationMs = 0;
    std::uint8_t payloadType = 0;
    bool tone = false;  // else telephone-events
    bool alaw = false;  // for a tone
  };
  void queueDigit(const OutgoingDigit& digit);
  void startNextDigit();
  void sendEventStep(std::uint64_t generation);
  void sendToneFrame(std::uint64_t generation);
  void finishDigit();
  void stopDigits();
  bool sendEvent(bool marker, const TelephoneEvent& event);

  boost::asio::ip::udp::socket rtpSocket_;
  boost::asio::ip::udp::socket rtcpSocket_;
  Endpoint local_;
  bool reused_;
  std::shared_ptr<EngineCounters> engineCounters_;
  std::shared_ptr<SocketPool> pool_;
  bool open_ = true;

  // Where to send.
  std::optional<Endpoint> remoteRtp_;
  std::optional<Endpoint> remoteRtcp_;
  std::optional<Endpoint> rtcpSource_;
  bool symmetric_ = false;
  SourceFilter filter_;
  std::optional<Endpoint> publishedRemote_;

  // Mode.
  std::atomic<StreamMode> mode_{StreamMode::Idle};
  std::weak_ptr<RtpStreamCore> relayTarget_;
  PayloadMap payloadMap_;

  // Own packets.
  std::uint32_t ssrc_;
  std::uint16_t sequence_;
  std::uint32_t timestamp_;
  std::array<std::uint8_t, 12 + kFrameBytes> ownPacket_{};

  // Playback.
  boost::asio::steady_timer playTimer_;
  std::uint64_t playGeneration_ = 0;
  std::vector<std::uint8_t> playData_;
  std::size_t playOffset_ = 0;
  std::uint8_t playPayloadType_ = 0;
  std::function<void()> onPlayDone_;

  // rtp_timeout / rtp_timeout_hold.
  boost::asio::steady_timer timeoutTimer_;
  std::uint64_t timeoutGeneration_ = 0;
  Milliseconds timeout_{0};
  Milliseconds holdTimeout_{0};
  bool onHold_ = false;
  bool timeoutFired_ = false;
  Clock::time_point timeoutSince_;
  Clock::time_point lastReceive_;
  std::function<void()> onTimeout_;

  // rtp_keepalive.
  boost::asio::steady_timer keepaliveTimer_;
  std::uint64_t keepaliveGeneration_ = 0;
  Milliseconds keepalive_{0};
  bool sentSinceKeepalive_ = false;

  // DTMF received.
  int eventPayloadType_ = -1;
  int inbandPayloadType_ = -1;
  TelephoneEventReceiver eventReceiver_;
  std::unique_ptr<InbandDtmfDetector> inbandDetector_;
  bool inbandAlaw_ = false;
  std::function<void(const DigitReport&)> onDigit_;
  boost::asio::steady_timer digitTimer_;
  std::uint64_t digitGeneration_ = 0;
  bool digitTimerArmed_ = false;
  Milliseconds eventSilenceLimit_;  // no event packet for this long ends the digit
  Clock::time_point lastEventPacket_;

  // DTMF sent.
  std::deque<OutgoingDigit> outgoingDigits_;
  bool sendingDigit_ = false;
  std::optional<TelephoneEventSender> eventSender_;
  std::uint8_t eventPayloadTypeOut_ = 0;
  std::uint32_t eventTimestamp_ = 0;
  Clock::time_point digitStart_;
  std::vector<std::uint8_t> tone_;  // a digit's tone, sent in 20 ms frames
  std::size_t toneOffset_ = 0;
  std::uint8_t tonePayloadType_ = 0;
  bool tonePlaying_ = false;  // relayed audio to this stream waits meanwhile
  boost::asio::steady_timer sendDigitTimer_;
  std::uint64_t sendDigitGeneration_ = 0;
  std::array<std::uint8_t, kRtpHeaderSize + kTelephoneEventSize> eventPacket_{};

  // Counters read by stats() from any thread.
  std::atomic<std::uint64_t> packetsReceived_{0};
  std::atomic<std::uint64_t> packetsSent_{0};
  std::atomic<std::uint64_t> bytesReceived_{0};
  std::atomic<std::uint64_t> bytesSent_{0};
  std::atomic<std::uint64_t> packetsDropped_{0};
  std::atomic<std::uint64_t> rtcpReceived_{0};
  std::atomic<std::uint64_t> rtcpSent_{0};
  std::atomic<Clock::rep> lastReceiveTicks_{0};  // 0: never
  ReceptionStats reception_;                     // loss and jitter of what we receive
  RtcpFeedback feedback_;                        // the remote's reports on what we send, round trip
  mutable std::mutex remoteMutex_;               // guards remoteSnapshot_ (changes rarely)
  std::optional<Endpoint> remoteSnapshot_;
};

}  // namespace sb::media::detail
