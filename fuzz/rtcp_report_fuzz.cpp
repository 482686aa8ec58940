// libFuzzer target for RTCP as a stream receives it (untrusted): the SR/RR reader never reads
// past its input and yields blocks that lie within it; a stream's feedback takes any packet
// sent or received; and the receive-side statistics hold their invariants for any sequence of
// packets (the input read again as 8-byte records).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "media/rtp/reception_stats.hpp"
#include "media/rtp/rtcp_report.hpp"

namespace {

void check(bool condition) {
  if (!condition) {
    std::abort();
  }
}

void readReports(std::span<const std::uint8_t> data) {
  sb::media::RtcpReader reader(data);
  std::size_t reports = 0;
  while (const auto report = reader.next()) {
    check(report->blocks.data() >= data.data() &&
          report->blocks.data() + report->blocks.size() <= data.data() + data.size());
    check(report->blockCount() <= 31);
    for (std::size_t i = 0; i < report->blockCount(); ++i) {
      const auto block = report->block(i);
      check(block.cumulativeLost >= -(1 << 23) && block.cumulativeLost < (1 << 23));
    }
    check(++reports <= data.size() / 8);  // an SR or RR takes at least 8 bytes
  }
}

void feedBack(std::span<const std::uint8_t> data) {
  using Clock = sb::media::RtcpFeedback::Clock;
  sb::media::RtcpFeedback feedback;
  const Clock::time_point start{std::chrono::seconds(1000)};
  feedback.onRtpSent(data);
  // The same bytes as an SR we forwarded and as the remote's answer: LSRs may match.
  feedback.onRtcpSent(data, start);
  feedback.onRtcpReceived(data, start + std::chrono::milliseconds(data.empty() ? 0 : data[0]));
  const auto figures = feedback.figures();
  check(figures.rttSamples <= figures.reports);
  check(figures.rtt >= std::chrono::nanoseconds::zero());
}

void receive(std::span<const std::uint8_t> data) {
  using Clock = sb::media::ReceptionStats::Clock;
  sb::media::ReceptionStats stats;
  if (!data.empty()) {
    stats.setClock(data[0] & 0x80 ? -1 : data[0], data[0] & 1 ? 48000 : 8000);
  }
  Clock::time_point arrival{std::chrono::seconds(1000)};
  // Records: sequence (2), timestamp (4), SSRC choice, arrival gap in ms (also the PT).
  for (std::size_t at = 0; at + 8 <= data.size(); at += 8) {
    const std::uint8_t* r = data.data() + at;
    sb::media::RtpHeader header;
    header.sequence = std::uint16_t((r[0] << 8) | r[1]);
    header.timestamp = (std::uint32_t(r[2]) << 24) | (std::uint32_t(r[3]) << 16) |
                       (std::uint32_t(r[4]) << 8) | r[5];
    header.ssrc = r[6] & 3;
    header.payloadType = r[7] & 0x7f;
    arrival += std::chrono::milliseconds(r[7]);
    stats.onPacket(header, arrival);
    const auto figures = stats.figures();
    check(figures.expected >= 1);
    check(figures.lost <= std::int64_t(figures.expected));  // received is never negative
    check(figures.jitterSeconds() >= 0);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  readReports(input);
  feedBack(input);
  receive(input);
  return 0;
}
