#include "modules/res_pjsip/trace/message_summary.hpp"

#include <gtest/gtest.h>

namespace sb::modules::res_pjsip {
namespace {

TEST(MessageSummary, ReadsARequest) {
  const auto s = summarizeMessage(
      "INVITE sip:600@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP x\r\ni:  abc@h \r\n"
      "CSeq: 102 INVITE\r\n\r\nv=0\r\nCall-ID: body\r\n");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->request);
  EXPECT_EQ(s->method, "INVITE");
  EXPECT_EQ(s->requestUri, "sip:600@127.0.0.1:5060");
  EXPECT_EQ(s->callId, "abc@h");
  EXPECT_EQ(s->cseq, "102 INVITE");
  EXPECT_EQ(s->concernedMethod(), "INVITE");
  EXPECT_FALSE(s->hasRseq);
}

TEST(MessageSummary, ReadsAResponse) {
  const auto s =
      summarizeMessage("SIP/2.0 183 Session Progress\nCall-ID: x\nCSeq: 7 INVITE\nRSeq: 1\n\n");
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->request);
  EXPECT_EQ(s->status, "183");
  EXPECT_EQ(s->statusCode(), 183);
  EXPECT_EQ(s->reason, "Session Progress");
  EXPECT_EQ(s->concernedMethod(), "INVITE");
  EXPECT_TRUE(s->hasRseq);
}

TEST(MessageSummary, RefusesWhatIsNotSip) {
  EXPECT_FALSE(summarizeMessage("\r\n\r\n"));
  EXPECT_FALSE(summarizeMessage("GET / HTTP/1.1\r\n\r\n"));
  EXPECT_FALSE(summarizeMessage("SIP/2.0 OK\r\n\r\n"));
  EXPECT_FALSE(summarizeMessage(""));
}

}  // namespace
}  // namespace sb::modules::res_pjsip
