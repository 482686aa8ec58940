#include <gtest/gtest.h>

#include "sip/message/via.hpp"

namespace sb::sip {
namespace {

TEST(SipMsgVia, Basic) {
  auto v = parseVia("SIP/2.0/UDP pc33.atlanta.example.com:5066;branch=z9hG4bK776asdhds");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->protocolName, "SIP");
  EXPECT_EQ(v->protocolVersion, "2.0");
  EXPECT_EQ(v->transport, "UDP");
  EXPECT_EQ(v->host, "pc33.atlanta.example.com");
  EXPECT_EQ(v->port, 5066);
  EXPECT_TRUE(v->hasPort);
  EXPECT_EQ(v->branch(), "z9hG4bK776asdhds");
  EXPECT_TRUE(v->hasMagicCookie());
}

TEST(SipMsgVia, ReceivedRportMaddrTtl) {
  auto v = parseVia(
      "SIP/2.0/UDP 10.0.0.1;rport=5062;received=192.0.2.9;maddr=224.2.0.1;ttl=16;branch=z9hG4bKx;"
      "custom=1;flag");
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->hasRport());
  EXPECT_EQ(v->rport(), 5062);
  EXPECT_EQ(v->received(), "192.0.2.9");
  EXPECT_EQ(v->maddr(), "224.2.0.1");
  EXPECT_EQ(v->ttl(), 16);
  EXPECT_EQ(v->params.get("custom"), "1");
  EXPECT_TRUE(v->params.has("flag"));
  EXPECT_EQ(v->hostType, HostType::IPv4);
}

TEST(SipMsgVia, RportWithoutValue) {
  auto v = parseVia("SIP/2.0/TCP host;rport;branch=z9hG4bK1");
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->hasRport());
  EXPECT_FALSE(v->rport().has_value());
}

TEST(SipMsgVia, LwsEverywhere) {
  auto v = parseVia("SIP  /  2.0 / TLS   host.example.com:5061 ;  branch = z9hG4bKabc ; rport");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->transport, "TLS");
  EXPECT_EQ(v->port, 5061);
  EXPECT_EQ(v->branch(), "z9hG4bKabc");
}

TEST(SipMsgVia, IPv6SentByAndReceived) {
  auto v = parseVia("SIP/2.0/UDP [2001:db8::9:1]:5070;received=[2001:db8::9:255];branch=z9hG4bKa");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->host, "[2001:db8::9:1]");
  EXPECT_EQ(v->hostType, HostType::IPv6);
  EXPECT_EQ(v->port, 5070);
  EXPECT_EQ(v->received(), "[2001:db8::9:255]");
  EXPECT_TRUE(parseVia("SIP/2.0/UDP [::1];received=2001:db8::9:255"));
}

TEST(SipMsgVia, List) {
  std::vector<Via> out;
  ASSERT_TRUE(parseViaList("SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b:5060", out));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].host, "b");
  std::vector<Via> bad;
  EXPECT_FALSE(parseViaList("SIP/2.0/UDP 192.0.2.15;;,;,,", bad));
}

TEST(SipMsgVia, Rejects) {
  EXPECT_FALSE(parseVia(""));
  EXPECT_FALSE(parseVia("SIP/2.0/UDP"));
  EXPECT_FALSE(parseVia("SIP/2.0 host"));
  EXPECT_FALSE(parseVia("SIP/2.0/UDPhost"));
  EXPECT_FALSE(parseVia("SIP/2.0/UDP host;branch"));
  EXPECT_FALSE(parseVia("SIP/2.0/UDP host;rport=70000"));
  EXPECT_FALSE(parseVia("SIP/2.0/UDP host;ttl=256"));
  EXPECT_FALSE(parseVia("SIP/2.0/UDP host;received=nothost"));
  EXPECT_FALSE(parseVia("SIP/2.0/UDP host:port"));
  EXPECT_FALSE(parseVia("SIP/2.0/UDP host extra"));
}

}  // namespace
}  // namespace sb::sip
