#include "modules/chan_pjsip/outbound_session.hpp"

#include <fmt/format.h>

#include "core/log/logger.hpp"
#include "modules/chan_pjsip/session_table.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "sip/message/parser.hpp"
#include "sip/transaction/transaction_key.hpp"

namespace sb::modules::chan_pjsip {

namespace {

std::string randomToken() {
  // The branch generator is unpredictable and unique enough for tags and Call-IDs too.
  return sip::newBranch().substr(7);
}

std::string quotedName(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    if (c != '\r' && c != '\n') {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

OutboundSession::OutboundSession(SessionContext& context,
                                 std::shared_ptr<const res_pjsip::EndpointConfig> endpoint,
                                 res_pjsip::OutboundFlow flow, std::string requestUri,
                                 std::string route)
    : Session(context, std::move(endpoint), std::move(flow)),
      requestUri_(std::move(requestUri)),
      route_(std::move(route)),
      callId_(randomToken()),
      localTag_(randomToken().substr(0, 16)) {}

void OutboundSession::call(pbx::Channel& channel) {
  if (state_ != State::Idle) {
    return;
  }
  auto self = shared_from_this();
  std::string fromUser = channel.callerNumber.empty() ? "anonymous" : channel.callerNumber;
  if (!endpoint_->fromUser.empty()) {
    fromUser = endpoint_->fromUser;
  }
  const std::string fromHost =
      endpoint_->fromDomain.empty() ? flow_.local.hostStr() : endpoint_->fromDomain;
  std::string from = fmt::format("<sip:{}@{}>;tag={}", fromUser, fromHost, localTag_);
  if (!channel.callerName.empty()) {
    from = quotedName(channel.callerName) + " " + from;
  }
  auto request = sip::Message::makeRequest("INVITE", requestUri_);
  if (!request) {
    fail(pbx::cause::kFailure);
    return;
  }
  if (!route_.empty()) {
    request->addHeader("Route", route_);
  }
  request->addHeader("Max-Forwards", "70");
  request->addHeader("From", from);
  request->addHeader("To", fmt::format("<{}>", requestUri_));
  request->addHeader("Contact", fmt::format("<{}>", localContact(fromUser)));
  request->addHeader("Call-ID", callId_);
  request->addHeader("CSeq", "102 INVITE");
  request->addHeader("Allow", kAllow);
  request->addHeader("Supported", "replaces, timer");
  stamp(*request);
  const std::string offer = media_.makeOffer(offerCodecs_);
  if (offer.empty()) {
    request->setBody({});
  } else {
    request->setBody(offer, "application/sdp");
  }
  invite_ = *request;
  noteMessage("Init", "INVITE");
  channel.setState(pbx::ChannelState::Dialing);

  std::weak_ptr<Session> weak = self;
  sip::ClientCallbacks callbacks;
  callbacks.onProvisional = [weak](const sip::Message& response) {
    if (auto session = weak.lock()) {
      static_cast<OutboundSession&>(*session).onProvisional(response);
    }
  };
  callbacks.onFinal = [weak](const sip::Message& response) {
    if (auto session = weak.lock()) {
      static_cast<OutboundSession&>(*session).onFinal(response);
    }
  };
  callbacks.onTimeout = [weak] {
    if (auto session = weak.lock()) {
      static_cast<OutboundSession&>(*session).fail(pbx::cause::kNoUserResponse);
    }
  };
  callbacks.onTransportError = [weak](const std::string&) {
    if (auto session = weak.lock()) {
      static_cast<OutboundSession&>(*session).fail(27);
    }
  };
  state_ = State::Calling;
  context_.table.add(self);
  transaction_ = context_.core.transactions().sendRequest(std::move(*request), flow_.flow,
                                                          std::move(callbacks));
  if (!transaction_) {
    fail(pbx::cause::kFailure);
  }
}

void OutboundSession::onProvisional(const sip::Message& response) {
  auto channel = channel_.lock();
  if (!channel || state_ != State::Calling) {
    return;
  }
  const int code = response.statusCode();
  if (!response.body().empty()) {
    media_.receiveAnswer(response.body());
  }
  if (code == 180) {
    channel->markRinging();
  } else if (code == 183) {
    if (!response.body().empty()) {
      channel->markProgress();
    } else {
      channel->markRinging();
    }
  }
}

void OutboundSession::onFinal(const sip::Message& response) {
  auto self = shared_from_this();
  const int code = response.statusCode();
  if (code / 100 != 2) {
    if (state_ == State::Calling) {
      fail(pbx::sipStatusToCause(code));
    }
    return;
  }
  // Every 2xx is ACKed, the first one's dialog kept; later ones (retransmissions, other
  // forks) only get their ACK, and a fork we did not keep is also sent a BYE.
  if (dialog_) {
    auto to = response.to();
    sendAck(response);
    if (to && to->tag() != dialog_->id().remoteTag) {
      auto other = sip::Dialog::asUac(*invite_, response, dialog_->localContact(), flow_.flow);
      if (other) {
        auto bye = other->makeRequest("BYE");
        if (bye) {
          stamp(*bye);
          bye->setBody({});
          (void)context_.core.transactions().sendRequest(std::move(*bye), flow_.flow, {});
        }
      }
    }
    return;
  }
  dialog_ = sip::Dialog::asUac(*invite_, response, localContact("s"), flow_.flow);
  if (!dialog_) {
    fail(pbx::cause::kFailure);
    return;
  }
  context_.table.addDialog(dialog_->id().key(), self);
  sendAck(response);
  auto channel = channel_.lock();
  if (cancelled_ || !channel || channel->hungUp()) {
    // RFC 5407: our CANCEL crossed their 2xx; the call exists now and must be ended.
    state_ = State::Confirmed;
    sendInDialog("BYE", nullptr, {{"Reason", q850Reason(pbx::cause::kNormalClearing)}});
    state_ = State::Ended;
    finish();
    return;
  }
  if (!response.body().empty() && !media_.receiveAnswer(response.body())) {
    SB_WARNING("Unusable SDP answer from {}: ending the call", endpoint_->id);
    state_ = State::Confirmed;
    sendInDialog("BYE", nullptr,
                 {{"Reason", q850Reason(pbx::cause::kBearerCapabilityNotAvailable)}});
    fail(pbx::cause::kBearerCapabilityNotAvailable);
    return;
  }
  state_ = State::Confirmed;
  channel->markAnswered();
}

void OutboundSession::sendAck(const sip::Message& response) {
  auto dialog = dialog_;
  auto to = response.to();
  if (to && dialog && to->tag() != dialog->id().remoteTag) {
    dialog = sip::Dialog::asUac(*invite_, response, dialog_->localContact(), flow_.flow);
  }
  if (!dialog) {
    return;
  }
  auto cseq = invite_->cseq();
  auto ack = dialog->makeRequest("ACK", cseq ? cseq->number : 1);
  if (!ack) {
    return;
  }
  stamp(*ack);
  noteMessage("Tx", "ACK");
  ack->setBody({});
  context_.core.transactions().sendStateless(*ack, dialog->flow());
}

void OutboundSession::fail(int cause) {
  auto self = shared_from_this();
  if (state_ == State::Ended) {
    return;
  }
  state_ = State::Ended;
  if (auto channel = channel_.lock()) {
    channel->remoteHangup(cause);
  }
  finish();
}

void OutboundSession::hangup(pbx::Channel&, int cause) {
  auto self = shared_from_this();
  switch (state_) {
    case State::Idle:
      state_ = State::Ended;
      finish();
      return;
    case State::Calling: {
      // Keep listening: a 2xx may still cross the CANCEL and must then be ACKed and BYE'd.
      cancelled_ = true;
      const std::string reason = cause == pbx::cause::kAnsweredElsewhere
                                     ? "SIP;cause=200;text=\"Call completed elsewhere\""
                                     : q850Reason(cause);
      context_.core.transactions().cancel(transaction_, reason);
      noteMessage("Tx", "CANCEL");
      context_.table.keep(std::move(transaction_));
      return;
    }
    case State::Confirmed:
      sendInDialog("BYE", nullptr, {{"Reason", q850Reason(cause)}});
      state_ = State::Ended;
      finish();
      return;
    case State::Ended:
      return;
  }
}

void OutboundSession::onInDialog(sip::IncomingRequest& request) {
  auto self = shared_from_this();
  if (request.method() != sip::Method::Ack && dialog_ &&
      !dialog_->acceptRemoteSeq(request.message())) {
    request.respond(500, "Server Internal Error - CSeq out of order");
    return;
  }
  if (request.method() == sip::Method::Bye) {
    request.respond(200, "OK");
    fail(pbx::cause::kNormalClearing);
    return;
  }
  answerCommonInDialog(request);
}

std::optional<std::string> OutboundSession::info(std::string_view item) const {
  if (item == "call-id") {
    return callId_;
  }
  if (item == "remote_addr") {
    return flow_.flow.remote.str();
  }
  if (item == "local_addr") {
    return flow_.local.str();
  }
  if (item == "request_uri" || item == "target_uri") {
    return requestUri_;
  }
  if (item == "local_tag") {
    return localTag_;
  }
  if (item == "remote_tag" && dialog_) {
    return dialog_->id().remoteTag;
  }
  return std::nullopt;
}

}  // namespace sb::modules::chan_pjsip
