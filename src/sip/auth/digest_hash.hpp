#pragma once
/// @file
/// Hashing for digest authentication: MD5 / SHA-256 through OpenSSL EVP, and the HA1, HA2 and
/// response computations of RFC 2617 §3.2.2 and RFC 7616 §3.4. All digests are lower-case hex.
/// Functions return nullopt only when OpenSSL refuses the hash (e.g. MD5 under a FIPS provider).
/// Thread-safe: no shared state.

#include <optional>
#include <string>
#include <string_view>

#include "sip/auth/algorithm.hpp"

namespace sb::sip::auth {

/// Lower-case hex digest of data.
std::optional<std::string> hexDigest(HashFunction hash, std::string_view data);

/// HA1 = H(username:realm:password) — the value Asterisk stores as md5_cred (MD5) or
/// password_digest (SHA-256). For a "-sess" algorithm this is the base HA1, see sessionHa1().
std::optional<std::string> computeHa1(HashFunction hash, std::string_view username,
                                      std::string_view realm, std::string_view password);

/// HA1 for a "-sess" algorithm: H(baseHa1:nonce:cnonce).
std::optional<std::string> sessionHa1(HashFunction hash, std::string_view baseHa1,
                                      std::string_view nonce, std::string_view cnonce);

/// The HA1 actually used by algorithm: baseHa1 itself, or sessionHa1() for "-sess" variants.
std::optional<std::string> effectiveHa1(Algorithm algorithm, std::string_view baseHa1,
                                        std::string_view nonce, std::string_view cnonce);

/// HA2 = H(method:uri) for qop=auth or no qop; pass bodyHash (hex H(body)) for qop=auth-int to
/// get H(method:uri:H(body)).
std::optional<std::string> computeHa2(HashFunction hash, std::string_view method,
                                      std::string_view uri,
                                      std::optional<std::string_view> bodyHash = std::nullopt);

/// Inputs of the response computation besides HA1 and HA2.
struct ResponseInputs {
  std::string_view nonce;
  std::string_view nc;      ///< 8 hex digits, as sent; ignored when qop is empty
  std::string_view cnonce;  ///< ignored when qop is empty
  std::string_view qop;     ///< "auth", "auth-int", or empty for the RFC 2069 legacy form
};

/// response = H(HA1:nonce:nc:cnonce:qop:HA2), or H(HA1:nonce:HA2) when qop is empty.
std::optional<std::string> computeResponse(HashFunction hash, std::string_view ha1,
                                           const ResponseInputs& inputs, std::string_view ha2);

/// Constant-time equality of two strings (CRYPTO_memcmp); only the lengths may leak.
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace sb::sip::auth
