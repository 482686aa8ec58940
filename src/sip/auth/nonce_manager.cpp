#include "sip/auth/nonce_manager.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <vector>

#include "sip/auth/evp_cache.hpp"
#include "sip/auth/text.hpp"

namespace sb::sip::auth {

namespace {

constexpr std::size_t kPrefixLength = 16;  // issuedAt + serial
constexpr std::size_t kMacLength = 32;
constexpr std::size_t kNonceBytes = kPrefixLength + kMacLength;
// Domain separation, so the secret could never be confused with another HMAC use.
constexpr std::string_view kLabel = "sb-sip-digest-nonce-v1";

void putUint64(std::uint8_t* out, std::uint64_t value) {
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<std::uint8_t>(value & 0xff);
    value >>= 8;
  }
}

std::uint64_t getUint64(const std::uint8_t* in) {
  std::uint64_t value = 0;
  for (int i = 0; i < 8; ++i) {
    value = (value << 8) | in[i];
  }
  return value;
}

void appendBytes(std::vector<std::uint8_t>& out, std::string_view text) {
  out.insert(out.end(), text.begin(), text.end());
}

std::uint64_t initialSerial() {
  std::uint64_t serial = 0;
  // A random start keeps nonces unique across restarts with a persisted secret; a failure
  // only costs that property.
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&serial), sizeof serial) != 1) {
    serial =
        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
  return serial;
}

}  // namespace

std::optional<NonceManager::Secret> NonceManager::randomSecret() {
  Secret secret{};
  if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1) {
    return std::nullopt;
  }
  return secret;
}

std::unique_ptr<NonceManager> NonceManager::create(NonceConfig config, Clock clock) {
  auto secret = randomSecret();
  if (!secret) {
    return nullptr;
  }
  auto manager = std::make_unique<NonceManager>(*secret, config, std::move(clock));
  OPENSSL_cleanse(secret->data(), secret->size());
  return manager;
}

NonceManager::NonceManager(const Secret& secret, NonceConfig config, Clock clock)
    : secret_(secret),
      hmac_(std::make_unique<HmacSha256>(secret_)),
      config_(config),
      clock_(std::move(clock)),
      nextSerial_(initialSerial()) {
  if (!clock_) {
    clock_ = [] { return std::chrono::system_clock::now(); };
  }
  if (config_.maxTrackedNonces == 0) {
    config_.maxTrackedNonces = 1;
  }
  if (config_.lifetime.count() < 0) {
    config_.lifetime = std::chrono::seconds{0};
  }
}

NonceManager::~NonceManager() {
  OPENSSL_cleanse(secret_.data(), secret_.size());
}

std::uint64_t NonceManager::nowSeconds() const {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(clock_().time_since_epoch()).count();
  return seconds < 0 ? 0 : static_cast<std::uint64_t>(seconds);
}

bool NonceManager::expired(std::uint64_t issuedAt, std::uint64_t now) const {
  const auto lifetime = static_cast<std::uint64_t>(config_.lifetime.count());
  if (issuedAt > now) {
    // Only a clock stepping back produces this; keep it usable within one lifetime.
    return issuedAt - now > lifetime;
  }
  return now - issuedAt > lifetime;
}

std::optional<std::array<std::uint8_t, 32>> NonceManager::mac(std::uint64_t issuedAt,
                                                              std::uint64_t serial,
                                                              std::string_view realm,
                                                              std::string_view binding) const {
  std::vector<std::uint8_t> message;
  message.reserve(kLabel.size() + kPrefixLength + 16 + realm.size() + binding.size());
  appendBytes(message, kLabel);
  std::uint8_t number[8];
  putUint64(number, issuedAt);
  message.insert(message.end(), number, number + 8);
  putUint64(number, serial);
  message.insert(message.end(), number, number + 8);
  // Length prefixes keep (realm, binding) pairs unambiguous.
  putUint64(number, realm.size());
  message.insert(message.end(), number, number + 8);
  appendBytes(message, realm);
  putUint64(number, binding.size());
  message.insert(message.end(), number, number + 8);
  appendBytes(message, binding);

  std::array<std::uint8_t, 32> out{};
  if (!hmac_->compute(message, out)) {
    return std::nullopt;
  }
  return out;
}

std::string NonceManager::issue(std::string_view realm, std::string_view binding) {
  const std::uint64_t issuedAt = nowSeconds();
  const std::uint64_t serial = nextSerial_.fetch_add(1, std::memory_order_relaxed);
  std::array<std::uint8_t, kNonceBytes> raw{};
  putUint64(raw.data(), issuedAt);
  putUint64(raw.data() + 8, serial);
  if (auto tag = mac(issuedAt, serial, realm, binding)) {
    std::copy(tag->begin(), tag->end(), raw.begin() + kPrefixLength);
  }
  return toBase64Url(raw);
}

NonceCheck NonceManager::check(std::string_view nonce, std::string_view realm,
                               std::string_view binding) const {
  NonceCheck result;
  // Length first: keeps hostile input from costing more than a fixed amount of work.
  if (nonce.size() != (kNonceBytes * 4 + 2) / 3) {
    return result;
  }
  auto raw = fromBase64Url(nonce);
  if (!raw || raw->size() != kNonceBytes) {
    return result;
  }
  const std::uint64_t issuedAt = getUint64(raw->data());
  const std::uint64_t serial = getUint64(raw->data() + 8);
  auto expected = mac(issuedAt, serial, realm, binding);
  if (!expected || CRYPTO_memcmp(expected->data(), raw->data() + kPrefixLength, kMacLength) != 0) {
    return result;
  }
  result.issuedAt = issuedAt;
  result.serial = serial;
  result.status = expired(issuedAt, nowSeconds()) ? NonceStatus::Stale : NonceStatus::Valid;
  return result;
}

NonceCountResult NonceManager::recordNonceCount(const NonceCheck& nonce, std::uint32_t nc) {
  if (nonce.status == NonceStatus::Invalid) {
    return NonceCountResult::Forgotten;
  }
  const std::uint64_t now = nowSeconds();
  const Key key{nonce.issuedAt, nonce.serial};
  std::lock_guard lock(mutex_);

  // Drop expired entries; they are rejected by age anyway.
  while (!highestNc_.empty() && expired(highestNc_.begin()->first.first, now)) {
    forgottenUpTo_ = highestNc_.begin()->first;
    highestNc_.erase(highestNc_.begin());
  }
  if (expired(nonce.issuedAt, now)) {
    return NonceCountResult::Forgotten;
  }
  if (auto found = highestNc_.find(key); found != highestNc_.end()) {
    if (nc <= found->second) {
      return NonceCountResult::Replayed;
    }
    found->second = nc;
    return NonceCountResult::Accepted;
  }
  // Not in the table: either never used, or evicted (then at or below the floor).
  if (forgottenUpTo_ && key <= *forgottenUpTo_) {
    return NonceCountResult::Forgotten;
  }
  if (highestNc_.size() >= config_.maxTrackedNonces) {
    if (key < highestNc_.begin()->first) {
      forgottenUpTo_ = key;
      return NonceCountResult::Forgotten;
    }
    forgottenUpTo_ = highestNc_.begin()->first;
    highestNc_.erase(highestNc_.begin());
  }
  highestNc_.emplace(key, nc);
  return NonceCountResult::Accepted;
}

std::size_t NonceManager::trackedCount() const {
  std::lock_guard lock(mutex_);
  return highestNc_.size();
}

}  // namespace sb::sip::auth
