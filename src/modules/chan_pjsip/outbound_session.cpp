#include "modules/chan_pjsip/outbound_session.hpp"

#include <fmt/format.h>

#include "core/log/logger.hpp"
#include "modules/chan_pjsip/session_table.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "modules/pbx/sip_add_header.hpp"
#include "sip/dialog/reliable_provisional.hpp"
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
                                 CallDestination destination, std::string requestUri,
                                 std::string route)
    : Session(context, std::move(endpoint), destination.flow.value_or(res_pjsip::OutboundFlow{})),
      destination_(std::move(destination)),
      requestUri_(std::move(requestUri)),
      route_(std::move(route)),
      callId_(randomToken()),
      localTag_(randomToken().substr(0, 16)),
      requestedSe_(timerSettings().sessionExpires),
      requestedMinSe_(timerSettings().minSe) {
  placedCall_ = true;
}

void OutboundSession::call(pbx::Channel& /*channel*/) {
  if (state_ != State::Idle) {
    return;
  }
  auto self = shared_from_this();
  noteMessage("Init", "INVITE");
  // The leg stays Down until the callee rings, as chan_pjsip's outgoing channels do.
  state_ = State::Calling;
  context_.table.add(self);
  if (destination_.flow) {
    targets_.push_back(*destination_.flow);
    tryNextTarget();
    return;
  }
  const auto uri = sip::parseUri(destination_.locate);
  if (!uri) {
    SB_WARNING("Endpoint '{}': cannot call unusable URI '{}'", endpoint_->id, destination_.locate);
    fail(pbx::cause::kFailure);
    return;
  }
  std::weak_ptr<Session> weak = self;
  res_pjsip::locateDestinations(
      context_.core, context_.resolver, *uri, [weak](res_pjsip::Destinations found) {
        if (auto session = weak.lock()) {
          static_cast<OutboundSession&>(*session).onLocated(std::move(found));
        }
      });
}

void OutboundSession::onLocated(res_pjsip::Destinations found) {
  auto self = shared_from_this();
  if (state_ != State::Calling) {
    return;  // hung up while the name was being resolved
  }
  if (found.flows.empty()) {
    SB_WARNING("Endpoint '{}': cannot reach '{}': {}", endpoint_->id, destination_.locate,
               found.error);
    fail(pbx::cause::kDestinationOutOfOrder);
    return;
  }
  targets_.assign(std::make_move_iterator(found.flows.begin()),
                  std::make_move_iterator(found.flows.end()));
  tryNextTarget();
}

bool OutboundSession::tryNextTarget() {
  if (targets_.empty()) {
    return false;
  }
  const bool first = !offerMade_;
  flow_ = std::move(targets_.front());
  targets_.pop_front();
  if (first) {
    media_.relocate(flow_.local.address);
  } else {
    SB_VERBOSE(3, "Endpoint '{}': trying the next target, {}", endpoint_->id,
               flow_.flow.remote.str());
  }
  sendInvite({});
  return true;
}

void OutboundSession::sendInvite(const std::vector<sip::auth::AuthorizationHeader>& authorization) {
  auto self = shared_from_this();
  auto channel = channel_.lock();
  if (!channel) {
    fail(pbx::cause::kFailure);
    return;
  }
  if (from_.empty()) {
    // Who is calling, as the far end should see it: the connected line (res_pjsip_caller_id
    // writes it into From), which Dial and Originate fill from the caller.
    const auto& calling = channel->connected();
    std::string fromUser = calling.number.empty() ? "anonymous" : calling.number;
    if (!endpoint_->fromUser.empty()) {
      fromUser = endpoint_->fromUser;
    }
    const std::string fromHost =
        endpoint_->fromDomain.empty() ? flow_.local.hostStr() : endpoint_->fromDomain;
    from_ = fmt::format("<sip:{}@{}>;tag={}", fromUser, fromHost, localTag_);
    if (!calling.name.empty()) {
      from_ = quotedName(calling.name) + " " + from_;
    }
    // What the dialplan asked for (PJSIP_HEADER(add) in a pre-dial handler, SIPAddHeader):
    // fixed now, so that every retry of this INVITE carries the same headers.
    addedHeaders_ = channel->sipHeaders.take();
    auto legacy = pbx::sipAddHeaders(*channel);
    addedHeaders_.insert(addedHeaders_.end(), legacy.begin(), legacy.end());
  }
  if (!offerMade_) {
    offer_ = media_.makeOffer(offerCodecs_);
    offerMade_ = true;
  }
  auto request = sip::Message::makeRequest("INVITE", requestUri_);
  if (!request) {
    fail(pbx::cause::kFailure);
    return;
  }
  if (!route_.empty()) {
    request->addHeader("Route", route_);
  }
  const std::string contactUser = !endpoint_->contactUser.empty() ? endpoint_->contactUser
                                  : !endpoint_->fromUser.empty()  ? endpoint_->fromUser
                                  : channel->connected().number.empty()
                                      ? "s"
                                      : channel->connected().number;
  request->addHeader("Max-Forwards", "70");
  request->addHeader("From", from_);
  request->addHeader("To", fmt::format("<{}>", requestUri_));
  request->addHeader("Contact", fmt::format("<{}>", localContact(contactUser)));
  request->addHeader("Call-ID", callId_);
  request->addHeader("CSeq", fmt::format("{} INVITE", ++cseq_));
  request->addHeader("Allow", kAllow);
  const auto rel = sip::parseRelMode(endpoint_->rel100);
  std::string supported = sip::offers100rel(rel) ? "100rel" : "";
  if (timerSettings().mode != sip::TimerMode::No) {
    supported += supported.empty() ? "timer" : ", timer";
  }
  if (!supported.empty()) {
    request->addHeader("Supported", supported);
  }
  for (const auto& [name, value] : sip::uacRelHeaders(rel)) {
    request->addHeader(name, value);
  }
  for (const auto& [name, value] :
       sip::uacRequestHeaders(timerSettings(), requestedSe_, requestedMinSe_)) {
    request->addHeader(name, value);
  }
  for (const auto& header : addedHeaders_) {
    if (!request->addHeader(header.name, header.value) && !invite_) {
      SB_WARNING("Not adding header '{}' to the INVITE of {}: unusable name or value", header.name,
                 channel->name());
    }
  }
  addAuthorization(*request, authorization);
  stamp(*request);
  if (offer_.empty()) {
    request->setBody({});
  } else {
    request->setBody(offer_, "application/sdp");
  }
  invite_ = *request;

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
      static_cast<OutboundSession&>(*session).failOver(pbx::cause::kNoUserResponse);
    }
  };
  callbacks.onTransportError = [weak](const std::string&) {
    if (auto session = weak.lock()) {
      static_cast<OutboundSession&>(*session).failOver(pbx::cause::kDestinationOutOfOrder);
    }
  };
  transaction_ = context_.core.transactions().sendRequest(std::move(*request), flow_.flow,
                                                          std::move(callbacks));
  if (!transaction_) {
    failOver(pbx::cause::kDestinationOutOfOrder);
  }
}

