#include <gtest/gtest.h>

#include "sip/message/name_addr.hpp"

namespace sb::sip {
namespace {

TEST(SipMsgNameAddr, QuotedDisplayName) {
  auto na = parseNameAddr("\"Alice \\\"A\\\" Liddell\" <sip:alice@example.com>;tag=1928301774");
  ASSERT_TRUE(na);
  EXPECT_TRUE(na->displayQuoted);
  EXPECT_EQ(na->displayName, "Alice \\\"A\\\" Liddell");
  EXPECT_EQ(na->displayNameUnquoted(), "Alice \"A\" Liddell");
  EXPECT_TRUE(na->angleBrackets);
  EXPECT_EQ(na->uri.user, "alice");
  EXPECT_EQ(na->tag(), "1928301774");
}

TEST(SipMsgNameAddr, TokenDisplayName) {
  auto na = parseNameAddr("Bob Smith <sip:bob@example.com>");
  ASSERT_TRUE(na);
  EXPECT_FALSE(na->displayQuoted);
  EXPECT_EQ(na->displayName, "Bob Smith");
  EXPECT_FALSE(na->hasTag());
}

TEST(SipMsgNameAddr, NoDisplayName) {
  auto na = parseNameAddr("<sip:bob@example.com;transport=tcp>;expires=3600;q=0.7");
  ASSERT_TRUE(na);
  EXPECT_TRUE(na->displayName.empty());
  EXPECT_EQ(na->uri.transport(), "tcp");
  EXPECT_EQ(na->expires(), 3600u);
  EXPECT_EQ(na->qThousandths(), 700);
}

TEST(SipMsgNameAddr, AddrSpecParamsBelongToHeader) {
  auto na = parseNameAddr("sip:bob@example.com;tag=abc;transport=tcp");
  ASSERT_TRUE(na);
  EXPECT_FALSE(na->angleBrackets);
  EXPECT_TRUE(na->uri.params.empty());
  EXPECT_EQ(na->tag(), "abc");
  EXPECT_EQ(na->params.get("transport"), "tcp");
}

TEST(SipMsgNameAddr, AddrSpecMustNotCarryHeadersOrCommas) {
  EXPECT_FALSE(parseNameAddr("sip:bob@example.com?Route=x"));
  EXPECT_TRUE(parseNameAddr("<sip:bob@example.com?Route=x>"));
}

TEST(SipMsgNameAddr, Wildcard) {
  auto na = parseNameAddr("*", true);
  ASSERT_TRUE(na);
  EXPECT_TRUE(na->wildcard);
  EXPECT_FALSE(parseNameAddr("*", false));
}

TEST(SipMsgNameAddr, TelAndOtherSchemes) {
  auto tel = parseNameAddr("<tel:+15551234;phone-context=x>;tag=9");
  ASSERT_TRUE(tel);
  EXPECT_EQ(tel->uri.scheme, UriScheme::Tel);
  auto other = parseNameAddr("<urn:service:sos>");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->uri.scheme, UriScheme::Other);
}

TEST(SipMsgNameAddr, ParamsWithLwsAndQuotedValues) {
  auto na = parseNameAddr("<sip:a@b> ;  tag = x1 ; +sip.instance=\"<urn:uuid:1>\"");
  ASSERT_TRUE(na);
  EXPECT_EQ(na->tag(), "x1");
  EXPECT_EQ(na->params.get("+sip.instance"), "\"<urn:uuid:1>\"");
}

TEST(SipMsgNameAddr, Rejects) {
  EXPECT_FALSE(parseNameAddr(""));
  EXPECT_FALSE(parseNameAddr("\"unterminated <sip:a@b>"));
  EXPECT_FALSE(parseNameAddr("<sip:a@b"));
  EXPECT_FALSE(parseNameAddr("< sip:a@b >"));
  EXPECT_FALSE(parseNameAddr("Bell, Alexander <sip:a@b>"));
  EXPECT_FALSE(parseNameAddr("<sip:a@b>;;"));
  EXPECT_FALSE(
      parseNameAddr("<sip:a@b>;tag"
                    "=\"x"));
  EXPECT_FALSE(parseNameAddr("<sip:a@b> junk"));
  EXPECT_FALSE(parseNameAddr("<sip:a@b>;expires=4294967296"));
  EXPECT_FALSE(parseNameAddr("<sip:a@b>;q=1.5"));
  EXPECT_FALSE(parseNameAddr("nothing"));
}

TEST(SipMsgNameAddr, Lists) {
  std::vector<NameAddr> out;
  ASSERT_TRUE(parseNameAddrList("\"A, B\" <sip:a@x>;q=0.5, <sip:b@y>, sip:c@z;expires=10", out));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].displayName, "A, B");
  EXPECT_EQ(out[2].expires(), 10u);
  std::vector<NameAddr> bad;
  EXPECT_FALSE(parseNameAddrList("<sip:a@x>,,<sip:b@y>", bad));
  EXPECT_FALSE(parseNameAddrList("<sip:a@x>, \"open", bad));
}

}  // namespace
}  // namespace sb::sip
