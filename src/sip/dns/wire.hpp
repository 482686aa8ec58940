#pragma once
/// @file
/// A small, bounded walker over a DNS reply: the bits c-ares' parsers do not expose (the
/// response code, per-record TTLs for SRV/NAPTR, and the SOA that sets a negative-cache TTL).

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace sb::sip::dns {

/// What inspectReply() learned from a reply.
struct ReplyInfo {
  std::uint8_t rcode = 0;  ///< 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN...
  /// TTLs of the answer-section records of the queried type, in wire order.
  std::vector<std::uint32_t> answerTtls;
  /// RFC 2308 negative TTL: min(SOA TTL, SOA MINIMUM) from the authority section, if any.
  std::optional<std::uint32_t> negativeTtl;
};

/// Walks the header, question, answer and authority sections of `reply`. Never reads outside
/// the span; returns nullopt on a truncated or malformed message.
std::optional<ReplyInfo> inspectReply(std::span<const std::uint8_t> reply, std::uint16_t qtype);

}  // namespace sb::sip::dns