void OutboundSession::failOver(int cause) {
  auto self = shared_from_this();
  if (state_ != State::Calling) {
    return;
  }
  if (cancelled_ || provisionalSeen_ || !tryNextTarget()) {
    fail(cause);
  }
}

void OutboundSession::onProvisional(const sip::Message& response) {
  auto channel = channel_.lock();
  if (!channel || state_ != State::Calling) {
    return;
  }
  const int code = response.statusCode();
  if (code > 100) {
    provisionalSeen_ = true;
    if (const auto to = response.to(); to && !to->tag().empty()) {
      // An INVITE with Replaces may name this early dialog (call pickup).
      context_.table.addEarlyDialog(sip::DialogId{callId_, localTag_, std::string(to->tag())}.key(),
                                    shared_from_this());
    }
  }
  if (const auto rseq = sip::reliableSequence(response)) {
    if (!acknowledgeReliable(response, *rseq)) {
      return;  // a retransmission of one we PRACKed already
    }
  }
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
    if (state_ != State::Calling) {
      return;
    }
    if ((code == 401 || code == 407) && !cancelled_) {
      const auto answer = answerChallenge(response, "INVITE", requestUri_);
      if (!answer.empty()) {
        sendInvite(answer);
        return;
      }
    }
    if (code == 422 && !cancelled_ && !retried422_) {
      // RFC 4028 7.4: ask again with at least the interval the UAS can live with.
      if (const auto minSe = sip::minSeOf422(response, requestedMinSe_)) {
        retried422_ = true;
        requestedMinSe_ = *minSe;
        requestedSe_ = std::max(requestedSe_, *minSe);
        sendInvite({});
        return;
      }
    }
    if (code == 503) {
      failOver(pbx::sipStatusToCause(code));
      return;
    }
    fail(pbx::sipStatusToCause(code));
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
  if (auto early = earlyDialogs_.find(std::string(response.to() ? response.to()->tag() : ""));
      early != earlyDialogs_.end()) {
    // The dialog our PRACKs went in: its CSeq has moved on from the INVITE's.
    dialog_ = std::move(early->second.dialog);
    dialog_->refreshTarget(response);
  } else {
    dialog_ = sip::Dialog::asUac(*invite_, response, localContact("s"), flow_.flow);
  }
  earlyDialogs_.clear();
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
  watchMedia();
  notePeerAllow(response);
  runSessionTimer(sip::fromUacResponse(timerSettings(), response, requestedSe_));
}

bool OutboundSession::acknowledgeReliable(const sip::Message& response, std::uint32_t rseq) {
  const auto to = response.to();
  if (!to || to->tag().empty() || !invite_) {
    return true;
  }
  std::string tag(to->tag());
  auto found = earlyDialogs_.find(tag);
  if (found == earlyDialogs_.end()) {
    auto dialog = sip::Dialog::asUac(*invite_, response, localContact("s"), flow_.flow);
    if (!dialog) {
      return true;
    }
    found = earlyDialogs_.emplace(tag, EarlyDialog{std::move(*dialog), 0}).first;
  }
  if (found->second.lastRseq != 0 && rseq <= found->second.lastRseq) {
    return false;  // RFC 3262 4: retransmissions and stale ones are not PRACKed again
  }
  found->second.lastRseq = rseq;
  auto prack = found->second.dialog.makeRequest("PRACK");
  const auto cseq = invite_->cseq();
  if (!prack || !cseq) {
    return true;
  }
  prack->addHeader("RAck", fmt::format("{} {} INVITE", rseq, cseq->number));
  stamp(*prack);
  prack->setBody({});
  noteMessage("Tx", "PRACK");
  (void)context_.core.transactions().sendRequest(std::move(*prack), found->second.dialog.flow(),
                                                 {});
  return true;
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

bool OutboundSession::hangupWithResponse(pbx::Channel& channel, int, std::string& state) {
  switch (state_) {
    case State::Idle:
      state = "NULL";
      break;
    case State::Calling:
      state = channel.ringing() || channel.progressed() ? "EARLY" : "CALLING";
      break;
    case State::Confirmed:
      state = "CONFIRMED";
      break;
    case State::Ended:
      state = "DISCONNCTD";
      break;
  }
  return false;
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
      if (!transaction_) {
        // Still resolving the destination: nothing was sent.
        state_ = State::Ended;
        finish();
        return;
      }
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
