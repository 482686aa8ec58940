#include "sip/auth/challenge_retry.hpp"

#include <fmt/format.h>

#include "sip/transaction/transaction_key.hpp"

namespace sb::sip::auth {

std::optional<Message> withCredentials(const Message& request,
                                       const std::vector<AuthorizationHeader>& credentials) {
  const auto cseq = request.cseq();
  if (!cseq || !request.find(HeaderId::Via)) {
    return std::nullopt;
  }
  Message out = request;
  out.removeHeaders(HeaderId::Authorization);
  out.removeHeaders(HeaderId::ProxyAuthorization);
  const auto headers = out.headers();
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (headers[i].id != HeaderId::Via) {
      continue;
    }
    // Our own Via is a single value: "SIP/2.0/UDP host;...;branch=...".
    std::string via(headers[i].value);
    const auto branch = via.find(";branch=");
    if (branch != std::string::npos) {
      const auto end = via.find(';', branch + 1);
      via.replace(branch, end == std::string::npos ? std::string::npos : end - branch,
                  ";branch=" + newBranch());
    } else {
      via += ";branch=" + newBranch();
    }
    out.removeHeaderAt(i);
    out.insertHeader(i, "Via", via);
    break;
  }
  out.setHeader("CSeq", fmt::format("{} {}", cseq->number + 1, request.methodText()));
  for (const auto& credential : credentials) {
    out.addHeader(
        credential.kind == ChallengeKind::Server ? "Authorization" : "Proxy-Authorization",
        credential.value);
  }
  return out;
}

std::vector<AuthorizationHeader> answerFor(ClientAuthSession& session, const Message& request,
                                           const Message& response) {
  const bool proxy = response.statusCode() == 407;
  const auto values =
      response.values(proxy ? HeaderId::ProxyAuthenticate : HeaderId::WwwAuthenticate);
  const auto body = request.body();
  auto answer = session.answer(proxy ? ChallengeKind::Proxy : ChallengeKind::Server, values,
                               request.methodText(), request.requestLine().uriText,
                               body.empty() ? std::nullopt : std::optional<std::string_view>(body));
  if (!answer) {
    return {};
  }
  return std::move(answer).value();
}

}  // namespace sb::sip::auth
