// The pjsip.conf object types endpoint, aor, auth, identify, domain_alias and acl, and IpAcl.
#include <gtest/gtest.h>

#include <algorithm>

#include "modules/res_pjsip/acl_config.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/auth_config.hpp"
#include "modules/res_pjsip/domain_alias_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/identify_config.hpp"
#include "modules/res_pjsip/ip_acl.hpp"
#include "store/store_test_support.hpp"

namespace sb::modules::res_pjsip {
namespace {

using store::ObjectStore;
using store::testing::request;

std::vector<std::shared_ptr<const store::ObjectTypeBase>> allTypes() {
  return {endpointType(), aorType(), authType(), identifyType(), domainAliasType(), aclType()};
}

store::LoadResult load(const std::string& text) {
  return ObjectStore::load(request({{"pjsip.conf", text}}, allTypes()));
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

/// The single error of loading `text`, or "" (with a test failure) when there is not exactly one.
std::string onlyError(const std::string& text) {
  auto list = errors(load(text));
  EXPECT_EQ(list.size(), 1u) << text;
  return list.size() == 1 ? list[0] : "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

using Strings = std::vector<std::string>;

// ---------------------------------------------------------------- endpoint

TEST(PjsipEndpoint, DefaultsAreAsterisks) {
  auto result = load("[6001]\ntype=endpoint\n");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(errors(result));
  auto e = result.objects->get<EndpointConfig>("endpoint", "6001");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->context, "default");
  EXPECT_TRUE(e->aors.empty());
  EXPECT_TRUE(e->auth.empty());
  EXPECT_TRUE(e->outboundAuth.empty());
  EXPECT_EQ(e->transport, "");
  EXPECT_EQ(e->identifyBy, (Strings{"username", "ip"}));
  EXPECT_FALSE(e->rewriteContact);
  EXPECT_TRUE(e->forceRport);
  EXPECT_FALSE(e->rtpSymmetric);
  EXPECT_TRUE(e->directMedia);
  EXPECT_EQ(e->dtmfMode, "rfc4733");
  EXPECT_EQ(e->timers, "yes");
  EXPECT_EQ(e->timersMinSe, 90u);
  EXPECT_EQ(e->timersSessExpires, 1800u);
  EXPECT_EQ(e->rel100, "yes");
  EXPECT_TRUE(e->allowSubscribe);
  EXPECT_EQ(e->subMinExpiry, 0u);
  EXPECT_EQ(e->maxAudioStreams, 1u);
  EXPECT_EQ(e->maxVideoStreams, 1u);
  EXPECT_EQ(e->sdpOwner, "-");
  EXPECT_EQ(e->sdpSession, "Asterisk");
  EXPECT_FALSE(e->sendPai);
  EXPECT_FALSE(e->sendRpid);
  EXPECT_FALSE(e->trustIdInbound);
  EXPECT_FALSE(e->trustIdOutbound);
  EXPECT_TRUE(e->sendDiversion);
  EXPECT_TRUE(e->allowTransfer);
  EXPECT_EQ(e->mediaEncryption, "no");
  EXPECT_FALSE(e->t38Udptl);
  EXPECT_FALSE(e->webrtc);
  EXPECT_FALSE(e->allowUnauthenticatedOptions);
  EXPECT_EQ(e->deviceStateBusyAt, 0u);
  EXPECT_TRUE(e->codecOps.empty());
  EXPECT_TRUE(e->allow.empty());
  EXPECT_TRUE(e->ipRules.empty());
  EXPECT_TRUE(e->contactIpRules.empty());
  EXPECT_EQ(e->calleridPrivacy, "allowed_not_screened");
  EXPECT_EQ(e->mohSuggest, "default");
  EXPECT_EQ(e->rtpEngine, "asterisk");
  EXPECT_EQ(e->redirectMethod, "user");
  EXPECT_EQ(e->incomingCallOfferPref, "local");
  EXPECT_EQ(e->outgoingCallOfferPref, "remote_merge");
  EXPECT_EQ(e->recordOnFeature, "automixmon");
  EXPECT_EQ(e->directMediaMethod, "invite");
  EXPECT_EQ(e->t38UdptlEc, "none");
  EXPECT_EQ(e->dtlsVerify, "no");
  EXPECT_EQ(e->dtlsSetup, "");
}

TEST(PjsipEndpoint, EveryAsteriskEndpointOptionIsKnown) {
  // The 145 options (besides type) Asterisk's pjsip_configuration.c registers for endpoints.
  const Strings asterisk{"100rel",
                         "accept_multiple_sdp_answers",
                         "accountcode",
                         "acl",
                         "aggregate_mwi",
                         "allow",
                         "allow_overlap",
                         "allow_subscribe",
                         "allow_transfer",
                         "allow_unauthenticated_options",
                         "aors",
                         "asymmetric_rtp_codec",
                         "auth",
                         "bind_rtp_to_media_address",
                         "bundle",
                         "call_group",
                         "callerid",
                         "callerid_privacy",
                         "callerid_tag",
                         "codec_prefs_incoming_answer",
                         "codec_prefs_incoming_offer",
                         "codec_prefs_outgoing_answer",
                         "codec_prefs_outgoing_offer",
                         "connected_line_method",
                         "contact_acl",
                         "contact_deny",
                         "contact_permit",
                         "contact_user",
                         "context",
                         "cos_audio",
                         "cos_video",
                         "deny",
                         "device_state_busy_at",
                         "direct_media",
                         "direct_media_glare_mitigation",
                         "direct_media_method",
                         "disable_direct_media_on_nat",
                         "disallow",
                         "dtls_auto_generate_cert",
                         "dtls_ca_file",
                         "dtls_ca_path",
                         "dtls_cert_file",
                         "dtls_cipher",
                         "dtls_fingerprint",
                         "dtls_private_key",
                         "dtls_rekey",
                         "dtls_setup",
                         "dtls_verify",
                         "dtmf_mode",
                         "fax_detect",
                         "fax_detect_timeout",
                         "follow_early_media_fork",
                         "follow_redirect_methods",
                         "force_avp",
                         "force_rport",
                         "from_domain",
                         "from_user",
                         "g726_non_standard",
                         "geoloc_incoming_call_profile",
                         "geoloc_outgoing_call_profile",
                         "ice_support",
                         "identify_by",
                         "ignore_183_without_sdp",
                         "inband_progress",
                         "incoming_call_offer_pref",
                         "incoming_mwi_mailbox",
                         "language",
                         "mailboxes",
                         "max_audio_streams",
                         "max_video_streams",
                         "media_address",
                         "media_encryption",
                         "media_encryption_optimistic",
                         "media_use_received_transport",
                         "message_context",
                         "moh_passthrough",
                         "moh_suggest",
                         "mwi_from_user",
                         "mwi_subscribe_replaces_unsolicited",
                         "named_call_group",
                         "named_pickup_group",
                         "notify_early_inuse_ringing",
                         "one_touch_recording",
                         "outbound_auth",
                         "outbound_proxy",
                         "outgoing_call_offer_pref",
                         "overlap_context",
                         "permit",
                         "pickup_group",
                         "preferred_codec_only",
                         "record_off_feature",
                         "record_on_feature",
                         "redirect_method",
                         "refer_blind_progress",
                         "rewrite_contact",
                         "rpid_immediate",
                         "rtcp_mux",
                         "rtp_engine",
                         "rtp_ipv6",
                         "rtp_keepalive",
                         "rtp_port_end",
                         "rtp_port_start",
                         "rtp_symmetric",
                         "rtp_timeout",
                         "rtp_timeout_hold",
                         "sdp_owner",
                         "sdp_session",
                         "security_mechanisms",
                         "security_negotiation",
                         "send_aoc",
                         "send_connected_line",
                         "send_diversion",
                         "send_history_info",
                         "send_pai",
                         "send_rpid",
                         "set_var",
                         "srtp_tag_32",
                         "stir_shaken",
                         "stir_shaken_profile",
                         "sub_min_expiry",
                         "subscribe_context",
                         "suppress_moh_on_sendonly",
                         "suppress_q850_reason_headers",
                         "t38_bind_udptl_to_media_address",
                         "t38_udptl",
                         "t38_udptl_ec",
                         "t38_udptl_ipv6",
                         "t38_udptl_maxdatagram",
                         "t38_udptl_nat",
                         "tenantid",
                         "timers",
                         "timers_min_se",
                         "timers_sess_expires",
                         "tone_zone",
                         "tos_audio",
                         "tos_video",
                         "transport",
                         "trust_connected_line",
                         "trust_id_inbound",
                         "trust_id_outbound",
                         "use_avpf",
                         "use_ptime",
                         "user_eq_phone",
                         "voicemail_extension",
                         "webrtc"};
  ASSERT_EQ(asterisk.size(), 145u);
  Strings ours;
  for (const auto& info : endpointType()->options()) {
    ours.push_back(info.name);
    EXPECT_FALSE(info.doc.empty()) << info.name;
  }
  for (const auto& name : asterisk) {
    EXPECT_NE(std::find(ours.begin(), ours.end(), name), ours.end()) << name;
  }
  EXPECT_EQ(ours.size(), asterisk.size());
}

/// The value `describe` gives an option, or "(absent)" when it is not listed.
std::string shown(const store::ObjectTypeBase& type, const store::Object& object,
                  const std::string& name) {
  for (const auto& [option, value] : type.describe(object)) {
    if (option == name) {
      return value;
    }
  }
  return "(absent)";
}

TEST(PjsipEndpoint, ValuesAreShownAsAsteriskObjectSetsPrintThem) {
  auto result = load(R"([plain]
type=endpoint
[6001]
type=endpoint
disallow=all
allow=alaw,ulaw
callerid=Alice <(600) 1>
call_group=1,3-4
deny=0.0.0.0/0
permit=10.0.0.0/8
contact_acl=office
trust_connected_line=no
webrtc=yes
dtls_verify=fingerprint
dtls_setup=actpass
dtls_auto_generate_cert=yes
)");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(errors(result));
  const auto type = endpointType();
  const auto plain = result.objects->get<EndpointConfig>("endpoint", "plain");
  const auto e = result.objects->get<EndpointConfig>("endpoint", "6001");
  // Codecs as ast_format_cap_get_names, caller id as ast_callerid_merge.
  EXPECT_EQ(shown(*type, *e, "allow"), "(alaw|ulaw)");
  EXPECT_EQ(shown(*type, *plain, "allow"), "(nothing)");
  EXPECT_EQ(shown(*type, *e, "callerid"), "\"Alice\" <6001>");
  EXPECT_EQ(shown(*type, *plain, "callerid"), "<unknown>");
  EXPECT_EQ(shown(*type, *e, "call_group"), "1, 3, 4");
  // Aliases and inline ACL rules have no value of their own.
  EXPECT_EQ(shown(*type, *e, "disallow"), "(absent)");
  EXPECT_EQ(shown(*type, *e, "deny"), "(absent)");
  EXPECT_EQ(shown(*type, *e, "permit"), "(absent)");
  EXPECT_EQ(shown(*type, *e, "acl"), "deny/permit");
  EXPECT_EQ(shown(*type, *e, "contact_acl"), "office");
  EXPECT_EQ(shown(*type, *plain, "acl"), "");
  // OPT_YESNO_T options and the DTLS words.
  EXPECT_EQ(shown(*type, *e, "trust_connected_line"), "no");
  EXPECT_EQ(shown(*type, *plain, "send_connected_line"), "yes");
  EXPECT_EQ(shown(*type, *e, "webrtc"), "yes");
  EXPECT_EQ(shown(*type, *plain, "rtp_symmetric"), "false");
  EXPECT_EQ(shown(*type, *e, "dtls_verify"), "Fingerprint");
  EXPECT_EQ(shown(*type, *plain, "dtls_verify"), "No");
  EXPECT_EQ(shown(*type, *e, "dtls_setup"), "actpass");
  EXPECT_EQ(shown(*type, *plain, "dtls_setup"), "active");
  EXPECT_EQ(shown(*type, *plain, "dtls_fingerprint"), "SHA-256");
  EXPECT_EQ(shown(*type, *e, "dtls_auto_generate_cert"), "Yes");
  EXPECT_EQ(shown(*type, *plain, "sub_min_expiry"), "0");
}

TEST(PjsipEndpoint, AsteriskSampleEndpointLoads) {
  const std::string text = R"([6001]
type=endpoint
context=from-internal
disallow=all
allow=ulaw
allow=alaw,g722
auth=6001-auth
outbound_auth=6001-out
aors=6001,6001-mobile
transport=transport-udp
identify_by=auth_username,username,ip
direct_media=no
rewrite_contact=yes
force_rport=yes
rtp_symmetric=yes
dtmf_mode=auto
callerid="Alice" <6001>
callerid_privacy=prohib
send_pai=yes
send_rpid=yes
trust_id_inbound=yes
trust_id_outbound=yes
timers=always
timers_min_se=120
timers_sess_expires=3600
100rel=required
mailboxes=6001@default
voicemail_extension=*97
aggregate_mwi=no
allow_subscribe=yes
sub_min_expiry=30
subscribe_context=hints
message_context=messages
from_user=alice
from_domain=example.com
contact_user=alice
outbound_proxy=sip:proxy.example.com\;lr
max_audio_streams=2
max_video_streams=2
allow_transfer=no
device_state_busy_at=2
language=fr
accountcode=acct1
set_var=GREETING=hello,world
set_var=LANGUAGE=fr
set_var=GREETING=bonjour
call_group=1,3-4
pickup_group=1
named_call_group=sales
named_pickup_group=sales,support
tone_zone=fr
moh_suggest=jazz
media_encryption=sdes
media_encryption_optimistic=yes
t38_udptl=yes
t38_udptl_ec=redundancy
t38_udptl_maxdatagram=400
fax_detect=yes
ice_support=yes
use_avpf=yes
rtcp_mux=yes
bundle=yes
tos_audio=ef
tos_video=af41
cos_audio=5
cos_video=4
sdp_owner=root
sdp_session=Switchboard
allow_unauthenticated_options=yes
acl=office
deny=0.0.0.0/0.0.0.0
permit=192.168.1.0/24,10.0.0.0/255.0.0.0
contact_deny=0.0.0.0/0
contact_permit=192.168.1.0/24
inband_progress=yes
user_eq_phone=yes
direct_media_method=reinvite
connected_line_method=update
direct_media_glare_mitigation=outgoing
redirect_method=uri_core
follow_redirect_methods=message
incoming_call_offer_pref=remote_first
outgoing_call_offer_pref=local_merge
codec_prefs_outgoing_offer=prefer: configured, operation: only_preferred, keep: first
dtls_verify=fingerprint
dtls_setup=actpass
dtls_fingerprint=SHA-256
dtls_rekey=0
dtls_auto_generate_cert=yes
security_negotiation=mediasec
stir_shaken=yes
webrtc=no
tenantid=t1
)";
  auto result = load(text);
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(errors(result));
  auto e = result.objects->get<EndpointConfig>("endpoint", "6001");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->context, "from-internal");
  EXPECT_EQ(e->codecOps, (Strings{"-all", "+ulaw", "+alaw", "+g722"}));
  EXPECT_EQ(e->allow, (Strings{"ulaw", "alaw", "g722"}));
  EXPECT_EQ(e->disallow, (Strings{"all"}));
  EXPECT_EQ(e->auth, (Strings{"6001-auth"}));
  EXPECT_EQ(e->outboundAuth, (Strings{"6001-out"}));
  EXPECT_EQ(e->aors, (Strings{"6001", "6001-mobile"}));
  EXPECT_EQ(e->identifyBy, (Strings{"auth_username", "username", "ip"}));
  EXPECT_FALSE(e->directMedia);
  EXPECT_TRUE(e->rewriteContact);
  EXPECT_TRUE(e->rtpSymmetric);
  EXPECT_EQ(e->dtmfMode, "auto");
  EXPECT_EQ(e->callerid, "\"Alice\" <6001>");
  EXPECT_TRUE(e->sendPai);
  EXPECT_EQ(e->timers, "always");
  EXPECT_EQ(e->timersMinSe, 120u);
  EXPECT_EQ(e->rel100, "required");
  EXPECT_EQ(e->subMinExpiry, 30u);
  EXPECT_EQ(e->mailboxes, "6001@default");
  EXPECT_EQ(e->fromUser, "alice");
  EXPECT_EQ(e->maxAudioStreams, 2u);
  EXPECT_FALSE(e->allowTransfer);
  EXPECT_EQ(e->deviceStateBusyAt, 2u);
  EXPECT_EQ(e->setVar, (Strings{"GREETING=bonjour", "LANGUAGE=fr"}));
  EXPECT_EQ(e->mediaEncryption, "sdes");
  EXPECT_TRUE(e->t38Udptl);
  EXPECT_EQ(e->tosAudio, 0xb8u);
  EXPECT_EQ(e->acl, (Strings{"office"}));
  EXPECT_EQ(e->deny, (Strings{"0.0.0.0/0.0.0.0"}));
  EXPECT_EQ(e->permit, (Strings{"192.168.1.0/24", "10.0.0.0/255.0.0.0"}));
  EXPECT_EQ(e->ipRules, (std::vector<std::pair<bool, std::string>>{{false, "0.0.0.0/0.0.0.0"},
                                                                   {true, "192.168.1.0/24"},
                                                                   {true, "10.0.0.0/255.0.0.0"}}));
  EXPECT_EQ(e->contactIpRules, (std::vector<std::pair<bool, std::string>>{
                                   {false, "0.0.0.0/0"}, {true, "192.168.1.0/24"}}));
  EXPECT_EQ(e->directMediaMethod, "invite");
  EXPECT_EQ(e->connectedLineMethod, "update");
  EXPECT_TRUE(e->allowUnauthenticatedOptions);

