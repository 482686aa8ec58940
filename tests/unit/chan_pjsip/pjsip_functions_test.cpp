// chan_pjsip's dialplan functions on configured objects and registered contacts: the values,
// and the log lines Asterisk writes for bad arguments.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "modules/chan_pjsip/functions/channel_functions.hpp"
#include "modules/chan_pjsip/functions/dial_contacts.hpp"
#include "modules/chan_pjsip/functions/legacy_functions.hpp"
#include "modules/chan_pjsip/functions/object_functions.hpp"
#include "modules/chan_pjsip/functions/parse_uri.hpp"
#include "modules/chan_pjsip/functions/standard_args.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/auth_config.hpp"
#include "modules/res_pjsip/domain_alias_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "modules/res_pjsip/transport_config.hpp"
#include "store/store_test_support.hpp"

namespace sb::modules::chan_pjsip {
namespace {

using res_pjsip::ContactState;
using Strings = std::vector<std::string>;

constexpr const char* kConfig = R"([udp]
type=transport
protocol=udp
bind=192.0.2.10:5060
external_signaling_address=pbx.example.com

[alice]
type=endpoint
aors=alice,alice-desk
allow=ulaw,alaw
callerid=Alice Smith <6001>
set_var=COLOUR=blue
set_var=SHAPE=round
mailboxes=6001@default, 6002
call_group=1,3-4
language=fr
dtmf_mode=info
[alice]
type=aor
max_contacts=2
qualify_frequency=60
qualify_timeout=1.5
authenticate_qualify=yes
outbound_proxy=sip:proxy.example.com\;lr
[alice-desk]
type=aor
contact=sip:desk@192.0.2.50:5070
contact=sip:desk2@192.0.2.51
[bob]
type=endpoint
[office.example]
type=domain_alias
domain=pbx.example.com
[global]
type=global
max_forwards=42
)";

class PjsipFunctionsTest : public ::testing::Test {
 protected:
  PjsipFunctionsTest() {
    auto loaded = store::ObjectStore::load(store::testing::request(
        {{"pjsip.conf", kConfig}},
        {res_pjsip::endpointType(), res_pjsip::aorType(), res_pjsip::authType(),
         res_pjsip::transportType(), res_pjsip::domainAliasType(), res_pjsip::globalType(),
         res_pjsip::systemType()}));
    EXPECT_TRUE(loaded.ok());
    objects_ = loaded.objects;
    location_ = std::make_unique<res_pjsip::LocationService>(io_, nullptr, [] { return 1000; });
  }

  /// Registers a contact of alice's first AOR, as the registrar stores one.
  void registerAlice(const std::string& hash, const std::string& uri) {
    res_pjsip::StoredContact stored;
    stored.id = "alice;@" + hash;
    stored.aor = "alice";
    stored.endpoint = "alice";
    stored.uri = uri;
    stored.userAgent = "Phone/1.0";
    stored.callId = "call-" + hash;
    stored.viaAddr = "198.51.100.7";
    stored.viaPort = 5062;
    stored.source = "udp:198.51.100.7:5062";
    stored.expiresAt = 4600;
    location_->apply({{stored}, {}, "request"}, nullptr);
  }

  Outcome endpoint(const std::string& args) {
    return endpointFunction(*objects_, *res_pjsip::endpointType(), args);
  }
  Outcome aor(const std::string& args) {
    return aorFunction(*objects_, *res_pjsip::aorType(), *location_, args);
  }
  Outcome contact(const std::string& args) { return contactFunction(*objects_, *location_, args); }
  Outcome dial(const std::string& args) {
    return dialContactsFunction(*objects_, *location_, args);
  }
  Outcome peer(const std::string& args) {
    return sipPeerFunction(*objects_, *location_, args, [](const std::string& name) {
      return name == "alice" ? std::size_t{2} : std::size_t{0};
    });
  }

