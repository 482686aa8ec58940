#include "sip/core/incoming_request.hpp"

#include <openssl/rand.h>

#include "sip/message/builder.hpp"

namespace sb::sip {

const std::string& IncomingRequest::localTag() {
  if (localTag_.empty()) {
    unsigned char bytes[8];
    RAND_bytes(bytes, sizeof bytes);
    static constexpr char kHex[] = "0123456789abcdef";
    for (unsigned char b : bytes) {
      localTag_ += kHex[b >> 4];
      localTag_ += kHex[b & 15];
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
  if (responder_) {
    responder_(message_, std::move(*response), stateless_ && code >= 200);
  }
}

}  // namespace sb::sip
