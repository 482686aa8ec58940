#pragma once
/// @file
/// What inbound and outbound INVITE sessions share: the SIP stack, the endpoint, the dialog,
/// the channel they drive, and sending in-dialog requests. One session owns one dialog;
/// the session table owns the sessions, and a session leaves the table exactly once, when
/// it ends, so no teardown path can reach a freed session.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/store/object_store.hpp"
#include "modules/chan_pjsip/session_media.hpp"
#include "modules/pbx/channel.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/location/contact_flow.hpp"
#include "sip/auth/client.hpp"
#include "sip/core/incoming_request.hpp"
#include "sip/core/sip_core.hpp"
#include "sip/dialog/dialog.hpp"
#include "sip/dialog/session_timer.hpp"
#include "sip/dns/resolver.hpp"
#include "sip/timer/timer.hpp"

namespace sb::modules::pbx {
class PbxService;
}

namespace sb::modules::res_pjsip {
class SipTrace;
}

namespace sb::modules::chan_pjsip {

class SessionTable;

/// The endpoint's own identity (Asterisk's endpoint id.self): callerid= split as
/// ast_callerid_split does, both parts presented as callerid_privacy says. A session starts
/// from it: an inbound call takes the From header's name and number when callerid= gives no
/// number, an outbound leg shows it as its caller id.
pbx::PartyId endpointPartyId(const res_pjsip::EndpointConfig& endpoint);

/// The methods our sessions accept, in the order Asterisk lists them (Allow headers).
inline constexpr const char* kAllow =
    "OPTIONS, REGISTER, NOTIFY, INVITE, ACK, BYE, CANCEL, UPDATE, PRACK, INFO, MESSAGE, REFER";

/// What every session needs from its module.
struct SessionContext {
  sip::SipCore& core;
  sip::dns::Resolver& resolver;       ///< RFC 3263 lookups for outbound calls
  const store::ObjectStore& objects;  ///< `auth` objects for outbound_auth
  pbx::PbxService& pbx;
  SessionTable& table;
  std::shared_ptr<media::MediaEngine> media;
  std::string userAgent;
  res_pjsip::SipTrace* trace = nullptr;  ///< for the calls' SIP history (`sip show history`)
};

class Session : public pbx::ChannelTech, public std::enable_shared_from_this<Session> {
 public:
  Session(SessionContext& context, std::shared_ptr<const res_pjsip::EndpointConfig> endpoint,
          res_pjsip::OutboundFlow flow);
  ~Session() override;

  /// An in-dialog request (ACK, BYE, re-INVITE, UPDATE, INFO, ...) for this session's
  /// dialog. The session answers it.
  virtual void onInDialog(sip::IncomingRequest& request) = 0;
  /// A CANCEL for the INVITE that created this session (inbound only).
  virtual void onCancel(sip::IncomingRequest& cancel) {
    cancel.respond(481, "Call/Transaction Does Not Exist");
  }

  const std::string& endpointName() const { return endpoint_->id; }

  // For the console (`pjsip show channel...`, `sip show channel...`).

  /// True for a call we placed (UAC), false for one we received.
  virtual bool outgoing() const = 0;
  /// True until the call is answered (its dialog, if any, is early: RFC 3261 12).
  virtual bool earlyDialog() const = 0;
  /// Lets go of the channel (another session serves it now, see Channel::replaceDriver):
  /// nothing this session hears from now on reaches it.
  void detachChannel() { channel_.reset(); }
  /// Serves `channel` from now on (a transfer moved this call into its place).
  void adoptChannel(const std::shared_ptr<pbx::Channel>& channel) { channel_ = channel; }
  /// The channel this session drives, null before it exists or after it is gone.
  std::shared_ptr<pbx::Channel> channel() const { return channel_.lock(); }
  const res_pjsip::EndpointConfig& endpoint() const { return *endpoint_; }

  // Per-call media settings the dialplan may change (PJSIP_DTMF_MODE, PJSIP_MEDIA_OFFER).

