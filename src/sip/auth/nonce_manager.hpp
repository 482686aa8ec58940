#pragma once
/// @file
/// Stateless server nonces (RFC 7616 §3.3 suggests a time stamp plus a keyed hash) and the
/// bounded nonce-count table that stops replays of qop=auth requests.
///
/// A nonce is base64url(issued[8] | serial[8] | HMAC-SHA256(secret, issued | serial | realm |
/// binding)[32]) — 64 characters. The server keeps no per-nonce state until a request
/// authenticates with qop; then it remembers the highest nc seen per nonce for as long as the
/// nonce is alive, in a table capped at NonceConfig::maxTrackedNonces (the oldest nonce is
/// forgotten first, and everything issued up to it is then treated as stale, so forgetting
/// can never let a replay through).
///
/// Thread safety: all member functions may be called concurrently. issue() and check() are
/// lock-free (the secret is immutable, the serial atomic); recordNonceCount() and
/// trackedCount() take an internal mutex. The clock must itself be thread-safe.

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace sb::sip::auth {

class HmacSha256;

/// Settings of a NonceManager.
struct NonceConfig {
  /// How long a nonce stays valid; Asterisk's nonce_lifetime default is 32 s.
  std::chrono::seconds lifetime{32};
  /// Most nonces whose nonce-count is remembered at once (bounds memory, ~100 bytes each).
  std::size_t maxTrackedNonces = 32768;
};

/// Result of checking a nonce.
enum class NonceStatus {
  Valid,    ///< issued by us for this realm and binding, and young enough
  Stale,    ///< issued by us but older than the lifetime: answer with stale=true
  Invalid,  ///< not ours, altered, for another realm or binding, or not even decodable
};

/// What check() found out; the key identifies an authentic nonce for recordNonceCount().
struct NonceCheck {
  NonceStatus status = NonceStatus::Invalid;
  std::uint64_t issuedAt = 0;  ///< seconds since the epoch, from the nonce
  std::uint64_t serial = 0;    ///< unique per issued nonce within one manager
};

/// Result of recording a nonce-count.
enum class NonceCountResult {
  Accepted,   ///< nc is higher than any seen with this nonce; remembered
  Replayed,   ///< nc was already used (or a lower one came after a higher one)
  Forgotten,  ///< the nonce expired or was evicted from the table: treat as stale
};

/// Issues and verifies stateless nonces and tracks nonce-counts. Not copyable or movable.
class NonceManager {
 public:
  /// Wall clock, injectable for tests.
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  /// The HMAC key.
  using Secret = std::array<std::uint8_t, 32>;

  /// A fresh secret from RAND_bytes; nullopt when the CSPRNG fails.
  static std::optional<Secret> randomSecret();

  /// A manager with a random secret; nullptr when the CSPRNG fails.
  static std::unique_ptr<NonceManager> create(NonceConfig config = {}, Clock clock = {});

  /// A manager with a given secret (e.g. shared by several processes behind one address).
  /// An empty clock means std::chrono::system_clock::now.
  explicit NonceManager(const Secret& secret, NonceConfig config = {}, Clock clock = {});
  ~NonceManager();
  NonceManager(const NonceManager&) = delete;
  NonceManager& operator=(const NonceManager&) = delete;

  /// A new nonce bound to realm and to an optional extra binding (e.g. a source address).
  /// Never fails: should OpenSSL's HMAC fail, the nonce simply never verifies.
  std::string issue(std::string_view realm, std::string_view binding = {});

  /// Checks authenticity (constant-time MAC comparison) and age.
  NonceCheck check(std::string_view nonce, std::string_view realm,
                   std::string_view binding = {}) const;

  /// Records nc for an authentic nonce (status Valid) after its request authenticated.
  /// Requires nc strictly above the highest seen for that nonce.
  NonceCountResult recordNonceCount(const NonceCheck& nonce, std::uint32_t nc);

  /// Number of nonces in the nonce-count table.
  std::size_t trackedCount() const;

  /// The configured lifetime.
  std::chrono::seconds lifetime() const { return config_.lifetime; }

 private:
  using Key = std::pair<std::uint64_t, std::uint64_t>;  // (issuedAt, serial): oldest first

  std::uint64_t nowSeconds() const;
  bool expired(std::uint64_t issuedAt, std::uint64_t now) const;
  std::optional<std::array<std::uint8_t, 32>> mac(std::uint64_t issuedAt, std::uint64_t serial,
                                                  std::string_view realm,
                                                  std::string_view binding) const;

  Secret secret_;
  std::unique_ptr<HmacSha256> hmac_;  // keyed with secret_ (its pads computed once)
  NonceConfig config_;
  Clock clock_;
  std::atomic<std::uint64_t> nextSerial_;

  mutable std::mutex mutex_;
  std::map<Key, std::uint32_t> highestNc_;  // guarded by mutex_
  std::optional<Key> forgottenUpTo_;        // guarded by mutex_
};

}  // namespace sb::sip::auth
