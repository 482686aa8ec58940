#pragma once
/// @file
/// Via header values (RFC 3261 section 20.42, RFC 3581 rport, RFC 5118 IPv6 received).

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sip/message/params.hpp"
#include "sip/message/uri.hpp"

namespace sb::sip {

/// RFC 3261 magic cookie that starts every compliant branch.
inline constexpr std::string_view kBranchMagicCookie = "z9hG4bK";

/// One via-parm. Views point into the header value.
struct Via {
  std::string_view protocolName;     ///< "SIP"
  std::string_view protocolVersion;  ///< "2.0"
  std::string_view transport;        ///< "UDP", "TCP", "TLS", "WS", ...
  std::string_view host;             ///< sent-by host; IPv6 keeps brackets
  HostType hostType = HostType::None;
  std::uint16_t port = 0;
  bool hasPort = false;
  ParamList params;
  std::string_view raw;

  std::string_view branch() const { return params.get("branch"); }
  /// True when the branch starts with the RFC 3261 magic cookie.
  bool hasMagicCookie() const;
  /// The received parameter (IPv4, IPv6 with or without brackets).
  std::string_view received() const { return params.get("received"); }
  std::string_view maddr() const { return params.get("maddr"); }
  /// rport present at all (with or without a value).
  bool hasRport() const { return params.has("rport"); }
  /// rport value when one was given.
  std::optional<std::uint16_t> rport() const;
  std::optional<std::uint8_t> ttl() const;
};

/// Parses one via-parm ("SIP/2.0/UDP host:port;params"); LWS around '/', ';' and '=' is
/// accepted. std::nullopt when malformed.
std::optional<Via> parseVia(std::string_view value);

/// Parses a comma-separated Via header value, appending to out; false on any bad element.
bool parseViaList(std::string_view value, std::vector<Via>& out);

}  // namespace sb::sip
