// Folding, compact forms, multi-value headers and raw access.

#include <gtest/gtest.h>

#include "samples.hpp"
#include "test_support.hpp"

namespace sb::sip {
namespace {

using msgtest::crlf;
using msgtest::parseText;

TEST(SipMsgMessageHeaders, ReceivedOrderAndRawAccess) {
  auto r = parseText(msgtest::kInvite);
  ASSERT_TRUE(r.ok());
  const Message& m = *r.message;
  ASSERT_EQ(m.headers().size(), 9u);
  EXPECT_EQ(m.headers()[0].id, HeaderId::Via);
  EXPECT_EQ(m.headers()[8].name, "Content-Length");
  EXPECT_EQ(m.headers()[2].raw, "To: Bob <sip:bob@biloxi.example.com>");
  EXPECT_EQ(m.value("to"), "Bob <sip:bob@biloxi.example.com>");
  EXPECT_EQ(m.body(), "v=0\r");
  EXPECT_EQ(m.find("X-Nope"), nullptr);
}

TEST(SipMsgMessageHeaders, FromAndToFollowChangesToTheHeaders) {
  // The parser's From/To are reused by the accessors until the header list changes.
  auto r = parseText(msgtest::kInvite);
  ASSERT_TRUE(r.ok());
  Message m = *r.message;
  ASSERT_TRUE(m.to());
  EXPECT_EQ(m.to()->uri.user, "bob");
  EXPECT_EQ(m.from()->tag(), "1928301774");
  const Message original = m;
  ASSERT_TRUE(m.setHeader("To", "<sip:carol@example.com>;tag=x"));
  EXPECT_EQ(m.to()->uri.user, "carol");
  EXPECT_EQ(m.to()->tag(), "x");
  EXPECT_EQ(original.to()->uri.user, "bob");  // a copy keeps its own
  m.removeHeaders(HeaderId::From);
  EXPECT_FALSE(m.from());
  ASSERT_TRUE(m.insertHeader(0, "f", "<sip:dave@example.com>;tag=d"));
  EXPECT_EQ(m.from()->uri.user, "dave");
  m.removeHeaderAt(0);
  EXPECT_FALSE(m.from());
  ASSERT_TRUE(m.addHeader("From", "<sip:erin@example.com>"));
  EXPECT_EQ(m.from()->uri.user, "erin");
}

TEST(SipMsgMessageHeaders, ZeroCopyViewsPointIntoTheBuffer) {
  std::string text = crlf(msgtest::kRegister);
  auto r = parseMessage(text);
  ASSERT_TRUE(r.ok());
  const Message copy = *r.message;  // copies share the buffer
  std::string_view callId = copy.callId();
  EXPECT_EQ(callId, "843817637684230@998sdasdh09");
  EXPECT_EQ(copy.startLine().data(), r.message->startLine().data());
}

TEST(SipMsgMessageHeaders, CompactFormsAreFoundByCanonicalName) {
  auto r = parseText(
      "MESSAGE sip:a@b SIP/2.0\n"
      "v: SIP/2.0/TCP h;branch=z9hG4bK1\n"
      "f: <sip:c@d>;tag=1\n"
      "t: <sip:a@b>\n"
      "i: abc\n"
      "CSeq: 1 MESSAGE\n"
      "Max-Forwards: 5\n"
      "m: <sip:c@1.2.3.4>\n"
      "c: text/plain\n"
      "k: path, gruu\n"
      "o: presence\n"
      "u: dialog\n"
      "s: hi\n"
      "e: gzip\n"
      "l: 2\n"
      "\n"
      "hi");
  ASSERT_TRUE(r.ok()) << r.error->reason;
  const Message& m = *r.message;
  EXPECT_EQ(m.callId(), "abc");
  EXPECT_EQ(m.value("Call-ID"), "abc");
  EXPECT_EQ(m.value(HeaderId::Subject), "hi");
  EXPECT_EQ(m.contentType()->subtype, "plain");
  EXPECT_EQ(m.contentLength(), 2u);
  EXPECT_EQ(m.tokens(HeaderId::Supported).size(), 2u);
  EXPECT_EQ(m.event()->package, "presence");
  EXPECT_EQ(m.value("Allow-Events"), "dialog");
  EXPECT_EQ(m.value("Content-Encoding"), "gzip");
  EXPECT_EQ(m.contacts().size(), 1u);
  EXPECT_EQ(m.topVia()->transport, "TCP");
  EXPECT_EQ(m.body(), "hi");
}

TEST(SipMsgMessageHeaders, FoldingIsUnfoldedForValuesButKeptRaw) {
  auto r = parseText(
      "OPTIONS sip:a@b SIP/2.0\n"
      "Via: SIP/2.0/UDP h\n"
      " ;branch=z9hG4bK1\n"
      "To:\n"
      "\t<sip:a@b>\n"
      "From: <sip:c@d>;tag=1\n"
      "Call-ID: x\n"
      "CSeq: 1\n"
      "  OPTIONS\n"
      "Max-Forwards: 70\n"
      "Subject: first\n"
      "   second\n"
      "Content-Length: 0\n"
      "\n");
  ASSERT_TRUE(r.ok()) << r.error->reason;
  const Message& m = *r.message;
  EXPECT_EQ(m.topVia()->branch(), "z9hG4bK1");
  EXPECT_EQ(m.to()->uri.user, "a");
  EXPECT_EQ(m.cseq()->method, Method::Options);
  EXPECT_EQ(m.value("Subject"), "first second");
  EXPECT_EQ(m.find("Subject")->raw, "Subject: first\r\n   second");
}

TEST(SipMsgMessageHeaders, FoldAtTheStartIsRejected) {
  auto r = parseText("OPTIONS sip:a@b SIP/2.0\n continued: x\n\n");
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->reason.find("folding"), std::string_view::npos);
}

TEST(SipMsgMessageHeaders, MultiValueAcrossLinesAndCommas) {
  auto r = parseText(
      "INVITE sip:a@b SIP/2.0\n"
      "Via: SIP/2.0/UDP p1;branch=z9hG4bK1, SIP/2.0/UDP p2;branch=z9hG4bK2\n"
      "Via: SIP/2.0/UDP p3;branch=z9hG4bK3\n"
      "Route: <sip:r1;lr>, <sip:r2;lr>\n"
      "Route: <sip:r3;lr>\n"
      "Record-Route: <sip:rr1;lr>\n"
      "Allow: INVITE, ACK\n"
      "Allow: BYE\n"
      "To: <sip:a@b>\n"
      "From: \"Doe, John\" <sip:c@d>;tag=1\n"
      "Call-ID: x\n"
      "CSeq: 1 INVITE\n"
      "Max-Forwards: 70\n"
      "Contact: <sip:c@1.2.3.4>;expires=30, <sip:c@5.6.7.8>;q=0.1\n"
      "Content-Length: 0\n"
      "\n");
  ASSERT_TRUE(r.ok()) << r.error->reason;
  const Message& m = *r.message;
  auto vias = m.vias();
  ASSERT_EQ(vias.size(), 3u);
  EXPECT_EQ(vias[1].host, "p2");
  EXPECT_EQ(m.topVia()->host, "p1");
  EXPECT_EQ(m.routes().size(), 3u);
  EXPECT_EQ(m.routes()[2].uri.host, "r3");
  EXPECT_EQ(m.recordRoutes().size(), 1u);
  EXPECT_EQ(m.tokens(HeaderId::Allow).size(), 3u);
  EXPECT_EQ(m.from()->displayNameUnquoted(), "Doe, John");
  auto contacts = m.contacts();
  ASSERT_EQ(contacts.size(), 2u);
  EXPECT_EQ(contacts[0].expires(), 30u);
  EXPECT_EQ(contacts[1].qThousandths(), 100);
  EXPECT_EQ(m.count(HeaderId::Via), 2u);
  EXPECT_EQ(m.values(HeaderId::Route).size(), 2u);
}

TEST(SipMsgMessageHeaders, TypedAccessorsForOtherHeaders) {
  auto r = parseText(
      "NOTIFY sip:a@b SIP/2.0\n"
      "Via: SIP/2.0/UDP p1;branch=z9hG4bK1\n"
      "To: <sip:a@b>;tag=2\n"
      "From: <sip:c@d>;tag=1\n"
      "Call-ID: x\n"
      "CSeq: 2 NOTIFY\n"
      "Max-Forwards: 70\n"
      "Event: dialog;id=5\n"
      "Subscription-State: active;expires=600\n"
      "Expires: 600\n"
      "Min-Expires: 60\n"
      "RSeq: 988789\n"
      "RAck: 776656 1 INVITE\n"
      "Require: 100rel\n"
      "Proxy-Require: foo\n"
      "Unsupported: bar\n"
      "WWW-Authenticate: Digest realm=\"x\", nonce=\"y\"\n"
      "Contact: *\n"
      "Content-Length: 0\n"
      "\n");
  ASSERT_TRUE(r.ok()) << r.error->reason;
  const Message& m = *r.message;
  EXPECT_EQ(m.event()->id(), "5");
  EXPECT_EQ(m.subscriptionState()->state, "active");
  EXPECT_EQ(m.subscriptionState()->expires(), 600u);
  EXPECT_EQ(m.expires(), 600u);
  EXPECT_EQ(m.minExpires(), 60u);
  EXPECT_EQ(m.rseq(), 988789u);
  EXPECT_EQ(m.rack()->rseq, 776656u);
  EXPECT_EQ(m.tokens(HeaderId::Require)[0], "100rel");
  EXPECT_EQ(m.tokens(HeaderId::ProxyRequire)[0], "foo");
  EXPECT_EQ(m.tokens(HeaderId::Unsupported)[0], "bar");
  EXPECT_EQ(m.value(HeaderId::WwwAuthenticate), "Digest realm=\"x\", nonce=\"y\"");
  ASSERT_EQ(m.contacts().size(), 1u);
  EXPECT_TRUE(m.contacts()[0].wildcard);
}

TEST(SipMsgMessageHeaders, LeadingCrlfAndBareLfAreTolerated) {
  std::string text = "\r\n\r\n" + crlf(msgtest::kRegister);
  EXPECT_TRUE(parseMessage(text).ok());
  std::string lf(msgtest::kRegister);
  EXPECT_TRUE(parseMessage(lf).ok());
}

}  // namespace
}  // namespace sb::sip
