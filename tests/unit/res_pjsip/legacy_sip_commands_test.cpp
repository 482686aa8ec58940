// chan_sip's legacy `sip ...` console commands on top of the pjsip objects: whole outputs
// compared with chan_sip's (Asterisk 13) column formats, written out literally.
#include "modules/res_pjsip/legacy_sip_commands.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli_test_support.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/auth_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
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
callerid="Alice" <6001>

[6001-auth]
type=auth
username=alice
password=secret

[6001]
type=aor
max_contacts=2

[6002]
type=endpoint
aors=6002
context=from-internal
accountcode=sales
permit=192.0.2.0/24
device_state_busy_at=2

[6002]
type=aor
max_contacts=1

[trunk]
type=endpoint
aors=trunk
force_rport=no
rtp_symmetric=yes

[trunk]
type=aor
contact=sip:trunk@192.0.2.10:5060
)";

constexpr const char* kContactId = "6001;@abcdef0123456789abcdef0123456789";

constexpr const char* kPeersHeader =
    "Name/username             Host                                    Dyn Forcerport Comedia    "
    "ACL Port     Status      Description                      \n";
constexpr const char* k6002Row =
    "6002                      (Unspecified)                            D  Yes        No          "
    "A  0        Unmonitored                                  \n";
constexpr const char* kTrunkRow =
    "trunk                     (Unspecified)                               No         Yes        "
    "    0        Unmonitored                                  \n";

class LegacySipCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::shared_ptr<const store::ObjectTypeBase>> types{transportType(), endpointType(),
                                                                    aorType(), authType()};
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
    addLegacySipCommands(commands_, registry_, store_, location_);
  }

  void registerContact(ContactState state, double rttMs) {
    StoredContact contact;
    contact.id = kContactId;
    contact.aor = "6001";
    contact.endpoint = "6001";
    contact.uri = "sip:6001@192.0.2.20:5062;ob";
    contact.userAgent = "Phone/1.0";
    contact.callId = "call-1@phone";
    contact.viaAddr = "192.0.2.20";
    contact.viaPort = 5062;
    contact.source = "udp:192.0.2.20:5062";
    contact.expiresAt = 4600;
    location_->apply({.put = {contact}, .remove = {}, .reason = "request"}, nullptr);
    location_->setState(kContactId, state, rttMs);
  }

  std::string output(std::string_view line, cli::Status expected = cli::Status::Success) {
    auto outcome = run(registry_, line);
    EXPECT_EQ(outcome.status, expected) << line;
    return outcome.output;
  }

  boost::asio::io_context io_;
  store::ObjectStore store_;
  std::vector<Registration> typeRegistrations_;
  std::shared_ptr<LocationService> location_;
  cli::CommandRegistry registry_;
  Registrations commands_;
};

TEST_F(LegacySipCommandsTest, ShowPeersWithoutContacts) {
  EXPECT_EQ(output("sip show peers"),
            std::string(kPeersHeader) +
                "6001/alice                (Unspecified)                            D  Yes        "
                "No             0        Unmonitored                                  \n" +
                k6002Row + kTrunkRow +
                "3 sip peers [Monitored: 0 online, 0 offline Unmonitored: 0 online, 3 offline]\n");
}

TEST_F(LegacySipCommandsTest, ShowPeersWithReachableContact) {
  registerContact(ContactState::Reachable, 12.345);
  EXPECT_EQ(output("sip show peers"),
            std::string(kPeersHeader) +
                "6001/alice                192.0.2.20                               D  Yes        "
                "No             5062     OK (12 ms)                                   \n" +
                k6002Row + kTrunkRow +
                "3 sip peers [Monitored: 1 online, 0 offline Unmonitored: 0 online, 2 offline]\n");
}

TEST_F(LegacySipCommandsTest, ShowPeersStatesOfContacts) {
  registerContact(ContactState::Unreachable, 0);
  EXPECT_EQ(output("sip show peers like ^600[1]"),
            std::string(kPeersHeader) +
                "6001/alice                192.0.2.20                               D  Yes        "
                "No             5062     UNREACHABLE                                  \n"
                "1 sip peers [Monitored: 0 online, 1 offline Unmonitored: 0 online, 0 offline]\n");
  // Not qualified yet, and never will be: the AOR has no qualify_frequency.
  location_->setState(kContactId, ContactState::Unknown, 0);
  EXPECT_NE(output("sip show peers like 6001").find(" 5062     Unmonitored "), std::string::npos);
  location_->setState(kContactId, ContactState::NonQualified, 0);
  EXPECT_NE(output("sip show peers").find("Unmonitored: 1 online, 2 offline]\n"),
            std::string::npos);
}

TEST_F(LegacySipCommandsTest, ShowPeersWithBadPatternShowsUsage) {
  auto outcome = run(registry_, "sip show peers like (");
  EXPECT_EQ(outcome.status, cli::Status::ShowUsage);
  EXPECT_EQ(outcome.output.rfind("Usage: sip show peers [like <pattern>]\n", 0), 0u);
}

TEST_F(LegacySipCommandsTest, ShowUsers) {
  EXPECT_EQ(output("sip show users"),
            "Username                   Secret           Accountcode      Def.Context      ACL  "
            "Forcerport\n"
            "6001                       secret                            default          No   "
            "Yes       \n"
            "6002                                        sales            from-internal    Yes  "
            "Yes       \n"
            "trunk                                                        default          No   "
            "No        \n");
  EXPECT_EQ(output("sip show users like trunk"),
            "Username                   Secret           Accountcode      Def.Context      ACL  "
            "Forcerport\n"
            "trunk                                                        default          No   "
            "No        \n");
}