  auto acl = IpAcl::fromOrderedRules(e->ipRules);
  ASSERT_TRUE(acl);
  EXPECT_TRUE(acl->allows(boost::asio::ip::make_address("192.168.1.20")));
  EXPECT_TRUE(acl->allows(boost::asio::ip::make_address("10.9.8.7")));
  EXPECT_FALSE(acl->allows(boost::asio::ip::make_address("172.16.0.1")));
}

TEST(PjsipEndpoint, TimersAnd100relAcceptBooleanSpellings) {
  auto result = load(
      "[a]\ntype=endpoint\ntimers=forced\n100rel=peer_supported\n"
      "[b]\ntype=endpoint\ntimers=false\n100rel=off\n"
      "[c]\ntype=endpoint\ntimers=Required\n100rel=1\n");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(errors(result));
  auto a = result.objects->get<EndpointConfig>("endpoint", "a");
  auto b = result.objects->get<EndpointConfig>("endpoint", "b");
  auto c = result.objects->get<EndpointConfig>("endpoint", "c");
  EXPECT_EQ(a->timers, "always");
  EXPECT_EQ(a->rel100, "peer_supported");
  EXPECT_EQ(b->timers, "no");
  EXPECT_EQ(b->rel100, "no");
  EXPECT_EQ(c->timers, "required");
  EXPECT_EQ(c->rel100, "yes");
}

TEST(PjsipEndpoint, PermitAndDenyKeepFileOrder) {
  auto result = load(
      "[e]\ntype=endpoint\npermit=10.0.0.1\ndeny=10.0.0.0/8\npermit=!10.1.0.0/16\n"
      "contact_permit=::1\n");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(errors(result));
  auto e = result.objects->get<EndpointConfig>("endpoint", "e");
  EXPECT_EQ(e->ipRules, (std::vector<std::pair<bool, std::string>>{
                            {true, "10.0.0.1"}, {false, "10.0.0.0/8"}, {true, "!10.1.0.0/16"}}));
  EXPECT_EQ(e->permit, (Strings{"10.0.0.1", "!10.1.0.0/16"}));
  EXPECT_EQ(e->deny, (Strings{"10.0.0.0/8"}));
  EXPECT_EQ(e->contactIpRules, (std::vector<std::pair<bool, std::string>>{{true, "::1"}}));
  auto acl = IpAcl::fromOrderedRules(e->ipRules);
  ASSERT_TRUE(acl);
  // deny 10/8 comes after permit 10.0.0.1, so it wins for 10.0.0.1 as well.
  EXPECT_FALSE(acl->allows(boost::asio::ip::make_address("10.0.0.1")));
  EXPECT_FALSE(acl->allows(boost::asio::ip::make_address("10.1.2.3")));  // !permit = deny
  EXPECT_TRUE(acl->allows(boost::asio::ip::make_address("11.0.0.1")));
}

TEST(PjsipEndpoint, IdentifyByRepeatsAreDroppedAndTheDefaultReplaced) {
  auto result = load("[e]\ntype=endpoint\nidentify_by=ip,IP,header\n");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.objects->get<EndpointConfig>("endpoint", "e")->identifyBy,
            (Strings{"ip", "header"}));
}

