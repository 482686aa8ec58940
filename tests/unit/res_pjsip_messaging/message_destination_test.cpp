#include "modules/res_pjsip_messaging/message_destination.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace sb::modules::res_pjsip_messaging {
namespace {

/// A configuration: endpoints with their AORs, AORs with their contacts.
class FakeLookup : public DestinationLookup {
 public:
  std::map<std::string, std::vector<std::string>, std::less<>> endpoints;
  std::map<std::string, std::vector<ContactRef>, std::less<>> aors;
  std::string defaultEndpoint;
  bool ignoreUserOptions = false;

  bool endpointExists(std::string_view name) const override {
    return endpoints.find(name) != endpoints.end();
  }
  bool aorExists(std::string_view name) const override { return aors.find(name) != aors.end(); }
  std::optional<ContactRef> firstContactOfEndpoint(std::string_view name) const override {
    auto endpoint = endpoints.find(name);
    if (endpoint == endpoints.end()) {
      return std::nullopt;
    }
    for (const auto& aor : endpoint->second) {
      if (auto contact = firstContactOfAor(aor)) {
        return contact;
      }
    }
    return std::nullopt;
  }
  std::optional<ContactRef> firstContactOfAor(std::string_view name) const override {
    auto aor = aors.find(name);
    if (aor == aors.end() || aor->second.empty()) {
      return std::nullopt;
    }
    return aor->second.front();
  }
  std::string defaultOutboundEndpoint() const override { return defaultEndpoint; }
  bool ignoreUriUserOptions() const override { return ignoreUserOptions; }
};

FakeLookup configuration() {
  FakeLookup lookup;
  lookup.endpoints = {{"bob", {"bob-desk", "bob-mobile"}},
                      {"alice", {"alice"}},
                      {"trunk", {"trunk"}},
                      {"default_outbound_endpoint", {}}};
  lookup.aors = {{"bob-desk", {}},
                 {"bob-mobile",
                  {{"bob-mobile", "sip:bob@192.0.2.7:5070;x-ast-txp=udp", true},
                   {"bob-mobile", "sip:bob@192.0.2.8", true}}},
                 {"alice", {}},
                 {"trunk", {{"trunk", "sip:provider.example.com", false}}}};
  lookup.defaultEndpoint = "default_outbound_endpoint";
  return lookup;
}

MessageDestination resolved(std::string_view to, const FakeLookup& lookup = configuration()) {
  auto out = resolveDestination(to, lookup);
  EXPECT_TRUE(out.destination) << to << ": " << out.error;
  return out.destination.value_or(MessageDestination{});
}

ResolvedDestination refused(std::string_view to, const FakeLookup& lookup = configuration()) {
  auto out = resolveDestination(to, lookup);
  EXPECT_FALSE(out.destination) << to << " gave " << out.destination->requestUri;
  return out;
}

TEST(MessageTechnology, IsTheTextBeforeTheFirstColonCaseSensitively) {
  EXPECT_EQ(technologyOf("pjsip:bob"), MessageTech::Pjsip);
  EXPECT_EQ(technologyOf("pjsip"), MessageTech::Pjsip);
  EXPECT_EQ(technologyOf("sip:bob@example.com"), MessageTech::Sip);
  EXPECT_FALSE(technologyOf("PJSIP:bob"));
  EXPECT_FALSE(technologyOf("xmpp:bob@example.com"));
  EXPECT_FALSE(technologyOf("bob"));
  EXPECT_FALSE(technologyOf(""));
}

TEST(MessageDestination, EndpointGoesToTheFirstContactOfItsFirstAorThatHasOne) {
  const auto to = resolved("pjsip:bob");
  EXPECT_EQ(to.endpoint, "bob");
  EXPECT_EQ(to.requestUri, "sip:bob@192.0.2.7:5070;x-ast-txp=udp");
  ASSERT_TRUE(to.contact);
  EXPECT_EQ(to.contact->aor, "bob-mobile");
  EXPECT_TRUE(to.contact->registered);
  // A static contact=.
  const auto trunk = resolved("pjsip:trunk");
  EXPECT_EQ(trunk.requestUri, "sip:provider.example.com");
  ASSERT_TRUE(trunk.contact);
  EXPECT_FALSE(trunk.contact->registered);
}

TEST(MessageDestination, EndpointWithoutContactIsRefusedWithAsterisksLines) {
  const auto out = refused("pjsip:alice");
  ASSERT_EQ(out.warnings.size(), 1u);
  EXPECT_EQ(out.warnings[0],
            "Dest: 'alice'. Found endpoint 'alice' but didn't find an aor/contact for it");
  EXPECT_EQ(out.error,
            "PJSIP MESSAGE - Could not find endpoint 'alice' and no default outbound endpoint "
            "configured");
}

TEST(MessageDestination, UserAtEndpointInsertsTheUserIntoTheContact) {
  const auto to = resolved("pjsip:PJSIP/6001@bob");
  EXPECT_EQ(to.endpoint, "bob");
  EXPECT_EQ(to.requestUri, "sip:6001@192.0.2.7:5070;x-ast-txp=udp");
  ASSERT_TRUE(to.contact);
  EXPECT_EQ(to.contact->uri, "sip:bob@192.0.2.7:5070;x-ast-txp=udp");
  // Added to a contact without a user, escaped where needed.
  EXPECT_EQ(resolved("pjsip:PJSIP/+1 555@trunk").requestUri, "sip:+1%20555@provider.example.com");
  EXPECT_EQ(refused("pjsip:PJSIP/6001").warnings.at(0),
            "Dest: 'PJSIP/6001'. Destinations beginning with 'PJSIP/' must be in the form of "
            "'PJSIP/user@endpoint'");
  EXPECT_EQ(refused("pjsip:PJSIP/6001@alice").warnings.at(0),
            "Dest: 'PJSIP/6001@alice'. Couldn't find contact for endpoint 'alice'");
  EXPECT_EQ(refused("pjsip:PJSIP/6001@nobody").warnings.at(0),
            "Dest: 'PJSIP/6001@nobody'. Didn't find endpoint with name 'nobody'");
}

TEST(MessageDestination, EndpointSlashAorOrUri) {
  auto to = resolved("pjsip:alice/trunk");
  EXPECT_EQ(to.endpoint, "alice");
  EXPECT_EQ(to.requestUri, "sip:provider.example.com");
  to = resolved("pjsip:alice/sip:carol@192.0.2.9:5080;transport=tcp");
  EXPECT_EQ(to.endpoint, "alice");
  EXPECT_EQ(to.requestUri, "sip:carol@192.0.2.9:5080;transport=tcp");
  EXPECT_FALSE(to.contact);
  to = resolved("pjsip:alice/\"Carol C\" <sips:carol@example.com>");
  EXPECT_EQ(to.requestUri, "sips:carol@example.com");
  EXPECT_EQ(to.toDisplay, "Carol C");
  // Not an AOR: a URI without its scheme.
  to = resolved("pjsip:alice/carol@example.com");
  EXPECT_EQ(to.requestUri, "sip:carol@example.com");
  EXPECT_EQ(refused("pjsip:alice/alice").warnings.at(0),
            "Dest: 'alice/alice'. Found endpoint 'alice' but didn't find contact for aor 'alice'");
  EXPECT_EQ(refused("pjsip:nobody/sip:x@example.com").warnings.at(0),
            "Dest: 'nobody/sip:x@example.com'. Didn't find endpoint with name 'nobody'");
}

TEST(MessageDestination, EndpointAtDomainDropsTheDomain) {
  const auto to = resolved("pjsip:bob@example.com");
  EXPECT_EQ(to.endpoint, "bob");
  EXPECT_EQ(to.requestUri, "sip:bob@192.0.2.7:5070;x-ast-txp=udp");
  EXPECT_EQ(refused("pjsip:alice@example.com").warnings.at(0),
            "Dest: 'alice@example.com'. Found endpoint 'alice' but didn't find contact");
  // User options are only cut with ignore_uri_user_options.
  EXPECT_EQ(resolved("pjsip:bob;npdi@example.com").requestUri, "sip:bob;npdi@example.com");
  auto lookup = configuration();
  lookup.ignoreUserOptions = true;
  EXPECT_EQ(resolved("pjsip:bob;npdi@example.com", lookup).endpoint, "bob");
}

TEST(MessageDestination, UrisGoWithTheDefaultOutboundEndpoint) {
  for (std::string_view to :
       {"pjsip:sip:carol@192.0.2.9", "pjsip:carol@192.0.2.9", "pjsip:<sip:carol@192.0.2.9>"}) {
    const auto out = resolved(to);
    EXPECT_EQ(out.endpoint, "default_outbound_endpoint") << to;
    EXPECT_EQ(out.requestUri, "sip:carol@192.0.2.9") << to;
    EXPECT_FALSE(out.contact);
  }
  const auto named = resolved("pjsip:\"Carol\" <sip:carol@192.0.2.9>");
  EXPECT_EQ(named.toDisplay, "Carol");
  EXPECT_EQ(resolved("pjsip:example.com:5080").requestUri, "sip:example.com:5080");

  auto lookup = configuration();
  lookup.defaultEndpoint.clear();
  const auto out = refused("pjsip:sip:carol@192.0.2.9", lookup);
  EXPECT_TRUE(out.warnings.empty());
  EXPECT_EQ(out.error,
            "PJSIP MESSAGE - Could not find endpoint 'sip:carol@192.0.2.9' and no default "
            "outbound endpoint configured");
  refused("pjsip:nobody", lookup);
}

TEST(MessageDestination, UnusableUrisAreRefused) {
  for (std::string_view to : {"pjsip:", "pjsip", "pjsip:tel:+15551234",
                              "pjsip:sip:", "pjsip:alice/<sip:x@y", "pjsip:a b c"}) {
    refused(to);
  }
  EXPECT_EQ(refused("pjsip:sip:").warnings.back(), "PJSIP MESSAGE - Could not create request");
}

TEST(MessageDestination, ChanSipPeersAndHosts) {
  auto to = resolved("sip:bob");
  EXPECT_EQ(to.endpoint, "bob");
  EXPECT_EQ(to.requestUri, "sip:bob@192.0.2.7:5070;x-ast-txp=udp");
  to = resolved("sip:9000@bob");
  EXPECT_EQ(to.requestUri, "sip:9000@192.0.2.7:5070;x-ast-txp=udp");
  ASSERT_TRUE(to.contact);
  to = resolved("sip:carol@192.0.2.9:5080;transport=tcp");
  EXPECT_EQ(to.endpoint, "default_outbound_endpoint");
  EXPECT_EQ(to.requestUri, "sip:carol@192.0.2.9:5080");
  to = resolved("sip:<sips:carol@example.com>");
  EXPECT_EQ(to.requestUri, "sips:carol@example.com");
  // Without a default outbound endpoint a host is still reached, with the server's identity.
  auto lookup = configuration();
  lookup.defaultEndpoint.clear();
  EXPECT_EQ(resolved("sip:example.com", lookup).endpoint, "");
  EXPECT_EQ(refused("sip:").warnings.at(0), "MESSAGE(to) is invalid for SIP - 'sip:'");
  EXPECT_EQ(refused("sip:alice").warnings.at(0),
            "Dest: 'sip:alice'. Found endpoint 'alice' but didn't find an aor/contact for it");
}

}  // namespace
}  // namespace sb::modules::res_pjsip_messaging
