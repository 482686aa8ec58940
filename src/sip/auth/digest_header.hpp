#pragma once
/// @file
/// Values of the Digest headers: WWW-Authenticate / Proxy-Authenticate (challenges) and
/// Authorization / Proxy-Authorization (credentials), RFC 3261 §25.1, RFC 7616 §3.3-3.4.
/// The message layer hands over one raw header value; these functions parse and format it.
/// Unknown parameters are tolerated and dropped; parameter names, the scheme, algorithm and
/// stale are case-insensitive; other values are kept as sent. Header values must be unfolded
/// (CRLF folds followed by whitespace are tolerated). Thread-safe: no shared state.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/auth/algorithm.hpp"
#include "sip/auth/auth_params.hpp"
#include "sip/auth/result.hpp"

namespace sb::sip::auth {

/// A parsed WWW-Authenticate / Proxy-Authenticate value.
struct DigestChallenge {
  std::string realm;                     ///< required
  std::string nonce;                     ///< required
  std::optional<std::string> opaque;     ///< echoed back unchanged by the client
  std::optional<std::string> domain;     ///< kept for completeness; unused
  bool stale = false;                    ///< true: the password was right, the nonce too old
  std::optional<std::string> algorithm;  ///< as sent; absent means MD5
  std::vector<std::string> qopOptions;   ///< lower-cased tokens of qop="auth,auth-int"

  /// The algorithm: MD5 when absent, nullopt when the token is unknown.
  std::optional<Algorithm> effectiveAlgorithm() const;
  /// True when qop-options lists "auth".
  bool offersQopAuth() const;
  /// True when qop-options lists "auth-int".
  bool offersQopAuthInt() const;
};

/// A parsed Authorization / Proxy-Authorization value.
struct DigestCredentials {
  std::string username;                  ///< required
  std::string realm;                     ///< required
  std::string nonce;                     ///< required
  std::string uri;                       ///< required (digest-uri)
  std::string response;                  ///< required, hex
  std::optional<std::string> algorithm;  ///< as sent; absent means MD5
  std::optional<std::string> cnonce;
  std::optional<std::string> opaque;
  std::optional<std::string> qop;  ///< lower-cased; quoted or not on the wire
  std::optional<std::string> nc;   ///< as sent (8 hex digits when valid)

  /// The algorithm: MD5 when absent, nullopt when the token is unknown.
  std::optional<Algorithm> effectiveAlgorithm() const;
};

/// Parses a challenge. realm and nonce are required; stale must be true or false.
Result<DigestChallenge, ParseError> parseChallenge(std::string_view headerValue);

/// Parses credentials. username, realm, nonce, uri and response are required; username* and
/// userhash=true are refused with their own errors.
Result<DigestCredentials, ParseError> parseCredentials(std::string_view headerValue);

/// Formats a challenge: `Digest realm="..", nonce="..", opaque="..", stale=TRUE,
/// algorithm=SHA-256, qop="auth"` (optional parts only when set).
std::string formatChallenge(const DigestChallenge& challenge);

/// Formats credentials: `Digest username="..", realm="..", nonce="..", uri="..",
/// response="..", algorithm=MD5, cnonce="..", opaque="..", qop=auth, nc=00000001`.
std::string formatCredentials(const DigestCredentials& credentials);

}  // namespace sb::sip::auth
