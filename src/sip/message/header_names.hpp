#pragma once
/// @file
/// Known SIP header names, their compact forms and case-insensitive lookup.

#include <cstdint>
#include <string_view>

namespace sb::sip {

/// Header fields the stack knows by name. Anything else is HeaderId::Other and is looked up
/// by its name text.
enum class HeaderId : std::uint8_t {
  Other,
  Accept,
  AcceptContact,
  AcceptEncoding,
  AcceptLanguage,
  AlertInfo,
  Allow,
  AllowEvents,
  AuthenticationInfo,
  Authorization,
  CallId,
  CallInfo,
  Contact,
  ContentDisposition,
  ContentEncoding,
  ContentLanguage,
  ContentLength,
  ContentType,
  CSeq,
  Date,
  ErrorInfo,
  Event,
  Expires,
  From,
  Identity,
  IdentityInfo,
  InReplyTo,
  MaxForwards,
  MimeVersion,
  MinExpires,
  MinSE,
  Organization,
  PAssertedIdentity,
  Path,
  Priority,
  Privacy,
  ProxyAuthenticate,
  ProxyAuthorization,
  ProxyRequire,
  RAck,
  Reason,
  RecordRoute,
  ReferredBy,
  ReferTo,
  RejectContact,
  Replaces,
  ReplyTo,
  RequestDisposition,
  Require,
  RetryAfter,
  Route,
  RSeq,
  Server,
  ServiceRoute,
  SessionExpires,
  Subject,
  SubscriptionState,
  Supported,
  Timestamp,
  To,
  Unsupported,
  UserAgent,
  Via,
  Warning,
  WwwAuthenticate,
  Count_,  ///< number of ids, not a header
};

/// Id for a header name as written (full or compact form, any case).
HeaderId headerIdFromName(std::string_view name);

/// Canonical spelling ("Call-ID", "CSeq", "WWW-Authenticate"); empty for Other.
std::string_view canonicalHeaderName(HeaderId id);

/// The compact form letter ('i' for Call-ID), or 0 when there is none.
char compactHeaderForm(HeaderId id);

}  // namespace sb::sip