TEST(PjsipEndpoint, BadValuesNameTheOption) {
  struct Case {
    std::string line;
    std::string option;
  };
  const std::vector<Case> cases{
      {"dtmf_mode=loud", "dtmf_mode"},
      {"timers=sometimes", "timers"},
      {"100rel=maybe", "100rel"},
      {"direct_media=perhaps", "direct_media"},
      {"timers_min_se=-5", "timers_min_se"},
      {"identify_by=username,phase_of_moon", "identify_by"},
      {"permit=10.0.0.300", "permit"},
      {"deny=10.0.0.0/33", "deny"},
      {"contact_permit=10.0.0.0/255.0.0.0.0", "contact_permit"},
      {"contact_deny=::1/255.0.0.0", "contact_deny"},
      {"media_encryption=rot13", "media_encryption"},
      {"set_var=NOVALUE", "set_var"},
      {"call_group=64", "call_group"},
      {"tos_audio=fast", "tos_audio"},
      {"from_user=a b", "from_user"},
      {"incoming_call_offer_pref=remote_merge", "incoming_call_offer_pref"},
      {"codec_prefs_incoming_offer=operation: union", "codec_prefs_incoming_offer"},
      {"callerid_privacy=secret", "callerid_privacy"},
      {"t38_udptl_ec=magic", "t38_udptl_ec"},
      {"follow_redirect_methods=invite", "follow_redirect_methods"},
  };
  for (const auto& c : cases) {
    auto error = onlyError("[e]\ntype=endpoint\n" + c.line + "\n");
    EXPECT_TRUE(contains(error, "for option '" + c.option + "' of endpoint 'e'")) << error;
  }
  auto error = onlyError("[e]\ntype=endpoint\npermit=10.0.0.300\n");
  EXPECT_TRUE(contains(error, "'10.0.0.300'")) << error;
  EXPECT_TRUE(contains(onlyError("[e]\ntype=endpoint\nnot_an_option=1\n"),
                       "unknown option 'not_an_option' for endpoint 'e'"));
}

