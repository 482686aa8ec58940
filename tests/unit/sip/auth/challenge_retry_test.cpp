// The request resent after a 401/407: new branch, next CSeq, old credentials replaced.
#include "sip/auth/challenge_retry.hpp"

#include <gtest/gtest.h>

#include "sip/message/parser.hpp"

namespace sb::sip::auth {
namespace {

Message parse(const std::string& text) {
  auto parsed = parseMessage(text);
  EXPECT_TRUE(parsed.ok());
  return std::move(*parsed.message);
}

TEST(ChallengeRetry, ResentRequestHasANewBranchTheNextCSeqAndOnlyTheNewCredentials) {
  const auto request = parse(
      "OPTIONS sip:192.0.2.7 SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bKold\r\n"
      "From: <sip:pbx@192.0.2.1>;tag=1\r\nTo: <sip:192.0.2.7>\r\nCall-ID: cr1\r\n"
      "CSeq: 7 OPTIONS\r\nMax-Forwards: 70\r\n"
      "Proxy-Authorization: Digest username=\"stale\"\r\nContent-Length: 0\r\n\r\n");
  const auto resent =
      withCredentials(request, {{ChallengeKind::Proxy, "carrier", "Digest username=\"pbx\""}});
  ASSERT_TRUE(resent);
  EXPECT_EQ(resent->cseq()->number, 8u);
  EXPECT_EQ(resent->cseq()->methodText, "OPTIONS");
  const auto via = resent->topVia();
  ASSERT_TRUE(via);
  EXPECT_NE(via->branch(), "z9hG4bKold");
  EXPECT_TRUE(via->branch().starts_with("z9hG4bK"));
  EXPECT_EQ(resent->count(HeaderId::Via), 1u);
  EXPECT_EQ(resent->values(HeaderId::ProxyAuthorization),
            std::vector<std::string_view>{"Digest username=\"pbx\""});
  EXPECT_EQ(resent->callId(), "cr1");
  // It still parses as sent.
  EXPECT_TRUE(parseMessage(resent->serialize()).ok());
}

}  // namespace
}  // namespace sb::sip::auth
