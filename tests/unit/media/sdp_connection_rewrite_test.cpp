#include "media/sdp/connection_rewrite.hpp"

#include <gtest/gtest.h>

namespace sb::media {
namespace {

constexpr std::string_view kSdp =
    "v=0\r\n"
    "o=- 1 1 IN IP4 10.0.0.5\r\n"
    "s=Switchboard\r\n"
    "c=IN IP4 10.0.0.5\r\n"
    "t=0 0\r\n"
    "m=audio 30000 RTP/AVP 0\r\n"
    "c=IN IP4 192.0.2.9/127\r\n"
    "m=video 0 RTP/AVP 96\r\n";

TEST(SdpConnectionRewrite, ReplacesTheAddressesTheCallerChoosesAndNothingElse) {
  const auto onlyOurs = [](std::string_view address) { return address == "10.0.0.5"; };
  EXPECT_EQ(withConnectionAddress(kSdp, "203.0.113.7", onlyOurs),
            "v=0\r\n"
            "o=- 1 1 IN IP4 10.0.0.5\r\n"
            "s=Switchboard\r\n"
            "c=IN IP4 203.0.113.7\r\n"
            "t=0 0\r\n"
            "m=audio 30000 RTP/AVP 0\r\n"
            "c=IN IP4 192.0.2.9/127\r\n"
            "m=video 0 RTP/AVP 96\r\n");
  const auto all = [](std::string_view) { return true; };
  const std::string v6 = withConnectionAddress(kSdp, "2001:db8::7", all);
  EXPECT_NE(v6.find("c=IN IP6 2001:db8::7\r\nt=0"), std::string::npos);
  EXPECT_NE(v6.find("c=IN IP6 2001:db8::7/127\r\n"), std::string::npos);  // TTL kept
}

TEST(SdpConnectionRewrite, LeavesOddLinesAndBareNewlinesAlone) {
  const auto all = [](std::string_view) { return true; };
  EXPECT_EQ(withConnectionAddress("c=IN IP4 \nc=IN\nc=IN IP4 10.0.0.1", "203.0.113.7", all),
            "c=IN IP4 \nc=IN\nc=IN IP4 203.0.113.7");
  EXPECT_EQ(withConnectionAddress("", "203.0.113.7", all), "");
}

}  // namespace
}  // namespace sb::media
