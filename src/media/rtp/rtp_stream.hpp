#pragma once
/// @file
/// One call leg's RTP endpoint: an RTP port and its RTCP port on the media engine.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <boost/asio/ip/udp.hpp>

#include "media/dtmf/digit_report.hpp"
#include "media/rtp/digit_detection.hpp"
#include "media/rtp/payload_map.hpp"
#include "media/rtp/rtp_stats.hpp"

namespace sb::media {

class MediaEngine;
namespace detail {
class RtpStreamCore;
}

/// A leg's media endpoint, made by MediaEngine::allocate().
///
/// Threading: every member may be called from any thread. Setters run on the media thread and
/// have taken effect when they return (they wait for it, briefly; called from a callback on
/// the media thread they run inline). Callbacks run on the media thread.
///
/// Lifetime: the sockets close (or go back to the engine's pool, see
/// MediaEngine::reusePorts) on close() or when the last shared_ptr goes. The MediaEngine
/// must outlive its streams, or the streams must be closed before it is destroyed. A callback
/// is kept until it has run or the stream closes, so capture the stream itself weakly.
class RtpStream {
 public:
  using Endpoint = boost::asio::ip::udp::endpoint;
  using Stats = RtpStreamStats;

  /// What the stream does with the RTP it receives.
  enum class Mode {
    Idle,   ///< receive and count, send nothing (keepalives aside)
    Relay,  ///< send each packet out of another stream (relayTo)
    Echo,   ///< send each packet back to the remote
    Play,   ///< send our own frames (play); received packets are counted only
  };

  ~RtpStream();
  RtpStream(const RtpStream&) = delete;
  RtpStream& operator=(const RtpStream&) = delete;

  /// The local RTP port (even); RTCP is on localPort() + 1.
  std::uint16_t localPort() const { return local_.port(); }
  /// The address the ports are bound on.
  boost::asio::ip::address localAddress() const { return local_.address(); }

  /// The remote RTP address from SDP, and its RTCP address (default: RTP port + 1). Restarts
  /// strict RTP learning: packets from `rtp` are accepted at once, others need probation.
  void setRemote(Endpoint rtp, std::optional<Endpoint> rtcp = std::nullopt);
  /// rtp_symmetric: send to where the accepted RTP (and RTCP) comes from rather than to the
  /// SDP address (NAT traversal). Off by default.
  void setSymmetric(bool symmetric);
  /// The payload type of the stream's media and its RTP clock rate (rtpmap; 8000 for G.711
  /// and G.722), for the interarrival jitter in stats(): only packets of that payload type are
  /// measured (telephone-events keep one timestamp for a whole digit, which would read as
  /// jitter). Until called, every packet counts at 8000 Hz.
  void setClock(std::uint8_t payloadType, unsigned clockRate);

  /// Relays the RTP this stream receives out of `other`'s RTP port to `other`'s remote,
  /// rewriting payload types and converting G.711 as `map` says (SSRC, sequence, timestamp
  /// and marker are kept). RTCP received here goes out of `other`'s RTCP port unchanged.
  /// One direction only; see link(). Holds `other` weakly.
  void relayTo(const std::shared_ptr<RtpStream>& other, PayloadMap map);
  /// Sends every RTP packet received back to the remote (to the sender if no remote is
  /// known yet).
  void echo();
  /// Sends `payload` (already encoded, e.g. G.711) as 160-byte 20 ms frames, paced by a
  /// steady timer, with this stream's own SSRC, sequence and timestamp; the marker is set on
  /// the first frame. Calls `onDone` on the media thread 20 ms after the last frame. onDone is
  /// not called if the playback is replaced (stop, relayTo, echo, play, close).
  void play(std::vector<std::uint8_t> payload, std::uint8_t payloadType,
            std::function<void()> onDone);
  /// Back to Idle: stops playback, echo or relay.
  void stop();
  /// The current mode.
  Mode mode() const;

  /// rtp_timeout / rtp_timeout_hold: calls `onTimeout` once (on the media thread) when no
  /// RTP was accepted for `rtpTimeout` (or `holdTimeout` while on hold), counted from this
  /// call or the last packet. Zero disables the corresponding check. Calling again re-arms.
  void setTimeout(std::chrono::milliseconds rtpTimeout, std::chrono::milliseconds holdTimeout,
                  std::function<void()> onTimeout);
  /// Switches between the rtpTimeout and holdTimeout limits; the silence counts from now.
  void setHold(bool onHold);
  /// rtp_keepalive: sends a comfort-noise packet (payload type 13, one byte) when nothing was
  /// sent during the last `interval`. Zero disables it.
  void setKeepalive(std::chrono::milliseconds interval);

  /// Listens for DTMF on what this stream receives: RFC 4733 telephone-events of
  /// `detection.eventPayloadType` (duplicates and retransmissions ignored, a digit whose end
  /// was lost ended by rtp.conf dtmftimeout) and, with `inbandPayloadType`, tones in that
  /// G.711 audio. Calls `onDigit` ON THE MEDIA THREAD for each begin and end; it should
  /// re-post. Packets are still relayed, echoed or counted as before. Calling again replaces
  /// the settings and the callback.
  void detectDigits(DigitDetection detection, std::function<void(const DigitReport&)> onDigit);
  /// Sends `digit` ('0'-'9', '*', '#', 'A'-'D') as RFC 4733 telephone-events of `payloadType`
  /// lasting `durationMs`: a first packet with the marker bit, an update every 50 ms and three
  /// end packets, all with one timestamp, with this stream's own SSRC, sequence numbers and
  /// 8 kHz clock. A digit sent while another is under way follows it after 50 ms.
  void sendDigit(char digit, unsigned durationMs, std::uint8_t payloadType);
  /// Sends `digit` as its tone pair in G.711 (`alaw` or µ-law) audio frames of `payloadType`
  /// lasting `durationMs`, with this stream's own SSRC, sequence numbers and clock; what
  /// another stream relays to this one is held back meanwhile. Queued like sendDigit().
  void playDigitTone(char digit, unsigned durationMs, std::uint8_t payloadType, bool alaw);

  /// Closes both sockets, or returns them to the engine's pool; idempotent. The ports are
  /// free when this returns unless the engine has asynchronous control (then the close is
  /// queued after the stream's other changes) or reuses ports.
  void close();
  /// False after close().
  bool isOpen() const;
  /// Thread-safe snapshot of the counters.
  Stats stats() const;

 private:
  friend class MediaEngine;
  RtpStream(MediaEngine& engine, std::shared_ptr<detail::RtpStreamCore> core, Endpoint local);

  MediaEngine& engine_;
  std::shared_ptr<detail::RtpStreamCore> core_;
  Endpoint local_;
};

/// Relays both ways between `a` and `b`: a's RTP goes to b's remote mapped by `aToB`, and
/// b's to a's by `bToA`.
void link(const std::shared_ptr<RtpStream>& a, const std::shared_ptr<RtpStream>& b, PayloadMap aToB,
          PayloadMap bToA);
/// Stops both directions of a link (both streams go Idle).
void unlink(const std::shared_ptr<RtpStream>& a, const std::shared_ptr<RtpStream>& b);

}  // namespace sb::media
