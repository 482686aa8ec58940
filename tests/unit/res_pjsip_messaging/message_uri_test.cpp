#include "modules/res_pjsip_messaging/message_uri.hpp"

#include <gtest/gtest.h>

namespace sb::modules::res_pjsip_messaging {
namespace {

TEST(MessageAddress, NameAddrOrBareUri) {
  auto address = parseAddress("\"Bob B\" <sip:bob@example.com;transport=tcp>");
  ASSERT_TRUE(address);
  EXPECT_EQ(address->display, "Bob B");
  EXPECT_EQ(address->uri, "sip:bob@example.com;transport=tcp");
  EXPECT_TRUE(address->sip);
  // A bare URI keeps its parameters.
  address = parseAddress("sip:bob@example.com;transport=tcp");
  ASSERT_TRUE(address);
  EXPECT_EQ(address->uri, "sip:bob@example.com;transport=tcp");
  EXPECT_EQ(address->display, "");
  address = parseAddress("tel:+15551234");
  ASSERT_TRUE(address);
  EXPECT_FALSE(address->sip);
  EXPECT_FALSE(parseAddress("bob@example.com"));
  EXPECT_FALSE(parseAddress("<sip:bob@example.com"));
  EXPECT_FALSE(parseAddress(""));
}

TEST(MessageUri, UserEscapedAndReplaced) {
  EXPECT_EQ(escapeUser("+1-555;npdi?x=y"), "+1-555;npdi?x=y");
  EXPECT_EQ(escapeUser("a b@c%41%zz"), "a%20b%40c%41%25zz");
  EXPECT_EQ(withUser("sip:bob@192.0.2.1:5060;ob", "6001"), "sip:6001@192.0.2.1:5060;ob");
  EXPECT_EQ(withUser("sips:192.0.2.1", "6001"), "sips:6001@192.0.2.1");
  EXPECT_EQ(withUser("sip:bob:pw@192.0.2.1", "x"), "sip:x@192.0.2.1");
  EXPECT_EQ(withUser("sip:bob@192.0.2.1", ""), "sip:192.0.2.1");
  EXPECT_FALSE(withUser("tel:+1555", "x"));
  EXPECT_FALSE(withUser("garbage", "x"));
}

}  // namespace
}  // namespace sb::modules::res_pjsip_messaging
