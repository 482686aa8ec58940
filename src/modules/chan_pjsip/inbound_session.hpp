#pragma once
/// @file
/// A call from a SIP endpoint (UAS side): the INVITE becomes a channel that runs the
/// dialplan; answering sends the 2xx (retransmitted until the ACK), indications send 1xx or
/// a failure response, hang-up sends a BYE or the final response its cause maps to.

#include <deque>
#include <memory>

#include "modules/chan_pjsip/session.hpp"

namespace sb::modules::chan_pjsip {

class InboundSession : public Session {
 public:
  InboundSession(SessionContext& context, std::shared_ptr<const res_pjsip::EndpointConfig> endpoint,
                 res_pjsip::OutboundFlow flow, std::shared_ptr<sip::IncomingRequest> invite);

  /// Checks the offer and the extension, then creates the channel and starts its dialplan
  /// (or answers 488/404 and ends). An INVITE with Replaces takes the replaced call's place
  /// instead (invite_replaces.hpp).
  void start();

  /// Ends the call before it began with the final response `status`.
  void refuse(int status);
  /// Makes the call's channel (caller id, variables and SIP headers from the INVITE) and
  /// announces it, ringing; nothing runs it yet.
  std::shared_ptr<pbx::Channel> createChannel();
  /// Serves `channel`, which another session served until now (Channel::replaceDriver).

  void onInDialog(sip::IncomingRequest& request) override;
  void onCancel(sip::IncomingRequest& cancel) override;
  bool outgoing() const override { return false; }
  bool earlyDialog() const override { return state_ == State::Early; }
  bool established() const override { return state_ == State::Confirmed; }

  // ChannelTech
  void answer(pbx::Channel& channel) override;
  void indicate(pbx::Channel& channel, pbx::Indication indication) override;
  void call(pbx::Channel&) override {}
  void hangup(pbx::Channel& channel, int cause) override;
  pbx::ChannelMedia media() const override { return media_.channelMedia(); }
  std::optional<std::string> info(std::string_view item) const override;
  bool hangupWithResponse(pbx::Channel& channel, int status, std::string& state) override;

 private:
  enum class State { Early, Answered, Confirmed, Ended };

  void respond(int code, const sip::HeaderList& extra = {}, std::string_view sdp = {});
  /// A 180/183: reliably (RFC 3262: Require: 100rel, RSeq, resent until PRACKed, one at a
  /// time) when this call uses 100rel, else as it is.
  void respondProvisional(int code, std::string sdp = {});
  void sendReliable();
  void armPrackTimer();
  void onPrackTimer();
  /// A PRACK: 200 when it acknowledges the outstanding reliable response, else 481.
  void onPrack(sip::IncomingRequest& request);
  /// Stops waiting for PRACKs (a final response is going out).
  void dropReliable();
  void retransmit2xx();
  void endWithRemoteHangup(int cause);

  std::shared_ptr<sip::IncomingRequest> invite_;
  State state_ = State::Early;
  bool earlyMediaSent_ = false;
  std::string exten_;
  sip::Timer retransmit_;
  sip::Timer ackTimeout_;
  sip::Duration interval_{};
  struct Reliable {
    int code = 0;
    std::string sdp;
    std::uint32_t rseq = 0;
  };
  bool reliable_ = false;  ///< 100rel in use for this call
  std::uint32_t nextRseq_;
  std::optional<Reliable> unacked_;  ///< sent, not yet PRACKed
  std::deque<Reliable> queued_;      ///< waiting for the PRACK of unacked_
  sip::Timer prackTimer_;
  sip::Duration prackInterval_{};
  sip::Duration prackWaited_{};
  sip::ExtraHeaders timerHeaders_;                       ///< Session-Expires etc. for the 2xx
  std::optional<sip::SessionInterval> pendingInterval_;  ///< runs once we answer
};

}  // namespace sb::modules::chan_pjsip
