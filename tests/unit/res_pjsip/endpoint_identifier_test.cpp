// Identification by an outbound registration's ;line= token: it comes before every other way
// (Asterisk registers that identifier first), from the To URI or else the Request-URI.
#include "modules/res_pjsip/endpoint_identifier.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "modules/res_pjsip/endpoint_config.hpp"
#include "sip/message/parser.hpp"
#include "store/store_test_support.hpp"

namespace sb::modules::res_pjsip {
namespace {

constexpr const char* kPjsipConf = R"(
[trunk]
type = endpoint
context = from-trunk

[6001]
type = endpoint
context = internal
)";

std::shared_ptr<const store::ObjectSet> loadObjects() {
  std::vector<std::shared_ptr<const store::ObjectTypeBase>> types{endpointType()};
  auto loaded =
      store::ObjectStore::load(store::testing::request({{"pjsip.conf", kPjsipConf}}, types));
  EXPECT_TRUE(loaded.ok());
  return loaded.objects;
}

sip::Message request(const std::string& requestUri, const std::string& to) {
  const std::string text = "INVITE " + requestUri +
                           " SIP/2.0\r\n"
                           "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK1\r\n"
                           "From: <sip:6001@192.0.2.9>;tag=1\r\n"
                           "To: " +
                           to +
                           "\r\n"
                           "Call-ID: line1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                           "Content-Length: 0\r\n\r\n";
  auto parsed = sip::parseMessage(text);
  EXPECT_TRUE(parsed.ok());
  return std::move(*parsed.message);
}

TEST(EndpointIdentifierLine, LineTokenWinsOverTheFromUser) {
  std::vector<std::string> asked;
  EndpointIdentifier identifier(nullptr, [&asked](std::string_view line) {
    asked.emplace_back(line);
    return line == "abc1234" ? std::string("trunk") : std::string();
  });
  const auto objects = loadObjects();
  const sip::Flow flow;

  // From says 6001, but the Request-URI carries the registration's token.
  auto found = identifier.identify(
      objects, request("sip:s@192.0.2.1:5060;line=abc1234", "<sip:s@192.0.2.1>"), flow);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->endpoint->id, "trunk");
  EXPECT_EQ(found->by, "line");

  // The To URI is looked at first.
  found = identifier.identify(
      objects, request("sip:s@192.0.2.1:5060", "<sip:s@192.0.2.1;line=abc1234>"), flow);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->endpoint->id, "trunk");

  // An unknown token falls through to the usual identifiers.
  found = identifier.identify(objects, request("sip:s@192.0.2.1;line=nope", "<sip:s@x>"), flow);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->endpoint->id, "6001");
  EXPECT_EQ(found->by, "username");

  // Requests without a token never ask.
  asked.clear();
  (void)identifier.identify(objects, request("sip:s@192.0.2.1", "<sip:s@x>"), flow);
  EXPECT_TRUE(asked.empty());
}

TEST(EndpointIdentifierLine, WithoutARegistryNothingIsMatchedByLine) {
  EndpointIdentifier identifier;
  const auto objects = loadObjects();
  auto found = identifier.identify(
      objects, request("sip:s@192.0.2.1;line=abc1234", "<sip:s@192.0.2.1>"), sip::Flow{});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->by, "username");
}

}  // namespace
}  // namespace sb::modules::res_pjsip