// ---------------------------------------------------------------- aor

TEST(PjsipAor, Defaults) {
  auto result = load("[6001]\ntype=aor\n");
  ASSERT_TRUE(result.ok());
  auto a = result.objects->get<AorConfig>("aor", "6001");
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->contact.empty());
  EXPECT_EQ(a->maxContacts, 0u);
  EXPECT_FALSE(a->removeExisting);
  EXPECT_FALSE(a->removeUnavailable);
  EXPECT_EQ(a->minimumExpiration, 60u);
  EXPECT_EQ(a->maximumExpiration, 7200u);
  EXPECT_EQ(a->defaultExpiration, 3600u);
  EXPECT_EQ(a->qualifyFrequency, 0u);
  EXPECT_DOUBLE_EQ(a->qualifyTimeout, 3.0);
  EXPECT_FALSE(a->qualify2xxOnly);
  EXPECT_FALSE(a->authenticateQualify);
  EXPECT_FALSE(a->supportPath);
  EXPECT_EQ(a->mailboxes, "");
  EXPECT_EQ(a->outboundProxy, "");
}

TEST(PjsipAor, ValuesAndRepeatedContacts) {
  auto result = load(
      "[6001]\ntype=aor\ncontact=sip:a@192.0.2.1,sip:b@192.0.2.2\ncontact=sip:c@192.0.2.3:5070\n"
      "max_contacts=1\nremove_existing=yes\nqualify_frequency=86400\nqualify_timeout=0.5\n"
      "support_path=yes\nmailboxes=6001@default\nvoicemail_extension=*97\n");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(errors(result));
  auto a = result.objects->get<AorConfig>("aor", "6001");
  EXPECT_EQ(a->contact, (Strings{"sip:a@192.0.2.1", "sip:b@192.0.2.2", "sip:c@192.0.2.3:5070"}));
  EXPECT_EQ(a->maxContacts, 1u);
  EXPECT_TRUE(a->removeExisting);
  EXPECT_EQ(a->qualifyFrequency, 86400u);
  EXPECT_DOUBLE_EQ(a->qualifyTimeout, 0.5);
  EXPECT_TRUE(a->supportPath);
  EXPECT_EQ(a->voicemailExtension, "*97");
  auto shown = aorType()->describe(*a);
  auto timeout = std::find_if(shown.begin(), shown.end(),
                              [](const auto& p) { return p.first == "qualify_timeout"; });
  ASSERT_NE(timeout, shown.end());
  EXPECT_EQ(timeout->second, "0.500000");  // OPT_DOUBLE_T prints with %f
}

