// pjsip list|show endpoints|aors|contacts|auths|identifies: whole outputs compared with the
// layout of Asterisk's res_pjsip CLI formatters, written out literally.
#include "modules/res_pjsip/object_commands.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli_test_support.hpp"
#include "core/store/object_printer.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/auth_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/identify_config.hpp"
#include "modules/res_pjsip/transport_config.hpp"
#include "store/store_test_support.hpp"

namespace sb::modules::res_pjsip {
namespace {

using cli::test::run;

constexpr const char* kPjsipConf = R"(
[udp]
type=transport
protocol=udp
bind=0.0.0.0:5060

[6001]
type=endpoint
transport=udp
aors=6001
auth=6001-auth
outbound_auth=out-auth
callerid="Alice" <6001>

[6001-auth]
type=auth
username=alice
password=secret

[out-auth]
type=auth
username=trunkuser
password=trunkpass

[6001]
type=aor
max_contacts=2

[6002]
type=endpoint
aors=6002
device_state_busy_at=2

[6002]
type=aor
max_contacts=1

[trunk]
type=endpoint
aors=trunk

[trunk]
type=aor
contact=sip:trunk@192.0.2.10:5060

[trunk-id]
type=identify
endpoint=trunk
match=192.0.2.10,198.51.100.7/255.255.255.0
match_header=X-Trunk: yes
)";

constexpr const char* kContactId = "6001;@abcdef0123456789abcdef0123456789";

class ObjectCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::shared_ptr<const store::ObjectTypeBase>> types{
        transportType(), endpointType(), aorType(), authType(), identifyType()};
    for (const auto& type : types) {
      typeRegistrations_.push_back(store_.registerType(type));
    }
    auto loaded =
        store::ObjectStore::load(store::testing::request({{"pjsip.conf", kPjsipConf}}, types));
    for (const auto& diagnostic : loaded.diagnostics) {
      if (diagnostic.severity == config::Diagnostic::Severity::Error) {
        ADD_FAILURE() << diagnostic.str();
      }
    }
    ASSERT_TRUE(loaded.ok());
    store_.install(loaded.objects);

    location_ = std::make_shared<LocationService>(io_, nullptr, [] { return std::int64_t{1000}; });
    StoredContact contact;
    contact.id = kContactId;
    contact.aor = "6001";
    contact.endpoint = "6001";
    contact.uri = "sip:6001@192.0.2.20:5062;ob";
    contact.userAgent = "Phone/1.0";
    contact.callId = "call-1@phone";
    contact.viaAddr = "192.0.2.20";
    contact.viaPort = 5062;
    contact.expiresAt = 4600;
    location_->apply({.put = {contact}, .remove = {}, .reason = "request"}, nullptr);
    location_->setState(kContactId, ContactState::Reachable, 12.345);

    addObjectCommands(commands_, registry_, store_, location_);
  }

  std::string output(std::string_view line) {
    auto outcome = run(registry_, line);
    EXPECT_EQ(outcome.status, cli::Status::Success) << line;
    return outcome.output;
  }

  /// What `pjsip show <type> <id>` prints after the object's rows.
  std::string detail(std::string_view type, std::string_view id) {
    return store::formatObjectDetail(*store_.findType(type), *store_.current()->find(type, id));
  }

  boost::asio::io_context io_;
  store::ObjectStore store_;
  std::vector<Registration> typeRegistrations_;
  std::shared_ptr<LocationService> location_;
  cli::CommandRegistry registry_;
  Registrations commands_;
};

TEST_F(ObjectCommandsTest, ListEndpointsShowsOneRowEach) {
  EXPECT_EQ(
      output("pjsip list endpoints"),
      "\n"
      " Endpoint:  <Endpoint/CID.....................................>  <State.....>  <Channels.>\n"
      "==========================================================================================\n"
      "\n"
      " Endpoint:  6001/6001                                            Not in use    0 of inf\n"
      " Endpoint:  6002                                                 Unavailable   0 of 2\n"
      " Endpoint:  trunk                                                Not in use    0 of inf\n"
      "\n"
      "Objects found: 3\n"
      "\n");
}

