#pragma once
/// @file
/// The Refer-To header of a REFER (RFC 3515 2.1): where the transferee is sent, and, for an
/// attended transfer, the Replaces header embedded in the URI (RFC 3891 5:
/// "<sip:bob@host?Replaces=callid%3Bto-tag%3Dx%3Bfrom-tag%3Dy>").

#include <optional>
#include <string>
#include <string_view>

#include "sip/message/uri.hpp"

namespace sb::sip {

/// A parsed Refer-To value.
struct ReferTarget {
  UriScheme scheme = UriScheme::Other;
  /// The URI without its header part and without angle brackets: "sip:300@host;user=phone".
  std::string uri;
  /// The user part, %HH escapes decoded (empty when the URI has none).
  std::string user;
  /// The Replaces value carried in the URI's headers (or, as some phones write it, as a URI
  /// parameter), unescaped; std::nullopt for a blind transfer.
  std::optional<std::string> replaces;
};

/// Parses a Refer-To value (name-addr or addr-spec, with header parameters). A header part
/// that breaks RFC 3261's grammar (an unescaped ';' or '@' in the Replaces value, as some
/// phones send) is still read. std::nullopt when no URI can be read.
std::optional<ReferTarget> parseReferTo(std::string_view value);

}  // namespace sb::sip
