// Scanning helpers and parameter lists.

#include <gtest/gtest.h>

#include "samples.hpp"
#include "sip/message/name_addr.hpp"
#include "sip/message/params.hpp"
#include "sip/message/text.hpp"
#include "test_support.hpp"

namespace sb::sip {
namespace {

TEST(SipMsgText, TokensAndCase) {
  EXPECT_TRUE(text::isToken("abc-.!%*_+`'~09"));
  EXPECT_FALSE(text::isToken(""));
  EXPECT_FALSE(text::isToken("a b"));
  EXPECT_FALSE(text::isToken("a,b"));
  EXPECT_TRUE(text::iequals("Call-ID", "cALL-id"));
  EXPECT_FALSE(text::iequals("Call-ID", "Call-I"));
}

TEST(SipMsgText, LeadingUnsignedNumber) {
  EXPECT_EQ(text::leadingUint("1800;refresher=uac"), 1800u);
  EXPECT_EQ(text::leadingUint("  90"), 90u);
  EXPECT_EQ(text::leadingUint("4294967295"), 4294967295u);
  EXPECT_FALSE(text::leadingUint("4294967296"));
  EXPECT_FALSE(text::leadingUint(";x"));
  EXPECT_FALSE(text::leadingUint(""));
}

TEST(SipMsgText, TrimAndUnfold) {
  EXPECT_EQ(text::trim(" \t a b \r\n"), "a b");
  EXPECT_EQ(text::unfold("a\r\n b\r\n\tc"), "a b c");
  EXPECT_EQ(text::unfold("  x  \r\n    y "), "x y");
  EXPECT_TRUE(text::isFolded("a\r\n b"));
  EXPECT_FALSE(text::isFolded("a b"));
}

TEST(SipMsgText, QuotesAndEscapes) {
  EXPECT_EQ(text::unquote("\"a\\\"b\\\\c\""), "a\"b\\c");
  EXPECT_EQ(text::unquote("plain"), "plain");
  EXPECT_EQ(text::findClosingQuote("\"ab\\\"c\"d", 0), 6u);
  EXPECT_EQ(text::findClosingQuote("\"open\\\"", 0), std::string_view::npos);
  EXPECT_EQ(text::unescape("%41%4a%zz%4"), "AJ%zz%4");
}

TEST(SipMsgText, QuoteRoundTripsThroughNameAddr) {
  std::string display = "Mallory \"<sip:x@y>\" \\ \r\nVia: evil";
  std::string quoted = text::quote(display);
  EXPECT_EQ(quoted.find('\r'), std::string::npos);
  const std::string value = quoted + " <sip:m@example.com>";  // views point into it
  auto na = parseNameAddr(value);
  ASSERT_TRUE(na);
  EXPECT_EQ(na->displayNameUnquoted(), "Mallory \"<sip:x@y>\" \\   Via: evil");
  EXPECT_EQ(text::unquote(quoted), na->displayNameUnquoted());
}

TEST(SipMsgText, ParseUintNeverOverflows) {
  std::uint64_t v = 0;
  EXPECT_TRUE(text::parseUint("000000000000000000000000000042", 100, v));
  EXPECT_EQ(v, 42u);
  EXPECT_FALSE(text::parseUint("18446744073709551616", UINT64_MAX, v));
  EXPECT_FALSE(text::parseUint("12a", 1000, v));
  EXPECT_FALSE(text::parseUint("", 1000, v));
}

TEST(SipMsgText, CommaSplitter) {
  text::CommaSplitter split("a, \"b,c\" <d,e>, <f>;x=\"1,2\" ,g");
  std::vector<std::string_view> parts;
  std::string_view e;
  while (split.next(e))
    parts.push_back(e);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[1], "\"b,c\" <d,e>");
  EXPECT_EQ(parts[2], "<f>;x=\"1,2\"");
  EXPECT_EQ(parts[3], "g");
  EXPECT_FALSE(split.error());

  text::CommaSplitter bad("a, \"b, c");
  while (bad.next(e)) {
  }
  EXPECT_TRUE(bad.error());
}

TEST(SipMsgParams, LookupIsCaseInsensitiveAndKeepsQuotes) {
  ParamList p(";Transport=TCP ; lr ; foo = \"a;b\"");
  EXPECT_EQ(p.size(), 3u);
  EXPECT_EQ(p.get("transport"), "TCP");
  EXPECT_TRUE(p.has("LR"));
  EXPECT_FALSE(p.find("lr")->hasValue);
  EXPECT_EQ(p.get("foo"), "\"a;b\"");
  EXPECT_FALSE(p.has("bar"));
  std::vector<std::string_view> names;
  p.forEach([&](const Param& x) { names.push_back(x.name); });
  EXPECT_EQ(names, (std::vector<std::string_view>{"Transport", "lr", "foo"}));
}

TEST(SipMsgParams, ScanStopsAtTheEndOfTheList) {
  EXPECT_EQ(scanParams(";a=1;b?x=y"), 6u);
  EXPECT_EQ(scanParams(";a=1 , next"), 4u);
  EXPECT_EQ(scanParams("no params"), 0u);
  EXPECT_FALSE(scanParams(";"));
  EXPECT_FALSE(scanParams(";a="));
  EXPECT_FALSE(scanParams(";a=\"open"));
  EXPECT_FALSE(scanParams(";;a"));
}

TEST(SipMsgMessage, ModificationsRefuseHeaderInjection) {
  auto r = msgtest::parseText(msgtest::kRegister);
  ASSERT_TRUE(r.ok());
  Message m = *r.message;
  std::string before = m.serialize();
  EXPECT_FALSE(m.addHeader("X-A", "1\r\nVia: SIP/2.0/UDP evil"));
  EXPECT_FALSE(m.addHeader("Bad Name", "1"));
  EXPECT_FALSE(m.setHeader("X-A", "a\nb"));
  EXPECT_FALSE(m.insertHeader(0, "", "x"));
  EXPECT_FALSE(m.insertBefore(HeaderId::Via, "Via", "x\r"));
  EXPECT_FALSE(m.setBody("x", "text/plain\r\nX: y"));
  EXPECT_EQ(m.serialize(), before);
  EXPECT_TRUE(m.addHeader("X-A", "fine"));
}

}  // namespace
}  // namespace sb::sip