TEST_F(ObjectCommandsTest, ShowEndpointsShowsChildrenOfEachEndpoint) {
  EXPECT_EQ(
      output("pjsip show endpoints"),
      "\n"
      " Endpoint:  <Endpoint/CID.....................................>  <State.....>  <Channels.>\n"
      "    I/OAuth:  <AuthId/UserName...........................................................>\n"
      "        Aor:  <Aor............................................>  <MaxContact>\n"
      "      Contact:  <Aor/ContactUri..........................> <Hash....> <Status> <RTT(ms)..>\n"
      "  Transport:  <TransportId........>  <Type>  <cos>  <tos>  <BindAddress..................>\n"
      "   Identify:  <Identify/Endpoint.........................................................>\n"
      "        Match:  <criteria.........................>\n"
      "    Channel:  <ChannelId......................................>  <State.....>  <Time.....>\n"
      "        Exten: <DialedExten...........>  CLCID: <ConnectedLineCID.......>\n"
      "==========================================================================================\n"
      "\n"
      " Endpoint:  6001/6001                                            Not in use    0 of inf\n"
      "    OutAuth:  out-auth/trunkuser\n"
      "     InAuth:  6001-auth/alice\n"
      "        Aor:  6001                                               2\n"
      "      Contact:  6001/sip:6001@192.0.2.20:5062;ob           abcdef0123 Avail        12.345\n"
      "  Transport:  udp                       udp      0      0  0.0.0.0:5060\n"
      "\n"
      " Endpoint:  6002                                                 Unavailable   0 of 2\n"
      "        Aor:  6002                                               1\n"
      "\n"
      " Endpoint:  trunk                                                Not in use    0 of inf\n"
      "        Aor:  trunk                                              0\n"
      "      Contact:  trunk/sip:trunk@192.0.2.10:5060            884c00768c NonQual         nan\n"
      "   Identify:  trunk-id/trunk\n"
      "        Match: 192.0.2.10/32\n"
      "        Match: 198.51.100.0/24\n"
      "       Header: X-Trunk: yes\n"
      "\n"
      "\n"
      "Objects found: 3\n"
      "\n");
}

TEST_F(ObjectCommandsTest, ShowEndpointAddsTheParameterTable) {
  EXPECT_EQ(
      output("pjsip show endpoint 6001"),
      std::string("\n"
                  " Endpoint:  <Endpoint/CID.....................................>  <State.....>  "
                  "<Channels.>\n"
                  "    I/OAuth:  "
                  "<AuthId/UserName...........................................................>\n"
                  "        Aor:  <Aor............................................>  <MaxContact>\n"
                  "      Contact:  <Aor/ContactUri..........................> <Hash....> <Status> "
                  "<RTT(ms)..>\n"
                  "  Transport:  <TransportId........>  <Type>  <cos>  <tos>  "
                  "<BindAddress..................>\n"
                  "   Identify:  "
                  "<Identify/Endpoint.........................................................>\n"
                  "        Match:  <criteria.........................>\n"
                  "    Channel:  <ChannelId......................................>  <State.....>  "
                  "<Time.....>\n"
                  "        Exten: <DialedExten...........>  CLCID: <ConnectedLineCID.......>\n"
                  "================================================================================"
                  "==========\n"
                  "\n"
                  " Endpoint:  6001/6001                                            Not in use    "
                  "0 of inf\n"
                  "    OutAuth:  out-auth/trunkuser\n"
                  "     InAuth:  6001-auth/alice\n"
                  "        Aor:  6001                                               2\n"
                  "      Contact:  6001/sip:6001@192.0.2.20:5062;ob           abcdef0123 Avail     "
                  "   12.345\n"
                  "  Transport:  udp                       udp      0      0  0.0.0.0:5060\n"
                  "\n") +
          detail("endpoint", "6001") + "\n");
}

TEST_F(ObjectCommandsTest, LikeFiltersByRegularExpression) {
  EXPECT_EQ(
      output("pjsip list endpoints like ^60"),
      "\n"
      " Endpoint:  <Endpoint/CID.....................................>  <State.....>  <Channels.>\n"
      "==========================================================================================\n"
      "\n"
      " Endpoint:  6001/6001                                            Not in use    0 of inf\n"
      " Endpoint:  6002                                                 Unavailable   0 of 2\n"
      "\n"
      "Objects found: 2\n"
      "\n");
  EXPECT_EQ(output("pjsip list endpoints like nobody"), "No objects found.\n\n");
}

