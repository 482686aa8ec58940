#include "modules/res_pjsip/served_domains.hpp"

#include <gtest/gtest.h>

#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/domain_alias_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/transport_config.hpp"
#include "store/store_test_support.hpp"

namespace sb::modules::res_pjsip {
namespace {

std::shared_ptr<const store::ObjectSet> load(const std::string& text) {
  std::vector<std::shared_ptr<const store::ObjectTypeBase>> types{
      endpointType(), aorType(), domainAliasType(), transportType()};
  auto loaded = store::ObjectStore::load(store::testing::request({{"pjsip.conf", text}}, types));
  EXPECT_TRUE(loaded.ok());
  return loaded.objects;
}

TEST(ServedDomains, AConfigurationNamingNoDomainServesEverything) {
  auto objects = load("[6001]\ntype = endpoint\n[6001]\ntype = aor\n");
  EXPECT_TRUE(namedDomains(*objects).empty());
  ServedDomains served;
  EXPECT_TRUE(served.serves(objects, "pbx.example.com"));
  EXPECT_TRUE(served.serves(objects, "anything.invalid"));
}

TEST(ServedDomains, NamedDomainsAliasesAndOurOwnNames) {
  auto objects = load(
      "[alice@example.com]\ntype = aor\n"
      "[bob@Example.NET]\ntype = endpoint\nfrom_domain = calls.example.org\n"
      "[alias.example.com]\ntype = domain_alias\ndomain = example.com\n"
      "[udp]\ntype = transport\nprotocol = udp\nbind = 0.0.0.0\n"
      "external_signaling_address = sip.example.io\n");
  const auto domains = namedDomains(*objects);
  for (const char* name : {"example.com", "example.net", "alias.example.com", "calls.example.org",
                           "sip.example.io", "localhost"}) {
    EXPECT_EQ(domains.count(name), 1u) << name;
  }
  ServedDomains served;
  EXPECT_TRUE(served.serves(objects, "EXAMPLE.com"));
  EXPECT_TRUE(served.serves(objects, "alias.example.com"));
  EXPECT_FALSE(served.serves(objects, "elsewhere.example"));
  // Addresses are always ours: NAT mappings cannot be known here.
  EXPECT_TRUE(served.serves(objects, "198.51.100.7"));
  EXPECT_TRUE(served.serves(objects, "[2001:db8::1]"));
}

TEST(ServedDomains, FollowsANewConfiguration) {
  ServedDomains served;
  auto named = load("[alice@example.com]\ntype = aor\n");
  EXPECT_FALSE(served.serves(named, "other.example"));
  auto plain = load("[alice]\ntype = aor\n");
  EXPECT_TRUE(served.serves(plain, "other.example"));
}

}  // namespace
}  // namespace sb::modules::res_pjsip
