#include "sip/auth/evp_cache.hpp"

#include <openssl/crypto.h>

#include <memory>

namespace sb::sip::auth {
namespace {

struct ContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

}  // namespace

const EVP_MD* fetchedDigest(HashFunction hash) {
  // Fetched once for the process; OpenSSL keeps them alive until exit.
  static EVP_MD* const md5 = EVP_MD_fetch(nullptr, "MD5", nullptr);
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return hash == HashFunction::Md5 ? md5 : sha256;
}

EVP_MD_CTX* threadDigestContext() {
  thread_local std::unique_ptr<EVP_MD_CTX, ContextDeleter> context(EVP_MD_CTX_new());
  return context.get();
}

HmacSha256::HmacSha256(std::span<const std::uint8_t> key) {
  constexpr std::size_t kBlock = 64;
  std::array<std::uint8_t, kBlock> padded{};
  const EVP_MD* sha256 = fetchedDigest(HashFunction::Sha256);
  if (key.size() > kBlock) {
    unsigned int length = 0;
    EVP_Digest(key.data(), key.size(), padded.data(), &length, sha256, nullptr);
  } else {
    std::copy(key.begin(), key.end(), padded.begin());
  }
  std::array<std::uint8_t, kBlock> pad{};
  inner_ = EVP_MD_CTX_new();
  outer_ = EVP_MD_CTX_new();
  for (std::size_t i = 0; i < kBlock; ++i) {
    pad[i] = padded[i] ^ 0x36;
  }
  EVP_DigestInit_ex(inner_, sha256, nullptr);
  EVP_DigestUpdate(inner_, pad.data(), pad.size());
  for (std::size_t i = 0; i < kBlock; ++i) {
    pad[i] = padded[i] ^ 0x5c;
  }
  EVP_DigestInit_ex(outer_, sha256, nullptr);
  EVP_DigestUpdate(outer_, pad.data(), pad.size());
  OPENSSL_cleanse(padded.data(), padded.size());
  OPENSSL_cleanse(pad.data(), pad.size());
}

HmacSha256::~HmacSha256() {
  EVP_MD_CTX_free(inner_);
  EVP_MD_CTX_free(outer_);
}

bool HmacSha256::compute(std::span<const std::uint8_t> message,
                         std::array<std::uint8_t, 32>& out) const {
  EVP_MD_CTX* context = threadDigestContext();
  std::array<std::uint8_t, 32> innerDigest{};
  unsigned int length = 0;
  bool ok = context != nullptr && inner_ != nullptr && outer_ != nullptr &&
            EVP_MD_CTX_copy_ex(context, inner_) == 1 &&
            EVP_DigestUpdate(context, message.data(), message.size()) == 1 &&
            EVP_DigestFinal_ex(context, innerDigest.data(), &length) == 1 && length == 32 &&
            EVP_MD_CTX_copy_ex(context, outer_) == 1 &&
            EVP_DigestUpdate(context, innerDigest.data(), innerDigest.size()) == 1 &&
            EVP_DigestFinal_ex(context, out.data(), &length) == 1 && length == 32;
  return ok;
}

}  // namespace sb::sip::auth
