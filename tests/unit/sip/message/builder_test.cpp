#include <gtest/gtest.h>

#include "samples.hpp"
#include "sip/message/builder.hpp"
#include "test_support.hpp"

namespace sb::sip {
namespace {

using msgtest::parseText;

TEST(SipMsgBuilder, RequestFromScratch) {
  auto m = Message::makeRequest("OPTIONS", "sip:carol@chicago.example.com");
  ASSERT_TRUE(m);
  m->addHeader("Via", "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877");
  m->addHeader("Max-Forwards", "70");
  m->addHeader("To", "<sip:carol@chicago.example.com>");
  m->addHeader("From", "Alice <sip:alice@atlanta.example.com>;tag=1928301774");
  m->addHeader("Call-ID", "a84b4c76e66710");
  m->addHeader("CSeq", "63104 OPTIONS");
  m->setBody("");
  std::string wire = m->serialize();
  EXPECT_EQ(wire.substr(0, 46), "OPTIONS sip:carol@chicago.example.com SIP/2.0\r");
  auto parsed = parseMessage(wire, {}, Framing::Stream);
  ASSERT_TRUE(parsed.ok()) << parsed.error->reason;
  EXPECT_EQ(parsed.message->method(), Method::Options);
  EXPECT_EQ(parsed.message->contentLength(), 0u);
  EXPECT_FALSE(Message::makeRequest("BAD METHOD", "sip:a@b"));
  EXPECT_FALSE(Message::makeRequest("INVITE", "nope"));
}

TEST(SipMsgBuilder, StatusFromScratch) {
  auto m = Message::makeStatus(486, "Busy Here");
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->isResponse());
  EXPECT_EQ(m->statusCode(), 486);
  EXPECT_EQ(m->startLine(), "SIP/2.0 486 Busy Here");
  EXPECT_FALSE(Message::makeStatus(99, "x"));
  EXPECT_FALSE(Message::makeStatus(200, "a\r\nb"));
}

TEST(SipMsgBuilder, MakeResponseCopiesTheRightHeaders) {
  auto r = parseText(
      "INVITE sip:bob@biloxi.example.com SIP/2.0\n"
      "Via: SIP/2.0/UDP p1;branch=z9hG4bK1, SIP/2.0/UDP p2;branch=z9hG4bK2\n"
      "Via: SIP/2.0/UDP p3\n"
      " ;branch=z9hG4bK3\n"
      "Max-Forwards: 70\n"
      "t: Bob <sip:bob@biloxi.example.com>\n"
      "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\n"
      "Call-ID: a84b4c76e66710\n"
      "CSeq: 314159 INVITE\n"
      "Timestamp: 54\n"
      "Contact: <sip:alice@pc33.atlanta.example.com>\n"
      "Content-Length: 0\n"
      "\n");
  ASSERT_TRUE(r.ok());
  auto resp = makeResponse(*r.message, 180, "Ringing", "a6c85cf");
  ASSERT_TRUE(resp);
  EXPECT_EQ(resp->statusCode(), 180);
  EXPECT_EQ(resp->reasonPhrase(), "Ringing");
  EXPECT_EQ(resp->vias().size(), 3u);
  EXPECT_EQ(resp->to()->tag(), "a6c85cf");
  EXPECT_EQ(resp->find(HeaderId::To)->raw, "t: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf");
  EXPECT_EQ(resp->from()->tag(), "1928301774");
  EXPECT_EQ(resp->callId(), "a84b4c76e66710");
  EXPECT_EQ(resp->cseq()->number, 314159u);
  EXPECT_EQ(resp->contentLength(), 0u);
  EXPECT_EQ(resp->count(HeaderId::Timestamp), 0u);
  EXPECT_EQ(resp->count(HeaderId::Contact), 0u);
  std::string wire = resp->serialize();
  auto back = parseMessage(wire, {}, Framing::Stream);
  ASSERT_TRUE(back.ok()) << back.error->reason;
  EXPECT_EQ(back.message->vias()[2].branch(), "z9hG4bK3");

  auto trying = makeResponse(*r.message, 100, "Trying");
  ASSERT_TRUE(trying);
  EXPECT_EQ(trying->value(HeaderId::Timestamp), "54");
  EXPECT_FALSE(trying->to()->hasTag());

  // An existing To tag is kept as it is.
  auto again = makeResponse(*resp, 200, "OK");
  EXPECT_FALSE(again);  // resp is not a request
}

TEST(SipMsgBuilder, DialogResponsesCarryTheRouteSet) {
  auto r = parseText(
      "INVITE sip:bob@biloxi.example.com SIP/2.0\n"
      "Via: SIP/2.0/UDP p1;branch=z9hG4bK1\n"
      "Record-Route: <sip:p1.example.com;lr>\n"
      "Max-Forwards: 70\n"
      "To: <sip:bob@biloxi.example.com>\n"
      "From: <sip:alice@atlanta.example.com>;tag=1\n"
      "Call-ID: rr1\n"
      "Record-Route: <sip:p2.example.com;lr;ftag=1>\n"
      "CSeq: 1 INVITE\n"
      "Content-Length: 0\n"
      "\n");
  ASSERT_TRUE(r.ok());
  for (int code : {180, 200}) {
    auto resp = makeResponse(*r.message, code, "x", "t");
    ASSERT_TRUE(resp);
    const auto routes = resp->recordRoutes();
    ASSERT_EQ(routes.size(), 2u) << code;
    EXPECT_EQ(routes[0].raw, "<sip:p1.example.com;lr>");
    EXPECT_EQ(routes[1].raw, "<sip:p2.example.com;lr;ftag=1>");
  }
  // Neither a 100 (hop by hop) nor a failure makes a dialog.
  for (int code : {100, 486}) {
    auto resp = makeResponse(*r.message, code, "x", "t");
    ASSERT_TRUE(resp);
    EXPECT_EQ(resp->count(HeaderId::RecordRoute), 0u) << code;
  }
}

TEST(SipMsgBuilder, ErrorResponseFromParseFailure) {
  auto r = parseText(
      "OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nTo: <sip:a@b>;tag=x\n"
      "From: <sip:c@d>;tag=1\nCall-ID: q\nCSeq: 1 INVITE\nMax-Forwards: 70\n\n");
  ASSERT_TRUE(r.error);
  ASSERT_TRUE(r.message);
  auto resp = makeErrorResponse(*r.message, *r.error, "zz");
  ASSERT_TRUE(resp);
  EXPECT_EQ(resp->startLine(),
            "SIP/2.0 400 Bad Request - CSeq method does not match request method");
  EXPECT_EQ(resp->to()->tag(), "x");
}

}  // namespace
}  // namespace sb::sip

