#pragma once
/// @file
/// Server-side check of Authorization / Proxy-Authorization values (RFC 3261 §22, RFC 7616
/// §3.4-3.5, RFC 8760).
///
/// Checks run in an order that keeps unknown users indistinguishable from real ones: syntax,
/// realm, algorithm, qop and nonce are judged before the user is looked up, and an unknown
/// user costs the same hashing as a known one. Callers must answer UnknownUser,
/// NoCredentialForAlgorithm and ResponseMismatch identically (a fresh challenge from
/// buildChallenges() with the same ChallengeConfig), and StaleNonce with stale=true.
///
/// Thread safety: verify() is const and may run concurrently on several threads; it only
/// reads the configuration and uses the thread-safe NonceManager. The lookup callback is
/// called at most once per verify(), on the calling thread.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/auth/algorithm.hpp"
#include "sip/auth/auth_params.hpp"
#include "sip/auth/digest_header.hpp"
#include "sip/auth/nonce_manager.hpp"

namespace sb::sip::auth {

/// What the server stores for one user: any combination of a plain password (Asterisk
/// auth_type=userpass), an MD5 HA1 (md5_cred) and a SHA-256 HA1 (password_digest). HA1 values
/// are hex H(username:realm:password) and only match the realm they were made for.
struct ServerCredentials {
  std::optional<std::string> password;
  std::optional<std::string> md5Ha1;
  std::optional<std::string> sha256Ha1;

  /// Credentials from a plain password (works with every algorithm).
  static ServerCredentials fromPassword(std::string password);
  /// Credentials from a precomputed HA1 for the given hash function.
  static ServerCredentials fromHa1(HashFunction hash, std::string ha1Hex);
};

/// Finds a user's credentials by the username in the request; nullopt for an unknown user.
using CredentialLookup = std::function<std::optional<ServerCredentials>(std::string_view username)>;

/// The verdict on one request.
enum class VerifyOutcome {
  Ok,                        ///< authenticated
  NoCredentials,             ///< no header, or a non-Digest scheme: send a challenge
  Malformed,                 ///< unparsable or incomplete credentials (400 is also fine)
  RealmMismatch,             ///< credentials for another realm
  AlgorithmUnsupported,      ///< an algorithm not offered, or OpenSSL cannot compute it
  QopUnsupported,            ///< qop other than auth, or none while acceptNoQop is false
  BadNonce,                  ///< a nonce we did not issue (forged, other realm/binding)
  StaleNonce,                ///< correct response, expired nonce: re-challenge stale=true
  ReplayedNonceCount,        ///< correct response, nc already used with this nonce
  UnknownUser,               ///< lookup found nobody; treat exactly like ResponseMismatch
  NoCredentialForAlgorithm,  ///< the user has no password / HA1 usable with the algorithm
  ResponseMismatch,          ///< wrong password (or wrong method / uri / nc / cnonce)
};

/// Short name of an outcome, for logs.
std::string_view verifyOutcomeName(VerifyOutcome outcome);

/// The verdict with what was learnt on the way.
struct VerifyResult {
  VerifyOutcome outcome = VerifyOutcome::NoCredentials;
  std::string username;                  ///< as sent, once the header parsed
  std::optional<Algorithm> algorithm;    ///< once recognised
  std::optional<ParseError> parseError;  ///< set for Malformed caused by the parser

  /// True when authenticated.
  bool ok() const { return outcome == VerifyOutcome::Ok; }
  /// True when the next challenge should carry stale=true.
  bool stale() const { return outcome == VerifyOutcome::StaleNonce; }
};

/// What the verifier accepts; keep it in step with the ChallengeConfig used for challenges.
struct VerifierConfig {
  std::string realm;
  std::vector<Algorithm> algorithms{Algorithm::Sha256, Algorithm::Md5};
  /// Accept the RFC 2069 form without qop (older phones). Such requests cannot be
  /// protected against replay within the nonce lifetime.
  bool acceptNoQop = true;
};

/// Verifies digest credentials against a NonceManager, which must outlive the verifier.
class DigestVerifier {
 public:
  DigestVerifier(NonceManager& nonces, VerifierConfig config);

  /// Verifies parsed credentials for a request with the given method (e.g. "REGISTER").
  /// binding must equal the one given when the nonce was issued.
  VerifyResult verify(std::string_view method, const DigestCredentials& credentials,
                      const CredentialLookup& lookup, std::string_view binding = {}) const;

  /// Parses and verifies a raw header value; nullopt means the request had no such header.
  VerifyResult verifyHeader(std::string_view method, std::optional<std::string_view> headerValue,
                            const CredentialLookup& lookup, std::string_view binding = {}) const;

  /// The configuration.
  const VerifierConfig& config() const { return config_; }

 private:
  NonceManager& nonces_;
  VerifierConfig config_;
};

}  // namespace sb::sip::auth
