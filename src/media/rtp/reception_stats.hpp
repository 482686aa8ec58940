#pragma once
/// @file
/// The receive side of a stream as RFC 3550 measures it: sequence numbers tracked per source
/// (appendix A.1), packets expected and lost (A.3) and the interarrival jitter (A.8).

#include <atomic>
#include <chrono>
#include <cstdint>

#include "media/rtp/rtcp_report.hpp"
#include "media/rtp/rtp_packet.hpp"

namespace sb::media {

struct RtpStreamStats;

/// Loss and jitter of the RTP one stream accepts.
///
/// onPacket() and setClock() run on the media thread; onPacket() runs for every packet, so it
/// does a few integer operations, one multiplication in floating point and four relaxed atomic
/// stores, and never allocates or locks. figures() may be called from any thread.
///
/// The counts are cumulative over the stream's life: when the SSRC changes, or the sequence
/// restarts (two sequential packets far from the last, A.1), tracking starts again for the
/// new source and what the earlier one expected and lost is carried over.
class ReceptionStats {
 public:
  using Clock = std::chrono::steady_clock;

  /// The clock of G.711 and of most audio codecs' RTP timestamps.
  static constexpr unsigned kDefaultClockRate = 8000;

  /// What the stream received, as RFC 3550 counts it.
  struct Figures {
    std::uint64_t expected = 0;  ///< packets the sequence numbers say were sent (A.3)
    std::int64_t lost = 0;       ///< expected - received; negative when duplicates came
    std::uint32_t extendedHighestSequence = 0;  ///< of the current source: cycles << 16 | seq
    std::uint64_t jitter16 = 0;  ///< interarrival jitter in RTP timestamp units, times 16
    unsigned clockRate = kDefaultClockRate;  ///< RTP timestamp units per second

    /// The jitter in seconds.
    double jitterSeconds() const { return double(jitter16) / 16.0 / double(clockRate); }
  };

  /// The payload type measured for jitter and its RTP clock rate (0: kDefaultClockRate).
  /// Telephone-events share the stream's SSRC but keep one timestamp for a whole digit, which
  /// would read as jitter, so only packets of `payloadType` are measured; -1 measures every
  /// packet (the default).
  void setClock(int payloadType, unsigned clockRate);

  /// One packet accepted at `arrival`.
  void onPacket(const RtpHeader& header, Clock::time_point arrival);

  Figures figures() const;

 private:
  void startSource(const RtpHeader& header);
  void startSequence(std::uint16_t sequence);
  void endSequence();
  bool updateSequence(std::uint16_t sequence);
  void measureJitter(std::uint32_t timestamp, Clock::time_point arrival);
  std::uint64_t expectedNow() const {
    return cycles_ + maxSequence_ - std::uint64_t(baseSequence_) + 1;
  }

  // Media thread.
  bool started_ = false;
  std::uint32_t ssrc_ = 0;
  std::uint16_t maxSequence_ = 0;
  std::uint32_t baseSequence_ = 0;
  std::uint32_t badSequence_ = 0;
  std::uint64_t cycles_ = 0;           // sequence wraps, times 65536
  std::uint64_t received_ = 0;         // packets counted for the current sequence
  std::uint64_t earlierExpected_ = 0;  // what earlier sources and sequences expected
  std::int64_t earlierLost_ = 0;       // and lost
  int jitterPayloadType_ = -1;
  unsigned clockRate_ = kDefaultClockRate;
  double ticksPerNanosecond_ = kDefaultClockRate / 1e9;
  Clock::time_point epoch_;  // arrival times count from the first packet
  bool haveTransit_ = false;
  std::uint32_t transit_ = 0;  // arrival - timestamp of the last packet measured
  std::uint64_t jitter16_ = 0;

  // Published for figures().
  std::atomic<std::uint64_t> publishedExpected_{0};
  std::atomic<std::int64_t> publishedLost_{0};
  std::atomic<std::uint32_t> publishedHighest_{0};
  std::atomic<std::uint64_t> publishedJitter16_{0};
  std::atomic<unsigned> publishedClockRate_{kDefaultClockRate};
};

/// Sets the loss, jitter and round-trip fields of `stats` from what a stream received and
/// what its remote reported (the remote's jitter in the same clock as ours: a relay sends in
/// the codec it receives).
void addQualityFigures(RtpStreamStats& stats, const ReceptionStats::Figures& received,
                       const RtcpFeedback::Figures& reported);

}  // namespace sb::media
