#include "sip/transaction/ack_cancel.hpp"

#include <string>
#include <string_view>

namespace sb::sip {
namespace {

// Both requests share everything but the method and where the To comes from.
std::optional<Message> makeSibling(const Message& invite, std::string_view method,
                                   std::string_view to) {
  auto via = invite.topVia();
  auto cseq = invite.cseq();
  if (!invite.isRequest() || !via || !cseq || to.empty())
    return std::nullopt;
  auto request = Message::makeRequest(method, invite.requestLine().uriText);
  if (!request)
    return std::nullopt;
  bool ok = request->addHeader("Via", via->raw);
  for (std::string_view route : invite.values(HeaderId::Route))
    ok = ok && request->addHeader("Route", route);
  ok = ok && request->addHeader("Max-Forwards", "70");
  ok = ok && request->addHeader("From", invite.value(HeaderId::From));
  ok = ok && request->addHeader("To", to);
  ok = ok && request->addHeader("Call-ID", invite.callId());
  ok = ok && request->addHeader("CSeq", std::to_string(cseq->number) + " " + std::string(method));
  ok = ok && request->addHeader("Content-Length", "0");
  if (!ok)
    return std::nullopt;
  return request;
}

}  // namespace

std::optional<Message> makeAckForNon2xx(const Message& invite, const Message& response) {
  return makeSibling(invite, "ACK", response.value(HeaderId::To));
}

std::optional<Message> makeCancel(const Message& invite) {
  return makeSibling(invite, "CANCEL", invite.value(HeaderId::To));
}

}  // namespace sb::sip
