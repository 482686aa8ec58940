#include <gtest/gtest.h>

#include "sip/transport/socket_address.hpp"

namespace sb::sip {
namespace {

TEST(AddressText, WritesIPv4WithoutLeadingZeros) {
  for (const char* text : {"0.0.0.0", "127.0.0.1", "10.20.30.40", "192.168.100.9",
                           "255.255.255.255", "1.10.100.200"}) {
    EXPECT_EQ(addressText(boost::asio::ip::make_address(text)), text);
  }
}

TEST(AddressText, WritesIPv6AsBoostDoesWithoutBrackets) {
  EXPECT_EQ(addressText(boost::asio::ip::make_address("2001:db8::5")), "2001:db8::5");
}

TEST(SocketAddress, FormatsHostAndPort) {
  EXPECT_EQ(SocketAddress::parse("10.0.0.7:5060")->str(), "10.0.0.7:5060");
  EXPECT_EQ(SocketAddress::parse("[2001:db8::1]:65535")->str(), "[2001:db8::1]:65535");
  EXPECT_EQ(SocketAddress::parse("[2001:db8::1]")->hostStr(), "[2001:db8::1]");
  EXPECT_EQ(SocketAddress::parse("192.0.2.1")->str(), "192.0.2.1:0");
}

}  // namespace
}  // namespace sb::sip