TEST(PjsipAor, BadValues) {
  EXPECT_TRUE(contains(onlyError("[a]\ntype=aor\nqualify_frequency=86401\n"),
                       "option 'qualify_frequency' of aor 'a': must be between 0 and 86400"));
  EXPECT_TRUE(contains(onlyError("[a]\ntype=aor\nqualify_timeout=soon\n"),
                       "option 'qualify_timeout' of aor 'a'"));
  EXPECT_TRUE(contains(onlyError("[a]\ntype=aor\nmax_contacts=many\n"), "option 'max_contacts'"));
}

// ---------------------------------------------------------------- auth

TEST(PjsipAuth, DefaultsAndAliasesOfDigest) {
  auto result = load(
      "[a]\ntype=auth\nusername=6001\npassword=secret\n"
      "[b]\ntype=auth\nauth_type=userpass\nusername=u\n"
      "[c]\ntype=auth\nauth_type=MD5\nusername=u\nmd5_cred=0123456789ABCDEF0123456789abcdef\n");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(errors(result));
  auto a = result.objects->get<AuthConfig>("auth", "a");
  EXPECT_EQ(a->authType, AuthType::Digest);
  EXPECT_EQ(a->username, "6001");
  EXPECT_EQ(a->password, "secret");
  EXPECT_EQ(a->realm, "");
  EXPECT_EQ(a->nonceLifetime, 32u);
  EXPECT_TRUE(a->passwordDigest.empty());
  EXPECT_TRUE(a->supportedAlgorithmsUas.empty());
  EXPECT_TRUE(a->supportedAlgorithmsUac.empty());
  EXPECT_EQ(result.objects->get<AuthConfig>("auth", "b")->authType, AuthType::Digest);
  auto c = result.objects->get<AuthConfig>("auth", "c");
  EXPECT_EQ(c->authType, AuthType::Digest);
  EXPECT_EQ(c->md5Cred, "0123456789abcdef0123456789abcdef");
}