TEST_F(ObjectCommandsTest, UnknownObjectIsReported) {
  auto outcome = run(registry_, "pjsip show endpoint nobody");
  EXPECT_EQ(outcome.status, cli::Status::Failure);
  EXPECT_EQ(outcome.output, "Unable to find object nobody.\n\n");
  outcome = run(registry_, "pjsip show aor nobody");
  EXPECT_EQ(outcome.output, "Unable to find object nobody.\n\n");
  outcome = run(registry_, "pjsip show contact 6001/sip:nobody@192.0.2.1");
  EXPECT_EQ(outcome.output, "Unable to find object 6001/sip:nobody@192.0.2.1.\n\n");
}

TEST_F(ObjectCommandsTest, ListAors) {
  EXPECT_EQ(
      output("pjsip list aors"),
      "\n"
      "      Aor:  <Aor..............................................>  <MaxContact>\n"
      "==========================================================================================\n"
      "\n"
      "      Aor:  6001                                                 2\n"
      "      Aor:  6002                                                 1\n"
      "      Aor:  trunk                                                0\n"
      "\n"
      "Objects found: 3\n"
      "\n");
}

TEST_F(ObjectCommandsTest, ShowAorsIncludesRegisteredAndStaticContacts) {
  EXPECT_EQ(
      output("pjsip show aors"),
      "\n"
      "      Aor:  <Aor..............................................>  <MaxContact>\n"
      "    Contact:  <Aor/ContactUri............................> <Hash....> <Status> <RTT(ms)..>\n"
      "==========================================================================================\n"
      "\n"
      "      Aor:  6001                                                 2\n"
      "    Contact:  6001/sip:6001@192.0.2.20:5062;ob             abcdef0123 Avail        12.345\n"
      "\n"
      "      Aor:  6002                                                 1\n"
      "\n"
      "      Aor:  trunk                                                0\n"
      "    Contact:  trunk/sip:trunk@192.0.2.10:5060              884c00768c NonQual         nan\n"
      "\n"
      "\n"
      "Objects found: 3\n"
      "\n");
}

TEST_F(ObjectCommandsTest, ShowAor) {
  EXPECT_EQ(
      output("pjsip show aor trunk"),
      std::string("\n"
                  "      Aor:  <Aor..............................................>  <MaxContact>\n"
                  "    Contact:  <Aor/ContactUri............................> <Hash....> <Status> "
                  "<RTT(ms)..>\n"
                  "================================================================================"
                  "==========\n"
                  "\n"
                  "      Aor:  trunk                                                0\n"
                  "    Contact:  trunk/sip:trunk@192.0.2.10:5060              884c00768c NonQual   "
                  "      nan\n"
                  "\n") +
          detail("aor", "trunk") + "\n");
}

TEST_F(ObjectCommandsTest, ShowContacts) {
  EXPECT_EQ(
      output("pjsip show contacts"),
      "\n"
      "  Contact:  <Aor/ContactUri..............................> <Hash....> <Status> <RTT(ms)..>\n"
      "==========================================================================================\n"
      "\n"
      "  Contact:  6001/sip:6001@192.0.2.20:5062;ob               abcdef0123 Avail        12.345\n"
      "  Contact:  trunk/sip:trunk@192.0.2.10:5060                884c00768c NonQual         nan\n"
      "\n"
      "Objects found: 2\n"
      "\n");
  EXPECT_EQ(output("pjsip list contacts"), output("pjsip show contacts"));
}

TEST_F(ObjectCommandsTest, ListContactsLikeMatchesAorSlashUri) {
  EXPECT_EQ(
      output("pjsip list contacts like ^trunk/"),
      "\n"
      "  Contact:  <Aor/ContactUri..............................> <Hash....> <Status> <RTT(ms)..>\n"
      "==========================================================================================\n"
      "\n"
      "  Contact:  trunk/sip:trunk@192.0.2.10:5060                884c00768c NonQual         nan\n"
      "\n"
      "Objects found: 1\n"
      "\n");
}

TEST_F(ObjectCommandsTest, InvalidContactPatternFails) {
  auto outcome = run(registry_, "pjsip list contacts like (");
  EXPECT_EQ(outcome.status, cli::Status::Failure);
  EXPECT_EQ(outcome.output, "No container returned for object type contact.\n");
}

