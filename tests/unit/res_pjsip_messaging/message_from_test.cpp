#include "modules/res_pjsip_messaging/message_from.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace sb::modules::res_pjsip_messaging {
namespace {

res_pjsip::FromIdentity endpointFrom() {
  return {"", "pbx", "example.org"};
}

res_pjsip::FromIdentity applied(std::string_view text) {
  auto from = endpointFrom();
  EXPECT_FALSE(applyFrom(from, text)) << text;
  return from;
}

void expectFrom(const res_pjsip::FromIdentity& from, std::string_view display,
                std::string_view user, std::string_view host) {
  EXPECT_EQ(from.display, display);
  EXPECT_EQ(from.user, user);
  EXPECT_EQ(from.host, host);
}

TEST(MessageFrom, EmptyChangesNothing) {
  expectFrom(applied(""), "", "pbx", "example.org");
}

TEST(MessageFrom, NameAddrReplacesDisplayUserHostAndPort) {
  expectFrom(applied("\"Alice Example\" <sip:alice@example.com:5080;transport=tcp>"),
             "Alice Example", "alice", "example.com:5080");
  expectFrom(applied("Alice <sip:alice@example.com>"), "Alice", "alice", "example.com");
  // Without a display name the display stays.
  auto from = endpointFrom();
  from.display = "PBX";
  EXPECT_FALSE(applyFrom(from, "<sip:alice@[2001:db8::1]:5061>"));
  expectFrom(from, "PBX", "alice", "[2001:db8::1]:5061");
}

TEST(MessageFrom, BareUriReplacesUserAndHost) {
  expectFrom(applied("sip:alice@example.com"), "", "alice", "example.com");
  expectFrom(applied("sips:alice%20b@example.com"), "", "alice%20b", "example.com");
  // A URI without a user clears it, as Asterisk copies the (empty) user.
  expectFrom(applied("sip:example.com"), "", "", "example.com");
}

TEST(MessageFrom, UserOrUserAtDomain) {
  expectFrom(applied("1234"), "", "1234", "example.org");
  expectFrom(applied("alice@example.com"), "", "alice", "example.com");
  expectFrom(applied("alice@example.com:5080"), "", "alice", "example.com:5080");
  // Characters a URI user cannot hold are escaped.
  expectFrom(applied("Alice Smith"), "", "Alice%20Smith", "example.org");
  expectFrom(applied("a<b>"), "", "a%3Cb%3E", "example.org");
  // An unclosed name-addr is no address: it is read as user@domain, as Asterisk does.
  expectFrom(applied("\"x\" <sip:alice@example.com"), "", "%22x%22%20%3Csip%3Aalice",
             "example.com");
}

TEST(MessageFrom, NonSipOrBrokenAddressesAreRefused) {
  for (std::string_view text : {"tel:+15551234", "<tel:+1555>", "alice@exa mple.com", "alice@"}) {
    auto from = endpointFrom();
    const auto warning = applyFrom(from, text);
    ASSERT_TRUE(warning) << text;
    EXPECT_EQ(*warning, fmt::format("From address '{}' is not a valid SIP/SIPS URI", text));
    expectFrom(from, "", "pbx", "example.org");
  }
}

TEST(MessageTo, OnlySipUrisReplaceTheTo) {
  std::string warning;
  auto to = toOverride("sip:robert@example.com;user=phone", warning);
  ASSERT_TRUE(to);
  EXPECT_EQ(to->uri, "sip:robert@example.com;user=phone");
  EXPECT_EQ(to->display, "");
  to = toOverride("pjsip:sips:robert@example.com", warning);
  ASSERT_TRUE(to);
  EXPECT_EQ(to->uri, "sips:robert@example.com");
  EXPECT_TRUE(warning.empty());
  // What does not start with sip: leaves the To as it is, even a name-addr.
  EXPECT_FALSE(toOverride("\"Robert\" <sip:robert@example.com>", warning));
  EXPECT_FALSE(toOverride("robert@example.com", warning));
  EXPECT_FALSE(toOverride("PJSIP:sip:robert@example.com", warning));
  EXPECT_TRUE(warning.empty());
  EXPECT_FALSE(toOverride("sip:", warning));
  EXPECT_EQ(warning, "To address 'sip:' is not a valid SIP/SIPS URI");
}

}  // namespace
}  // namespace sb::modules::res_pjsip_messaging
