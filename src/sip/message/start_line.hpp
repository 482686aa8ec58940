#pragma once
/// @file
/// SIP methods and the request and status lines (RFC 3261 section 7.1, 7.2).

#include <cstdint>
#include <optional>
#include <string_view>

#include "sip/message/uri.hpp"

namespace sb::sip {

/// Methods the stack knows; anything else is Unknown and compared by its text. Methods are
/// case-sensitive (RFC 3261 7.1).
enum class Method : std::uint8_t {
  Unknown,
  Invite,
  Ack,
  Bye,
  Cancel,
  Register,
  Options,
  Info,
  Prack,
  Update,
  Subscribe,
  Notify,
  Refer,
  Message,
  Publish,
};

/// Method for its exact (case-sensitive) name.
Method methodFromName(std::string_view name);
/// Name of a known method; empty for Unknown.
std::string_view methodName(Method m);

/// "METHOD SP Request-URI SP SIP-Version".
struct RequestLine {
  std::string_view methodText;
  Method method = Method::Unknown;
  std::string_view uriText;
  Uri uri;
  std::string_view version;
};

/// "SIP-Version SP Status-Code SP Reason-Phrase".
struct StatusLine {
  std::string_view version;
  int code = 0;
  std::string_view reason;
};

/// Why a start line was rejected.
enum class StartLineError : std::uint8_t {
  None,
  Malformed,           ///< not "X SP Y SP Z" with single spaces
  BadMethod,           ///< method is not a token
  BadRequestUri,       ///< Request-URI does not parse
  UnsupportedVersion,  ///< "SIP/x.y" other than 2.0 (505)
  BadStatusCode,       ///< status code not 3 digits 100..699
};

/// Parses a request line (without CRLF). uri is parsed too.
StartLineError parseRequestLine(std::string_view line, RequestLine& out);
/// Parses a status line (without CRLF). An empty reason phrase is accepted.
StartLineError parseStatusLine(std::string_view line, StatusLine& out);

}  // namespace sb::sip
