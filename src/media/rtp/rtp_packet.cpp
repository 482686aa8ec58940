#include "media/rtp/rtp_packet.hpp"

namespace sb::media {
namespace {

constexpr std::uint8_t kVersion = 2;
constexpr std::uint8_t kFirstRtcpType = 200;  // SR
constexpr std::uint8_t kLastRtcpType = 204;   // APP
constexpr std::size_t kRtcpHeaderSize = 8;

std::uint16_t read16(const std::uint8_t* p) {
  return std::uint16_t((p[0] << 8) | p[1]);
}

std::uint32_t read32(const std::uint8_t* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
         std::uint32_t(p[3]);
}

void write16(std::uint8_t* p, std::uint16_t value) {
  p[0] = std::uint8_t(value >> 8);
  p[1] = std::uint8_t(value);
}

void write32(std::uint8_t* p, std::uint32_t value) {
  p[0] = std::uint8_t(value >> 24);
  p[1] = std::uint8_t(value >> 16);
  p[2] = std::uint8_t(value >> 8);
  p[3] = std::uint8_t(value);
}

}  // namespace

std::optional<RtpHeader> parseRtp(std::span<const std::uint8_t> packet) {
  if (packet.size() < kRtpHeaderSize || (packet[0] >> 6) != kVersion) {
    return std::nullopt;
  }
  // RTCP shares the port under rtcp-mux; its packet types sit where marker+PT 72-76 would.
  if (packet[1] >= kFirstRtcpType && packet[1] <= kLastRtcpType) {
    return std::nullopt;
  }
  RtpHeader header;
  header.padding = (packet[0] & 0x20) != 0;
  header.extension = (packet[0] & 0x10) != 0;
  header.csrcCount = packet[0] & 0x0f;
  header.marker = (packet[1] & 0x80) != 0;
  header.payloadType = packet[1] & 0x7f;
  header.sequence = read16(&packet[2]);
  header.timestamp = read32(&packet[4]);
  header.ssrc = read32(&packet[8]);

  std::size_t offset = kRtpHeaderSize + 4 * std::size_t(header.csrcCount);
  if (header.extension) {
    // 16-bit profile, 16-bit length in 32-bit words, then the words.
    if (packet.size() < offset + 4) {
      return std::nullopt;
    }
    offset += 4 + 4 * std::size_t(read16(&packet[offset + 2]));
  }
  if (packet.size() < offset) {
    return std::nullopt;
  }
  std::size_t end = packet.size();
  if (header.padding) {
    // The last byte counts the padding, itself included.
    const std::size_t padding = packet.back();
    if (padding == 0 || padding > end - offset) {
      return std::nullopt;
    }
    end -= padding;
  }
  header.payloadOffset = offset;
  header.payloadSize = end - offset;
  return header;
}

bool isRtcp(std::span<const std::uint8_t> packet) {
  return packet.size() >= kRtcpHeaderSize && (packet[0] >> 6) == kVersion &&
         packet[1] >= kFirstRtcpType && packet[1] <= kLastRtcpType;
}

std::size_t writeRtpHeader(std::span<std::uint8_t> out, bool marker, std::uint8_t payloadType,
                           std::uint16_t sequence, std::uint32_t timestamp, std::uint32_t ssrc) {
  out[0] = kVersion << 6;
  out[1] = std::uint8_t((marker ? 0x80 : 0) | (payloadType & 0x7f));
  write16(&out[2], sequence);
  write32(&out[4], timestamp);
  write32(&out[8], ssrc);
  return kRtpHeaderSize;
}

void setPayloadType(std::span<std::uint8_t> packet, std::uint8_t payloadType) {
  packet[1] = std::uint8_t((packet[1] & 0x80) | (payloadType & 0x7f));
}

}  // namespace sb::media
