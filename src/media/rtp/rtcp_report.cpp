#include "media/rtp/rtcp_report.hpp"

namespace sb::media {
namespace {

constexpr std::uint8_t kVersion = 2;
constexpr std::uint8_t kSenderReport = 200;
constexpr std::uint8_t kReceiverReport = 201;
constexpr std::size_t kHeaderSize = 4;  // V/P/count, type, length
constexpr std::size_t kSsrcSize = 4;    // the reporter's SSRC after the header
constexpr std::size_t kSenderInfoSize = 20;

std::uint32_t read32(const std::uint8_t* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
         std::uint32_t(p[3]);
}

}  // namespace

RtcpReportBlock RtcpReport::block(std::size_t index) const {
  const std::uint8_t* p = blocks.data() + index * kRtcpReportBlockSize;
  RtcpReportBlock block;
  block.ssrc = read32(p);
  block.fractionLost = p[4];
  // 24-bit two's complement: shift it to the top of 32 bits and back, keeping the sign.
  block.cumulativeLost = std::int32_t(read32(p + 4) << 8) >> 8;
  block.extendedHighestSequence = read32(p + 8);
  block.jitter = read32(p + 12);
  block.lastSr = read32(p + 16);
  block.delaySinceLastSr = read32(p + 20);
  return block;
}

std::optional<RtcpReport> RtcpReader::next() {
  while (!rest_.empty() && !malformed_) {
    if (rest_.size() < kHeaderSize || (rest_[0] >> 6) != kVersion) {
      malformed_ = true;
      break;
    }
    // The length counts 32-bit words after the first, padding included.
    const std::size_t length = (std::size_t((rest_[2] << 8) | rest_[3]) + 1) * 4;
    if (length > rest_.size()) {
      malformed_ = true;
      break;
    }
    const std::span<const std::uint8_t> packet = rest_.first(length);
    rest_ = rest_.subspan(length);
    std::size_t end = length;
    if ((packet[0] & 0x20) != 0) {
      // The last byte counts the padding, itself included; the header stays outside it.
      const std::size_t padding = packet.back();
      if (padding == 0 || padding > length - kHeaderSize) {
        malformed_ = true;
        break;
      }
      end -= padding;
    }
    const std::uint8_t type = packet[1];
    if (type != kSenderReport && type != kReceiverReport) {
      continue;
    }
    RtcpReport report;
    report.senderReport = type == kSenderReport;
    const std::size_t blocksAt =
        kHeaderSize + kSsrcSize + (report.senderReport ? kSenderInfoSize : 0);
    const std::size_t blocksSize = std::size_t(packet[0] & 0x1f) * kRtcpReportBlockSize;
    if (blocksAt + blocksSize > end) {
      malformed_ = true;
      break;
    }
    report.ssrc = read32(&packet[kHeaderSize]);
    if (report.senderReport) {
      const std::uint8_t* info = &packet[kHeaderSize + kSsrcSize];
      report.sender.ntpTimestamp = (std::uint64_t(read32(info)) << 32) | read32(info + 4);
      report.sender.rtpTimestamp = read32(info + 8);
      report.sender.packetCount = read32(info + 12);
      report.sender.octetCount = read32(info + 16);
    }
    // Anything after the blocks (profile-specific extensions) is ignored.
    report.blocks = packet.subspan(blocksAt, blocksSize);
    return report;
  }
  return std::nullopt;
}

void RtcpFeedback::onRtcpSent(std::span<const std::uint8_t> packet, Clock::time_point now) {
  RtcpReader reader(packet);
  while (const std::optional<RtcpReport> report = reader.next()) {
    if (report->senderReport && report->sender.ntpMiddle() != 0) {
      sentSrs_[nextSentSr_] = SentSr{report->sender.ntpMiddle(), now};
      nextSentSr_ = (nextSentSr_ + 1) % sentSrs_.size();
    }
  }
}

void RtcpFeedback::onRtcpReceived(std::span<const std::uint8_t> packet, Clock::time_point now) {
  RtcpReader reader(packet);
  std::optional<RtcpReportBlock> first;
  while (const std::optional<RtcpReport> report = reader.next()) {
    for (std::size_t i = 0; i < report->blockCount(); ++i) {
      const RtcpReportBlock block = report->block(i);
      if (haveSentSsrc_ && block.ssrc == sentSsrc_) {
        take(block, now);
        return;
      }
      if (!first) {
        first = block;
      }
    }
  }
  // In a relay we send the other leg's SSRC, which may have changed since the remote's
  // report; its first block is then the best guess.
  if (first) {
    take(*first, now);
  }
}

void RtcpFeedback::take(const RtcpReportBlock& block, Clock::time_point now) {
  reports_.store(reports_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  lost_.store(block.cumulativeLost, std::memory_order_relaxed);
  fractionLost_.store(block.fractionLost, std::memory_order_relaxed);
  jitter_.store(block.jitter, std::memory_order_relaxed);
  if (const std::optional<Clock::duration> rtt = roundTrip(block, now)) {
    const std::int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(*rtt).count();
    const std::uint64_t samples = rttSamples_.load(std::memory_order_relaxed) + 1;
    rttSumNs_ += ns;
    rttNs_.store(ns, std::memory_order_relaxed);
    rttMeanNs_.store(rttSumNs_ / std::int64_t(samples), std::memory_order_relaxed);
    rttSamples_.store(samples, std::memory_order_relaxed);
  }
}

std::optional<RtcpFeedback::Clock::duration> RtcpFeedback::roundTrip(const RtcpReportBlock& block,
                                                                     Clock::time_point now) const {
  if (block.lastSr == 0) {
    return std::nullopt;  // the remote has had no SR from us yet
  }
  for (const SentSr& sent : sentSrs_) {
    if (sent.ntpMiddle == block.lastSr) {
      // DLSR is in 1/65536 s: the time the remote held the SR before reporting.
      const auto held = std::chrono::duration_cast<Clock::duration>(
          std::chrono::nanoseconds(std::int64_t(block.delaySinceLastSr) * 1'000'000'000 / 65536));
      const Clock::duration rtt = now - sent.at - held;
      // A DLSR longer than the whole round trip is the remote's error: no figure.
      if (rtt < Clock::duration::zero()) {
        return std::nullopt;
      }
      return rtt;
    }
  }
  return std::nullopt;
}

RtcpFeedback::Figures RtcpFeedback::figures() const {
  Figures figures;
  figures.reports = reports_.load(std::memory_order_relaxed);
  figures.lost = lost_.load(std::memory_order_relaxed);
  figures.fractionLost = fractionLost_.load(std::memory_order_relaxed);
  figures.jitter = jitter_.load(std::memory_order_relaxed);
  figures.rttSamples = rttSamples_.load(std::memory_order_relaxed);
  figures.rtt = std::chrono::nanoseconds(rttNs_.load(std::memory_order_relaxed));
  figures.rttMean = std::chrono::nanoseconds(rttMeanNs_.load(std::memory_order_relaxed));
  return figures;
}

}  // namespace sb::media