TEST_F(ObjectCommandsTest, ShowContactPrintsItsFields) {
  EXPECT_EQ(
      output("pjsip show contact 6001/sip:6001@192.0.2.20:5062;ob"),
      "\n"
      "  Contact:  <Aor/ContactUri..............................> <Hash....> <Status> <RTT(ms)..>\n"
      "==========================================================================================\n"
      "\n"
      "  Contact:  6001/sip:6001@192.0.2.20:5062;ob               abcdef0123 Avail        12.345\n"
      "\n"
      " ParameterName        : ParameterValue\n"
      " ==================================================\n"
      " authenticate_qualify : no\n"
      " call_id              : call-1@phone\n"
      " endpoint             : 6001\n"
      " expiration_time      : 4600\n"
      " outbound_proxy       : \n"
      " path                 : \n"
      " prune_on_boot        : no\n"
      " qualify_2xx_only     : false\n"
      " qualify_frequency    : 0\n"
      " qualify_timeout      : 3.000000\n"
      " reg_server           : \n"
      " uri                  : sip:6001@192.0.2.20:5062;ob\n"
      " user_agent           : Phone/1.0\n"
      " via_addr             : 192.0.2.20\n"
      " via_port             : 5062\n"
      "\n");
}

TEST_F(ObjectCommandsTest, UnreachableContactHasNoRtt) {
  location_->setState(kContactId, ContactState::Unreachable, 0);
  EXPECT_EQ(
      output("pjsip list contacts like ^6001"),
      "\n"
      "  Contact:  <Aor/ContactUri..............................> <Hash....> <Status> <RTT(ms)..>\n"
      "==========================================================================================\n"
      "\n"
      "  Contact:  6001/sip:6001@192.0.2.20:5062;ob               abcdef0123 Unavail         nan\n"
      "\n"
      "Objects found: 1\n"
      "\n");
}

TEST_F(ObjectCommandsTest, ListAuths) {
  EXPECT_EQ(
      output("pjsip list auths"),
      "\n"
      "  I/OAuth:  <AuthId/UserName.............................................................>\n"
      "==========================================================================================\n"
      "\n"
      "     Auth:  6001-auth/alice\n"
      "     Auth:  out-auth/trunkuser\n"
      "\n"
      "Objects found: 2\n"
      "\n");
  EXPECT_EQ(output("pjsip show auths"), output("pjsip list auths"));
}

TEST_F(ObjectCommandsTest, ShowAuth) {
  EXPECT_EQ(
      output("pjsip show auth 6001-auth"),
      std::string("\n"
                  "  I/OAuth:  "
                  "<AuthId/UserName.............................................................>\n"
                  "================================================================================"
                  "==========\n"
                  "\n"
                  "     Auth:  6001-auth/alice\n") +
          detail("auth", "6001-auth") + "\n");
}

TEST_F(ObjectCommandsTest, ShowIdentifies) {
  EXPECT_EQ(
      output("pjsip show identifies"),
      "\n"
      " Identify:  <Identify/Endpoint...........................................................>\n"
      "      Match:  <criteria...........................>\n"
      "==========================================================================================\n"
      "\n"
      " Identify:  trunk-id/trunk\n"
      "      Match: 192.0.2.10/32\n"
      "      Match: 198.51.100.0/24\n"
      "     Header: X-Trunk: yes\n"
      "\n"
      "\n"
      "Objects found: 1\n"
      "\n");
}

TEST_F(ObjectCommandsTest, ListIdentifies) {
  EXPECT_EQ(
      output("pjsip list identifies"),
      "\n"
      " Identify:  <Identify/Endpoint...........................................................>\n"
      "==========================================================================================\n"
      "\n"
      " Identify:  trunk-id/trunk\n"
      "\n"
      "Objects found: 1\n"
      "\n");
}

TEST_F(ObjectCommandsTest, CompletesIds) {
  EXPECT_EQ(registry_.complete("pjsip show endpoint "),
            (std::vector<std::string>{"6001", "6002", "trunk"}));
  EXPECT_EQ(registry_.complete("pjsip show contact t"),
            (std::vector<std::string>{"trunk/sip:trunk@192.0.2.10:5060"}));
}

}  // namespace
}  // namespace sb::modules::res_pjsip
