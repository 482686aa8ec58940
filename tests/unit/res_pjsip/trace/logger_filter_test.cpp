#include "modules/res_pjsip/trace/logger_filter.hpp"

#include <gtest/gtest.h>

namespace sb::modules::res_pjsip {
namespace {

boost::asio::ip::address ip(const char* text) {
  return boost::asio::ip::make_address(text);
}

TEST(LoggerFilter, NothingIsLoggedUntilSomethingIsChosen) {
  LoggerFilter filter;
  EXPECT_FALSE(filter.passes(ip("10.0.0.1"), "INVITE"));
  filter.enableAll();
  EXPECT_TRUE(filter.passes(ip("10.0.0.1"), "INVITE"));
  filter.reset();
  EXPECT_FALSE(filter.enabled());
  EXPECT_FALSE(filter.passes(ip("10.0.0.1"), "INVITE"));
}

TEST(LoggerFilter, HostsAndSubnetsMatch) {
  LoggerFilter filter;
  ASSERT_TRUE(filter.addHost("10.0.0.1", true));
  EXPECT_TRUE(filter.passes(ip("10.0.0.1"), "OPTIONS"));
  EXPECT_FALSE(filter.passes(ip("10.0.0.2"), "OPTIONS"));
  ASSERT_TRUE(filter.addHost("192.168.0.0/16", false));
  EXPECT_TRUE(filter.passes(ip("10.0.0.1"), "OPTIONS"));
  EXPECT_TRUE(filter.passes(ip("192.168.44.7"), "OPTIONS"));
  EXPECT_TRUE(filter.passes(ip("::ffff:192.168.1.1"), "OPTIONS"));  // dual-stack sockets
  EXPECT_FALSE(filter.passes(ip("192.169.0.1"), "OPTIONS"));
  ASSERT_TRUE(filter.addHost("172.16.0.0/255.240.0.0", true));  // replaces the others
  EXPECT_FALSE(filter.passes(ip("10.0.0.1"), "OPTIONS"));
  EXPECT_TRUE(filter.passes(ip("172.31.255.255"), "OPTIONS"));
  EXPECT_FALSE(filter.passes(ip("172.32.0.0"), "OPTIONS"));
}

TEST(LoggerFilter, Ipv6SubnetsMatch) {
  LoggerFilter filter;
  ASSERT_TRUE(filter.addHost("2001:db8::/32", true));
  EXPECT_TRUE(filter.passes(ip("2001:db8:1::5"), "INVITE"));
  EXPECT_FALSE(filter.passes(ip("2001:db9::5"), "INVITE"));
  EXPECT_FALSE(filter.passes(ip("10.0.0.1"), "INVITE"));
}

TEST(LoggerFilter, BadHostsAreRefused) {
  LoggerFilter filter;
  EXPECT_FALSE(filter.addHost("pbx.example.com", true));
  EXPECT_FALSE(filter.addHost("10.0.0.0/99", true));
  EXPECT_FALSE(filter.addHost("!10.0.0.1", true));
  EXPECT_FALSE(filter.addHost("10.0.0.1,10.0.0.2", true));
}

TEST(LoggerFilter, MethodsFilterAloneOrWithHosts) {
  LoggerFilter filter;
  EXPECT_TRUE(filter.addMethod("INVITE", true));
  EXPECT_TRUE(filter.addMethod("bye", false));
  EXPECT_FALSE(filter.addMethod("Invite", false));
  EXPECT_EQ(filter.methodList(), "bye, INVITE");
  EXPECT_TRUE(filter.passes(ip("10.0.0.1"), "INVITE"));
  EXPECT_TRUE(filter.passes(ip("10.0.0.1"), "BYE"));
  EXPECT_FALSE(filter.passes(ip("10.0.0.1"), "OPTIONS"));
  ASSERT_TRUE(filter.addHost("10.0.0.0/8", true));
  EXPECT_TRUE(filter.passes(ip("10.0.0.1"), "INVITE"));
  EXPECT_FALSE(filter.passes(ip("11.0.0.1"), "INVITE"));
  EXPECT_TRUE(filter.addMethod("OPTIONS", true));
  EXPECT_EQ(filter.methodList(), "OPTIONS");
}

TEST(LoggerFilter, OnLogsEverythingWhateverWasChosen) {
  LoggerFilter filter;
  ASSERT_TRUE(filter.addHost("10.0.0.1", true));
  filter.enableAll();
  EXPECT_TRUE(filter.passes(ip("10.9.9.9"), "INVITE"));
}

}  // namespace
}  // namespace sb::modules::res_pjsip
