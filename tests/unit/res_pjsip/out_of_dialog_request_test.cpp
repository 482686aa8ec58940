#include "modules/res_pjsip/outbound/out_of_dialog_request.hpp"

#include <gtest/gtest.h>

#include "sip/message/parser.hpp"

namespace sb::modules::res_pjsip {
namespace {

WireDetails wire() {
  WireDetails out;
  out.transport = sip::TransportKind::Udp;
  out.local = *sip::SocketAddress::parse("192.0.2.10:5060");
  out.branch = "z9hG4bKabc";
  out.tag = "t1";
  out.callId = "abc@192.0.2.10";
  out.maxForwards = 70;
  out.userAgent = "Switchboard";
  return out;
}

TEST(OutOfDialogRequest, NotifyLayout) {
  OutOfDialogRequest request;
  request.method = "NOTIFY";
  request.requestUri = "sip:bob@192.0.2.1:5070;x-ast-txp=udp";
  request.from = {"", "asterisk", ""};
  request.route = "<sip:proxy.example.com;lr>";
  request.headers = {{"Subscription-State", "terminated"}, {"Event", "check-sync"}};
  request.contentType = "text/plain";
  request.body = "hi";
  EXPECT_EQ(*formatOutOfDialogRequest(request, wire()),
            "NOTIFY sip:bob@192.0.2.1:5070 SIP/2.0\r\n"
            "Via: SIP/2.0/UDP 192.0.2.10:5060;rport;branch=z9hG4bKabc\r\n"
            "From: <sip:asterisk@192.0.2.10>;tag=t1\r\n"
            "To: <sip:bob@192.0.2.1:5070>\r\n"
            "Contact: <sip:asterisk@192.0.2.10:5060>\r\n"
            "Call-ID: abc@192.0.2.10\r\n"
            "CSeq: 1 NOTIFY\r\n"
            "Max-Forwards: 70\r\n"
            "Route: <sip:proxy.example.com;lr>\r\n"
            "Subscription-State: terminated\r\n"
            "Event: check-sync\r\n"
            "User-Agent: Switchboard\r\n"
            "Content-Type: text/plain\r\n"
            "Content-Length: 2\r\n"
            "\r\n"
            "hi");
}

TEST(OutOfDialogRequest, MessageWithIdentitiesAndNoContact) {
  OutOfDialogRequest request;
  request.method = "MESSAGE";
  request.requestUri = "sip:bob@192.0.2.1";
  request.to = "sip:robert@example.com";
  request.toDisplay = "Bob";
  request.from = {"Al \"the\" Pal", "alice", "example.com:5080"};
  request.withContact = false;
  request.maxForwards = 9;
  request.contentType = "text/plain";
  const auto text = formatOutOfDialogRequest(request, wire());
  ASSERT_TRUE(text);
  EXPECT_NE(text->find("From: \"Al \\\"the\\\" Pal\" <sip:alice@example.com:5080>;tag=t1\r\n"),
            std::string::npos);
  EXPECT_NE(text->find("To: \"Bob\" <sip:robert@example.com>\r\n"), std::string::npos);
  EXPECT_EQ(text->find("Contact:"), std::string::npos);
  EXPECT_NE(text->find("Max-Forwards: 9\r\n"), std::string::npos);
  EXPECT_NE(text->find("Content-Type: text/plain\r\nContent-Length: 0\r\n\r\n"), std::string::npos);
  EXPECT_TRUE(sip::parseMessage(*text).ok());
}

TEST(OutOfDialogRequest, NoBodyWithoutContentType) {
  OutOfDialogRequest request;
  request.method = "NOTIFY";
  request.requestUri = "sip:bob@192.0.2.1";
  request.from.user = "asterisk";
  request.body = "ignored";
  const auto text = formatOutOfDialogRequest(request, wire());
  ASSERT_TRUE(text);
  EXPECT_EQ(text->find("Content-Type"), std::string::npos);
  EXPECT_NE(text->find("Content-Length: 0\r\n\r\n"), std::string::npos);
  EXPECT_EQ(text->find("ignored"), std::string::npos);
}

TEST(OutOfDialogRequest, LineBreaksOutsideTheBodyAreRefused) {
  OutOfDialogRequest request;
  request.method = "MESSAGE";
  request.requestUri = "sip:bob@192.0.2.1";
  request.from.user = "alice";
  request.contentType = "text/plain";
  request.body = "line\r\nbreaks are fine here";
  EXPECT_TRUE(formatOutOfDialogRequest(request, wire()));
  auto bad = request;
  bad.from.display = "x\r\nVia: forged";
  EXPECT_FALSE(formatOutOfDialogRequest(bad, wire()));
  bad = request;
  bad.headers = {{"X-A", std::string("a\0b", 3)}};
  EXPECT_FALSE(formatOutOfDialogRequest(bad, wire()));
  bad = request;
  bad.contentType = "text/plain\nX: y";
  EXPECT_FALSE(formatOutOfDialogRequest(bad, wire()));
}

TEST(OutOfDialogRequest, DisplayNamesAreQuoted) {
  EXPECT_EQ(quotedDisplayName("Bob"), "\"Bob\"");
  EXPECT_EQ(quotedDisplayName("a\\b\"c"), "\"a\\\\b\\\"c\"");
}

}  // namespace
}  // namespace sb::modules::res_pjsip
