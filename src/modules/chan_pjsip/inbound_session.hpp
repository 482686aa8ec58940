#pragma once
/// @file
/// A call from a SIP endpoint (UAS side): the INVITE becomes a channel that runs the
/// dialplan; answering sends the 2xx (retransmitted until the ACK), indications send 1xx or
/// a failure response, hang-up sends a BYE or the final response its cause maps to.

#include <memory>

#include "modules/chan_pjsip/session.hpp"

namespace sb::modules::chan_pjsip {

class InboundSession : public Session {
 public:
  InboundSession(SessionContext& context, std::shared_ptr<const res_pjsip::EndpointConfig> endpoint,
                 res_pjsip::OutboundFlow flow, std::shared_ptr<sip::IncomingRequest> invite);

  /// Checks the offer and the extension, then creates the channel and starts its dialplan
  /// (or answers 488/404 and ends).
  void start();

  void onInDialog(sip::IncomingRequest& request) override;
  void onCancel(sip::IncomingRequest& cancel) override;
  bool outgoing() const override { return false; }

  // ChannelTech
  void answer(pbx::Channel& channel) override;
  void indicate(pbx::Channel& channel, pbx::Indication indication) override;
  void call(pbx::Channel&) override {}
  void hangup(pbx::Channel& channel, int cause) override;
  pbx::ChannelMedia media() const override { return media_.channelMedia(); }
  std::optional<std::string> info(std::string_view item) const override;

 private:
  enum class State { Early, Answered, Confirmed, Ended };

  void respond(int code, const sip::HeaderList& extra = {}, std::string_view sdp = {});
  void retransmit2xx();
  void endWithRemoteHangup(int cause);

  std::shared_ptr<sip::IncomingRequest> invite_;
  State state_ = State::Early;
  bool earlyMediaSent_ = false;
  std::string exten_;
  sip::Timer retransmit_;
  sip::Timer ackTimeout_;
  sip::Duration interval_{};
  sip::ExtraHeaders timerHeaders_;                       ///< Session-Expires etc. for the 2xx
  std::optional<sip::SessionInterval> pendingInterval_;  ///< runs once we answer
};

}  // namespace sb::modules::chan_pjsip
