#pragma once
/// @file
/// A call to a SIP endpoint's contact (UAC side), made by Dial: the INVITE carries our offer;
/// 180/183 make the channel ring, a 2xx is ACKed and answers the channel, a failure ends it
/// with the cause its status maps to. Hang-up before the answer sends CANCEL (with a Reason
/// when another fork answered); a 2xx that crosses our CANCEL is ACKed and BYE'd (RFC 5407).

#include <memory>
#include <string>

#include "modules/chan_pjsip/session.hpp"

namespace sb::modules::chan_pjsip {

class OutboundSession : public Session {
 public:
  /// `requestUri` is the contact's URI (its user replaced for exten@endpoint); `route` the
  /// contact's Path, if any.
  OutboundSession(SessionContext& context,
                  std::shared_ptr<const res_pjsip::EndpointConfig> endpoint,
                  res_pjsip::OutboundFlow flow, std::string requestUri, std::string route);

  void bindChannel(const std::shared_ptr<pbx::Channel>& channel) { channel_ = channel; }
  /// Codecs to offer first (the caller's), so that the legs can relay without transcoding.
  void preferCodecs(std::vector<std::string> codecs) { offerCodecs_ = std::move(codecs); }

  void onInDialog(sip::IncomingRequest& request) override;
  bool outgoing() const override { return true; }

  // ChannelTech
  void answer(pbx::Channel&) override {}
  void indicate(pbx::Channel&, pbx::Indication) override {}
  void call(pbx::Channel& channel) override;
  void hangup(pbx::Channel& channel, int cause) override;
  pbx::ChannelMedia media() const override { return media_.channelMedia(); }
  std::optional<std::string> info(std::string_view item) const override;

 private:
  enum class State { Idle, Calling, Confirmed, Ended };

  void onProvisional(const sip::Message& response);
  void onFinal(const sip::Message& response);
  void sendAck(const sip::Message& response);
  void fail(int cause);

  std::string requestUri_;
  std::string route_;
  std::string callId_;
  std::string localTag_;
  std::optional<sip::Message> invite_;
  sip::ClientTransactionHandle transaction_;
  State state_ = State::Idle;
  bool cancelled_ = false;
  std::vector<std::string> offerCodecs_;
};

}  // namespace sb::modules::chan_pjsip
