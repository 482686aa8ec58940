#pragma once
/// @file
/// `type=endpoint` in pjsip.conf: every option Asterisk's res_pjsip registers for endpoints,
/// with Asterisk's names and defaults. Options Switchboard does not act on yet are still
/// parsed and validated so that an Asterisk configuration loads unchanged.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/store/object_type.hpp"
#include "modules/res_pjsip/ip_acl.hpp"

namespace sb::modules::res_pjsip {

/// One endpoint: the SIP peer a call or request is associated with.
///
/// Enumerated options are kept as their canonical lower-case word (e.g. dtmfMode "rfc4733",
/// timers "yes"/"no"/"required"/"always"). Comma lists are split into vectors.
struct EndpointConfig : store::Object {
  // --- Identity, routing, authentication ---
  std::string context = "default";        ///< dialplan context for calls from the endpoint
  std::vector<std::string> aors;          ///< AoRs used to reach the endpoint
  std::vector<std::string> auth;          ///< inbound auth objects (challenge requests)
  std::vector<std::string> outboundAuth;  ///< auth objects used to answer 401/407
  std::string transport;                  ///< explicit transport id ("" = choose)
  std::vector<std::string> identifyBy;    ///< username, auth_username, ip, header, request_uri
  std::string outboundProxy;
  std::string fromUser;
  std::string fromDomain;
  std::string contactUser;
  bool allowUnauthenticatedOptions = false;

  // --- NAT ---
  bool rewriteContact = false;
  bool forceRport = true;
  bool rtpSymmetric = false;

  // --- Codecs ---
  std::vector<std::string> allow;     ///< every allow= item in order
  std::vector<std::string> disallow;  ///< every disallow= item in order
  /// allow/disallow in file order: "+ulaw" for allow=ulaw, "-all" for disallow=all.
  std::vector<std::string> codecOps;
  bool preferredCodecOnly = false;
  bool asymmetricRtpCodec = false;
  std::string incomingCallOfferPref = "local";
  std::string outgoingCallOfferPref = "remote_merge";
  std::string codecPrefsIncomingOffer =
      "prefer: pending, operation: intersect, keep: all, transcode: allow";
  std::string codecPrefsOutgoingOffer =
      "prefer: pending, operation: union, keep: all, transcode: allow";
  std::string codecPrefsIncomingAnswer = "prefer: pending, operation: intersect, keep: all";
  std::string codecPrefsOutgoingAnswer = "prefer: pending, operation: intersect, keep: all";

  // --- Media ---
  std::string dtmfMode = "rfc4733";  ///< rfc4733, inband, info, auto, auto_info, none
  bool directMedia = true;
  std::string directMediaMethod = "invite";  ///< invite (= reinvite) or update
  std::string directMediaGlareMitigation = "none";
  bool disableDirectMediaOnNat = false;
  bool rtpIpv6 = false;
  bool iceSupport = false;
  bool usePtime = false;
  std::string mediaAddress;
  bool bindRtpToMediaAddress = false;
  bool useAvpf = false;
  bool forceAvp = false;
  bool mediaUseReceivedTransport = false;
  unsigned rtpKeepalive = 0;
  unsigned rtpTimeout = 0;
  unsigned rtpTimeoutHold = 0;
  unsigned rtpPortStart = 0;
  unsigned rtpPortEnd = 0;
  std::string rtpEngine = "asterisk";
  unsigned tosAudio = 0;
  unsigned tosVideo = 0;
  unsigned cosAudio = 0;
  unsigned cosVideo = 0;
  bool rtcpMux = false;
  bool bundle = false;
  bool webrtc = false;
  unsigned maxAudioStreams = 1;
  unsigned maxVideoStreams = 1;
  std::string sdpOwner = "-";
  std::string sdpSession = "Asterisk";
  bool g726NonStandard = false;
  bool inbandProgress = false;
  bool followEarlyMediaFork = true;
  bool acceptMultipleSdpAnswers = false;
  bool ignore183WithoutSdp = false;
  bool suppressMohOnSendonly = false;

  // --- Media encryption ---
  std::string mediaEncryption = "no";  ///< no, sdes, dtls
  bool mediaEncryptionOptimistic = false;
  bool srtpTag32 = false;
  std::string dtlsVerify = "no";  ///< no, yes, fingerprint, certificate
  unsigned dtlsRekey = 0;
  bool dtlsAutoGenerateCert = false;
  std::string dtlsCertFile;
  std::string dtlsPrivateKey;
  std::string dtlsCipher;
  std::string dtlsCaFile;
  std::string dtlsCaPath;
  std::string dtlsSetup;        ///< "", active, passive, actpass
  std::string dtlsFingerprint;  ///< "", SHA-256, SHA-1

