#pragma once
/// @file
/// A call to a SIP endpoint's contact (UAC side), made by Dial: the INVITE carries our offer;
/// 180/183 make the channel ring, a 2xx is ACKed and answers the channel, a failure ends it
/// with the cause its status maps to. Hang-up before the answer sends CANCEL (with a Reason
/// when another fork answered); a 2xx that crosses our CANCEL is ACKed and BYE'd (RFC 5407).
/// A destination given as a URI is located with RFC 3263 and its targets tried in turn on
/// 503, timeout or transport failure; 401/407 are answered with the endpoint's outbound_auth.
/// The INVITE also carries the headers the dialplan asked for on the channel (PJSIP_HEADER
/// add, SIPADDHEADER variables), fixed when the first INVITE is built.

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "modules/chan_pjsip/session.hpp"
#include "modules/pbx/sip_header_list.hpp"
#include "modules/res_pjsip/location/destination.hpp"

namespace sb::modules::chan_pjsip {

/// Where an INVITE goes: over a registered contact's flow, or to a URI to locate (a static
/// contact, a dialled URI, an outbound proxy).
struct CallDestination {
  std::optional<res_pjsip::OutboundFlow> flow;
  std::string locate;  ///< used when `flow` is empty
};

class OutboundSession : public Session {
 public:
  /// `requestUri` is the contact's URI (its user replaced for exten@endpoint); `route` the
  /// Route header value (outbound proxy, contact's Path), if any.
  OutboundSession(SessionContext& context,
                  std::shared_ptr<const res_pjsip::EndpointConfig> endpoint,
                  CallDestination destination, std::string requestUri, std::string route);

  void bindChannel(const std::shared_ptr<pbx::Channel>& channel) {
    channel_ = channel;
    noteNewChannel(*channel);
  }
  /// Codecs to offer first (the caller's), so that the legs can relay without transcoding.
  void preferCodecs(std::vector<std::string> codecs) { offerCodecs_ = std::move(codecs); }

  void onInDialog(sip::IncomingRequest& request) override;
  bool outgoing() const override { return true; }
  bool earlyDialog() const override { return state_ == State::Idle || state_ == State::Calling; }
  bool established() const override { return state_ == State::Confirmed; }

  // ChannelTech
  void answer(pbx::Channel&) override {}
  void indicate(pbx::Channel&, pbx::Indication) override {}
  void call(pbx::Channel& channel) override;
  void hangup(pbx::Channel& channel, int cause) override;
  pbx::ChannelMedia media() const override { return media_.channelMedia(); }
  std::optional<std::string> info(std::string_view item) const override;
  /// Never: a call we placed is not incoming (the state names why for the warning).
  bool hangupWithResponse(pbx::Channel& channel, int status, std::string& state) override;

 private:
  enum class State { Idle, Calling, Confirmed, Ended };

  void onLocated(res_pjsip::Destinations found);
  /// Moves to the next target and sends the INVITE there; false when none is left.
  bool tryNextTarget();
  /// Sends the INVITE (a new transaction, CSeq one higher than the last) on flow_.
  void sendInvite(const std::vector<sip::auth::AuthorizationHeader>& authorization);
  void onProvisional(const sip::Message& response);
  /// PRACKs a reliable 1xx (RFC 3262) in its early dialog; false for a retransmission.
  bool acknowledgeReliable(const sip::Message& response, std::uint32_t rseq);
  void onFinal(const sip::Message& response);
  /// A failure that another RFC 3263 target may not have (503, timeout, transport error).
  void failOver(int cause);
  void sendAck(const sip::Message& response);
  void fail(int cause);

  CallDestination destination_;
  std::deque<res_pjsip::OutboundFlow> targets_;  ///< located, not yet tried
  std::string requestUri_;
  std::string route_;
  std::string callId_;
  std::string localTag_;
  std::string from_;   ///< fixed on the first INVITE: every retry is the same request
  std::string offer_;  ///< our SDP, made once
  bool offerMade_ = false;
  std::uint32_t cseq_ = 101;
  std::optional<sip::Message> invite_;  ///< the last INVITE sent (ACK and dialog use it)
  sip::ClientTransactionHandle transaction_;
  State state_ = State::Idle;
  bool cancelled_ = false;
  bool provisionalSeen_ = false;  ///< a target answered 1xx: no more failover
  unsigned requestedSe_;          ///< Session-Expires we ask for (raised by a 422)
  unsigned requestedMinSe_;       ///< Min-SE we send
  bool retried422_ = false;
  struct EarlyDialog {
    sip::Dialog dialog;
    std::uint32_t lastRseq = 0;
  };
  std::map<std::string, EarlyDialog> earlyDialogs_;  ///< by To tag, for PRACKs
  std::vector<std::string> offerCodecs_;
  std::vector<pbx::SipHeader> addedHeaders_;  ///< the dialplan's headers for our INVITEs
};

}  // namespace sb::modules::chan_pjsip
