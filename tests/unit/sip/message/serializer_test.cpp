// Serialization round trips and modification of received messages.

#include <gtest/gtest.h>

#include "samples.hpp"
#include "test_support.hpp"

namespace sb::sip {
namespace {

using msgtest::crlf;
using msgtest::parseText;

TEST(SipMsgSerializer, UnchangedMessageIsByteIdentical) {
  for (std::string_view sample : {msgtest::kInvite, msgtest::kRegister, msgtest::kOk}) {
    std::string text = crlf(sample);
    auto r = parseMessage(text);
    ASSERT_TRUE(r.ok());
    std::string out = r.message->serialize();
    EXPECT_EQ(out, text.substr(0, out.size()));
  }
}

TEST(SipMsgSerializer, FoldedAndOddlySpacedHeadersStayAsReceived) {
  std::string text = crlf(
      "OPTIONS sip:a@b SIP/2.0\n"
      "Via  :  SIP/2.0/UDP h\n"
      " ;branch=z9hG4bK1\n"
      "TO:<sip:a@b>\n"
      "f: <sip:c@d>;tag=1\n"
      "i: x\n"
      "CSeq: 1 OPTIONS\n"
      "Max-Forwards: 70\n"
      "l: 0\n"
      "\n");
  auto r = parseMessage(text);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.message->serialize(), text);
}

TEST(SipMsgSerializer, AddRemoveReplaceKeepOtherHeadersInPlace) {
  std::string text = crlf(msgtest::kRegister);
  auto r = parseMessage(text);
  ASSERT_TRUE(r.ok());
  Message m = *r.message;
  m.insertBefore(HeaderId::Via, "Via", "SIP/2.0/TCP proxy.example.com;branch=z9hG4bKp1");
  EXPECT_EQ(m.removeHeaders(HeaderId::Expires), 1u);
  m.setHeader("Max-Forwards", "69");
  m.addHeader("X-Trace", "abc");
  std::string out = m.serialize();
  std::string expected = crlf(
      "REGISTER sip:registrar.biloxi.example.com SIP/2.0\n"
      "Via: SIP/2.0/TCP proxy.example.com;branch=z9hG4bKp1\n"
      "Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7\n"
      "Max-Forwards: 69\n"
      "To: Bob <sip:bob@biloxi.example.com>\n"
      "From: Bob <sip:bob@biloxi.example.com>;tag=456248\n"
      "Call-ID: 843817637684230@998sdasdh09\n"
      "CSeq: 1826 REGISTER\n"
      "Contact: <sip:bob@192.0.2.4>\n"
      "Content-Length: 0\n"
      "X-Trace: abc\n"
      "\n");
  EXPECT_EQ(out, expected);
  EXPECT_EQ(m.vias().size(), 2u);
  EXPECT_EQ(m.maxForwards(), 69u);
  // The original is untouched.
  EXPECT_EQ(r.message->serialize(), text);
  // And the result parses back.
  EXPECT_TRUE(parseMessage(out).ok());
}

TEST(SipMsgSerializer, SetHeaderReplacesAllInstancesAndCompactForms) {
  auto r = parseText(
      "OPTIONS sip:a@b SIP/2.0\nv: SIP/2.0/UDP h;branch=z9hG4bK1\nt: <sip:a@b>\n"
      "f: <sip:c@d>;tag=1\ni: x\nCSeq: 1 OPTIONS\nMax-Forwards: 70\nX-A: 1\nX-B: 2\nx-a: 3\n"
      "l: 0\n\n");
  ASSERT_TRUE(r.ok());
  Message m = *r.message;
  m.setHeader("X-A", "new");
  EXPECT_EQ(m.count("x-a"), 1u);
  EXPECT_EQ(m.value("X-A"), "new");
  EXPECT_EQ(m.headers()[6].name, "X-A");
  m.setHeader("Call-ID", "y");
  EXPECT_EQ(m.callId(), "y");
  EXPECT_EQ(m.count(HeaderId::CallId), 1u);
  EXPECT_EQ(m.removeHeaders("x-b"), 1u);
  m.removeHeaderAt(0);
  EXPECT_EQ(m.count(HeaderId::Via), 0u);
  m.removeHeaderAt(100);
}

TEST(SipMsgSerializer, SetBodyUpdatesContentLength) {
  auto r = parseText(msgtest::kRegister);
  ASSERT_TRUE(r.ok());
  Message m = *r.message;
  m.setBody("hello world", "text/plain");
  EXPECT_EQ(m.contentLength(), 11u);
  EXPECT_EQ(m.contentType()->type, "text");
  std::string out = m.serialize();
  EXPECT_EQ(out.substr(out.size() - 15), "\r\n\r\nhello world");
  auto again = parseMessage(out, {}, Framing::Stream);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.message->body(), "hello world");
}

TEST(SipMsgSerializer, SetRequestUri) {
  auto r = parseText(msgtest::kInvite);
  ASSERT_TRUE(r.ok());
  Message m = *r.message;
  ASSERT_TRUE(m.setRequestUri("sip:bob@192.0.2.4:5060;transport=udp"));
  EXPECT_EQ(m.startLine(), "INVITE sip:bob@192.0.2.4:5060;transport=udp SIP/2.0");
  EXPECT_EQ(m.requestUri().port, 5060);
  EXPECT_FALSE(m.setRequestUri("not a uri"));
  EXPECT_EQ(m.requestUri().port, 5060);
}

}  // namespace
}  // namespace sb::sip