  // --- Fax ---
  bool t38Udptl = false;
  std::string t38UdptlEc = "none";  ///< none, fec, redundancy
  unsigned t38UdptlMaxdatagram = 0;
  bool t38UdptlNat = false;
  bool t38UdptlIpv6 = false;
  bool t38BindUdptlToMediaAddress = false;
  bool faxDetect = false;
  unsigned faxDetectTimeout = 0;

  // --- Session timers, PRACK ---
  std::string timers = "yes";  ///< no, yes, required, always
  unsigned timersMinSe = 90;
  unsigned timersSessExpires = 1800;
  std::string rel100 = "yes";  ///< option "100rel": no, yes, required, peer_supported

  // --- Caller id and identity headers ---
  std::string callerid;
  std::string calleridPrivacy = "allowed_not_screened";
  std::string calleridTag;
  bool trustIdInbound = false;
  bool trustIdOutbound = false;
  bool sendPai = false;
  bool sendRpid = false;
  bool rpidImmediate = false;
  bool sendDiversion = true;
  bool sendHistoryInfo = false;
  bool trustConnectedLine = true;
  bool sendConnectedLine = true;
  std::string connectedLineMethod = "invite";  ///< invite (= reinvite) or update
  bool userEqPhone = false;

  // --- Subscriptions and MWI ---
  std::string mailboxes;
  std::string voicemailExtension;
  bool aggregateMwi = true;
  bool mwiSubscribeReplacesUnsolicited = false;
  std::string mwiFromUser;
  std::string incomingMwiMailbox;
  bool allowSubscribe = true;
  unsigned subMinExpiry = 0;
  std::string subscribeContext;

  // --- Calls, transfers, channel defaults ---
  std::string messageContext;
  bool allowTransfer = true;
  bool referBlindProgress = true;
  bool allowOverlap = true;
  std::string overlapContext;
  std::string redirectMethod = "user";  ///< user, uri_core, uri_pjsip
  std::vector<std::string> followRedirectMethods;
  bool notifyEarlyInuseRinging = false;
  unsigned deviceStateBusyAt = 0;
  std::string language;
  std::string accountcode;
  std::string toneZone;
  std::string mohSuggest = "default";
  bool mohPassthrough = false;
  std::vector<std::string> setVar;  ///< "NAME=value", a later NAME replaces an earlier one
  std::string callGroup;            ///< e.g. "1,3-5" (groups 0-63)
  std::string pickupGroup;
  std::vector<std::string> namedCallGroup;
  std::vector<std::string> namedPickupGroup;
  bool oneTouchRecording = false;
  std::string recordOnFeature = "automixmon";
  std::string recordOffFeature = "automixmon";
  bool suppressQ850ReasonHeaders = false;
  bool sendAoc = false;
  std::string tenantid;

  // --- Security ---
  std::vector<std::string> acl;         ///< named ACLs (acl.conf) for the source address
  std::vector<std::string> contactAcl;  ///< named ACLs for the Contact address
  std::vector<std::string> permit;      ///< every permit= item as written
  std::vector<std::string> deny;
  std::vector<std::string> contactPermit;
  std::vector<std::string> contactDeny;
  /// permit (true) / deny (false) items in file order, for IpAcl::fromOrderedRules.
  std::vector<std::pair<bool, std::string>> ipRules;
  /// contact_permit / contact_deny items in file order.
  std::vector<std::pair<bool, std::string>> contactIpRules;
  IpAcl ipAcl;         ///< ipRules, parsed once at load
  IpAcl contactIpAcl;  ///< contactIpRules, parsed once at load
  std::string securityMechanisms;
  std::string securityNegotiation = "no";  ///< no, mediasec
  std::string stirShaken = "no";           ///< deprecated, ignored
  std::string stirShakenProfile;
  std::string geolocIncomingCallProfile;
  std::string geolocOutgoingCallProfile;
};

/// The `endpoint` object type (sorcery section "res_pjsip", pjsip.conf type=endpoint).
std::shared_ptr<const store::ObjectTypeBase> endpointType();

}  // namespace sb::modules::res_pjsip
