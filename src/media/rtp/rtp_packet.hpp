#pragma once
/// @file
/// Minimal RTP/RTCP header handling (RFC 3550): enough to validate, inspect and rewrite the
/// fixed header in place, and to write the header of packets we originate.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace sb::media {

/// Size of the fixed RTP header without CSRCs or extension.
inline constexpr std::size_t kRtpHeaderSize = 12;

/// The fields of an RTP header, plus where the payload lies in the packet it was read from.
struct RtpHeader {
  bool padding = false;
  bool extension = false;
  std::uint8_t csrcCount = 0;
  bool marker = false;
  std::uint8_t payloadType = 0;
  std::uint16_t sequence = 0;
  std::uint32_t timestamp = 0;
  std::uint32_t ssrc = 0;
  std::size_t payloadOffset = 0;  ///< first payload byte (after CSRCs and extension)
  std::size_t payloadSize = 0;    ///< payload bytes, padding excluded
};

/// Parses and validates an RTP packet: version 2, CSRC list, extension and padding within the
/// packet, and not an RTCP packet (second byte 200-204, RFC 5761). nullopt for anything else.
std::optional<RtpHeader> parseRtp(std::span<const std::uint8_t> packet);

/// True for something that looks like an RTCP packet: at least 8 bytes, version 2 and a
/// packet type of 200 (SR) to 204 (APP).
bool isRtcp(std::span<const std::uint8_t> packet);

/// Writes a 12-byte header (no CSRC, extension or padding) at the start of `out`, which must
/// hold at least kRtpHeaderSize bytes. Returns kRtpHeaderSize.
std::size_t writeRtpHeader(std::span<std::uint8_t> out, bool marker, std::uint8_t payloadType,
                           std::uint16_t sequence, std::uint32_t timestamp, std::uint32_t ssrc);

/// Rewrites the payload type of a valid RTP packet in place, keeping the marker bit.
void setPayloadType(std::span<std::uint8_t> packet, std::uint8_t payloadType);

}  // namespace sb::media