TEST(PjsipAuth, PasswordDigestsAndAlgorithms) {
  const std::string md5(32, 'a');
  const std::string sha(64, 'B');
  auto result =
      load("[a]\ntype=auth\nusername=u\npassword_digest=md5:" + md5 +
           "\npassword_digest=sha-256:" + sha + ",SHA-512-256:" + std::string(64, 'c') +
           "\nsupported_algorithms_uas=sha-256,MD5\nsupported_algorithms_uac=SHA-512-256\n");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(errors(result));
  auto a = result.objects->get<AuthConfig>("auth", "a");
  EXPECT_EQ(a->passwordDigest, (Strings{"MD5:" + md5, "SHA-256:" + std::string(64, 'b'),
                                        "SHA-512-256:" + std::string(64, 'c')}));
  EXPECT_EQ(a->supportedAlgorithmsUas, (Strings{"SHA-256", "MD5"}));
  EXPECT_EQ(a->supportedAlgorithmsUac, (Strings{"SHA-512-256"}));
}

TEST(PjsipAuth, SecretsAreMaskedInShow) {
  auto result =
      load("[a]\ntype=auth\nusername=u\npassword=secret\nmd5_cred=" + std::string(32, '0') + "\n");
  ASSERT_TRUE(result.ok());
  auto a = result.objects->get<AuthConfig>("auth", "a");
  for (const auto& [name, value] : authType()->describe(*a)) {
    if (name == "password" || name == "md5_cred") {
      EXPECT_EQ(value, "<sensitive>") << name;
    }
    if (name == "username") {
      EXPECT_EQ(value, "u");
    }
  }
}

TEST(PjsipAuth, BadValues) {
  EXPECT_TRUE(contains(onlyError("[a]\ntype=auth\nusername=u\nauth_type=kerberos\n"),
                       "option 'auth_type' of auth 'a'"));
  EXPECT_TRUE(contains(onlyError("[a]\ntype=auth\nusername=u\npassword_digest=SHA-1:abcd\n"),
                       "option 'password_digest' of auth 'a': unknown digest algorithm 'SHA-1'"));
  EXPECT_TRUE(contains(onlyError("[a]\ntype=auth\nusername=u\npassword_digest=SHA-256:abcd\n"),
                       "must be 64 hex digits"));
  EXPECT_TRUE(contains(onlyError("[a]\ntype=auth\nusername=u\nsupported_algorithms_uac=SHA-1\n"),
                       "option 'supported_algorithms_uac'"));
  EXPECT_TRUE(contains(onlyError("[a]\ntype=auth\nusername=u\nmd5_cred=1234\n"),
                       "auth 'a': md5_cred must be 32 hex digits"));
  EXPECT_TRUE(contains(onlyError("[a]\ntype=auth\npassword=p\n"), "username is required"));
  EXPECT_TRUE(
      contains(onlyError("[a]\ntype=auth\nusername=u\nauth_type=google_oauth\n"), "refresh_token"));
}

// ---------------------------------------------------------------- identify