namespace sb::sip {
namespace {

TEST(SipMsgBuilder, BadStartLineStillYieldsAResponse) {
  auto r = msgtest::parseText(
      "OPTIONS sip:t.watson@example.org SIP/7.0\nVia: SIP/7.0/UDP c.example.com;branch=z9hG4bK1\n"
      "Max-Forwards: 70\nFrom: <sip:a@example.com>;tag=q\nTo: <sip:t@example.org>\n"
      "Call-ID: badvers\nCSeq: 1 OPTIONS\nl: 0\n\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->status, 505);
  ASSERT_TRUE(r.message);
  auto resp = makeErrorResponse(*r.message, *r.error, "t1");
  ASSERT_TRUE(resp);
  EXPECT_EQ(resp->startLine(), "SIP/2.0 505 Version Not Supported");
  EXPECT_EQ(resp->callId(), "badvers");
  EXPECT_EQ(resp->to()->tag(), "t1");

  auto lws = msgtest::parseText(
      "INVITE  sip:user@example.com  SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\n"
      "From: <sip:a@example.com>;tag=q\nTo: <sip:t@example.org>\nCall-ID: c\nCSeq: 1 INVITE\n\n");
  ASSERT_TRUE(lws.error);
  ASSERT_TRUE(lws.message);
  EXPECT_EQ(makeErrorResponse(*lws.message, *lws.error)->statusCode(), 400);
}

}  // namespace
}  // namespace sb::sip
