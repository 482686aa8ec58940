#pragma once
/// @file
/// RTCP sender and receiver reports (RFC 3550 section 6.4): a reader for the SRs and RRs of a
/// compound packet, and what a stream learns from the reports its remote sends about the RTP
/// it receives from us (loss, jitter) and, from SRs we forwarded to it, the round-trip time.

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace sb::media {

/// Size of one reception report block.
inline constexpr std::size_t kRtcpReportBlockSize = 24;

/// The sender info of an SR.
struct RtcpSenderInfo {
  std::uint64_t ntpTimestamp = 0;  ///< wall-clock time of sending, NTP 32.32 fixed point
  std::uint32_t rtpTimestamp = 0;  ///< the same instant in RTP timestamp units
  std::uint32_t packetCount = 0;   ///< RTP packets sent so far
  std::uint32_t octetCount = 0;    ///< RTP payload bytes sent so far

  /// The middle 32 bits of the NTP timestamp: what receivers echo as LSR.
  std::uint32_t ntpMiddle() const { return std::uint32_t(ntpTimestamp >> 16); }
};

/// One reception report block: what the reporter received from one source.
struct RtcpReportBlock {
  std::uint32_t ssrc = 0;                     ///< the source reported on
  std::uint8_t fractionLost = 0;              ///< lost since the previous report, in 1/256
  std::int32_t cumulativeLost = 0;            ///< signed 24 bits: negative with duplicates
  std::uint32_t extendedHighestSequence = 0;  ///< cycles << 16 | highest sequence number
  std::uint32_t jitter = 0;                   ///< interarrival jitter, in RTP timestamp units
  std::uint32_t lastSr = 0;                   ///< LSR: ntpMiddle() of the last SR, 0 if none
  std::uint32_t delaySinceLastSr = 0;         ///< DLSR: since that SR arrived, in 1/65536 s
};

/// An SR or RR of a compound packet. A view: `blocks` points into the packet read.
struct RtcpReport {
  bool senderReport = false;             ///< SR (sender info valid), else RR
  std::uint32_t ssrc = 0;                ///< the reporter's SSRC
  RtcpSenderInfo sender;                 ///< SR only
  std::span<const std::uint8_t> blocks;  ///< blockCount() blocks of kRtcpReportBlockSize

  std::size_t blockCount() const { return blocks.size() / kRtcpReportBlockSize; }
  /// Block `index` (< blockCount()).
  RtcpReportBlock block(std::size_t index) const;
};

/// Walks a compound RTCP packet (or a single one, RFC 5506) and yields its SRs and RRs,
/// skipping SDES, BYE, APP and any other type. The input is untrusted: every length is checked
/// against the bytes there, and the walk stops at the first packet that does not fit.
/// Does not allocate.
class RtcpReader {
 public:
  explicit RtcpReader(std::span<const std::uint8_t> compound) : rest_(compound) {}

  /// The next SR or RR; nullopt at the end, or at a malformed packet (then malformed()).
  std::optional<RtcpReport> next();
  /// True once a packet was found malformed: wrong version, a length past the end of the
  /// data, bad padding, or report blocks that do not fit in their packet.
  bool malformed() const { return malformed_; }

 private:
  std::span<const std::uint8_t> rest_;
  bool malformed_ = false;
};

/// The transmit side of a stream, from the remote's RTCP: the report block about the RTP we
/// send it (its loss and jitter) and the round-trip time, measured against the SRs we sent
/// (forwarded) to it: RTT = arrival of the report - when that SR left - DLSR.
///
/// The on* members run on the media thread, and cost a few loads per call: onRtpSent() runs
/// for every RTP packet sent. figures() may be called from any thread (relaxed atomics).
class RtcpFeedback {
 public:
  using Clock = std::chrono::steady_clock;

  /// What the latest reports said.
  struct Figures {
    std::uint64_t reports = 0;            ///< report blocks taken
    std::int32_t lost = 0;                ///< the remote's cumulative lost
    std::uint8_t fractionLost = 0;        ///< the remote's fraction lost, in 1/256
    std::uint32_t jitter = 0;             ///< the remote's jitter, in RTP timestamp units
    std::uint64_t rttSamples = 0;         ///< round trips measured
    std::chrono::nanoseconds rtt{0};      ///< the latest round trip
    std::chrono::nanoseconds rttMean{0};  ///< the mean of all round trips
  };

  /// An RTP packet we sent: reports about its SSRC are the ones about us.
  void onRtpSent(std::span<const std::uint8_t> packet) {
    if (packet.size() >= 12) {
      sentSsrc_ = (std::uint32_t(packet[8]) << 24) | (std::uint32_t(packet[9]) << 16) |
                  (std::uint32_t(packet[10]) << 8) | std::uint32_t(packet[11]);
      haveSentSsrc_ = true;
    }
  }
  /// An RTCP packet sent to the remote at `now`: its SRs are remembered for the round trip.
  void onRtcpSent(std::span<const std::uint8_t> packet, Clock::time_point now);
  /// An RTCP packet from the remote, arrived at `now`. The block about the SSRC we send is
  /// taken (the first block when none is about it).
  void onRtcpReceived(std::span<const std::uint8_t> packet, Clock::time_point now);

  Figures figures() const;

 private:
  struct SentSr {
    std::uint32_t ntpMiddle = 0;  // 0: empty slot
    Clock::time_point at;
  };
  void take(const RtcpReportBlock& block, Clock::time_point now);
  std::optional<Clock::duration> roundTrip(const RtcpReportBlock& block,
                                           Clock::time_point now) const;

  // Media thread.
  std::uint32_t sentSsrc_ = 0;
  bool haveSentSsrc_ = false;
  // Reports echo the latest SR they saw; a few are kept for reports crossing newer SRs.
  std::array<SentSr, 8> sentSrs_{};
  std::size_t nextSentSr_ = 0;
  std::int64_t rttSumNs_ = 0;

  // Published for figures().
  std::atomic<std::uint64_t> reports_{0};
  std::atomic<std::int32_t> lost_{0};
  std::atomic<std::uint8_t> fractionLost_{0};
  std::atomic<std::uint32_t> jitter_{0};
  std::atomic<std::uint64_t> rttSamples_{0};
  std::atomic<std::int64_t> rttNs_{0};
  std::atomic<std::int64_t> rttMeanNs_{0};
};

}  // namespace sb::media