TEST(PjsipIdentify, DefaultsAndValues) {
  auto result = load(
      "[trunk]\ntype=identify\nendpoint=trunk\nmatch=192.0.2.0/24,198.51.100.7\n"
      "match=sip.example.com\nmatch_header=X-Trunk: a,b\nmatch_header=X-Id: /^[0-9]+$/\n"
      "match_request_uri=/^sip:1[0-9]+@/\nsrv_lookups=no\n"
      "[plain]\ntype=identify\nendpoint=p\nmatch=10.0.0.1\n");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(errors(result));
  auto t = result.objects->get<IdentifyConfig>("identify", "trunk");
  EXPECT_EQ(t->endpoint, "trunk");
  EXPECT_EQ(t->match, (Strings{"192.0.2.0/24", "198.51.100.7", "sip.example.com"}));
  EXPECT_EQ(t->matchHeader, (Strings{"X-Trunk: a,b", "X-Id: /^[0-9]+$/"}));
  EXPECT_EQ(t->matchRequestUri, (Strings{"/^sip:1[0-9]+@/"}));
  EXPECT_FALSE(t->srvLookups);
  EXPECT_TRUE(result.objects->get<IdentifyConfig>("identify", "plain")->srvLookups);
}

TEST(PjsipIdentify, Validation) {
  EXPECT_TRUE(contains(onlyError("[i]\ntype=identify\nmatch=10.0.0.1\n"), "endpoint is required"));
  EXPECT_TRUE(contains(onlyError("[i]\ntype=identify\nendpoint=e\n"), "nothing to match"));
  EXPECT_TRUE(
      contains(onlyError("[i]\ntype=identify\nendpoint=e\nmatch_header=X-Trunk\n"), "no ':'"));
  EXPECT_TRUE(contains(onlyError("[i]\ntype=identify\nendpoint=e\nmatch_header=: value\n"),
                       "no header name"));
  EXPECT_TRUE(contains(onlyError("[i]\ntype=identify\nendpoint=e\nmatch_header=X-A: /([/\n"),
                       "regular expression"));
  EXPECT_TRUE(contains(onlyError("[i]\ntype=identify\nendpoint=e\nmatch=1.2.3.4\nsrv_lookups=x\n"),
                       "option 'srv_lookups'"));
}

// ---------------------------------------------------------------- domain_alias, acl

TEST(PjsipDomainAlias, Domain) {
  auto result =
      load("[example.org]\ntype=domain_alias\ndomain=example.com\n[empty]\ntype=domain_alias\n");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.objects->get<DomainAliasConfig>("domain_alias", "example.org")->domain,
            "example.com");
  EXPECT_EQ(result.objects->get<DomainAliasConfig>("domain_alias", "empty")->domain, "");
}

TEST(PjsipAcl, ListsAndOrder) {
  auto result = load(
      "[acl]\ntype=acl\ndeny=0.0.0.0/0.0.0.0\npermit=209.16.236.0/24\npermit=209.16.236.1\n"
      "acl=named1,named2\ncontact_deny=0.0.0.0/0\ncontact_permit=2001:db8::/32\n"
      "contact_acl=c1\n[defaults]\ntype=acl\n");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(errors(result));
  auto a = result.objects->get<AclConfig>("acl", "acl");
  EXPECT_EQ(a->deny, (Strings{"0.0.0.0/0.0.0.0"}));
  EXPECT_EQ(a->permit, (Strings{"209.16.236.0/24", "209.16.236.1"}));
  EXPECT_EQ(a->acl, (Strings{"named1", "named2"}));
  EXPECT_EQ(a->contactAcl, (Strings{"c1"}));
  EXPECT_EQ(a->contactPermit, (Strings{"2001:db8::/32"}));
  EXPECT_EQ(a->ipRules,
            (std::vector<std::pair<bool, std::string>>{
                {false, "0.0.0.0/0.0.0.0"}, {true, "209.16.236.0/24"}, {true, "209.16.236.1"}}));
  EXPECT_EQ(a->contactIpRules, (std::vector<std::pair<bool, std::string>>{
                                   {false, "0.0.0.0/0"}, {true, "2001:db8::/32"}}));
  auto d = result.objects->get<AclConfig>("acl", "defaults");
  EXPECT_TRUE(d->permit.empty());
  EXPECT_TRUE(d->ipRules.empty());
  EXPECT_TRUE(contains(onlyError("[a]\ntype=acl\npermit=not-an-address\n"),
                       "option 'permit' of acl 'a': 'not-an-address' is not an IP address"));
}

// ---------------------------------------------------------------- IpAcl

boost::asio::ip::address ip(const char* text) {
  return boost::asio::ip::make_address(text);
}

TEST(IpAcl, EmptyAllowsEverything) {
  IpAcl acl;
  EXPECT_TRUE(acl.empty());
  EXPECT_TRUE(acl.allows(ip("192.0.2.1")));
  EXPECT_TRUE(acl.allows(ip("2001:db8::1")));
}

TEST(IpAcl, NoMatchingRuleMeansAllowed) {
  IpAcl acl;
  ASSERT_TRUE(acl.add(false, "10.0.0.0/8"));
  EXPECT_FALSE(acl.empty());
  EXPECT_FALSE(acl.allows(ip("10.20.30.40")));
  EXPECT_TRUE(acl.allows(ip("192.0.2.1")));
}