  boost::asio::io_context io_;
  std::shared_ptr<const store::ObjectSet> objects_;
  std::unique_ptr<res_pjsip::LocationService> location_;
};

std::string valueOf(const Outcome& outcome) {
  EXPECT_TRUE(outcome.value) << outcome.message;
  return outcome.value.value_or("<failed>");
}

/// A failure and its log line at `level`.
void expectFailure(const Outcome& outcome, Outcome::Level level, const std::string& message) {
  EXPECT_FALSE(outcome.value) << *outcome.value;
  EXPECT_EQ(outcome.level, level);
  EXPECT_EQ(outcome.message, message);
}

TEST(StandardArgs, SplitsAsAstStandardAppArgs) {
  EXPECT_EQ(standardArgs("", 2), Strings{});
  EXPECT_EQ(standardArgs("a,b", 2), (Strings{"a", "b"}));
  // The last declared argument takes the rest as written.
  EXPECT_EQ(standardArgs("a,b,\"c\"", 2), (Strings{"a", "b,\"c\""}));
  EXPECT_EQ(standardArgs("\"x,y\",z", 2), (Strings{"x,y", "z"}));
  EXPECT_EQ(standardArgs("f(1,2),\\,", 3), (Strings{"f(1,2)", ","}));
  EXPECT_EQ(standardArgs("a,", 2), (Strings{"a", ""}));
  EXPECT_EQ(standardArgs(",b", 3), (Strings{"", "b"}));
  EXPECT_EQ(standardArgs(" a , b", 2), (Strings{" a ", " b"}));
}

TEST_F(PjsipFunctionsTest, EndpointFieldsAreValuedAsTheObjectSetPrintsThem) {
  EXPECT_EQ(valueOf(endpoint("alice,context")), "default");
  EXPECT_EQ(valueOf(endpoint("alice,allow")), "(ulaw|alaw)");
  EXPECT_EQ(valueOf(endpoint("alice,callerid")), "\"Alice Smith\" <6001>");
  EXPECT_EQ(valueOf(endpoint("alice,dtmf_mode")), "info");
  EXPECT_EQ(valueOf(endpoint("alice,aors")), "alice,alice-desk");
  EXPECT_EQ(valueOf(endpoint("alice,call_group")), "1, 3, 4");
  EXPECT_EQ(valueOf(endpoint("alice,direct_media")), "true");
  EXPECT_EQ(valueOf(endpoint("alice,send_connected_line")), "yes");
  EXPECT_EQ(valueOf(endpoint("bob,callerid")), "<unknown>");
  EXPECT_EQ(valueOf(endpoint("bob,set_var")), "");
  // Channel variables are fields of their own names; set_var itself is then unknown.
  EXPECT_EQ(valueOf(endpoint("alice,COLOUR")), "blue");
  expectFailure(endpoint("alice,set_var"), Outcome::Level::Warning,
                "Unknown property 'set_var' for PJSIP endpoint");
}

TEST_F(PjsipFunctionsTest, EndpointArgumentErrorsUseAsterisksWords) {
  expectFailure(endpoint(""), Outcome::Level::Error,
                "Cannot call PJSIP_ENDPOINT without arguments");
  expectFailure(endpoint(",context"), Outcome::Level::Error,
                "Cannot call PJSIP_ENDPOINT without an endpoint name to query");
  expectFailure(endpoint("alice"), Outcome::Level::Error,
                "Cannot call PJSIP_ENDPOINT with an empty field name to query");
  expectFailure(endpoint("carol,context"), Outcome::Level::Warning,
                "Failed to retrieve information for endpoint 'carol'");
  // Field names are case-sensitive, aliases are not fields, and extra commas stay in the field.
  expectFailure(endpoint("alice,Context"), Outcome::Level::Warning,
                "Unknown property 'Context' for PJSIP endpoint");
  expectFailure(endpoint("alice,disallow"), Outcome::Level::Warning,
                "Unknown property 'disallow' for PJSIP endpoint");
  expectFailure(endpoint("alice,context,x"), Outcome::Level::Warning,
                "Unknown property 'context,x' for PJSIP endpoint");
}

TEST_F(PjsipFunctionsTest, AorContactListsRegisteredThenStaticContactIds) {
  registerAlice("bbb", "sip:alice@198.51.100.7:5062");
  registerAlice("aaa", "sip:alice@198.51.100.8:5062");
  EXPECT_EQ(valueOf(aor("alice,contact")), "alice;@aaa,alice;@bbb");
  // Static contacts: "<aor>@@<md5 of the URI>", ordered by id.
  EXPECT_EQ(valueOf(aor("alice-desk,contact")),
            "alice-desk@@bc69a0f08ad069b89f5e106ce7a09773,"
            "alice-desk@@e83617cc76f13afeef1f7beeab6a6e37");
  EXPECT_EQ(valueOf(aor("alice,qualify_timeout")), "1.500000");
  EXPECT_EQ(valueOf(aor("alice,max_contacts")), "2");
  EXPECT_EQ(valueOf(aor("alice,remove_existing")), "false");
  expectFailure(aor("alice,bogus"), Outcome::Level::Warning,
                "Unknown property 'bogus' for PJSIP AOR");
  expectFailure(aor("nobody,contact"), Outcome::Level::Warning,
                "Failed to retrieve information for AOR 'nobody'");
  expectFailure(aor(",contact"), Outcome::Level::Error,
                "Cannot call PJSIP_AOR without an AOR name to query");
  expectFailure(aor(""), Outcome::Level::Error, "Cannot call PJSIP_AOR without arguments");
}

TEST_F(PjsipFunctionsTest, RegisteredContactFieldsCopyTheAorsQualifySettings) {
  registerAlice("aaa", "sip:alice@198.51.100.7:5062");
  EXPECT_EQ(valueOf(contact("alice;@aaa,uri")), "sip:alice@198.51.100.7:5062");
  EXPECT_EQ(valueOf(contact("alice;@aaa,expiration_time")), "4600");
  EXPECT_EQ(valueOf(contact("alice;@aaa,qualify_frequency")), "60");
  EXPECT_EQ(valueOf(contact("alice;@aaa,qualify_timeout")), "1.500000");
  EXPECT_EQ(valueOf(contact("alice;@aaa,authenticate_qualify")), "yes");
  EXPECT_EQ(valueOf(contact("alice;@aaa,outbound_proxy")), "sip:proxy.example.com;lr");
  EXPECT_EQ(valueOf(contact("alice;@aaa,user_agent")), "Phone/1.0");
  EXPECT_EQ(valueOf(contact("alice;@aaa,endpoint")), "alice");
  EXPECT_EQ(valueOf(contact("alice;@aaa,via_addr")), "198.51.100.7");
  EXPECT_EQ(valueOf(contact("alice;@aaa,via_port")), "5062");
  EXPECT_EQ(valueOf(contact("alice;@aaa,call_id")), "call-aaa");
  EXPECT_EQ(valueOf(contact("alice;@aaa,reg_server")), "");
  EXPECT_EQ(valueOf(contact("alice;@aaa,prune_on_boot")), "no");
  // Qualify states and the round trip in microseconds, only while reachable.
  EXPECT_EQ(valueOf(contact("alice;@aaa,status")), "Unknown");
  EXPECT_EQ(valueOf(contact("alice;@aaa,rtt")), "N/A");
  location_->setState("alice;@aaa", ContactState::Reachable, 12.345);
  EXPECT_EQ(valueOf(contact("alice;@aaa,status")), "Reachable");
  EXPECT_EQ(valueOf(contact("alice;@aaa,rtt")), "12345");
  location_->setState("alice;@aaa", ContactState::Unreachable, 0);
  EXPECT_EQ(valueOf(contact("alice;@aaa,status")), "Unreachable");
  EXPECT_EQ(valueOf(contact("alice;@aaa,rtt")), "N/A");
}

TEST_F(PjsipFunctionsTest, StaticContactFieldsKeepTheContactDefaults) {
  const std::string id = "alice-desk@@e83617cc76f13afeef1f7beeab6a6e37";
  EXPECT_EQ(valueOf(contact(id + ",uri")), "sip:desk@192.0.2.50:5070");
  EXPECT_EQ(valueOf(contact(id + ",status")), "NonQualified");
  EXPECT_EQ(valueOf(contact(id + ",expiration_time")), "0");
  EXPECT_EQ(valueOf(contact(id + ",qualify_timeout")), "3.000000");
  EXPECT_EQ(valueOf(contact(id + ",endpoint")), "");
  expectFailure(contact(id + ",tag"), Outcome::Level::Warning,
                "Unknown property 'tag' for PJSIP contact");
  expectFailure(contact("alice-desk@@0000,uri"), Outcome::Level::Warning,
                "Failed to retrieve information for contact 'alice-desk@@0000'");
  expectFailure(contact("nobody@@0000,uri"), Outcome::Level::Warning,
                "Failed to retrieve information for contact 'nobody@@0000'");
  expectFailure(contact("alice;@zzz,uri"), Outcome::Level::Warning,
                "Failed to retrieve information for contact 'alice;@zzz'");
  expectFailure(contact("x"), Outcome::Level::Error,
                "Cannot call PJSIP_CONTACT with an empty field name to query");
}

TEST_F(PjsipFunctionsTest, DialContactsJoinsReachableContactsOfTheAors) {
  registerAlice("aaa", "sip:alice@198.51.100.7:5062");
  registerAlice("bbb", "sip:alice@198.51.100.8:5062");
  location_->setState("alice;@bbb", ContactState::Unreachable, 0);
  EXPECT_EQ(valueOf(dial("alice")),
            "PJSIP/alice/sip:alice@198.51.100.7:5062&PJSIP/alice/sip:desk2@192.0.2.51&"
            "PJSIP/alice/sip:desk@192.0.2.50:5070");
  // Several AORs in one (quoted) argument; those that do not exist are skipped.
  EXPECT_EQ(valueOf(dial("alice,\" nobody , alice-desk\",200")),
            "PJSIP/200@alice/sip:desk2@192.0.2.51&PJSIP/200@alice/sip:desk@192.0.2.50:5070");
  EXPECT_EQ(valueOf(dial("alice,nobody")), "");
  expectFailure(dial(""), Outcome::Level::Warning,
                "An endpoint name must be specified when using the 'PJSIP_DIAL_CONTACTS' "
                "dialplan function");
  expectFailure(dial("carol"), Outcome::Level::Warning, "Specified endpoint 'carol' was not found");
  expectFailure(dial("bob"), Outcome::Level::Warning,
                "No AOR has been provided and no AORs are configured on endpoint 'bob'");
}

TEST(ParseUri, ReadsEachPartAsPjsipParsesIt) {
  const std::string uri =
      "\"Alice A\" <sips:al%40ice:p%41ss@[2001:db8::1]:5071;transport=tcp;user=phone;"
      "method=INVITE;ttl=7;maddr=239.1.1.1;lr>";
  const std::pair<const char*, const char*> parts[] = {
      {"display", "Alice A"},     {"scheme", "sips"},           {"user", "al@ice"},
      {"passwd", "pAss"},         {"host", "2001:db8::1"},      {"port", "5071"},
      {"transport_param", "tcp"}, {"user_param", "phone"},      {"method_param", "INVITE"},
      {"ttl_param", "7"},         {"maddr_param", "239.1.1.1"}, {"lr_param", "1"},
  };
  for (const auto& [type, value] : parts) {
    EXPECT_EQ(valueOf(uriPart(uri, type)), value) << type;
  }
  // Absent parts: empty, port 0, ttl -1, lr 0; a bare URI keeps its parameters.
  EXPECT_EQ(valueOf(uriPart("sip:bob@example.com", "port")), "0");
  EXPECT_EQ(valueOf(uriPart("sip:bob@example.com", "ttl_param")), "-1");
  EXPECT_EQ(valueOf(uriPart("sip:bob@example.com", "lr_param")), "0");
  EXPECT_EQ(valueOf(uriPart("sip:bob@example.com", "display")), "");
  EXPECT_EQ(valueOf(uriPart("SIP:bob@example.com;transport=UDP", "transport_param")), "UDP");
  EXPECT_EQ(valueOf(uriPart("SIP:bob@example.com", "scheme")), "sip");
  EXPECT_EQ(valueOf(uriPart(" Bob <sip:bob@example.com> ", "display")), "Bob");
}

TEST(ParseUri, RefusesWhatPjsipCannotParse) {
  for (const char* bad : {"tel:+15551234", "http://example.com", "not a uri",
                          "<sip:bob@example.com>;tag=1", "<sip:bob@example.com", "Bob sip:bob@x"}) {
    expectFailure(uriPart(bad, "user"), Outcome::Level::Warning,
                  std::string("Failed to parse URI '") + bad + "'");
  }
  expectFailure(uriPart("sip:bob@example.com", "User"), Outcome::Level::Warning,
                "Unknown type part 'User' specified");
}

TEST(ParseUri, FunctionArgumentsAndVariables) {
  EXPECT_EQ(valueOf(parseUriFunction("sip:bob@example.com:5080,port", {})), "5080");
  // Quoted so that the commas of a name-addr survive the argument split.
  EXPECT_EQ(valueOf(parseUriFunction("\"\\\"Bob, Jr\\\" <sip:bob@x>\",display", {})), "Bob, Jr");
  expectFailure(parseUriFunction(",host", {}), Outcome::Level::Warning,
                "A URI must be specified when using the 'PJSIP_PARSE_URI' dialplan function");
  expectFailure(parseUriFunction("sip:bob@x", {}), Outcome::Level::Warning,
                "A type part of the URI must be specified when using the 'PJSIP_PARSE_URI' "
                "dialplan function");
  const VariableLookup lookup = [](const std::string& name) -> std::optional<std::string> {
    if (name == "CONTACT") {
      return "<sip:carol@192.0.2.9:5090>";
    }
    if (name == "EMPTY") {
      return "";
    }
    return std::nullopt;
  };
  EXPECT_EQ(valueOf(parseUriFunction("CONTACT,host", lookup)), "192.0.2.9");
  expectFailure(parseUriFunction(",host", lookup), Outcome::Level::Warning,
                "The name of a variable containing a URI must be specified when using the "
                "'PJSIP_PARSE_URI_FROM' dialplan function");
  expectFailure(parseUriFunction("EMPTY,host", lookup), Outcome::Level::Warning,
                "The variable provided to the 'PJSIP_PARSE_URI_FROM' dialplan function must "
                "contain a URI");
  // An unset variable leaves its name to be parsed.
  expectFailure(parseUriFunction("UNSET,host", lookup), Outcome::Level::Warning,
                "Failed to parse URI 'UNSET'");
}

TEST_F(PjsipFunctionsTest, SipPeerItemsComeFromTheEndpointAndItsFirstContact) {
  EXPECT_EQ(valueOf(peer("alice")), "192.0.2.50");  // the static contact before registering
  EXPECT_EQ(valueOf(peer("alice,port")), "5070");
  EXPECT_EQ(valueOf(peer("alice,expire")), "-1");
  registerAlice("aaa", "sip:alice@198.51.100.7:5062");
  EXPECT_EQ(valueOf(peer("alice")), "198.51.100.7");
  EXPECT_EQ(valueOf(peer("ALICE,IP")), "198.51.100.7");
  EXPECT_EQ(valueOf(peer("alice,port")), "5062");
  EXPECT_EQ(valueOf(peer("alice,expire")), "4600");
  EXPECT_EQ(valueOf(peer("alice,useragent")), "Phone/1.0");
  EXPECT_EQ(valueOf(peer("alice,status")), "UNKNOWN");
  location_->setState("alice;@aaa", ContactState::Reachable, 12.7);
  EXPECT_EQ(valueOf(peer("alice,status")), "OK (12 ms)");
  EXPECT_EQ(valueOf(peer("alice,mailbox")), "6001@default,6002");
  EXPECT_EQ(valueOf(peer("alice,context")), "default");
  EXPECT_EQ(valueOf(peer("alice,dynamic")), "yes");
  EXPECT_EQ(valueOf(peer("alice,callerid_name")), "Alice Smith");
  EXPECT_EQ(valueOf(peer("alice,callerid_num")), "6001");
  EXPECT_EQ(valueOf(peer("alice,codecs")), "(ulaw|alaw)");
  EXPECT_EQ(valueOf(peer("alice,codec[1]")), "alaw");
  EXPECT_EQ(valueOf(peer("alice,codec[5]")), "");
  EXPECT_EQ(valueOf(peer("alice,chanvar[shape]")), "round");
  EXPECT_EQ(valueOf(peer("alice,callgroup")), "1, 3, 4");
  EXPECT_EQ(valueOf(peer("alice,language")), "fr");
  EXPECT_EQ(valueOf(peer("alice,curcalls")), "2");
  EXPECT_EQ(valueOf(peer("alice,maxforwards")), "42");
  EXPECT_EQ(valueOf(peer("alice,encryption")), "0");
  EXPECT_EQ(valueOf(peer("alice,callerid")), "");  // not one of chan_sip's items
  EXPECT_EQ(valueOf(peer("bob")), "(null)");
  EXPECT_EQ(valueOf(peer("bob,port")), "0");
  EXPECT_EQ(valueOf(peer("bob,dynamic")), "no");
  EXPECT_EQ(valueOf(peer("bob,status")), "Unmonitored");
  // An unknown peer fails without a log line, as chan_sip's did.
  const auto unknown = peer("carol,ip");
  EXPECT_FALSE(unknown.value);
  EXPECT_EQ(unknown.message, "");
}

TEST_F(PjsipFunctionsTest, CheckSipDomainKnowsAliasesAndOurOwnNames) {
  const auto local = localSipDomains(*objects_, "pbx1");
  for (const char* name :
       {"office.example", "OFFICE.example", "pbx.example.com", "192.0.2.10", "pbx1"}) {
    EXPECT_EQ(valueOf(checkSipDomainFunction(local, name)), name);
  }
  EXPECT_EQ(valueOf(checkSipDomainFunction(local, "example.org")), "");
  expectFailure(checkSipDomainFunction(local, ""), Outcome::Level::Warning,
                "CHECKSIPDOMAIN requires an argument - A domain name");
}

TEST(DtmfModes, WordsAndLegacyModes) {
  EXPECT_EQ(dtmfModeWord("RFC4733"), "rfc4733");
  EXPECT_EQ(dtmfModeWord("auto_info"), "auto_info");
  EXPECT_EQ(dtmfModeWord("none"), "none");
  EXPECT_FALSE(dtmfModeWord("rfc2833"));
  EXPECT_FALSE(dtmfModeWord(""));
  EXPECT_EQ(legacyDtmfMode("rfc2833"), "rfc4733");
  EXPECT_EQ(legacyDtmfMode("SHORTINFO"), "info");
  EXPECT_EQ(legacyDtmfMode("info"), "info");
  EXPECT_EQ(legacyDtmfMode("inband"), "inband");
  EXPECT_FALSE(legacyDtmfMode("auto"));
  EXPECT_FALSE(legacyDtmfMode(""));
}

}  // namespace
}  // namespace sb::modules::chan_pjsip
