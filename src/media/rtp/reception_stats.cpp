#include "media/rtp/reception_stats.hpp"

#include "media/rtp/rtp_stats.hpp"

namespace sb::media {
namespace {

// RFC 3550 A.1: a jump of up to kMaxDropout ahead is loss, up to kMaxMisorder back is a late
// or duplicate packet; anything else is a jump that only two sequential packets confirm.
constexpr std::uint16_t kMaxDropout = 3000;
constexpr std::uint16_t kMaxMisorder = 100;
constexpr std::uint32_t kSequenceMod = 1 << 16;

}  // namespace

void ReceptionStats::setClock(int payloadType, unsigned clockRate) {
  if (clockRate == 0) {
    clockRate = kDefaultClockRate;
  }
  if (payloadType == jitterPayloadType_ && clockRate == clockRate_) {
    return;
  }
  jitterPayloadType_ = payloadType;
  if (clockRate != clockRate_) {
    // The jitter so far, in the new units; transit times in the old ones cannot be compared.
    jitter16_ = jitter16_ * clockRate / clockRate_;
    clockRate_ = clockRate;
    ticksPerNanosecond_ = double(clockRate) / 1e9;
    haveTransit_ = false;
    publishedJitter16_.store(jitter16_, std::memory_order_relaxed);
    publishedClockRate_.store(clockRate, std::memory_order_relaxed);
  }
}

void ReceptionStats::onPacket(const RtpHeader& header, Clock::time_point arrival) {
  if (!started_ || header.ssrc != ssrc_) {
    startSource(header);
    if (!started_) {
      epoch_ = arrival;
      started_ = true;
    }
  } else if (!updateSequence(header.sequence)) {
    return;
  }
  if (jitterPayloadType_ < 0 || header.payloadType == jitterPayloadType_) {
    measureJitter(header.timestamp, arrival);
  }
  const std::uint64_t expected = expectedNow();
  publishedExpected_.store(earlierExpected_ + expected, std::memory_order_relaxed);
  publishedLost_.store(earlierLost_ + std::int64_t(expected) - std::int64_t(received_),
                       std::memory_order_relaxed);
  publishedHighest_.store(std::uint32_t(cycles_ + maxSequence_), std::memory_order_relaxed);
  publishedJitter16_.store(jitter16_, std::memory_order_relaxed);
}

void ReceptionStats::startSource(const RtpHeader& header) {
  if (started_) {
    endSequence();
  }
  ssrc_ = header.ssrc;
  startSequence(header.sequence);
  received_ = 1;
}

void ReceptionStats::startSequence(std::uint16_t sequence) {
  baseSequence_ = sequence;
  maxSequence_ = sequence;
  badSequence_ = kSequenceMod + 1;  // matches no sequence number
  cycles_ = 0;
  received_ = 0;
  haveTransit_ = false;  // the timestamps may have restarted too
}

void ReceptionStats::endSequence() {
  const std::uint64_t expected = expectedNow();
  earlierExpected_ += expected;
  earlierLost_ += std::int64_t(expected) - std::int64_t(received_);
}

bool ReceptionStats::updateSequence(std::uint16_t sequence) {
  const std::uint16_t delta = std::uint16_t(sequence - maxSequence_);
  if (delta < kMaxDropout) {
    // In order, possibly with a gap.
    if (sequence < maxSequence_) {
      cycles_ += kSequenceMod;  // wrapped
    }
    maxSequence_ = sequence;
  } else if (delta <= kSequenceMod - kMaxMisorder) {
    if (sequence != badSequence_) {
      badSequence_ = (sequence + 1) & (kSequenceMod - 1);
      return false;  // not counted unless the next packet follows it
    }
    // Two sequential packets far from the last: the sender restarted its sequence.
    endSequence();
    startSequence(sequence);
  }
  // else a duplicate or a late packet: counted as received, the highest stays.
  ++received_;
  return true;
}

void ReceptionStats::measureJitter(std::uint32_t timestamp, Clock::time_point arrival) {
  // Arrival in RTP timestamp units (A.8); only differences of transit times matter, so the
  // clock may start anywhere and wrap like the timestamps do.
  const auto elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(arrival - epoch_);
  const auto arrivalTicks =
      std::uint32_t(std::int64_t(double(elapsed.count()) * ticksPerNanosecond_ + 0.5));
  const std::uint32_t transit = arrivalTicks - timestamp;
  if (haveTransit_) {
    const auto d = std::int32_t(transit - transit_);
    const std::uint64_t magnitude = d < 0 ? std::uint64_t(-std::int64_t(d)) : std::uint64_t(d);
    // J += (|D| - J) / 16, with J kept times 16 in integers as A.8 does.
    jitter16_ = jitter16_ + magnitude - ((jitter16_ + 8) >> 4);
  }
  transit_ = transit;
  haveTransit_ = true;
}

ReceptionStats::Figures ReceptionStats::figures() const {
  Figures figures;
  figures.expected = publishedExpected_.load(std::memory_order_relaxed);
  figures.lost = publishedLost_.load(std::memory_order_relaxed);
  figures.extendedHighestSequence = publishedHighest_.load(std::memory_order_relaxed);
  figures.jitter16 = publishedJitter16_.load(std::memory_order_relaxed);
  figures.clockRate = publishedClockRate_.load(std::memory_order_relaxed);
  return figures;
}

void addQualityFigures(RtpStreamStats& stats, const ReceptionStats::Figures& received,
                       const RtcpFeedback::Figures& reported) {
  const auto seconds = [](std::chrono::nanoseconds ns) { return double(ns.count()) / 1e9; };
  stats.packetsExpected = received.expected;
  stats.packetsLost = received.lost;
  stats.highestSequence = received.extendedHighestSequence;
  stats.jitter = received.jitterSeconds();
  stats.remoteReports = reported.reports;
  stats.remoteLost = reported.lost;
  stats.remoteFractionLost = reported.fractionLost / 256.0;
  stats.remoteJitter = double(reported.jitter) / double(received.clockRate);
  stats.rttSamples = reported.rttSamples;
  stats.rtt = seconds(reported.rtt);
  stats.rttMean = seconds(reported.rttMean);
}

}  // namespace sb::media
