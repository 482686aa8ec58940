#include <gtest/gtest.h>

#include "samples.hpp"
#include "sip/message/stream_framer.hpp"
#include "test_support.hpp"

namespace sb::sip {
namespace {

using msgtest::crlf;
using Type = FrameEvent::Type;

std::vector<FrameEvent> drain(StreamFramer& f) {
  std::vector<FrameEvent> out;
  while (auto e = f.next())
    out.push_back(std::move(*e));
  return out;
}

TEST(SipMsgStreamFramer, WholeMessages) {
  StreamFramer f;
  std::string a = crlf(msgtest::kRegister);
  std::string b = crlf(msgtest::kInvite);
  b = b.substr(0, b.size() - 1);  // Content-Length 4 covers "v=0\r"
  ASSERT_TRUE(f.feed(a + b));
  auto events = drain(f);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type, Type::Message);
  EXPECT_EQ(events[0].data, a);
  EXPECT_EQ(events[1].data, b);
  EXPECT_TRUE(parseMessage(events[0].data, {}, Framing::Stream).ok());
  EXPECT_EQ(f.buffered(), 0u);
}

TEST(SipMsgStreamFramer, ByteByByte) {
  StreamFramer f;
  std::string a = crlf(msgtest::kInvite);
  a.pop_back();
  std::vector<FrameEvent> events;
  for (char c : a + a) {
    ASSERT_TRUE(f.feed(std::string_view(&c, 1)));
    for (auto& e : drain(f))
      events.push_back(std::move(e));
  }
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].data, a);
}

TEST(SipMsgStreamFramer, KeepAlives) {
  StreamFramer f;
  std::string msg = crlf(msgtest::kRegister);
  f.feed("\r\n\r\n" + msg + "\r\n" + msg);
  auto events = drain(f);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].type, Type::Ping);
  EXPECT_EQ(events[1].type, Type::Message);
  EXPECT_EQ(events[2].type, Type::Pong);
  EXPECT_EQ(events[3].type, Type::Message);
  f.feed("\r\n");
  events = drain(f);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, Type::Pong);
  f.feed("\r\n\r");
  EXPECT_TRUE(drain(f).empty());
  f.feed("\n");
  events = drain(f);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, Type::Ping);
}

TEST(SipMsgStreamFramer, MissingContentLengthIsFatal) {
  StreamFramer f;
  f.feed("OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n\r\n");
  auto events = drain(f);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, Type::Error);
  EXPECT_EQ(events[0].error.reason, "Bad Request - Missing Content-Length");
  EXPECT_TRUE(f.failed());
  EXPECT_FALSE(f.feed("more"));
  EXPECT_TRUE(drain(f).empty());
}

TEST(SipMsgStreamFramer, InvalidAndDuplicateContentLength) {
  for (std::string_view cl :
       {"l: x\r\n", "Content-Length: -5\r\n", "l: 1\r\nContent-Length: 1\r\n"}) {
    StreamFramer f;
    f.feed("OPTIONS sip:a@b SIP/2.0\r\n" + std::string(cl) + "\r\n");
    auto events = drain(f);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].error.reason, "Bad Request - Invalid Content-Length");
  }
}

TEST(SipMsgStreamFramer, OversizedHeaderBlockAndBody) {
  ParserLimits limits;
  limits.maxMessageSize = 200;
  StreamFramer f(limits);
  f.feed("OPTIONS sip:a@b SIP/2.0\r\n" + std::string(300, 'a'));
  auto events = drain(f);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].error.reason, "Bad Request - Header block too large");

  StreamFramer g(limits);
  g.feed("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 1000\r\n\r\n");
  events = drain(g);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].error.status, 513);
}

TEST(SipMsgStreamFramer, FeedingWithoutDrainingIsBounded) {
  ParserLimits limits;
  limits.maxMessageSize = 100;
  StreamFramer f(limits);
  EXPECT_TRUE(f.feed(std::string(80, 'a')));
  EXPECT_TRUE(f.feed(std::string(80, 'a')));
  EXPECT_FALSE(f.feed(std::string(80, 'a')));
  auto events = drain(f);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, Type::Error);
}

}  // namespace
}  // namespace sb::sip
