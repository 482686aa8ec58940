#pragma once
/// @file
/// Client side: answering 401 / 407 challenges (RFC 3261 §22.2-22.3, RFC 7616 §3.4,
/// RFC 8760) on any request, and remembering nonces per realm so a repeated challenge is
/// not answered in a loop.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sip/auth/algorithm.hpp"
#include "sip/auth/digest_header.hpp"
#include "sip/auth/result.hpp"

namespace sb::sip::auth {

/// What the client knows for one account: a password, or HA1 values precomputed with the
/// realm (MD5 and/or SHA-256). With only an HA1 the client can answer only that hash family.
struct ClientCredentials {
  std::string username;
  std::string realm;  ///< empty: use for any realm
  std::optional<std::string> password;
  std::optional<std::string> md5Ha1;     ///< hex MD5(username:realm:password)
  std::optional<std::string> sha256Ha1;  ///< hex SHA-256(username:realm:password)
};

/// Why a challenge was not answered.
enum class ClientError {
  NoChallenge,            ///< no Digest challenge among the header values
  Malformed,              ///< Digest challenges present but none parsed
  NoSupportedAlgorithm,   ///< only algorithms / qops we cannot answer with our credentials
  NoCredentialsForRealm,  ///< no credentials for any challenged realm
  RepeatedChallenge,      ///< the very nonce we answered came back without stale=true
  CredentialsRejected,    ///< a fresh challenge after we answered one: wrong password
  TooManyStale,           ///< stale=true more often in a row than Options::maxStaleRetries
  HashFailure,            ///< OpenSSL refused the hash
  RandomFailure,          ///< RAND_bytes failed to make a cnonce
};

/// Short name of an error, for logs.
std::string_view clientErrorName(ClientError error);

/// Which header pair a challenge came in.
enum class ChallengeKind {
  Server,  ///< 401, WWW-Authenticate → Authorization
  Proxy,   ///< 407, Proxy-Authenticate → Proxy-Authorization
};

/// Request-specific inputs of one answer.
struct AnswerInputs {
  std::string_view method;  ///< e.g. "INVITE"; for ACK/CANCEL that of the INVITE (RFC 3261)
  std::string_view uri;     ///< the Request-URI, sent as digest-uri
  std::string_view cnonce;  ///< used when qop is answered
  std::uint32_t nc = 1;     ///< nonce-count, used when qop is answered
  std::optional<std::string_view> body;  ///< message body, used only for qop=auth-int
};

/// The answer to a single parsed challenge: an Authorization / Proxy-Authorization value.
/// Picks qop=auth when offered (else auth-int, else the legacy form). Pure apart from hashing.
Result<std::string, ClientError> buildAuthorization(const DigestChallenge& challenge,
                                                    const ClientCredentials& credentials,
                                                    const AnswerInputs& inputs);

/// A header the client should add to a request.
struct AuthorizationHeader {
  ChallengeKind kind = ChallengeKind::Server;
  std::string realm;
  std::string value;
};

/// Answers challenges for one account context (a registration, an outbound endpoint) and
/// caches the last nonce per realm. Loop rules per realm: a challenge repeating the nonce we
/// answered (without stale=true) is RepeatedChallenge; a fresh non-stale challenge after we
/// answered one is CredentialsRejected; stale=true is answered up to maxStaleRetries times in
/// a row. Call onAccepted() when a request gets a final response other than 401/407.
///
/// Thread safety: none; use one session per thread or guard it externally.
class ClientAuthSession {
 public:
  /// Loop limits.
  struct Options {
    int maxStaleRetries = 2;
  };

  explicit ClientAuthSession(std::vector<ClientCredentials> credentials);
  ClientAuthSession(std::vector<ClientCredentials> credentials, Options options);

  /// Answers a 401 (kind Server, all WWW-Authenticate values) or 407 (kind Proxy, all
  /// Proxy-Authenticate values). Per realm the strongest answerable challenge is used
  /// (SHA-256 before MD5). Returns one header per answered realm, or an error and leaves the
  /// session unchanged.
  Result<std::vector<AuthorizationHeader>, ClientError> answer(
      ChallengeKind kind, std::span<const std::string_view> challengeValues,
      std::string_view method, std::string_view uri,
      std::optional<std::string_view> body = std::nullopt);

  /// Headers for a new request reusing each cached nonce with the next nc (saves a round
  /// trip); empty when nothing is cached or a cached challenge had no qop.
  std::vector<AuthorizationHeader> preemptive(std::string_view method, std::string_view uri,
                                              std::optional<std::string_view> body = std::nullopt);

  /// The last request was accepted: clear the loop counters (the nonce cache stays).
  void onAccepted();

  /// Forgets all cached nonces and counters.
  void reset();

 private:
  struct RealmState {
    ChallengeKind kind = ChallengeKind::Server;
    DigestChallenge challenge;
    std::size_t credentialIndex = 0;
    std::uint32_t nc = 0;
    int answered = 0;      // challenges answered since the last accepted request
    int staleRetries = 0;  // stale=true answered in a row
  };

  std::vector<ClientCredentials> credentials_;
  Options options_;
  std::map<std::string, RealmState, std::less<>> realms_;
};

}  // namespace sb::sip::auth
