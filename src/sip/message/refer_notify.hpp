#pragma once
/// @file
/// What the NOTIFYs of a REFER's implicit subscription carry (RFC 3515 2.4.4-2.4.5): the
/// refer event, its Subscription-State, and the transfer's progress as an RFC 3420
/// message/sipfrag holding one status line, written as pjsip's pjsip_xfer_notify does.

#include <string>
#include <string_view>

namespace sb::sip {

/// The Event header value of the NOTIFYs.
inline constexpr std::string_view kReferEvent = "refer";
/// The Content-Type of their body.
inline constexpr std::string_view kSipfragContentType = "message/sipfrag;version=2.0";
/// How long the implicit subscription lasts unless refreshed (pjsip's PJSIP_XFER_EXPIRES).
inline constexpr unsigned kReferSubscriptionSeconds = 600;

/// The sipfrag body for the transfer's progress: "SIP/2.0 <status> <reason>\r\n".
std::string sipfragStatusLine(int status, std::string_view reason);

/// The Subscription-State value: "active;expires=<secondsLeft>" while the transfer goes on,
/// "terminated;reason=noresource" with its final status.
std::string referSubscriptionState(bool terminated, unsigned secondsLeft);

}  // namespace sb::sip
