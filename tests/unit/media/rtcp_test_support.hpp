#pragma once
// RTCP packets for the tests (RFC 3550 section 6.4): report blocks, SR, RR, SDES, BYE.

#include <cstdint>
#include <string>
#include <vector>

namespace sb::media::testing {

using Bytes = std::vector<std::uint8_t>;

inline void put32(Bytes& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(std::uint8_t(value >> shift));
  }
}

/// One 24-byte reception report block.
inline Bytes reportBlock(std::uint32_t ssrc, std::uint8_t fraction, std::int32_t lost,
                         std::uint32_t highest, std::uint32_t jitter, std::uint32_t lsr = 0,
                         std::uint32_t dlsr = 0) {
  Bytes out;
  put32(out, ssrc);
  put32(out, (std::uint32_t(fraction) << 24) | (std::uint32_t(lost) & 0xffffff));
  put32(out, highest);
  put32(out, jitter);
  put32(out, lsr);
  put32(out, dlsr);
  return out;
}

/// The header of an RTCP packet of `type` and `count` whose body is `body` (whole words).
inline Bytes rtcpPacket(std::uint8_t type, std::uint8_t count, const Bytes& body) {
  Bytes out = {std::uint8_t(0x80 | count), type};
  const std::size_t words = body.size() / 4;  // length: words after the first
  out.push_back(std::uint8_t(words >> 8));
  out.push_back(std::uint8_t(words));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

inline Bytes senderReport(std::uint32_t ssrc, std::uint64_t ntp, std::uint32_t rtpTimestamp,
                          const std::vector<Bytes>& blocks = {}) {
  Bytes body;
  put32(body, ssrc);
  put32(body, std::uint32_t(ntp >> 32));
  put32(body, std::uint32_t(ntp));
  put32(body, rtpTimestamp);
  put32(body, 100);    // packets
  put32(body, 16000);  // octets
  for (const Bytes& block : blocks) {
    body.insert(body.end(), block.begin(), block.end());
  }
  return rtcpPacket(200, std::uint8_t(blocks.size()), body);
}

inline Bytes receiverReport(std::uint32_t ssrc, const std::vector<Bytes>& blocks = {}) {
  Bytes body;
  put32(body, ssrc);
  for (const Bytes& block : blocks) {
    body.insert(body.end(), block.begin(), block.end());
  }
  return rtcpPacket(201, std::uint8_t(blocks.size()), body);
}

/// SDES with one chunk: the CNAME item, then null octets to the next word.
inline Bytes sdesCname(std::uint32_t ssrc, const std::string& cname) {
  Bytes body;
  put32(body, ssrc);
  body.push_back(1);
  body.push_back(std::uint8_t(cname.size()));
  body.insert(body.end(), cname.begin(), cname.end());
  do {
    body.push_back(0);
  } while (body.size() % 4 != 0);
  return rtcpPacket(202, 1, body);
}

inline Bytes bye(std::uint32_t ssrc) {
  Bytes body;
  put32(body, ssrc);
  return rtcpPacket(203, 1, body);
}

inline Bytes compound(std::initializer_list<Bytes> packets) {
  Bytes out;
  for (const Bytes& packet : packets) {
    out.insert(out.end(), packet.begin(), packet.end());
  }
  return out;
}

}  // namespace sb::media::testing
