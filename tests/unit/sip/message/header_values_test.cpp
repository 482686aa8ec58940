#include <gtest/gtest.h>

#include "sip/message/header_names.hpp"
#include "sip/message/header_values.hpp"

namespace sb::sip {
namespace {

TEST(SipMsgCSeqHeader, Parses) {
  auto c = parseCSeq("4711 INVITE");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->number, 4711u);
  EXPECT_EQ(c->method, Method::Invite);
  auto u = parseCSeq("  0009   FOO ");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->number, 9u);
  EXPECT_EQ(u->method, Method::Unknown);
  EXPECT_EQ(u->methodText, "FOO");
}

TEST(SipMsgCSeqHeader, Bounds) {
  EXPECT_TRUE(parseCSeq("2147483647 ACK"));
  EXPECT_FALSE(parseCSeq("2147483648 ACK"));
  EXPECT_FALSE(parseCSeq("36893488147419103232 REGISTER"));
  EXPECT_FALSE(parseCSeq("-1 ACK"));
  EXPECT_FALSE(parseCSeq("1"));
  EXPECT_FALSE(parseCSeq("ACK 1"));
  EXPECT_FALSE(parseCSeq("1 ACK extra"));
}

TEST(SipMsgScalars, Ranges) {
  EXPECT_EQ(parseScalar("70", 255), 70u);
  EXPECT_EQ(parseScalar(" 0068 ", 255), 68u);
  EXPECT_FALSE(parseScalar("300", 255));
  EXPECT_FALSE(parseScalar("", 255));
  EXPECT_FALSE(parseScalar("1 2", 255));
  EXPECT_EQ(parseScalar("4294967295", 0xFFFFFFFFu), 4294967295u);
  EXPECT_FALSE(parseScalar("4294967296", 0xFFFFFFFFu));
  EXPECT_FALSE(parseScalar(std::string(100, '9'), 0xFFFFFFFFu));
}

TEST(SipMsgMediaTypes, Parse) {
  auto m = parseMediaType("multipart/mixed ; boundary=\"++\"");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->type, "multipart");
  EXPECT_EQ(m->subtype, "mixed");
  EXPECT_EQ(m->params.get("boundary"), "\"++\"");
  EXPECT_FALSE(parseMediaType("application"));
  EXPECT_FALSE(parseMediaType("application/"));
}

TEST(SipMsgTokenLists, Parse) {
  std::vector<std::string_view> out;
  ASSERT_TRUE(parseTokenList("INVITE, ACK,CANCEL ,  BYE", out));
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[2], "CANCEL");
  std::vector<std::string_view> empty;
  EXPECT_TRUE(parseTokenList("", empty));
  EXPECT_TRUE(empty.empty());
  std::vector<std::string_view> bad;
  EXPECT_FALSE(parseTokenList("a, b c", bad));
  EXPECT_FALSE(parseTokenList("a,,b", bad));
}

TEST(SipMsgEventHeaders, Parse) {
  auto e = parseEvent("presence;id=77");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->package, "presence");
  EXPECT_EQ(e->id(), "77");
  EXPECT_FALSE(parseEvent(";id=1"));
  auto s = parseSubscriptionState("terminated;reason=timeout;expires=0");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->state, "terminated");
  EXPECT_EQ(s->reason(), "timeout");
  EXPECT_EQ(s->expires(), 0u);
}

TEST(SipMsgRAckHeader, Parse) {
  auto r = parseRAck("776656 1 INVITE");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->rseq, 776656u);
  EXPECT_EQ(r->cseq, 1u);
  EXPECT_EQ(r->method, Method::Invite);
  EXPECT_FALSE(parseRAck("1 INVITE"));
}

TEST(SipMsgHeaderNames, CompactFormsAndCase) {
  const std::pair<std::string_view, HeaderId> cases[] = {
      {"i", HeaderId::CallId},
      {"m", HeaderId::Contact},
      {"e", HeaderId::ContentEncoding},
      {"l", HeaderId::ContentLength},
      {"c", HeaderId::ContentType},
      {"f", HeaderId::From},
      {"s", HeaderId::Subject},
      {"k", HeaderId::Supported},
      {"t", HeaderId::To},
      {"v", HeaderId::Via},
      {"o", HeaderId::Event},
      {"u", HeaderId::AllowEvents},
      {"r", HeaderId::ReferTo},
      {"b", HeaderId::ReferredBy},
      {"x", HeaderId::SessionExpires},
      {"a", HeaderId::AcceptContact},
      {"j", HeaderId::RejectContact},
      {"d", HeaderId::RequestDisposition},
      {"y", HeaderId::Identity},
      {"n", HeaderId::IdentityInfo},
      {"I", HeaderId::CallId},
      {"V", HeaderId::Via},
      {"call-id", HeaderId::CallId},
      {"CSEQ", HeaderId::CSeq},
      {"www-authenticate", HeaderId::WwwAuthenticate},
      {"Record-Route", HeaderId::RecordRoute},
      {"X-Custom", HeaderId::Other},
      {"z", HeaderId::Other},
      {"", HeaderId::Other},
      {"1", HeaderId::Other},
  };
  for (const auto& [name, id] : cases)
    EXPECT_EQ(headerIdFromName(name), id) << name;
  EXPECT_EQ(canonicalHeaderName(HeaderId::CallId), "Call-ID");
  EXPECT_EQ(compactHeaderForm(HeaderId::Via), 'v');
  EXPECT_EQ(compactHeaderForm(HeaderId::CSeq), '\0');
  for (int i = 1; i < static_cast<int>(HeaderId::Count_); ++i) {
    auto id = static_cast<HeaderId>(i);
    EXPECT_EQ(headerIdFromName(canonicalHeaderName(id)), id) << canonicalHeaderName(id);
  }
}

}  // namespace
}  // namespace sb::sip
