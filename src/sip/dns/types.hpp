#pragma once
/// @file
/// Value types shared by the DNS resolver, its cache and RFC 3263 target selection.

#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::sip::dns {

/// Outcome of a lookup. "Not found" and "unavailable" are kept apart so callers can tell a
/// name that does not exist from a DNS backend that cannot be reached.
enum class Status {
  ok,           ///< Records were found (possibly stale, see Answer::stale).
  notFound,     ///< NXDOMAIN: the name does not exist.
  noData,       ///< The name exists but has no records of the requested type.
  unavailable,  ///< Timeout, SERVFAIL, refused, unreachable server or malformed reply.
  invalid,      ///< The request itself was unusable (bad name, unsupported transport...).
};

/// Human-readable name of a status, for logs.
std::string_view toString(Status status);

/// Parses an IP literal host ("192.0.2.1", "2001:db8::1" or "[2001:db8::1]"); nullopt for a
/// host name.
std::optional<boost::asio::ip::address> parseIpLiteral(std::string_view host);

/// DNS record types this resolver queries (values are the wire type codes).
enum class RecordType : std::uint16_t { a = 1, aaaa = 28, srv = 33, naptr = 35 };

/// "A", "AAAA", "SRV" or "NAPTR".
std::string_view toString(RecordType type);

/// An A or AAAA record.
struct AddressRecord {
  boost::asio::ip::address address;
  std::uint32_t ttl = 0;  ///< Remaining seconds of validity.
};

/// An SRV record (RFC 2782).
struct SrvRecord {
  std::uint16_t priority = 0;
  std::uint16_t weight = 0;
  std::uint16_t port = 0;
  std::string target;  ///< Host name; "." means the service is not offered.
  std::uint32_t ttl = 0;
};

/// A NAPTR record (RFC 3403).
struct NaptrRecord {
  std::uint16_t order = 0;
  std::uint16_t preference = 0;
  std::string flags;
  std::string service;
  std::string regexp;
  std::string replacement;  ///< "." or empty when the record uses a regexp instead.
  std::uint32_t ttl = 0;
};

/// Result of one lookup: a status and, when ok, the records with their remaining TTLs.
template <class Record>
struct Answer {
  Status status = Status::unavailable;
  std::vector<Record> records;
  /// Seconds this answer may be reused: the minimum record TTL, or the negative-caching TTL.
  std::uint32_t ttl = 0;
  /// True when the records outlived their TTL and are served because the backend failed.
  bool stale = false;
  /// Why the lookup failed (empty when ok).
  std::string error;

  bool ok() const { return status == Status::ok; }
};

using AddressAnswer = Answer<AddressRecord>;
using SrvAnswer = Answer<SrvRecord>;
using NaptrAnswer = Answer<NaptrRecord>;

/// SIP transports RFC 3263 can select.
enum class Transport { udp, tcp, tls };

/// "UDP", "TCP" or "TLS".
std::string_view toString(Transport transport);

/// 5060 for UDP/TCP, 5061 for TLS.
std::uint16_t defaultPort(Transport transport);

/// One place to send a request: where, over what, and which host name it came from (for TLS
/// certificate checks and logs).
struct Target {
  Transport transport = Transport::udp;
  boost::asio::ip::address address;
  std::uint16_t port = 0;
  std::string hostname;  ///< The SRV target or URI host this address was resolved from.

  friend bool operator==(const Target&, const Target&) = default;
};

}  // namespace sb::sip::dns
