#pragma once
/// @file
/// The Replaces header (RFC 3891 6.1): which dialog a new INVITE takes the place of, also
/// carried inside a REFER's Refer-To URI for an attended transfer.

#include <optional>
#include <string>
#include <string_view>

namespace sb::sip {

/// A parsed Replaces value. The tags are as the sender sees the dialog: `toTag` is the tag
/// of the UA the INVITE goes to, `fromTag` the other party's.
struct Replaces {
  std::string callId;
  std::string toTag;
  std::string fromTag;
  bool earlyOnly = false;  ///< "early-only": replace the dialog only while it is early

  /// The header value as pjsip prints it: "callid;to-tag=x;from-tag=y[;early-only]".
  std::string str() const;
};

/// Parses a Replaces header value ("callid;to-tag=x;from-tag=y[;early-only]", parameters in
/// any order, names case-insensitive, other parameters ignored). std::nullopt when the
/// Call-ID or either tag is missing or a parameter is malformed.
std::optional<Replaces> parseReplaces(std::string_view value);

}  // namespace sb::sip
