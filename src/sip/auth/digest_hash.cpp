#include "sip/auth/digest_hash.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <initializer_list>

#include "sip/auth/evp_cache.hpp"
#include "sip/auth/text.hpp"

namespace sb::sip::auth {

namespace {

const EVP_MD* evpOf(HashFunction hash) {
  return fetchedDigest(hash);
}

/// H(a:b:c...) without building the joined string.
std::optional<std::string> hashJoined(HashFunction hash,
                                      std::initializer_list<std::string_view> parts) {
  EVP_MD_CTX* context = threadDigestContext();
  if (context == nullptr || evpOf(hash) == nullptr) {
    return std::nullopt;
  }
  bool ok = EVP_DigestInit_ex(context, evpOf(hash), nullptr) == 1;
  bool first = true;
  for (std::string_view part : parts) {
    if (!first) {
      ok = ok && EVP_DigestUpdate(context, ":", 1) == 1;
    }
    first = false;
    ok = ok && EVP_DigestUpdate(context, part.data(), part.size()) == 1;
  }
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  ok = ok && EVP_DigestFinal_ex(context, digest.data(), &length) == 1;
  if (!ok) {
    return std::nullopt;
  }
  return toHex(std::span<const std::uint8_t>(digest.data(), length));
}

}  // namespace

std::optional<std::string> hexDigest(HashFunction hash, std::string_view data) {
  return hashJoined(hash, {data});
}

std::optional<std::string> computeHa1(HashFunction hash, std::string_view username,
                                      std::string_view realm, std::string_view password) {
  return hashJoined(hash, {username, realm, password});
}

std::optional<std::string> sessionHa1(HashFunction hash, std::string_view baseHa1,
                                      std::string_view nonce, std::string_view cnonce) {
  return hashJoined(hash, {baseHa1, nonce, cnonce});
}

std::optional<std::string> effectiveHa1(Algorithm algorithm, std::string_view baseHa1,
                                        std::string_view nonce, std::string_view cnonce) {
  if (!isSessionAlgorithm(algorithm)) {
    return std::string(baseHa1);
  }
  return sessionHa1(hashFunctionOf(algorithm), baseHa1, nonce, cnonce);
}

std::optional<std::string> computeHa2(HashFunction hash, std::string_view method,
                                      std::string_view uri,
                                      std::optional<std::string_view> bodyHash) {
  if (bodyHash) {
    return hashJoined(hash, {method, uri, *bodyHash});
  }
  return hashJoined(hash, {method, uri});
}

std::optional<std::string> computeResponse(HashFunction hash, std::string_view ha1,
                                           const ResponseInputs& inputs, std::string_view ha2) {
  if (inputs.qop.empty()) {
    return hashJoined(hash, {ha1, inputs.nonce, ha2});
  }
  return hashJoined(hash, {ha1, inputs.nonce, inputs.nc, inputs.cnonce, inputs.qop, ha2});
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace sb::sip::auth
