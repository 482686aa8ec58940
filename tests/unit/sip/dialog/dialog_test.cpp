#include "sip/dialog/dialog.hpp"

#include <gtest/gtest.h>

#include "sip/message/parser.hpp"

namespace sb::sip {
namespace {

Message parse(std::string text) {
  auto parsed = parseMessage(std::move(text));
  EXPECT_TRUE(parsed.ok());
  return *parsed.message;
}

const char* kInvite =
    "INVITE sip:bob@192.0.2.4 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r\n"
    "Max-Forwards: 70\r\n"
    "To: Bob <sip:bob@biloxi.com>\r\n"
    "From: \"Alice A\" <sip:alice@atlanta.com>;tag=1928301774\r\n"
    "Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n"
    "CSeq: 314159 INVITE\r\n"
    "Record-Route: <sip:p2.example.com;lr>, <sip:p1.example.com;lr>\r\n"
    "Contact: <sip:alice@pc33.atlanta.com>\r\n"
    "Content-Length: 0\r\n\r\n";

TEST(SipDialog, UasTakesItsStateFromTheRequest) {
  Flow flow;
  auto dialog = Dialog::asUas(parse(kInvite), "ourtag", "sip:sb@192.0.2.1", flow);
  ASSERT_TRUE(dialog);
  EXPECT_EQ(dialog->id().callId, "a84b4c76e66710@pc33.atlanta.com");
  EXPECT_EQ(dialog->id().localTag, "ourtag");
  EXPECT_EQ(dialog->id().remoteTag, "1928301774");
  EXPECT_EQ(dialog->remoteTarget(), "sip:alice@pc33.atlanta.com");
  ASSERT_EQ(dialog->routeSet().size(), 2u);
  EXPECT_EQ(dialog->routeSet()[0], "<sip:p2.example.com;lr>");
  EXPECT_EQ(dialog->remoteSeq(), 314159u);

  auto bye = dialog->makeRequest("BYE");
  ASSERT_TRUE(bye);
  EXPECT_EQ(bye->requestUri().raw, "sip:alice@pc33.atlanta.com");
  EXPECT_EQ(bye->from()->tag(), "ourtag");
  EXPECT_EQ(bye->from()->uri.raw, "sip:bob@biloxi.com");
  EXPECT_EQ(bye->to()->tag(), "1928301774");
  EXPECT_EQ(bye->to()->displayNameUnquoted(), "Alice A");
  EXPECT_EQ(bye->cseq()->number, 1u);
  EXPECT_EQ(bye->routes().size(), 2u);
  EXPECT_EQ(bye->routes()[0].uri.raw, "sip:p2.example.com;lr");
  EXPECT_EQ(bye->find(HeaderId::Contact), nullptr);
  // The key an incoming in-dialog request computes is the dialog's.
  EXPECT_EQ(dialogKeyOfRequest(*bye),
            DialogId({dialog->id().callId, "1928301774", "ourtag"}).key());
}

TEST(SipDialog, RemoteCSeqMustIncrease) {
  auto dialog = Dialog::asUas(parse(kInvite), "t", "sip:sb@h", Flow{});
  ASSERT_TRUE(dialog);
  std::string bye(kInvite);
  bye.replace(bye.find("CSeq: 314159 INVITE"), 19, "CSeq: 314159 BYE");
  bye.replace(0, 6, "BYE");
  EXPECT_FALSE(dialog->acceptRemoteSeq(parse(bye)));
  bye.replace(bye.find("314159 BYE"), 10, "314160 BYE");
  EXPECT_TRUE(dialog->acceptRemoteSeq(parse(bye)));
  EXPECT_FALSE(dialog->acceptRemoteSeq(parse(bye)));
}

TEST(SipDialog, UacReversesTheRouteSetAndKeepsItsCSeq) {
  const Message invite = parse(
      "INVITE sip:bob@192.0.2.4 SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
      "Max-Forwards: 70\r\nTo: <sip:bob@biloxi.com>\r\n"
      "From: <sip:sb@192.0.2.1>;tag=abc\r\nCall-ID: c1\r\nCSeq: 7 INVITE\r\n"
      "Contact: <sip:sb@192.0.2.1>\r\nContent-Length: 0\r\n\r\n");
  const Message ok = parse(
      "SIP/2.0 200 OK\r\n"
      "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
      "To: <sip:bob@biloxi.com>;tag=xyz\r\n"
      "From: <sip:sb@192.0.2.1>;tag=abc\r\nCall-ID: c1\r\nCSeq: 7 INVITE\r\n"
      "Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n"
      "Contact: <sip:bob@192.0.2.9:5070>\r\nContent-Length: 0\r\n\r\n");
  auto dialog = Dialog::asUac(invite, ok, "sip:sb@192.0.2.1", Flow{});
  ASSERT_TRUE(dialog);
  EXPECT_EQ(dialog->id().remoteTag, "xyz");
  EXPECT_EQ(dialog->remoteTarget(), "sip:bob@192.0.2.9:5070");
  ASSERT_EQ(dialog->routeSet().size(), 2u);
  EXPECT_EQ(dialog->routeSet()[0], "<sip:p2.example.com;lr>");

  auto ack = dialog->makeRequest("ACK", 7);
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->cseq()->number, 7u);
  EXPECT_EQ(ack->cseq()->method, Method::Ack);
  auto reinvite = dialog->makeRequest("INVITE");
  ASSERT_TRUE(reinvite);
  EXPECT_EQ(reinvite->cseq()->number, 8u);
  EXPECT_EQ(reinvite->contacts().at(0).uri.raw, "sip:sb@192.0.2.1");

  // A 2xx without a To tag makes no dialog.
  std::string untagged(ok.serialize());
  untagged.replace(untagged.find(";tag=xyz"), 8, "");
  EXPECT_FALSE(Dialog::asUac(invite, parse(untagged), "sip:sb@h", Flow{}));
}

}  // namespace
}  // namespace sb::sip