TEST(IpAcl, LastMatchingRuleDecides) {
  auto denyThenPermit = IpAcl::fromOrderedRules({{false, "0.0.0.0/0"}, {true, "192.168.0.0/16"}});
  ASSERT_TRUE(denyThenPermit);
  EXPECT_TRUE(denyThenPermit->allows(ip("192.168.4.5")));
  EXPECT_FALSE(denyThenPermit->allows(ip("192.169.0.1")));

  auto permitThenDeny = IpAcl::fromOrderedRules({{true, "192.168.0.0/16"}, {false, "0.0.0.0/0"}});
  ASSERT_TRUE(permitThenDeny);
  EXPECT_FALSE(permitThenDeny->allows(ip("192.168.4.5")));
}

TEST(IpAcl, DottedNetmaskAndHostRules) {
  IpAcl acl;
  ASSERT_TRUE(acl.add(false, "0.0.0.0/0.0.0.0"));
  ASSERT_TRUE(acl.add(true, "172.16.0.0/255.240.0.0"));
  ASSERT_TRUE(acl.add(false, "172.16.5.5"));
  EXPECT_TRUE(acl.allows(ip("172.31.255.255")));
  EXPECT_FALSE(acl.allows(ip("172.32.0.0")));
  EXPECT_FALSE(acl.allows(ip("172.16.5.5")));
  EXPECT_TRUE(acl.allows(ip("172.16.5.6")));
  // The rule's address is masked, so host bits in it do not matter.
  IpAcl masked;
  ASSERT_TRUE(masked.add(false, "10.1.2.3/8"));
  EXPECT_FALSE(masked.allows(ip("10.200.0.1")));
}

TEST(IpAcl, CommaListsAndNegation) {
  IpAcl acl;
  ASSERT_TRUE(acl.add(false, "0.0.0.0/0, !192.0.2.0/24"));
  EXPECT_EQ(acl.size(), 2u);
  EXPECT_TRUE(acl.allows(ip("192.0.2.9")));  // "!" turns the deny into a permit
  EXPECT_FALSE(acl.allows(ip("198.51.100.1")));
}

TEST(IpAcl, Ipv6RulesApplyOnlyToIpv6) {
  IpAcl acl;
  ASSERT_TRUE(acl.add(false, "::/0"));
  ASSERT_TRUE(acl.add(true, "2001:db8::/32"));
  ASSERT_TRUE(acl.add(true, "[fe80::1]"));
  ASSERT_TRUE(acl.add(false, "2001:db8:ffff::/ffff:ffff:ffff::"));
  EXPECT_TRUE(acl.allows(ip("2001:db8::5")));
  EXPECT_FALSE(acl.allows(ip("2001:db8:ffff::1")));
  EXPECT_FALSE(acl.allows(ip("2001:db9::1")));
  EXPECT_TRUE(acl.allows(ip("fe80::1")));
  EXPECT_TRUE(acl.allows(ip("192.0.2.1")));  // IPv6 rules never match IPv4
  IpAcl v4only;
  ASSERT_TRUE(v4only.add(false, "0.0.0.0/0"));
  EXPECT_TRUE(v4only.allows(ip("2001:db8::1")));  // IPv4 rules never match IPv6
}

TEST(IpAcl, MappedAddressesAreMatchedAsIpv4) {
  IpAcl acl;
  ASSERT_TRUE(acl.add(false, "192.0.2.0/24"));
  EXPECT_FALSE(acl.allows(ip("::ffff:192.0.2.7")));
  EXPECT_TRUE(acl.allows(ip("::ffff:198.51.100.7")));
  // A mapped rule is an IPv4 rule.
  IpAcl mapped;
  ASSERT_TRUE(mapped.add(false, "::ffff:10.0.0.0/8"));
  EXPECT_FALSE(mapped.allows(ip("10.1.1.1")));
  IpAcl v6all;
  ASSERT_TRUE(v6all.add(false, "::/0"));
  EXPECT_TRUE(v6all.allows(ip("::ffff:10.1.1.1")));  // IPv6 rules skip mapped addresses
}

TEST(IpAcl, BadRulesAreRejectedWithTheValue) {
  IpAcl acl;
  for (const char* bad :
       {"", "10.0.0.256", "10.0.0.0/33", "::/129", "10.0.0.0/x", "10.0.0.0/255.0.0.0.1",
        "10.0.0.0/ffff::", "::1/255.0.0.0", "host.example.com", "10.0.0.1:5060"}) {
    auto added = acl.add(true, bad);
    EXPECT_FALSE(added) << bad;
  }
  EXPECT_TRUE(acl.empty());
  auto added = acl.add(true, "10.0.0.1,10.0.0.300");
  ASSERT_FALSE(added);
  EXPECT_TRUE(contains(added.error().message, "10.0.0.300"));
  EXPECT_TRUE(acl.empty());  // all or nothing
  auto built = IpAcl::fromOrderedRules({{true, "10.0.0.0/8"}, {false, "bogus"}});
  ASSERT_FALSE(built);
  EXPECT_TRUE(contains(built.error().message, "bogus"));
}

}  // namespace
}  // namespace sb::modules::res_pjsip
