#include <gtest/gtest.h>

#include "sip/message/start_line.hpp"

namespace sb::sip {
namespace {

TEST(SipMsgRequestLineParse, Valid) {
  RequestLine rl;
  ASSERT_EQ(parseRequestLine("INVITE sip:bob@biloxi.example.com SIP/2.0", rl),
            StartLineError::None);
  EXPECT_EQ(rl.method, Method::Invite);
  EXPECT_EQ(rl.uri.user, "bob");
  EXPECT_EQ(rl.version, "SIP/2.0");
  ASSERT_EQ(parseRequestLine("FOO tel:+1234 SIP/2.0", rl), StartLineError::None);
  EXPECT_EQ(rl.method, Method::Unknown);
  EXPECT_EQ(rl.methodText, "FOO");
}

TEST(SipMsgRequestLineParse, MethodsAreCaseSensitive) {
  EXPECT_EQ(methodFromName("INVITE"), Method::Invite);
  EXPECT_EQ(methodFromName("invite"), Method::Unknown);
  EXPECT_EQ(methodName(Method::Subscribe), "SUBSCRIBE");
}

TEST(SipMsgRequestLineParse, Errors) {
  RequestLine rl;
  EXPECT_EQ(parseRequestLine("INVITE sip:a@b SIP/3.0", rl), StartLineError::UnsupportedVersion);
  EXPECT_EQ(parseRequestLine("INVITE  sip:a@b SIP/2.0", rl), StartLineError::Malformed);
  EXPECT_EQ(parseRequestLine("INVITE sip:a@b SIP/2.0 ", rl), StartLineError::Malformed);
  EXPECT_EQ(parseRequestLine("INVITE sip:a@b", rl), StartLineError::Malformed);
  EXPECT_EQ(parseRequestLine("INVITE", rl), StartLineError::Malformed);
  EXPECT_EQ(parseRequestLine("INV(TE sip:a@b SIP/2.0", rl), StartLineError::BadMethod);
  EXPECT_EQ(parseRequestLine("INVITE <sip:a@b> SIP/2.0", rl), StartLineError::BadRequestUri);
  EXPECT_EQ(parseRequestLine("INVITE sip:a@b HTTP/1.1", rl), StartLineError::Malformed);
}

TEST(SipMsgStatusLineParse, Valid) {
  StatusLine sl;
  ASSERT_EQ(parseStatusLine("SIP/2.0 180 Ringing", sl), StartLineError::None);
  EXPECT_EQ(sl.code, 180);
  EXPECT_EQ(sl.reason, "Ringing");
  ASSERT_EQ(parseStatusLine("SIP/2.0 200 OK with spaces", sl), StartLineError::None);
  EXPECT_EQ(sl.reason, "OK with spaces");
  ASSERT_EQ(parseStatusLine("SIP/2.0 100 ", sl), StartLineError::None);
  EXPECT_EQ(sl.reason, "");
  ASSERT_EQ(parseStatusLine("SIP/2.0 100", sl), StartLineError::None);
}

TEST(SipMsgStatusLineParse, Errors) {
  StatusLine sl;
  EXPECT_EQ(parseStatusLine("SIP/2.0 4294967301 big", sl), StartLineError::BadStatusCode);
  EXPECT_EQ(parseStatusLine("SIP/2.0 99 low", sl), StartLineError::BadStatusCode);
  EXPECT_EQ(parseStatusLine("SIP/2.0 700 high", sl), StartLineError::BadStatusCode);
  EXPECT_EQ(parseStatusLine("SIP/2.0 2OO OK", sl), StartLineError::BadStatusCode);
  EXPECT_EQ(parseStatusLine("SIP/1.0 200 OK", sl), StartLineError::UnsupportedVersion);
  EXPECT_EQ(parseStatusLine("SIP/2.0", sl), StartLineError::Malformed);
}

}  // namespace
}  // namespace sb::sip
