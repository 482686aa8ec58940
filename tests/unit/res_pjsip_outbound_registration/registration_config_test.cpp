#include "modules/res_pjsip_outbound_registration/registration_config.hpp"

#include <gtest/gtest.h>

#include "store/store_test_support.hpp"

namespace sb::modules::res_pjsip_outbound_registration {
namespace {

store::LoadResult load(const std::string& text) {
  return store::ObjectStore::load(
      store::testing::request({{"pjsip.conf", text}}, {registrationType()}));
}

std::vector<std::string> errors(const store::LoadResult& result) {
  std::vector<std::string> out;
  for (const auto& d : result.diagnostics) {
    if (d.severity == config::Diagnostic::Severity::Error) {
      out.push_back(d.str());
    }
  }
  return out;
}

TEST(RegistrationConfigTest, DefaultsAreAsterisks) {
  auto result = load("[r]\ntype=registration\nserver_uri=sip:192.0.2.1\nclient_uri=sip:u@h\n");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(errors(result));
  auto r = result.objects->get<RegistrationConfig>("registration", "r");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->contactUser, "s");
  EXPECT_EQ(r->retryInterval, 60u);
  EXPECT_EQ(r->forbiddenRetryInterval, 0u);
  EXPECT_EQ(r->fatalRetryInterval, 0u);
  EXPECT_EQ(r->maxRetries, 10u);
  EXPECT_TRUE(r->authRejectionPermanent);
  EXPECT_EQ(r->expiration, 3600u);
  EXPECT_EQ(r->maxRandomInitialDelay, 10u);
  EXPECT_FALSE(r->line);
  EXPECT_FALSE(r->supportPath);
  EXPECT_FALSE(r->supportOutbound);
  EXPECT_EQ(r->securityNegotiation, "no");
  EXPECT_TRUE(r->outboundAuth.empty());
}

TEST(RegistrationConfigTest, Values) {
  auto result = load(
      "[r]\ntype=registration\nserver_uri=sip:itsp.example.com\nclient_uri=sip:1234@itsp.example."
      "com\n"
      "contact_user=1234\noutbound_auth=a1,a2\noutbound_proxy=sip:proxy.example.com\\;lr\n"
      "retry_interval=30\nforbidden_retry_interval=300\nfatal_retry_interval=600\nmax_retries=3\n"
      "auth_rejection_permanent=no\nexpiration=120\nline=yes\nendpoint=itsp\ntransport=t-udp\n"
      "support_path=yes\nsupport_outbound=yes\nsecurity_negotiation=mediasec\n"
      "security_mechanisms=msrp-tls\n");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(errors(result));
  auto r = result.objects->get<RegistrationConfig>("registration", "r");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outboundAuth, (std::vector<std::string>{"a1", "a2"}));
  EXPECT_EQ(r->outboundProxy, "sip:proxy.example.com;lr");
  EXPECT_EQ(r->retryInterval, 30u);
  EXPECT_EQ(r->forbiddenRetryInterval, 300u);
  EXPECT_EQ(r->fatalRetryInterval, 600u);
  EXPECT_EQ(r->maxRetries, 3u);
  EXPECT_FALSE(r->authRejectionPermanent);
  EXPECT_EQ(r->expiration, 120u);
  EXPECT_TRUE(r->line);
  EXPECT_EQ(r->endpoint, "itsp");
  EXPECT_EQ(r->transport, "t-udp");
  EXPECT_TRUE(r->supportPath);
  EXPECT_TRUE(r->supportOutbound);
  EXPECT_EQ(r->securityNegotiation, "mediasec");
}

TEST(RegistrationConfigTest, UrisAreRequiredAndMustBeSip) {
  EXPECT_FALSE(load("[r]\ntype=registration\nclient_uri=sip:u@h\n").ok());
  EXPECT_FALSE(load("[r]\ntype=registration\nserver_uri=sip:h\n").ok());
  EXPECT_FALSE(load("[r]\ntype=registration\nserver_uri=http://h\nclient_uri=sip:u@h\n").ok());
  EXPECT_FALSE(
      load("[r]\ntype=registration\nserver_uri=sip:h\nclient_uri=sip:u@h\nsecurity_negotiation=x\n")
          .ok());
}

}  // namespace
}  // namespace sb::modules::res_pjsip_outbound_registration
