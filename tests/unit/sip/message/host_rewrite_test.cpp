#include "sip/message/host_rewrite.hpp"

#include <gtest/gtest.h>

namespace sb::sip {
namespace {

TEST(HostRewrite, ViaSentByKeepsProtocolParametersAndPortUnlessGiven) {
  EXPECT_EQ(withViaSentBy("SIP/2.0/UDP 10.0.0.5:5060;rport;branch=z9hG4bK1", {"203.0.113.7", {}}),
            "SIP/2.0/UDP 203.0.113.7:5060;rport;branch=z9hG4bK1");
  EXPECT_EQ(withViaSentBy("SIP/2.0/TCP 10.0.0.5;branch=z9hG4bK1", {"203.0.113.7", 5070}),
            "SIP/2.0/TCP 203.0.113.7:5070;branch=z9hG4bK1");
  EXPECT_EQ(withViaSentBy("SIP/2.0/UDP [::1]:5060;branch=z9hG4bK1", {"2001:db8::7", {}}),
            "SIP/2.0/UDP [2001:db8::7]:5060;branch=z9hG4bK1");
  // Only the first via-parm of a list.
  EXPECT_EQ(withViaSentBy("SIP/2.0/UDP a.example:5060;branch=z9hG4bK1, SIP/2.0/UDP b.example",
                          {"pbx.example.com", {}}),
            "SIP/2.0/UDP pbx.example.com:5060;branch=z9hG4bK1, SIP/2.0/UDP b.example");
  EXPECT_FALSE(withViaSentBy("not a via", {"203.0.113.7", {}}));
  EXPECT_FALSE(withViaSentBy("", {"203.0.113.7", {}}));
}

TEST(HostRewrite, ContactHostKeepsUserDisplayNameAndParameters) {
  EXPECT_EQ(withUriHost("<sip:s@10.0.0.5:5060>", {"203.0.113.7", {}}), "<sip:s@203.0.113.7:5060>");
  EXPECT_EQ(withUriHost("\"Alice\" <sip:alice@10.0.0.5:5060;transport=tcp>;expires=60",
                        {"203.0.113.7", 5070}),
            "\"Alice\" <sip:alice@203.0.113.7:5070;transport=tcp>;expires=60");
  EXPECT_EQ(withUriHost("sip:10.0.0.5", {"203.0.113.7", {}}), "sip:203.0.113.7");
  EXPECT_EQ(withUriHost("<sips:bob@[fe80::1]:5061>", {"2001:db8::7", {}}),
            "<sips:bob@[2001:db8::7]:5061>");
  EXPECT_FALSE(withUriHost("*", {"203.0.113.7", {}}));
  EXPECT_FALSE(withUriHost("<tel:+15551234>", {"203.0.113.7", {}}));
  EXPECT_FALSE(withUriHost("<sip:", {"203.0.113.7", {}}));
}

}  // namespace
}  // namespace sb::sip
