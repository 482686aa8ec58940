#include "modules/res_pjsip/endpoint_config.hpp"

#include <algorithm>
#include <cctype>

#include "core/store/options.hpp"
#include "modules/res_pjsip/acl_option.hpp"
#include "modules/res_pjsip/endpoint_text.hpp"
#include "modules/res_pjsip/transport_config.hpp"

namespace sb::modules::res_pjsip {
namespace {

namespace opt = store::opt;
using T = EndpointConfig;
using Choices = std::vector<std::pair<std::string, std::string>>;  ///< accepted word, stored

std::string lowered(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

/// Prints an option as Asterisk's object set shows it rather than as it is written: yes/no
/// words, "(ulaw|alaw)" for codecs, "<unknown>" for no caller id, ...
store::Option<T> printedAs(store::Option<T> option, std::function<std::string(const T&)> print) {
  option.print = std::move(print);
  return option;
}

/// OPT_YESNO_T options print "yes"/"no" where OPT_BOOL_T ones print "true"/"false".
store::Option<T> yesNo(bool T::*member, std::string name, std::string defaultValue,
                       std::string doc) {
  return printedAs(opt::boolean(member, std::move(name), std::move(defaultValue), std::move(doc)),
                   [member](const T& e) { return std::string(e.*member ? "yes" : "no"); });
}

/// acl_to_str: the first ACL of the list, by name, or "deny/permit" for inline rules.
std::string firstAcl(const std::vector<std::string>& named, bool hasRules) {
  if (!named.empty()) {
    return named.front();
  }
  return hasRules ? "deny/permit" : "";
}

Choices same(std::initializer_list<const char*> words) {
  Choices out;
  for (const char* word : words) {
    out.emplace_back(word, word);
  }
  return out;
}

std::string expected(const Choices& choices) {
  std::string out;
  for (const auto& [word, stored] : choices) {
    out += (out.empty() ? "" : ", ") + word;
  }
  return out;
}

/// A string member restricted to a set of words (any case); stores the canonical word.
/// When `booleans` is set, yes/no synonyms (ast_true/ast_false) are accepted as "yes"/"no".
store::Option<T> oneOf(std::string T::*member, std::string name, std::string defaultValue,
                       std::string doc, Choices choices, bool booleans = false) {
  std::string typeName = booleans ? "enum: yes | no" : "enum:";
  for (const auto& [word, stored] : choices) {
    typeName += (typeName.back() == ':' ? " " : " | ") + word;
  }
  const bool emptyAllowed = defaultValue.empty();
  return opt::custom<T>(
      std::move(name), std::move(typeName), std::move(defaultValue), std::move(doc),
      [member, choices, booleans, emptyAllowed](T& e, std::string_view value) -> Result<void> {
        const auto word = store::trimmed(value);
        if (word.empty() && emptyAllowed) {
          (e.*member).clear();
          return {};
        }
        for (const auto& [accepted, stored] : choices) {
          if (store::equalsIgnoreCase(word, accepted)) {
            e.*member = stored;
            return {};
          }
        }
        if (booleans) {
          if (auto flag = store::parseBoolean(word)) {
            e.*member = *flag ? "yes" : "no";
            return {};
          }
        }
        return Error{"expected one of " + expected(choices)};
      },
      [member](const T& e) { return e.*member; });
}

/// A repeatable comma list whose items must pass `check`.
store::Option<T> checkedList(std::vector<std::string> T::*member, std::string name,
                             std::string defaultValue, std::string doc,
                             std::function<Result<void>(std::string&)> check) {
  auto o = opt::list(member, std::move(name), std::move(defaultValue), std::move(doc));
  o.apply = [member, check](T& e, std::string_view value) -> Result<void> {
    auto items = store::splitList(value);
    for (auto& item : items) {
      if (auto ok = check(item); !ok) {
        return ok.error();
      }
    }
    for (auto& item : items) {
      if (std::find((e.*member).begin(), (e.*member).end(), item) == (e.*member).end()) {
        (e.*member).push_back(std::move(item));
      }
    }
    return {};
  };
  return o;
}

/// allow/disallow: appended to their own list and, as "+codec"/"-codec", to codecOps.
store::Option<T> codecs(std::vector<std::string> T::*member, char sign, std::string name,
                        std::string doc) {
  auto o = opt::custom<T>(
      std::move(name), "list", "", std::move(doc),
      [member, sign](T& e, std::string_view value) -> Result<void> {
        for (auto& item : store::splitList(value)) {
          e.codecOps.push_back(sign + item);
          (e.*member).push_back(std::move(item));
        }
        return {};
      },
      [member](const T& e) { return store::joinList(e.*member); });
  o.flag(store::kMulti);
  o.reset = [member](T& e) { (e.*member).clear(); };
  return o;
}

store::Option<T> tos(unsigned T::*member, std::string name, std::string doc) {
  return opt::custom<T>(
      std::move(name), "DSCP", "0", std::move(doc),
      [member](T& e, std::string_view value) -> Result<void> {
        auto parsed = parseTos(value);
        if (!parsed) {
          return parsed.error();
        }
        e.*member = *parsed;
        return {};
      },
      [member](const T& e) { return std::to_string(e.*member); });
}

/// A string member checked by `check` before it is stored.
store::Option<T> checkedString(std::string T::*member, std::string name, std::string defaultValue,
                               std::string doc, std::string typeName,
                               std::function<Result<void>(std::string_view)> check) {
  return opt::custom<T>(
      std::move(name), std::move(typeName), std::move(defaultValue), std::move(doc),
      [member, check](T& e, std::string_view value) -> Result<void> {
        const auto text = store::trimmed(value);
        if (!text.empty()) {
          if (auto ok = check(text); !ok) {
            return ok.error();
          }
        }
        e.*member = std::string(text);
        return {};
      },
      [member](const T& e) { return e.*member; });
}

Result<void> checkIdentifyMethod(std::string& item) {
  static const std::vector<std::string> kMethods{"username", "auth_username", "ip", "header",
                                                 "request_uri"};
  const auto word = lowered(item);
  if (std::find(kMethods.begin(), kMethods.end(), word) == kMethods.end()) {
    return Error{"unknown identification method '" + item +
                 "' (expected username, auth_username, ip, header or request_uri)"};
  }
  item = word;
  return {};
}

/// ast_get_group: numbers 0-63 and ranges such as 1,3-5.
Result<void> checkGroups(std::string_view text) {
  for (const auto& item : store::splitList(text)) {
    const auto dash = item.find('-');
    auto first = store::parseUnsigned(item.substr(0, dash), 0, 63);
    auto last =
        dash == std::string::npos ? first : store::parseUnsigned(item.substr(dash + 1), 0, 63);
    if (!first || !last || *last < *first) {
      return Error{"'" + item + "' is not a group number (0-63) or range"};
    }
  }
  return {};
}

/// ast_parse_caller_presentation names, or a number.
Result<void> checkPresentation(std::string_view text) {
  for (auto name : {"allowed_not_screened", "allowed_passed_screen", "allowed_failed_screen",
                    "allowed", "prohib_not_screened", "prohib_passed_screen",
                    "prohib_failed_screen", "prohib", "unavailable"}) {
    if (store::equalsIgnoreCase(text, name)) {
      return {};
    }
  }
  if (store::parseSigned(text, INT32_MIN, INT32_MAX)) {
    return {};
  }
  return Error{
      "expected allowed_not_screened, allowed_passed_screen, allowed_failed_screen, "
      "allowed, prohib_not_screened, prohib_passed_screen, prohib_failed_screen, "
      "prohib, unavailable or a number"};
}

/// from_user: characters allowed in a URI user part.
Result<void> checkFromUser(std::string_view text) {
  const std::string_view marks = "-._~%!$&'()*+,;=:";
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && marks.find(c) == std::string_view::npos) {
      return Error{std::string("invalid character '") + c + "'"};
    }
  }
  return {};
}

/// codec_prefs_*: "prefer: pending|configured, operation: intersect|union|only_preferred|
/// only_nonpreferred, keep: all|first, transcode: allow|prevent".
std::function<Result<void>(std::string_view)> checkCodecPrefs(bool allowUnion) {
  return [allowUnion](std::string_view text) -> Result<void> {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> kParams{
        {"prefer", {"pending", "configured"}},
        {"operation", {"intersect", "union", "only_preferred", "only_nonpreferred"}},
        {"keep", {"all", "first"}},
        {"transcode", {"allow", "prevent"}},
    };
    for (const auto& item : store::splitList(text)) {
      const auto colon = item.find(':');
      if (colon == std::string::npos) {
        return Error{"'" + item + "' is not 'name: value'"};
      }
      const auto name = lowered(store::trimmed(std::string_view(item).substr(0, colon)));
      const auto value = lowered(store::trimmed(std::string_view(item).substr(colon + 1)));
      auto param = std::find_if(kParams.begin(), kParams.end(),
                                [&](const auto& p) { return p.first == name; });
      if (param == kParams.end()) {
        return Error{"unknown codec preference '" + name +
                     "' (expected prefer, operation, keep or transcode)"};
      }
      if (std::find(param->second.begin(), param->second.end(), value) == param->second.end()) {
        return Error{"bad value '" + value + "' for codec preference '" + name + "'"};
      }
      if (!allowUnion && name == "operation" && value == "union") {
        return Error{"operation: union is not allowed for incoming offers"};
      }
    }
    return {};
  };
}

/// set_var=NAME=value, one variable per occurrence (the value may contain commas); a later
/// NAME replaces an earlier one in place, as Asterisk does.
store::Option<T> setVar() {
  auto o = opt::custom<T>(
      "set_var", "NAME=value", "", "Channel variable set on every channel of the endpoint.",
      [](T& e, std::string_view value) -> Result<void> {
        const auto text = store::trimmed(value);
        if (text.empty()) {
          return {};
        }
        const auto equals = text.find('=');
        if (equals == std::string_view::npos || equals == 0) {
          return Error{"expected NAME=value"};
        }
        const auto name = text.substr(0, equals + 1);
        for (auto& existing : e.setVar) {
          if (existing.compare(0, name.size(), name) == 0) {
            existing = std::string(text);
            return {};
          }
        }
        e.setVar.emplace_back(text);
        return {};
      },
      [](const T& e) { return store::joinList(e.setVar); });
  o.flag(store::kMulti);
  o.reset = [](T& e) { e.setVar.clear(); };
  return o;
}

Result<void> checkFollowRedirect(std::string& item) {
  if (!store::equalsIgnoreCase(item, "message")) {
    return Error{"unsupported method '" + item + "' (only message)"};
  }
  item = "message";
  return {};
}

}  // namespace

