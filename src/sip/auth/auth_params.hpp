#pragma once
/// @file
/// The generic grammar under the Digest headers (RFC 3261 §25.1, RFC 7235 §2.1):
/// `scheme param=value, param="quoted \"value\"", ...`. Bounded and exception-free: hostile
/// input yields a ParseError, never a throw or an unbounded allocation.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sip/auth/result.hpp"

namespace sb::sip::auth {

/// Largest header value accepted, in bytes.
inline constexpr std::size_t kMaxHeaderValueLength = 8192;
/// Most parameters accepted in one header value (known and unknown together).
inline constexpr std::size_t kMaxParams = 32;

/// Why a header value was rejected.
enum class ParseError {
  Empty,                        ///< nothing but whitespace
  TooLong,                      ///< longer than kMaxHeaderValueLength
  NotDigest,                    ///< another scheme (e.g. Basic, Bearer)
  UnterminatedQuote,            ///< a quoted-string without its closing quote
  BadSyntax,                    ///< missing '=', missing comma, stray characters
  InvalidCharacter,             ///< a control character or non-token byte where not allowed
  TooManyParams,                ///< more than kMaxParams
  DuplicateParam,               ///< the same parameter twice (ambiguous, so refused)
  MissingParam,                 ///< a parameter the header requires is absent
  BadValue,                     ///< a parameter value of the wrong form (e.g. stale=maybe)
  ExtendedUsernameUnsupported,  ///< username* (RFC 7616 §3.4.4) is not supported
  UserhashUnsupported,          ///< userhash=true (RFC 7616 §3.4.4) is not supported
};

/// Short English name of an error, for logs.
std::string_view parseErrorName(ParseError error);

/// One parsed parameter.
struct AuthParam {
  std::string name;   ///< lower-cased (parameter names are case-insensitive)
  std::string value;  ///< with quotes removed and escapes resolved
  bool quoted = false;
};

/// Checks the length and strips a case-insensitive "Digest" scheme followed by whitespace;
/// returns the parameter list text that follows.
Result<std::string_view, ParseError> stripDigestScheme(std::string_view headerValue);

/// Parses a comma-separated parameter list. Empty list elements (",,") are tolerated as the
/// HTTP list rule allows; duplicates are refused.
Result<std::vector<AuthParam>, ParseError> parseAuthParams(std::string_view text);

/// Formats text as a quoted-string: escapes '"' and '\' and drops control characters other than
/// HTAB, so the output can never break out of the header line.
std::string quoteString(std::string_view text);

/// True when text is a non-empty RFC 3261 token (safe to emit unquoted).
bool isToken(std::string_view text);

}  // namespace sb::sip::auth
