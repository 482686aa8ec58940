#include "sip/core/incoming_request.hpp"

#include <openssl/rand.h>

#include <cstdint>

#include "sip/message/builder.hpp"

namespace sb::sip {

namespace {

/// 64 unpredictable-enough bits for tags (RFC 3261 19.3 asks for 32 random bits): a
/// splitmix64 sequence seeded once per thread from the CSPRNG, as RAND_bytes per response
/// costs more than the rest of building it.
std::uint64_t tagBits() {
  thread_local std::uint64_t state = [] {
    std::uint64_t seed = 0;
    RAND_bytes(reinterpret_cast<unsigned char*>(&seed), sizeof seed);
    return seed;
  }();
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

const std::string& IncomingRequest::localTag() {
  if (localTag_.empty()) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::uint64_t bits = tagBits();
    localTag_.resize(16);
    for (auto& c : localTag_) {
      c = kHex[bits & 15];
      bits >>= 4;
    }
  }
  return localTag_;
}

void IncomingRequest::respond(int code, std::string_view reason, const HeaderList& headers,
                              std::string_view body, std::string_view contentType) {
  if (finalSent_ || message_.method() == Method::Ack) {
    return;
  }
  // 100 Trying carries no To tag (RFC 3261 8.2.6.2).
  auto response = makeResponse(message_, code, reason,
                               code > 100 ? std::string_view(localTag()) : std::string_view());
  if (!response) {
    return;
  }
  for (const auto& [name, value] : headers) {
    response->addHeader(name, value);
  }
  if (!body.empty()) {
    response->setBody(body, contentType);
  }
  if (code >= 200) {
    finalSent_ = true;
  }
  if (code / 100 == 2 && message_.method() == Method::Invite) {
    sent2xx_ = *response;
  }
  if (responder_) {
    responder_(message_, std::move(*response), stateless_ && code >= 200);
  }
}

void IncomingRequest::retransmitFinal() {
  if (sent2xx_ && responder_) {
    responder_(message_, *sent2xx_, false);
  }
}

}  // namespace sb::sip
