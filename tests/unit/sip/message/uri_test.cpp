#include <gtest/gtest.h>

#include "sip/message/text.hpp"
#include "sip/message/uri.hpp"

namespace sb::sip {
namespace {

TEST(SipMsgSipUri, HostOnly) {
  auto u = parseUri("sip:example.com");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, UriScheme::Sip);
  EXPECT_FALSE(u->hasUser);
  EXPECT_EQ(u->host, "example.com");
  EXPECT_EQ(u->hostType, HostType::Name);
  EXPECT_FALSE(u->hasPort);
}

TEST(SipMsgSipUri, UserPasswordHostPortParamsHeaders) {
  auto u = parseUri(
      "sips:alice:secret@atlanta.example.com:5061;transport=tcp;lr;maddr=239.255.255.1"
      ";user=phone;ob?subject=project%20x&priority=urgent");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, UriScheme::Sips);
  EXPECT_EQ(u->user, "alice");
  EXPECT_EQ(u->password, "secret");
  EXPECT_TRUE(u->hasPassword);
  EXPECT_EQ(u->host, "atlanta.example.com");
  EXPECT_EQ(u->port, 5061);
  EXPECT_EQ(u->transport(), "tcp");
  EXPECT_TRUE(u->lr());
  EXPECT_TRUE(u->ob());
  EXPECT_EQ(u->maddr(), "239.255.255.1");
  EXPECT_EQ(u->userParam(), "phone");
  EXPECT_EQ(u->params.size(), 5u);
  EXPECT_TRUE(u->hasHeaders);
  EXPECT_EQ(u->headers, "subject=project%20x&priority=urgent");
}

TEST(SipMsgSipUri, SchemeIsCaseInsensitive) {
  auto u = parseUri("SIP:bob@biloxi.example.com");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, UriScheme::Sip);
  EXPECT_EQ(u->schemeText, "SIP");
}

TEST(SipMsgSipUri, IPv4Host) {
  auto u = parseUri("sip:192.0.2.4:5060");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->hostType, HostType::IPv4);
  EXPECT_EQ(u->port, 5060);
}

TEST(SipMsgSipUri, IPv6References) {
  auto u = parseUri("sip:user@[2001:db8::10]:5070;transport=udp");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->hostType, HostType::IPv6);
  EXPECT_EQ(u->host, "[2001:db8::10]");
  EXPECT_EQ(u->hostAddress(), "2001:db8::10");
  EXPECT_EQ(u->port, 5070);
  EXPECT_TRUE(parseUri("sip:[::1]"));
  EXPECT_TRUE(parseUri("sip:[::ffff:192.0.2.1]"));
  EXPECT_TRUE(parseUri("sip:[2001:db8:0:0:0:0:0:1]"));
  EXPECT_FALSE(parseUri("sip:2001:db8::10"));
  EXPECT_FALSE(parseUri("sip:[2001:db8::10"));
  EXPECT_FALSE(parseUri("sip:[2001:db8:::1]"));
  EXPECT_FALSE(parseUri("sip:[2001:db8::1::2]"));
  EXPECT_FALSE(parseUri("sip:[1:2:3:4:5:6:7:8:9]"));
  EXPECT_FALSE(parseUri("sip:[::1]x"));
}

TEST(SipMsgSipUri, AddressChecks) {
  EXPECT_TRUE(isIPv4Address("0.0.0.0"));
  EXPECT_FALSE(isIPv4Address("256.1.1.1"));
  EXPECT_FALSE(isIPv4Address("1.2.3"));
  EXPECT_TRUE(isIPv6Address("::"));
  EXPECT_TRUE(isIPv6Address("fe80::1"));
  EXPECT_FALSE(isIPv6Address(":1"));
  EXPECT_FALSE(isIPv6Address("1:"));
  EXPECT_FALSE(isIPv6Address("12345::"));
}

TEST(SipMsgSipUri, EscapesInUserAndParams) {
  auto u = parseUri("sip:%61lice@example.com;n%61me=v%61lue");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->user, "%61lice");
  EXPECT_EQ(text::unescape(u->user), "alice");
  EXPECT_EQ(u->params.get("n%61me"), "v%61lue");
  EXPECT_FALSE(parseUri("sip:%6@example.com"));
  EXPECT_FALSE(parseUri("sip:%zz@example.com"));
}

TEST(SipMsgSipUri, Rejects) {
  EXPECT_FALSE(parseUri(""));
  EXPECT_FALSE(parseUri("sip:"));
  EXPECT_FALSE(parseUri("sip:user@"));
  EXPECT_FALSE(parseUri("sip:@example.com"));
  EXPECT_FALSE(parseUri("sip:user@example.com:99999"));
  EXPECT_FALSE(parseUri("sip:user@example.com:"));
  EXPECT_FALSE(parseUri("sip:user@example.com;"));
  EXPECT_FALSE(parseUri("sip:user@example.com; lr"));
  EXPECT_FALSE(parseUri("sip:user@exa mple.com"));
  EXPECT_FALSE(parseUri("<sip:user@example.com>"));
  EXPECT_FALSE(parseUri("1sip:x"));
  EXPECT_FALSE(parseUri("sip:user@example.com?"));
}

TEST(SipMsgTelUri, NumberAndParams) {
  auto u = parseUri("tel:+1-201-555-0123;phone-context=example.com;ext=42");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, UriScheme::Tel);
  EXPECT_EQ(u->user, "+1-201-555-0123");
  EXPECT_EQ(u->params.get("phone-context"), "example.com");
  EXPECT_EQ(u->params.get("ext"), "42");
  EXPECT_TRUE(parseUri("tel:7042"));
  EXPECT_FALSE(parseUri("tel:"));
  EXPECT_FALSE(parseUri("tel:+1 201"));
  EXPECT_FALSE(parseUri("tel:+1@x"));
}

TEST(SipMsgOtherUri, KeptRaw) {
  auto u = parseUri("http://www.example.com/path?q=1");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, UriScheme::Other);
  EXPECT_EQ(u->schemeText, "http");
  EXPECT_EQ(u->opaque(), "//www.example.com/path?q=1");
  EXPECT_EQ(u->raw, "http://www.example.com/path?q=1");
  auto urn = parseUri("urn:service:sos");
  ASSERT_TRUE(urn);
  EXPECT_EQ(urn->opaque(), "service:sos");
}

TEST(SipMsgHostPortParser, Forms) {
  auto a = parseHostPort("example.com:5060");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "example.com");
  EXPECT_EQ(a->port, 5060);
  auto b = parseHostPort("[::1]:5061");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->type, HostType::IPv6);
  EXPECT_EQ(b->port, 5061);
  EXPECT_FALSE(parseHostPort(""));
  EXPECT_FALSE(parseHostPort(":5060"));
  EXPECT_FALSE(parseHostPort("a:b"));
}

}  // namespace
}  // namespace sb::sip
