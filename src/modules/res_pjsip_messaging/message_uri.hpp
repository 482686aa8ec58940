#pragma once
/// @file
/// The small URI chores of MessageSend: reading an address the way pjsip's
/// PJSIP_PARSE_URI_AS_NAMEADDR does (`"Bob" <sip:bob@host>`, `<sip:bob@host>` or a bare
/// `sip:bob@host;param`), and putting a user into a URI. Pure, no I/O.

#include <optional>
#include <string>
#include <string_view>

namespace sb::modules::res_pjsip_messaging {

/// An address as written: its display name (unquoted) and URI.
struct Address {
  std::string display;
  std::string uri;   ///< the URI's text, parameters included
  bool sip = false;  ///< a sip: or sips: URI
};

/// Reads a name-addr, or a bare URI whose parameters then belong to the URI; std::nullopt
/// when the text is neither (no scheme, unbalanced brackets, ...).
std::optional<Address> parseAddress(std::string_view text);

/// `user` with every character outside RFC 3261's user set written as %HH.
std::string escapeUser(std::string_view user);

/// SIP URI `uri` with its user part replaced by `user` (escaped), or added when it has none
/// (an empty `user` removes it); std::nullopt when `uri` is not a SIP URI.
std::optional<std::string> withUser(std::string_view uri, std::string_view user);

}  // namespace sb::modules::res_pjsip_messaging
