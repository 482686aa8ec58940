#pragma once
/// @file
/// Hashing without OpenSSL 3's per-call costs: the digest algorithms are fetched once (the
/// legacy EVP_md5()/EVP_sha256() handles fetch implicitly on every init), each thread reuses
/// one digest context, and an HMAC key's padded states are computed once and copied per
/// message. A registrar hashes a dozen times per REGISTER; this keeps that cheap.

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <span>

#include "sip/auth/algorithm.hpp"

namespace sb::sip::auth {

/// The fetched algorithm (never null unless OpenSSL lacks it).
const EVP_MD* fetchedDigest(HashFunction hash);

/// This thread's reusable digest context, reset and ready for EVP_DigestInit_ex.
EVP_MD_CTX* threadDigestContext();

/// HMAC-SHA256 with a fixed key. compute() is const and thread-safe.
class HmacSha256 {
 public:
  explicit HmacSha256(std::span<const std::uint8_t> key);
  ~HmacSha256();
  HmacSha256(const HmacSha256&) = delete;
  HmacSha256& operator=(const HmacSha256&) = delete;

  /// False if OpenSSL failed (the result is then unusable).
  bool compute(std::span<const std::uint8_t> message, std::array<std::uint8_t, 32>& out) const;

 private:
  EVP_MD_CTX* inner_ = nullptr;  // SHA-256 state after (key ^ ipad)
  EVP_MD_CTX* outer_ = nullptr;  // SHA-256 state after (key ^ opad)
};

}  // namespace sb::sip::auth
