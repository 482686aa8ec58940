#pragma once
/// @file
/// Rewriting the host (and port) a header advertises, for servers behind NAT that must show
/// their external address (pjsip.conf external_signaling_address) in Via and Contact.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sb::sip {

/// A host and optional port to put in place of another. IPv6 addresses are written with
/// brackets by the functions below.
struct HostReplacement {
  std::string host;                   ///< name, IPv4 or IPv6 (with or without brackets)
  std::optional<std::uint16_t> port;  ///< absent: keep the port as written (or none)
};

/// `via` (a Via header value) with the sent-by of its first via-parm replaced; everything
/// else byte for byte. std::nullopt when that via-parm does not parse.
std::optional<std::string> withViaSentBy(std::string_view via, const HostReplacement& by);

/// `contact` (a name-addr or addr-spec header value; the first of a comma list) with the
/// host and port of its sip:/sips: URI replaced; everything else byte for byte.
/// std::nullopt for "*", other URI schemes and malformed values.
std::optional<std::string> withUriHost(std::string_view contact, const HostReplacement& by);

}  // namespace sb::sip
