#pragma once
/// @file
/// name-addr / addr-spec header values (From, To, Contact, Route, Record-Route, ...), RFC
/// 3261 section 20.10 and 25.1.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/message/params.hpp"
#include "sip/message/uri.hpp"

namespace sb::sip {

/// One address with its header parameters. Views point into the header value.
struct NameAddr {
  /// Display name as written: the inside of the quotes (quoted-pairs unresolved) when
  /// displayQuoted, else the token sequence. Empty when absent.
  std::string_view displayName;
  bool displayQuoted = false;
  /// True when the URI was written inside <...>.
  bool angleBrackets = false;
  /// "Contact: *".
  bool wildcard = false;
  Uri uri;
  /// Header parameters after the address (";tag=...;expires=60").
  ParamList params;
  /// The whole value as written.
  std::string_view raw;

  std::string_view tag() const { return params.get("tag"); }
  bool hasTag() const { return params.has("tag"); }
  /// The "expires" parameter, when present and a valid delta-seconds (< 2^32).
  std::optional<std::uint32_t> expires() const;
  /// The "q" parameter in thousandths (0.5 -> 500), when present and valid.
  std::optional<int> qThousandths() const;
  /// Display name with quotes removed and quoted-pairs resolved.
  std::string displayNameUnquoted() const;
};

/// Parses one name-addr or addr-spec. In addr-spec form the URI ends at the first ';' (those
/// parameters belong to the header) and may not contain '?' or ',' (RFC 3261 20).
/// allowWildcard accepts "*" (Contact).
std::optional<NameAddr> parseNameAddr(std::string_view value, bool allowWildcard = false);

/// Parses a comma-separated list of addresses (Contact, Route, Record-Route) into out;
/// false when any element is malformed or empty.
bool parseNameAddrList(std::string_view value, std::vector<NameAddr>& out,
                       bool allowWildcard = false);

}  // namespace sb::sip
