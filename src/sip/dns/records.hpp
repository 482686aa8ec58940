#pragma once
/// @file
/// Turns raw DNS replies into typed answers: c-ares' own parsers for the RDATA, plus
/// inspectReply() for the TTLs c-ares drops (SRV and NAPTR) and for negative-cache TTLs.

#include <cstdint>
#include <optional>
#include <span>

#include "sip/dns/types.hpp"

namespace sb::sip::dns {

/// Maps a c-ares status code (ARES_*) to a Status.
Status statusFromAres(int aresStatus);

/// Parses a successful A (`type` a) or AAAA (`type` aaaa) reply. The status is ok with at
/// least one record, noData if the reply held none, unavailable if it was malformed.
AddressAnswer parseAddressReply(std::span<const std::uint8_t> reply, RecordType type);

/// Parses a successful SRV reply (same status rules).
SrvAnswer parseSrvReply(std::span<const std::uint8_t> reply);

/// Parses a successful NAPTR reply (same status rules).
NaptrAnswer parseNaptrReply(std::span<const std::uint8_t> reply);

/// RFC 2308 negative TTL of an NXDOMAIN/NODATA reply, if the reply carries an SOA.
std::optional<std::uint32_t> negativeTtlOf(std::span<const std::uint8_t> reply);

}  // namespace sb::sip::dns
