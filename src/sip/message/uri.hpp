#pragma once
/// @file
/// SIP, SIPS and tel URIs (RFC 3261 section 19.1, RFC 3966) and other absolute URIs, as
/// zero-copy views into the text they were parsed from.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sip/message/params.hpp"

namespace sb::sip {

/// Which URI grammar applied.
enum class UriScheme : std::uint8_t { Sip, Sips, Tel, Other };

/// How the host part of a URI or Via was written.
enum class HostType : std::uint8_t { None, Name, IPv4, IPv6 };

/// A parsed URI. All views point into the parsed text, which must outlive the Uri.
/// Escapes (%HH) are left as written; use text::unescape() where the application needs the
/// decoded user (RFC 3261 19.1.4 compares unescaped).
struct Uri {
  UriScheme scheme = UriScheme::Other;
  /// Scheme as written ("sip", "SIPS", "tel", "http", ...).
  std::string_view schemeText;
  /// sip/sips: user part (escaped as written); tel: the telephone number.
  std::string_view user;
  std::string_view password;
  bool hasUser = false;
  bool hasPassword = false;
  /// Hostname, IPv4 address or IPv6 reference including its brackets.
  std::string_view host;
  HostType hostType = HostType::None;
  std::uint16_t port = 0;
  bool hasPort = false;
  /// URI parameters (";transport=tcp;lr").
  ParamList params;
  /// Header part after '?', e.g. "Route=%3Csip:x%3E" (without the '?').
  std::string_view headers;
  bool hasHeaders = false;
  /// The whole URI as written.
  std::string_view raw;

  /// True for sip: and sips:.
  bool isSip() const { return scheme == UriScheme::Sip || scheme == UriScheme::Sips; }
  /// For other schemes: everything after "scheme:".
  std::string_view opaque() const;
  /// Host without IPv6 brackets.
  std::string_view hostAddress() const;
  std::string_view transport() const { return params.get("transport"); }
  std::string_view maddr() const { return params.get("maddr"); }
  /// The "user" URI parameter (e.g. "phone"), not the user part.
  std::string_view userParam() const { return params.get("user"); }
  bool lr() const { return params.has("lr"); }
  bool ob() const { return params.has("ob"); }
};

/// Parses a URI (no surrounding whitespace or angle brackets). std::nullopt when malformed.
std::optional<Uri> parseUri(std::string_view text);

/// The value of header field `name` (ASCII case-insensitive) in a URI's header part
/// (`headers`, RFC 3261 19.1.1: "name=value&name=value"), with its %HH escapes decoded;
/// std::nullopt when the URI carries no such field.
std::optional<std::string> uriHeader(std::string_view headers, std::string_view name);

/// RFC 4291 text form, without brackets (e.g. "2001:db8::1", "::ffff:192.0.2.1").
bool isIPv6Address(std::string_view s);
/// Dotted quad with each part 0..255.
bool isIPv4Address(std::string_view s);

/// Host and optional port, as used by URIs and the Via sent-by.
struct HostPort {
  std::string_view host;
  HostType type = HostType::None;
  std::uint16_t port = 0;
  bool hasPort = false;
};

/// Parses "host[:port]" where host is a name, IPv4 address or [IPv6] reference; the whole
/// text must be consumed.
std::optional<HostPort> parseHostPort(std::string_view text);

/// Length of the host[:port] prefix of text (stops at ';', '?', '>', ',' or LWS).
std::size_t hostPortLength(std::string_view text);

}  // namespace sb::sip