  /// The call's DTMF mode: the endpoint's dtmf_mode until changed.
  const std::string& dtmfMode() const { return dtmfMode_; }
  /// Changes the DTMF mode as PJSIP_DTMF_MODE does: telephone-event is offered and answered
  /// (rfc4733, auto, auto_info) or not from now on, so an offer or answer not yet made
  /// follows; an established call is re-offered with a re-INVITE. `mode` is a dtmf_mode word.
  void changeDtmfMode(const std::string& mode);
  /// PJSIP_MEDIA_OFFER's read: the codecs of `kind` offered, comma-separated.
  std::string mediaOffer(media::MediaKind kind) const;
  /// PJSIP_MEDIA_OFFER's write: `value` (an allow= list) replaces the codecs of `kind`. Before
  /// the call is set up it decides our offer (outbound) or answer (inbound); afterwards it is
  /// only kept (and read back), for a session refresh that is not sent.
  void setMediaOffer(media::MediaKind kind, std::string_view value);
  /// PJSIP_SEND_SESSION_REFRESH: offers the media again (with PJSIP_MEDIA_OFFER's codecs when
  /// written since the answer) in a re-INVITE, or in an UPDATE when `update` and the peer
  /// allows it. False when the call is not up or nothing can be offered.
  bool sendSessionRefresh(bool update);
  void restrictCodecs(std::string_view allowList) override;
  const res_pjsip::OutboundFlow& flow() const { return flow_; }
  const SessionMedia& sessionMedia() const { return media_; }
  /// The module's shared pieces (the PBX, the session table, the SIP core).
  SessionContext& context() const { return context_; }
  /// The dialog, once there is one (inbound: from the INVITE; outbound: from the 2xx).
  const std::optional<sip::Dialog>& dialog() const { return dialog_; }
  /// True once the session has ended (its dialog stays usable for NOTIFYs and BYE).
  bool finished() const { return finished_; }

  /// The final answer to an in-dialog request: its status (408 on timeout, 503 on
  /// transport failure) and the response itself (null for those two).
  using InDialogDone = std::function<void(int status, const sip::Message* response)>;
  using HeaderPairs = std::vector<std::pair<std::string, std::string>>;
  /// Sends an in-dialog request (BYE, UPDATE, NOTIFY, re-INVITE with `sdp`, ...) through a
  /// client transaction; a 2xx to a re-INVITE is ACKed here. Works after the session ended
  /// as long as it has a dialog.
  void sendInDialog(const std::string& method, InDialogDone done = nullptr,
                    const HeaderPairs& headers = {}, const std::string& sdp = {},
                    const std::string& contentType = "application/sdp");
  bool sendInDialogRequest(const std::string& method, const HeaderPairs& headers,
                           const std::string& contentType, const std::string& body) override;
  /// When the session was made (sessions are listed oldest first).
  std::chrono::steady_clock::time_point created() const { return created_; }
  /// chan_sip's "last message" of the dialog: "Rx: BYE" for the last request received,
  /// "Tx: ACK" for the last one sent, "Init: INVITE" for an INVITE we are starting.
  const std::string& lastMessage() const { return lastMessage_; }
  void noteMessage(std::string_view direction, std::string_view method) {
    lastMessage_ = std::string(direction) + ": " + std::string(method);
  }

 protected:
  /// Adds our top Via (new branch) for the flow and the common headers.
  void stamp(sip::Message& request) const;
  /// The Authorization / Proxy-Authorization headers answering a 401/407 to our `method`
  /// request for `uri` with the endpoint's outbound_auth; empty when there is no answer
  /// (no outbound_auth, or a repeated challenge: the credentials were refused).
  std::vector<sip::auth::AuthorizationHeader> answerChallenge(const sip::Message& response,
                                                              std::string_view method,
                                                              std::string_view uri);
  /// Adds `headers` to `request` under their names.
  static void addAuthorization(sip::Message& request,
                               const std::vector<sip::auth::AuthorizationHeader>& headers);
  /// Answers an in-dialog request that needs nothing but a status (INFO, OPTIONS, ...), and
  /// re-INVITE/UPDATE offers with our media answer.
  void answerCommonInDialog(sip::IncomingRequest& request);
  /// Leaves the table (and releases media): the session has ended. Notes the hang-up in the
  /// call's SIP history.
  void finish();
  /// True while `sip set history` records calls' SIP histories.
  bool recordingHistory() const;
  /// Adds an event ("NewChan", "Hangup", ...) to the call's SIP history while it is recorded.
  void noteHistory(std::string_view event, std::string_view detail);
  /// chan_sip's "NewChan" history event for the channel this session now drives.
  void noteNewChannel(const pbx::Channel& channel);
  /// Once answered: arms the endpoint's rtp_timeout / rtp_timeout_hold / rtp_keepalive.
  void watchMedia();
  /// Runs the RFC 4028 session timer `interval` (none: stops it): refresh at half of it
  /// when we refresh, else end the call when no refresh came in time.
  void runSessionTimer(std::optional<sip::SessionInterval> interval);
  /// The endpoint's timers, timers_min_se, timers_sess_expires.
  const sip::SessionTimerSettings& timerSettings() const { return timerSettings_; }
  /// True once the call is set up (its 2xx acknowledged): media changes need a re-offer.
  virtual bool established() const = 0;
  /// True when the session's DTMF method can carry a digit (see sendDigit).
  bool sendDigitBegin(pbx::Channel& channel, char digit, pbx::DigitSource source) override;
  /// DTMF to the far end by the session's method (dtmf_mode and SDP): an INFO
  /// (application/dtmf-relay), RFC 4733 events or a tone on the audio stream (100 ms when no
  /// duration is given). A digit the bridge already relays (events between two legs that
  /// negotiated them, tones in relayed audio) is only reported.
  bool sendDigit(pbx::Channel& channel, char digit, unsigned durationMs,
                 pbx::DigitSource source) override;
  /// Notes whether the peer's Allow (INVITE or 2xx) lists UPDATE: refreshes then use it.
  void notePeerAllow(const sip::Message& message);
  /// "sip:<user>@<our address>[;transport=...]" for Contact.
  std::string localContact(const std::string& user) const;
  /// RFC 3326 Reason for a BYE/CANCEL carrying an Asterisk cause.
  static std::string q850Reason(int cause);

