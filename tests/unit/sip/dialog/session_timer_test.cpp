// RFC 4028 decisions: 422 below Min-SE, who refreshes, the headers of the 2xx and of our
// INVITE, 422 retries, and the refresh / expiry instants.
#include "sip/dialog/session_timer.hpp"

#include <gtest/gtest.h>

#include "sip/message/parser.hpp"

namespace sb::sip {
namespace {

Message invite(const std::string& extra) {
  auto parsed = parseMessage(
      "INVITE sip:600@192.0.2.1 SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bKst\r\n"
      "From: <sip:alice@192.0.2.9>;tag=1\r\nTo: <sip:600@192.0.2.1>\r\n"
      "Call-ID: st1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n" +
      extra + "Content-Length: 0\r\n\r\n");
  EXPECT_TRUE(parsed.ok());
  return std::move(*parsed.message);
}

Message ok(const std::string& extra) {
  auto parsed = parseMessage(
      "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKst\r\n"
      "From: <sip:a@192.0.2.1>;tag=1\r\nTo: <sip:b@192.0.2.9>;tag=2\r\n"
      "Call-ID: st2\r\nCSeq: 1 INVITE\r\n" +
      extra + "Content-Length: 0\r\n\r\n");
  EXPECT_TRUE(parsed.ok());
  return std::move(*parsed.message);
}

std::string headerValue(const ExtraHeaders& headers, const std::string& name) {
  for (const auto& [n, v] : headers) {
    if (n == name) {
      return v;
    }
  }
  return "<absent>";
}

const SessionTimerSettings kYes{TimerMode::Yes, 90, 1800};

TEST(SessionTimerUas, TooBriefAnIntervalIsRefusedWithOurMinSe) {
  auto decision = decideAsUas(kYes, invite("Supported: timer\r\nSession-Expires: 60\r\n"));
  EXPECT_EQ(decision.reject, 422);
  EXPECT_EQ(headerValue(decision.headers, "Min-SE"), "90");
  // A larger Min-SE of the UAC's own wins.
  decision = decideAsUas(kYes, invite("Session-Expires: 60\r\nMin-SE: 120\r\n"));
  EXPECT_EQ(headerValue(decision.headers, "Min-SE"), "120");
}

TEST(SessionTimerUas, AUacThatSupportsTimersRefreshesUnlessItSaysOtherwise) {
  auto decision = decideAsUas(kYes, invite("Supported: timer\r\nSession-Expires: 600\r\n"));
  EXPECT_EQ(decision.reject, 0);
  ASSERT_TRUE(decision.interval);
  EXPECT_EQ(*decision.interval, (SessionInterval{600, false}));
  EXPECT_EQ(headerValue(decision.headers, "Session-Expires"), "600;refresher=uac");
  EXPECT_EQ(headerValue(decision.headers, "Require"), "timer");

  decision = decideAsUas(kYes, invite("Supported: timer\r\nx: 600;refresher=uas\r\n"));
  EXPECT_EQ(*decision.interval, (SessionInterval{600, true}));
  EXPECT_EQ(headerValue(decision.headers, "Session-Expires"), "600;refresher=uas");

  // Session-Expires without Supported: timer (a proxy added it): we refresh, no Require.
  decision = decideAsUas(kYes, invite("Session-Expires: 600\r\n"));
  EXPECT_EQ(*decision.interval, (SessionInterval{600, true}));
  EXPECT_EQ(headerValue(decision.headers, "Require"), "<absent>");
}

TEST(SessionTimerUas, ModesDecideWhenThePeerDoesNotAsk) {
  EXPECT_FALSE(decideAsUas(kYes, invite("Supported: timer\r\n")).interval);
  EXPECT_FALSE(decideAsUas({TimerMode::No, 90, 1800}, invite("Session-Expires: 60\r\n")).interval);
  EXPECT_EQ(decideAsUas({TimerMode::No, 90, 1800}, invite("Session-Expires: 60\r\n")).reject, 0);
  // Timers turned off, yet the UAC requires them: 420 naming the extension.
  auto off = decideAsUas({TimerMode::No, 90, 1800}, invite("Require: timer\r\n"));
  EXPECT_EQ(off.reject, 420);
  EXPECT_EQ(headerValue(off.headers, "Unsupported"), "timer");

  auto always = decideAsUas({TimerMode::Always, 90, 1800}, invite(""));
  EXPECT_EQ(*always.interval, (SessionInterval{1800, true}));
  EXPECT_EQ(headerValue(always.headers, "Session-Expires"), "1800;refresher=uas");

  auto required = decideAsUas({TimerMode::Required, 90, 1800}, invite(""));
  EXPECT_EQ(required.reject, 421);
  EXPECT_EQ(headerValue(required.headers, "Require"), "timer");
}

TEST(SessionTimerUac, RequestHeadersAndWhatThe2xxSettled) {
  auto headers = uacRequestHeaders(kYes, 1800, 90);
  EXPECT_EQ(headerValue(headers, "Session-Expires"), "1800");
  EXPECT_EQ(headerValue(headers, "Min-SE"), "90");
  EXPECT_EQ(headerValue(uacRequestHeaders(kYes, 90, 90, true), "Session-Expires"),
            "90;refresher=uac");
  EXPECT_TRUE(uacRequestHeaders({TimerMode::No, 90, 1800}, 1800, 90).empty());

  EXPECT_EQ(*fromUacResponse(kYes, ok("Session-Expires: 900;refresher=uac\r\n"), 1800),
            (SessionInterval{900, true}));
  EXPECT_EQ(*fromUacResponse(kYes, ok("Session-Expires: 900;refresher=uas\r\n"), 1800),
            (SessionInterval{900, false}));
  EXPECT_FALSE(fromUacResponse(kYes, ok(""), 1800));
  EXPECT_EQ(*fromUacResponse({TimerMode::Always, 90, 1800}, ok(""), 1800),
            (SessionInterval{1800, true}));
}

TEST(SessionTimerUac, A422RaisesTheInterval) {
  auto parsed = parseMessage(
      "SIP/2.0 422 Session Interval Too Small\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
      "From: <sip:a@h>;tag=1\r\nTo: <sip:b@h>;tag=2\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n"
      "Min-SE: 300\r\nContent-Length: 0\r\n\r\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(minSeOf422(*parsed.message, 90), 300u);
  EXPECT_EQ(minSeOf422(*parsed.message, 600), 600u);
  EXPECT_FALSE(minSeOf422(ok(""), 90));
}

TEST(SessionTimer, RefreshAtHalfAndGiveUpBeforeTheEnd) {
  EXPECT_EQ(refreshAfter(90), std::chrono::milliseconds(45000));
  EXPECT_EQ(expireAfter(1800), std::chrono::seconds(1768));
  EXPECT_EQ(expireAfter(90), std::chrono::seconds(60));
  EXPECT_EQ(parseTimerMode("always"), TimerMode::Always);
  EXPECT_EQ(parseTimerMode("no"), TimerMode::No);
  EXPECT_EQ(parseTimerMode("required"), TimerMode::Required);
  EXPECT_EQ(parseTimerMode("yes"), TimerMode::Yes);
}

}  // namespace
}  // namespace sb::sip