std::shared_ptr<const store::ObjectTypeBase> endpointType() {
  const Choices dtmf = same({"rfc4733", "inband", "info", "auto", "auto_info", "none"});
  const Choices inviteOrUpdate{{"invite", "invite"}, {"reinvite", "invite"}, {"update", "update"}};
  std::vector<store::Option<T>> options{
      // Identity, routing, authentication
      opt::string(&T::context, "context", "default",
                  "Dialplan context for calls from the endpoint."),
      opt::list(&T::aors, "aors", "",
                "AoRs used to reach the endpoint and that REGISTER may bind."),
      opt::list(&T::auth, "auth", "", "Auth objects used to challenge the endpoint's requests."),
      opt::list(&T::outboundAuth, "outbound_auth", "",
                "Auth objects used to answer challenges from the endpoint."),
      opt::string(&T::transport, "transport", "",
                  "Transport for requests to the endpoint (default: chosen by the URI)."),
      checkedList(&T::identifyBy, "identify_by", "username,ip",
                  "How requests are matched to this endpoint: username, auth_username, ip, "
                  "header, request_uri.",
                  checkIdentifyMethod),
      opt::string(&T::outboundProxy, "outbound_proxy", "",
                  "Proxy URI that out-of-dialog requests are sent through."),
      checkedString(&T::fromUser, "from_user", "", "User part of From in outgoing requests.",
                    "string", checkFromUser),
      opt::string(&T::fromDomain, "from_domain", "", "Host part of From in outgoing requests."),
      opt::string(&T::contactUser, "contact_user", "",
                  "User part of Contact in outgoing requests."),
      opt::boolean(&T::allowUnauthenticatedOptions, "allow_unauthenticated_options", "no",
                   "Answer OPTIONS without authenticating the endpoint."),
      // NAT
      opt::boolean(&T::rewriteContact, "rewrite_contact", "no",
                   "Replace the Contact host with the packet's source address and port."),
      opt::boolean(&T::forceRport, "force_rport", "yes",
                   "Send responses to the source port even without ;rport (RFC 3581)."),
      opt::boolean(&T::rtpSymmetric, "rtp_symmetric", "no",
                   "Send RTP to the address it is received from."),
      // Codecs
      codecs(&T::disallow, '-', "disallow", "Codecs to remove (or all), applied in order.")
          .flag(store::kUnlisted),
      printedAs(codecs(&T::allow, '+', "allow", "Codecs to allow, in order of preference."),
                [](const T& e) { return endpointCodecs(e).str(); }),
      opt::boolean(&T::preferredCodecOnly, "preferred_codec_only", "no",
                   "Answer with only the most preferred codec."),
      opt::boolean(&T::asymmetricRtpCodec, "asymmetric_rtp_codec", "no",
                   "Allow sending and receiving different codecs."),
      oneOf(&T::incomingCallOfferPref, "incoming_call_offer_pref", "local",
            "Codec preference for offers to incoming calls.",
            same({"local", "local_first", "remote", "remote_first"})),
      oneOf(
          &T::outgoingCallOfferPref, "outgoing_call_offer_pref", "remote_merge",
          "Codec preference for offers of outgoing calls.",
          same({"local", "local_merge", "local_first", "remote", "remote_merge", "remote_first"})),
      checkedString(&T::codecPrefsIncomingOffer, "codec_prefs_incoming_offer",
                    "prefer: pending, operation: intersect, keep: all, transcode: allow",
                    "Codec negotiation for an incoming offer.", "codec prefs",
                    checkCodecPrefs(false)),
      checkedString(&T::codecPrefsOutgoingOffer, "codec_prefs_outgoing_offer",
                    "prefer: pending, operation: union, keep: all, transcode: allow",
                    "Codec negotiation for an outgoing offer.", "codec prefs",
                    checkCodecPrefs(true)),
      checkedString(&T::codecPrefsIncomingAnswer, "codec_prefs_incoming_answer",
                    "prefer: pending, operation: intersect, keep: all",
                    "Codec negotiation for an incoming answer.", "codec prefs",
                    checkCodecPrefs(true)),
      checkedString(&T::codecPrefsOutgoingAnswer, "codec_prefs_outgoing_answer",
                    "prefer: pending, operation: intersect, keep: all",
                    "Codec negotiation for an outgoing answer.", "codec prefs",
                    checkCodecPrefs(true)),
      // Media
      oneOf(&T::dtmfMode, "dtmf_mode", "rfc4733", "How DTMF is sent and received.", dtmf),
      opt::boolean(&T::directMedia, "direct_media", "yes",
                   "Let media flow directly between endpoints."),
      oneOf(&T::directMediaMethod, "direct_media_method", "invite",
            "Request used to redirect media: invite (reinvite) or update.", inviteOrUpdate),
      oneOf(&T::directMediaGlareMitigation, "direct_media_glare_mitigation", "none",
            "Which side of a call avoids direct-media re-INVITE glare.",
            same({"none", "outgoing", "incoming"})),
      opt::boolean(&T::disableDirectMediaOnNat, "disable_direct_media_on_nat", "no",
                   "No direct media when the endpoint is behind NAT."),
      opt::boolean(&T::rtpIpv6, "rtp_ipv6", "no", "Use IPv6 for RTP."),
      opt::boolean(&T::iceSupport, "ice_support", "no", "Enable ICE."),
      opt::boolean(&T::usePtime, "use_ptime", "no", "Use the ptime attribute of the offer."),
      opt::string(&T::mediaAddress, "media_address", "", "Address put in SDP for media."),
      opt::boolean(&T::bindRtpToMediaAddress, "bind_rtp_to_media_address", "no",
                   "Bind RTP sockets to media_address."),
      opt::boolean(&T::useAvpf, "use_avpf", "no", "Use the RTP/AVPF or RTP/SAVPF profile."),
      opt::boolean(&T::forceAvp, "force_avp", "no", "Always use RTP/AVP or RTP/SAVP."),
      opt::boolean(&T::mediaUseReceivedTransport, "media_use_received_transport", "no",
                   "Use the transport of the received offer in the answer."),
      opt::uint(&T::rtpKeepalive, "rtp_keepalive", "0",
                "Seconds between RTP keepalive packets (0: off)."),
      opt::uint(&T::rtpTimeout, "rtp_timeout", "0",
                "Hang up after this many seconds without RTP (0: off)."),
      opt::uint(&T::rtpTimeoutHold, "rtp_timeout_hold", "0",
                "Hang up after this many seconds without RTP while on hold (0: off)."),
      opt::uint(&T::rtpPortStart, "rtp_port_start", "0",
                "First RTP port for this endpoint (0: global range).", 0, 65535),
      opt::uint(&T::rtpPortEnd, "rtp_port_end", "0",
                "Last RTP port for this endpoint (0: global range).", 0, 65535),
      opt::string(&T::rtpEngine, "rtp_engine", "asterisk", "RTP engine to use."),
      tos(&T::tosAudio, "tos_audio", "DSCP/TOS value for audio packets."),
      tos(&T::tosVideo, "tos_video", "DSCP/TOS value for video packets."),
      opt::uint(&T::cosAudio, "cos_audio", "0", "802.1p priority for audio packets.", 0, 7),
      opt::uint(&T::cosVideo, "cos_video", "0", "802.1p priority for video packets.", 0, 7),
      opt::boolean(&T::rtcpMux, "rtcp_mux", "no", "Multiplex RTP and RTCP (RFC 5761)."),
      opt::boolean(&T::bundle, "bundle", "no", "Enable BUNDLE (one transport for all streams)."),
      yesNo(&T::webrtc, "webrtc", "no",
            "Shorthand for the options a WebRTC client needs (ICE, AVPF, DTLS, rtcp_mux)."),
      opt::uint(&T::maxAudioStreams, "max_audio_streams", "1",
                "Maximum audio streams in a session."),
      opt::uint(&T::maxVideoStreams, "max_video_streams", "1",
                "Maximum video streams in a session."),
      opt::string(&T::sdpOwner, "sdp_owner", "-", "User name in the SDP o= line."),
      opt::string(&T::sdpSession, "sdp_session", "Asterisk", "Session name in the SDP s= line."),
      opt::boolean(&T::g726NonStandard, "g726_non_standard", "no",
                   "Use AAL2 packing for G.726-32 negotiated as G726-32."),
      opt::boolean(&T::inbandProgress, "inband_progress", "no",
                   "Send 183 with early media instead of 180 for ringing."),
      opt::boolean(&T::followEarlyMediaFork, "follow_early_media_fork", "yes",
                   "Follow SDP changes in forked early media."),
      opt::boolean(&T::acceptMultipleSdpAnswers, "accept_multiple_sdp_answers", "no",
                   "Accept several SDP answers on one dialog."),
      opt::boolean(&T::ignore183WithoutSdp, "ignore_183_without_sdp", "no",
                   "Do not pass on 183 responses that carry no SDP."),
      opt::boolean(&T::suppressMohOnSendonly, "suppress_moh_on_sendonly", "no",
                   "Do not start music on hold when the remote side sends sendonly."),
      // Media encryption
      oneOf(&T::mediaEncryption, "media_encryption", "no", "Media encryption: no, sdes or dtls.",
            same({"no", "sdes", "dtls"})),
      opt::boolean(&T::mediaEncryptionOptimistic, "media_encryption_optimistic", "no",
                   "Encrypt media only when the peer supports it."),
      opt::boolean(&T::srtpTag32, "srtp_tag_32", "no", "Use a 32-byte SRTP authentication tag."),
      printedAs(oneOf(&T::dtlsVerify, "dtls_verify", "no",
                      "Verify the peer's DTLS certificate: no, yes, fingerprint or certificate.",
                      same({"no", "yes", "fingerprint", "certificate"})),
                [](const T& e) {
                  std::string word = e.dtlsVerify;
                  if (!word.empty()) {
                    word.front() =
                        static_cast<char>(std::toupper(static_cast<unsigned char>(word.front())));
                  }
                  return word;
                }),
      opt::uint(&T::dtlsRekey, "dtls_rekey", "0",
                "Renegotiate DTLS every this many seconds (0: never)."),
      printedAs(opt::boolean(&T::dtlsAutoGenerateCert, "dtls_auto_generate_cert", "no",
                             "Generate a temporary DTLS certificate."),
                [](const T& e) { return std::string(e.dtlsAutoGenerateCert ? "Yes" : "No"); }),
      opt::string(&T::dtlsCertFile, "dtls_cert_file", "", "DTLS certificate file (PEM)."),
      opt::string(&T::dtlsPrivateKey, "dtls_private_key", "", "DTLS private key file (PEM)."),
      opt::string(&T::dtlsCipher, "dtls_cipher", "", "OpenSSL ciphers allowed for DTLS."),
      opt::string(&T::dtlsCaFile, "dtls_ca_file", "", "CA certificates file for DTLS."),
      opt::string(&T::dtlsCaPath, "dtls_ca_path", "", "Folder of CA certificates for DTLS."),
      // Unset, Asterisk's DTLS settings hold their first enum values: active and SHA-256.
      printedAs(oneOf(&T::dtlsSetup, "dtls_setup", "", "DTLS role: active, passive or actpass.",
                      same({"active", "passive", "actpass"})),
                [](const T& e) { return e.dtlsSetup.empty() ? "active" : e.dtlsSetup; }),
      printedAs(
          oneOf(&T::dtlsFingerprint, "dtls_fingerprint", "", "Fingerprint hash: SHA-256 or SHA-1.",
                same({"SHA-256", "SHA-1"})),
          [](const T& e) { return e.dtlsFingerprint.empty() ? "SHA-256" : e.dtlsFingerprint; }),
      // Fax
      opt::boolean(&T::t38Udptl, "t38_udptl", "no", "Enable T.38 over UDPTL."),
      oneOf(&T::t38UdptlEc, "t38_udptl_ec", "none",
            "T.38 error correction: none, fec or redundancy.", same({"none", "fec", "redundancy"})),
      opt::uint(&T::t38UdptlMaxdatagram, "t38_udptl_maxdatagram", "0",
                "Override the T.38 maximum datagram size (0: no override)."),
      opt::boolean(&T::t38UdptlNat, "t38_udptl_nat", "no",
                   "Send UDPTL to the address it comes from."),
      opt::boolean(&T::t38UdptlIpv6, "t38_udptl_ipv6", "no", "Use IPv6 for UDPTL."),
      opt::boolean(&T::t38BindUdptlToMediaAddress, "t38_bind_udptl_to_media_address", "no",
                   "Bind UDPTL sockets to media_address."),
      opt::boolean(&T::faxDetect, "fax_detect", "no",
                   "Detect CNG tones and go to the fax extension."),
      opt::uint(&T::faxDetectTimeout, "fax_detect_timeout", "0",
                "Seconds into a call during which fax detection runs (0: whole call)."),
      // Session timers, PRACK
      oneOf(&T::timers, "timers", "yes",
            "Session timers (RFC 4028): no, yes, required or always (forced).",
            {{"required", "required"}, {"always", "always"}, {"forced", "always"}}, true),
      opt::uint(&T::timersMinSe, "timers_min_se", "90", "Minimum session timer in seconds."),
      opt::uint(&T::timersSessExpires, "timers_sess_expires", "1800",
                "Session timer expiry in seconds."),
      oneOf(&T::rel100, "100rel", "yes",
            "Reliable provisional responses (RFC 3262): no, yes, required or peer_supported.",
            same({"required", "peer_supported"}), true),
      // Caller id and identity headers
      printedAs(opt::string(&T::callerid, "callerid", "",
                            "Caller id of the endpoint: \"Name\" <number>."),
                [](const T& e) { return mergedCallerId(e.callerid, "<unknown>"); }),
      checkedString(&T::calleridPrivacy, "callerid_privacy", "allowed_not_screened",
                    "Caller id presentation (allowed_not_screened, prohib, unavailable, ...).",
                    "presentation", checkPresentation),
      opt::string(&T::calleridTag, "callerid_tag", "", "Internal tag attached to the caller id."),
      opt::boolean(&T::trustIdInbound, "trust_id_inbound", "no",
                   "Accept identity from P-Asserted-Identity / Remote-Party-ID."),
      opt::boolean(&T::trustIdOutbound, "trust_id_outbound", "no",
                   "Send private identity information to the endpoint."),
      opt::boolean(&T::sendPai, "send_pai", "no", "Send P-Asserted-Identity."),
      opt::boolean(&T::sendRpid, "send_rpid", "no", "Send Remote-Party-ID."),
      opt::boolean(&T::rpidImmediate, "rpid_immediate", "no",
                   "Send connected-line updates to the caller immediately."),
      opt::boolean(&T::sendDiversion, "send_diversion", "yes",
                   "Send Diversion headers with redirecting information."),
      opt::boolean(&T::sendHistoryInfo, "send_history_info", "no",
                   "Send History-Info headers with redirecting information."),
      yesNo(&T::trustConnectedLine, "trust_connected_line", "yes",
            "Accept connected-line updates from the endpoint."),
      yesNo(&T::sendConnectedLine, "send_connected_line", "yes",
            "Send connected-line updates to the endpoint."),
      oneOf(&T::connectedLineMethod, "connected_line_method", "invite",
            "Request used for connected-line updates: invite (reinvite) or update.",
            inviteOrUpdate),
      opt::boolean(&T::userEqPhone, "user_eq_phone", "no",
                   "Add ;user=phone to URIs whose user part is a number."),
      // Subscriptions and MWI
      opt::string(&T::mailboxes, "mailboxes", "",
                  "Mailboxes (mbox@context, comma list) for unsolicited MWI."),
      opt::string(&T::voicemailExtension, "voicemail_extension", "",
                  "Voicemail extension sent in MWI NOTIFY bodies."),
      opt::boolean(&T::aggregateMwi, "aggregate_mwi", "yes",
                   "One MWI NOTIFY for all mailboxes instead of one each."),
      yesNo(&T::mwiSubscribeReplacesUnsolicited, "mwi_subscribe_replaces_unsolicited", "no",
            "An MWI SUBSCRIBE replaces unsolicited MWI."),
      opt::string(&T::mwiFromUser, "mwi_from_user", "", "From user of unsolicited MWI NOTIFYs."),
      opt::string(&T::incomingMwiMailbox, "incoming_mwi_mailbox", "",
                  "Mailbox updated by unsolicited MWI NOTIFYs from the endpoint."),
      opt::boolean(&T::allowSubscribe, "allow_subscribe", "yes", "Accept SUBSCRIBE requests."),
      opt::uint(&T::subMinExpiry, "sub_min_expiry", "0", "Minimum subscription expiry in seconds."),
      opt::string(&T::subscribeContext, "subscribe_context", "",
                  "Context where hints are looked up for SUBSCRIBE (default: context)."),
      // Calls, transfers, channel defaults
      opt::string(&T::messageContext, "message_context", "",
                  "Context for out-of-dialog MESSAGE requests (default: context)."),
      opt::boolean(&T::allowTransfer, "allow_transfer", "yes",
                   "Accept call transfers by REFER (no: 603 Decline)."),
      opt::boolean(&T::referBlindProgress, "refer_blind_progress", "yes",
                   "Follow a blind transfer in NOTIFYs (ringing, then 200 once the transferee "
                   "is bridged or hears media); no: 200 as soon as it is sent to the target."),
      opt::boolean(&T::allowOverlap, "allow_overlap", "yes",
                   "Overlap dialling (RFC 3578, 484 Address Incomplete)."),
      opt::string(&T::overlapContext, "overlap_context", "",
                  "Context for overlap dialling matches (default: context)."),
      oneOf(&T::redirectMethod, "redirect_method", "user",
            "How 3xx redirects are followed: user, uri_core or uri_pjsip.",
            same({"user", "uri_core", "uri_pjsip"})),
      checkedList(&T::followRedirectMethods, "follow_redirect_methods", "",
                  "Out-of-dialog methods whose 3xx responses are followed (message).",
                  checkFollowRedirect),
      opt::boolean(&T::notifyEarlyInuseRinging, "notify_early_inuse_ringing", "no",
                   "Report Ringing for early in-use devices."),
      opt::uint(&T::deviceStateBusyAt, "device_state_busy_at", "0",
                "Channels in use at which the device state becomes BUSY (0: never)."),
      opt::string(&T::language, "language", "", "Default language of the endpoint's channels."),
      opt::string(&T::accountcode, "accountcode", "", "Account code of the endpoint's channels."),
      opt::string(&T::toneZone, "tone_zone", "", "Tone zone of the endpoint's channels."),
      opt::string(&T::mohSuggest, "moh_suggest", "default",
                  "Music-on-hold class suggested to the other side."),
      opt::boolean(&T::mohPassthrough, "moh_passthrough", "no",
                   "Pass hold/unhold re-INVITEs through instead of playing music on hold."),
      setVar(),
      printedAs(checkedString(&T::callGroup, "call_group", "",
                              "Call groups (0-63, ranges allowed).", "groups", checkGroups),
                [](const T& e) { return printedGroups(e.callGroup); }),
      printedAs(checkedString(&T::pickupGroup, "pickup_group", "",
                              "Groups whose calls this endpoint may pick up (0-63).", "groups",
                              checkGroups),
                [](const T& e) { return printedGroups(e.pickupGroup); }),
      opt::list(&T::namedCallGroup, "named_call_group", "", "Named call groups."),
      opt::list(&T::namedPickupGroup, "named_pickup_group", "", "Named pickup groups."),
      opt::boolean(&T::oneTouchRecording, "one_touch_recording", "no",
                   "Enable one-touch recording features."),
      opt::string(&T::recordOnFeature, "record_on_feature", "automixmon",
                  "Feature used when recording is switched on."),
      opt::string(&T::recordOffFeature, "record_off_feature", "automixmon",
                  "Feature used when recording is switched off."),
      opt::boolean(&T::suppressQ850ReasonHeaders, "suppress_q850_reason_headers", "no",
                   "Do not send Reason headers with Q.850 causes."),
      opt::boolean(&T::sendAoc, "send_aoc", "no", "Send Advice of Charge messages."),
      opt::string(&T::tenantid, "tenantid", "", "Tenant id stamped on the endpoint's channels."),
      // Security
      printedAs(
          opt::list(&T::acl, "acl", "", "Named ACLs (acl.conf) applied to the source address."),
          [](const T& e) { return firstAcl(e.acl, !e.ipRules.empty()); }),
      aclRuleOption(&T::deny, &T::ipRules, &T::ipAcl, false, "deny",
                    "Source addresses or networks to deny, applied in order with permit.")
          .flag(store::kUnlisted),
      aclRuleOption(&T::permit, &T::ipRules, &T::ipAcl, true, "permit",
                    "Source addresses or networks to permit, applied in order with deny.")
          .flag(store::kUnlisted),
      printedAs(opt::list(&T::contactAcl, "contact_acl", "",
                          "Named ACLs (acl.conf) applied to Contact addresses."),
                [](const T& e) { return firstAcl(e.contactAcl, !e.contactIpRules.empty()); }),
      aclRuleOption(&T::contactDeny, &T::contactIpRules, &T::contactIpAcl, false, "contact_deny",
                    "Contact addresses or networks to deny.")
          .flag(store::kUnlisted),
      aclRuleOption(&T::contactPermit, &T::contactIpRules, &T::contactIpAcl, true, "contact_permit",
                    "Contact addresses or networks to permit.")
          .flag(store::kUnlisted),
      opt::string(&T::securityMechanisms, "security_mechanisms", "",
                  "Security mechanisms offered for mediasec (RFC 3329)."),
      oneOf(&T::securityNegotiation, "security_negotiation", "no",
            "Security negotiation (RFC 3329): no or mediasec.", same({"no", "mediasec"})),
      printedAs(opt::string(&T::stirShaken, "stir_shaken", "no",
                            "Deprecated and ignored; use stir_shaken_profile."),
                [](const T&) { return std::string("no"); })
          .flag(store::kDeprecated),
      opt::string(&T::stirShakenProfile, "stir_shaken_profile", "",
                  "STIR/SHAKEN profile of the endpoint."),
      opt::string(&T::geolocIncomingCallProfile, "geoloc_incoming_call_profile", "",
                  "Geolocation profile for incoming calls."),
      opt::string(&T::geolocOutgoingCallProfile, "geoloc_outgoing_call_profile", "",
                  "Geolocation profile for outgoing calls."),
  };
  return std::make_shared<store::ObjectType<T>>(
      "endpoint", "res_pjsip", "A SIP endpoint: the configuration of a peer.",
      store::Binding{"config", "pjsip.conf,criteria=type=endpoint"}, std::move(options));
}

}  // namespace sb::modules::res_pjsip