  SessionContext& context_;
  std::shared_ptr<const res_pjsip::EndpointConfig> endpoint_;
  res_pjsip::OutboundFlow flow_;
  std::optional<sip::Dialog> dialog_;
  std::weak_ptr<pbx::Channel> channel_;
  SessionMedia media_;
  bool finished_ = false;

 private:
  /// rtp_timeout expired: hang up as Asterisk does (cause 44, a NOTICE naming the channel).
  void onRtpSilence();
  /// A digit's begin or end heard on the audio stream (telephone-events or tones).
  void onMediaDigit(const media::DigitReport& report);
  void sendInDialogAttempt(const std::string& method, std::shared_ptr<InDialogDone> done,
                           const HeaderPairs& headers, const std::string& body,
                           const std::string& contentType,
                           const std::vector<sip::auth::AuthorizationHeader>& authorization);
  /// ACKs the 2xx to our re-INVITE (`cseq`), taking its target and SDP answer.
  void ackReinvite(const sip::Message& response, std::uint32_t cseq);
  /// Our refresh: UPDATE when the peer allows it, else a re-INVITE with our current SDP.
  void refreshSession();
  /// No refresh came: end the call as pjsip does (BYE, cause 102).
  void onSessionExpired();

  /// Sends a re-INVITE with `sdp` (session timer headers included while one runs).
  void sendReoffer(const std::string& sdp);
  /// Tells the channel its media was renegotiated (its bridge links it again).
  void mediaRenegotiated();

  /// RFC 3261 14.1: after a 491 to our re-INVITE or UPDATE, the wait before trying again:
  /// 2.1 to 4 s when we chose the Call-ID (we placed the call), else up to 2 s, in 10 ms steps.
  sip::Duration glareRetryDelay() const;

  std::string dtmfMode_;
  /// PJSIP_MEDIA_OFFER written once the call was up: kept for a refresh, read back.
  std::optional<media::CodecPrefs> refreshCodecs_;
  sip::SessionTimerSettings timerSettings_;
  std::optional<sip::SessionInterval> sessionInterval_;
  sip::Timer sessionTimer_;
  bool peerAllowsUpdate_ = false;

  // Glare (RFC 3261 14, RFC 3311 5.2): while our offer is out, the peer's gets 491.
  bool offerPending_ = false;  ///< our re-INVITE or UPDATE offer awaits its final response
  unsigned glareRetries_ = 0;  ///< 491s in a row for our offers
  sip::Timer glareTimer_;

 protected:
  bool placedCall_ = false;  ///< we sent the dialog's first INVITE (and chose its Call-ID)

 private:
  std::unique_ptr<sip::auth::ClientAuthSession> auth_;  ///< made on the first challenge
  std::chrono::steady_clock::time_point created_ = std::chrono::steady_clock::now();
  std::string lastMessage_;
};

}  // namespace sb::modules::chan_pjsip