TEST_F(LegacySipCommandsTest, ShowPeerDetail) {
  registerContact(ContactState::Reachable, 7.9);
  const auto text = output("sip show peer 6001");
  EXPECT_EQ(text.rfind("\n\n"
                       "  * Name       : 6001\n"
                       "  Description  : \n"
                       "  Secret       : <Set>\n"
                       "  MD5Secret    : <Not set>\n"
                       "  Remote Secret: <Not set>\n"
                       "  Context      : default\n",
                       0),
            0u)
      << text;
  for (const char* line :
       {"  Callerid     : \"Alice\" <6001>\n", "  Dynamic      : Yes\n", "  Expire       : 3600\n",
        "  Force rport  : Yes\n", "  Symmetric RTP: No\n", "  ACL          : No\n",
        "  DTMFmode     : rfc2833\n", "  Timer T1     : 500\n", "  Timer B      : 32000\n",
        "  Addr->IP     : 192.0.2.20:5062\n", "  Prim.Transp. : UDP\n", "  Def. Username: alice\n",
        "  Status       : OK (7 ms)\n", "  Useragent    : Phone/1.0\n",
        "  Reg. Contact : sip:6001@192.0.2.20:5062;ob\n", "  Qualify Freq : 0 ms\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << text;
  }
  EXPECT_EQ(text.substr(text.size() - 21), "  RTCP Mux     : No\n\n");

  const auto trunk = output("sip show peer trunk load");
  for (const char* line : {"  Dynamic      : No\n", "  Addr->IP     : (null)\n",
                           "  ToHost       : 192.0.2.10\n", "  Status       : Unmonitored\n",
                           "  Secret       : <Not set>\n", "  Expire       : -1\n"}) {
    EXPECT_NE(trunk.find(line), std::string::npos) << line << trunk;
  }
}

TEST_F(LegacySipCommandsTest, ShowPeerUnknown) {
  EXPECT_EQ(output("sip show peer nobody", cli::Status::Failure), "Peer nobody not found.\n\n");
  EXPECT_EQ(output("sip show user nobody", cli::Status::Failure), "User nobody not found.\n\n");
}

TEST_F(LegacySipCommandsTest, ShowUserDetail) {
  const auto text = output("sip show user 6002");
  EXPECT_EQ(text.rfind("\n\n"
                       "  * Name       : 6002\n"
                       "  Secret       : <Not set>\n"
                       "  MD5Secret    : <Not set>\n"
                       "  Context      : from-internal\n"
                       "  Language     : \n"
                       "  Accountcode  : sales\n",
                       0),
            0u)
      << text;
  EXPECT_NE(text.find("  ACL          : Yes\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  Auto-Framing:  No \n"), std::string::npos) << text;
}

TEST_F(LegacySipCommandsTest, Unregister) {
  registerContact(ContactState::Reachable, 12.345);
  EXPECT_EQ(output("sip unregister 6001"), "Unregistered peer '6001'\n\n");
  EXPECT_TRUE(location_->contactsOf("6001").empty());
  EXPECT_EQ(output("sip unregister 6001"), "Peer 6001 not registered\n");
  EXPECT_EQ(output("sip unregister nobody", cli::Status::Failure),
            "Peer unknown: 'nobody'. Not unregistered.\n");
}

TEST_F(LegacySipCommandsTest, InuseDomainsRegistryObjectsPrune) {
  EXPECT_EQ(output("sip show inuse"),
            "* Peer name               In use          Limit           \n"
            "6002                      0/0/0           2               \n");
  EXPECT_EQ(output("sip show inuse all"),
            "* Peer name               In use          Limit           \n"
            "6001                      0/0/0           N/A             \n"
            "6002                      0/0/0           2               \n"
            "trunk                     0/0/0           N/A             \n");
  EXPECT_EQ(output("sip show domains"), "SIP Domain support not enabled.\n\n");
  EXPECT_EQ(output("sip show registry"),
            "Host                                    dnsmgr Username       Refresh State        "
            "        Reg.Time                 \n"
            "0 SIP registrations.\n");
  EXPECT_EQ(output("sip show objects")
                .rfind("-= Peer objects: 3 static, 0 realtime, 0 "
                       "autocreate =-\n\n",
                       0),
            0u);
  EXPECT_EQ(output("sip prune realtime all"), "No peers found to prune.\n");
  EXPECT_EQ(output("sip prune realtime peer like 60"), "No peers found to prune.\n");
  EXPECT_EQ(output("sip prune realtime peer 6001"),
            "Peer '6001' is not a Realtime peer, cannot be pruned.\n");
  EXPECT_EQ(output("sip prune realtime nobody"), "Peer 'nobody' not found.\n");
  EXPECT_EQ(run(registry_, "sip prune realtime").status, cli::Status::ShowUsage);
}

TEST_F(LegacySipCommandsTest, ShowSettingsStartsWithGlobalSettings) {
  const auto text = output("sip show settings");
  EXPECT_EQ(text.rfind("\n\nGlobal Settings:\n"
                       "----------------\n"
                       "  UDP Bindaddress:        0.0.0.0:5060\n"
                       "  TCP SIP Bindaddress:    Disabled\n"
                       "  TLS SIP Bindaddress:    Disabled\n",
                       0),
            0u)
      << text;
  EXPECT_NE(text.find("  Our auth realm          asterisk\n"), std::string::npos) << text;
  EXPECT_EQ(text.substr(text.size() - 6), "\n----\n");
}

}  // namespace
}  // namespace sb::modules::res_pjsip
