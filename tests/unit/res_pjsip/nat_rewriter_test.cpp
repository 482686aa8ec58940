#include "modules/res_pjsip/nat_rewriter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "modules/res_pjsip/transport_config.hpp"
#include "sip/message/parser.hpp"
#include "store/store_test_support.hpp"

namespace sb::modules::res_pjsip {
namespace {

constexpr const char* kPjsipConf = R"(
[nat]
type = transport
protocol = udp
bind = 0.0.0.0:5060
external_signaling_address = 203.0.113.7
external_media_address = 203.0.113.8
local_net = 10.0.0.0/8
local_net = 192.168.0.0/16

[nat-port]
type = transport
protocol = udp
bind = 0.0.0.0:5070
external_signaling_address = 203.0.113.7
external_signaling_port = 15070

[plain]
type = transport
protocol = udp
bind = 0.0.0.0:5080
)";

constexpr std::string_view kInvite =
    "INVITE sip:bob@198.51.100.2 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 10.0.0.5:5060;rport;branch=z9hG4bK-1\r\n"
    "From: <sip:alice@10.0.0.5>;tag=a\r\n"
    "To: <sip:bob@198.51.100.2>\r\n"
    "Call-ID: nat-1\r\n"
    "CSeq: 1 INVITE\r\n"
    "Contact: <sip:alice@10.0.0.5:5060>\r\n"
    "Max-Forwards: 70\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length: 74\r\n"
    "\r\n"
    "v=0\r\n"
    "o=- 1 1 IN IP4 10.0.0.5\r\n"
    "c=IN IP4 10.0.0.5\r\n"
    "m=audio 30000 RTP/AVP 0\r\n";

class NatRewriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = store::ObjectStore::load(
        store::testing::request({{"pjsip.conf", kPjsipConf}}, {transportType()}));
    ASSERT_TRUE(loaded.ok());
    rewriter_ = NatRewriter::fromObjects(*loaded.objects, &problems_);
  }

  std::string send(std::string_view listener, std::string_view remote) {
    auto parsed = sip::parseMessage(std::string(kInvite));
    EXPECT_TRUE(parsed.ok());
    auto& message = parsed.message;
    sip::Flow flow;
    flow.listener = std::string(listener);
    flow.remote = *sip::SocketAddress::parse(std::string(remote));
    rewriter_.apply(*message, flow);
    return message->serialize();
  }

  NatRewriter rewriter_;
  std::vector<std::string> problems_;
};

TEST_F(NatRewriterTest, TowardsTheInternetContactViaAndSdpShowTheExternalAddresses) {
  ASSERT_TRUE(problems_.empty());
  ASSERT_FALSE(rewriter_.empty());
  const std::string out = send("nat", "198.51.100.2:5060");
  EXPECT_NE(out.find("\r\nVia: SIP/2.0/UDP 203.0.113.7:5060;rport;branch=z9hG4bK-1\r\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\r\nContact: <sip:alice@203.0.113.7:5060>\r\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\r\nc=IN IP4 203.0.113.8\r\n"), std::string::npos) << out;
  EXPECT_NE(out.find("o=- 1 1 IN IP4 10.0.0.5\r\n"), std::string::npos) << out;  // o= as is
  EXPECT_NE(out.find("From: <sip:alice@10.0.0.5>;tag=a"), std::string::npos) << out;
  EXPECT_NE(out.find("Content-Length: 77\r\n"), std::string::npos) << out;
}

TEST_F(NatRewriterTest, TowardsALocalNetworkNothingChanges) {
  EXPECT_EQ(send("nat", "192.168.1.20:5060"), std::string(kInvite));
  EXPECT_EQ(send("nat", "10.1.2.3:5060"), std::string(kInvite));
}

TEST_F(NatRewriterTest, WithoutLocalNetEveryDestinationIsExternalAndThePortIsReplaced) {
  const std::string out = send("nat-port", "10.1.2.3:5060");
  EXPECT_NE(out.find("Via: SIP/2.0/UDP 203.0.113.7:15070;rport"), std::string::npos) << out;
  EXPECT_NE(out.find("Contact: <sip:alice@203.0.113.7:15070>"), std::string::npos) << out;
  EXPECT_NE(out.find("c=IN IP4 10.0.0.5"), std::string::npos) << out;  // no media address
}

TEST_F(NatRewriterTest, OtherTransportsAreLeftAlone) {
  EXPECT_EQ(send("plain", "198.51.100.2:5060"), std::string(kInvite));
  EXPECT_EQ(send("unknown", "198.51.100.2:5060"), std::string(kInvite));
}

TEST_F(NatRewriterTest, RegisterResponsesKeepTheClientsBindings) {
  const std::string ok =
      "SIP/2.0 200 OK\r\n"
      "Via: SIP/2.0/UDP 198.51.100.2:5060;branch=z9hG4bK-2\r\n"
      "From: <sip:alice@pbx>;tag=a\r\n"
      "To: <sip:alice@pbx>;tag=b\r\n"
      "Call-ID: nat-2\r\n"
      "CSeq: 7 REGISTER\r\n"
      "Contact: <sip:alice@198.51.100.2:5060>;expires=60\r\n"
      "Content-Length: 0\r\n\r\n";
  auto parsed = sip::parseMessage(ok);
  ASSERT_TRUE(parsed.ok());
  sip::Flow flow;
  flow.listener = "nat";
  flow.remote = *sip::SocketAddress::parse("198.51.100.2:5060");
  rewriter_.apply(*parsed.message, flow);
  EXPECT_EQ(parsed.message->serialize(), ok);
}

}  // namespace
}  // namespace sb::modules::res_pjsip
