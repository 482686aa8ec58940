#include "modules/chan_pjsip/inbound_session.hpp"

#include <fmt/format.h>

#include <random>

#include "core/log/logger.hpp"
#include "modules/chan_pjsip/invite_headers.hpp"
#include "modules/chan_pjsip/invite_replaces.hpp"
#include "modules/chan_pjsip/session_table.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "sip/dialog/reliable_provisional.hpp"
#include "sip/message/text.hpp"

namespace sb::modules::chan_pjsip {

namespace {

/// Caller id from the endpoint's callerid=, else the From header (set_id_from_from): the
/// display name and the user part, as far as each is given.
void setCallerId(pbx::Channel& channel, const res_pjsip::EndpointConfig& endpoint,
                 const sip::Message& invite) {
  pbx::PartyId id = endpointPartyId(endpoint);
  if (id.number.empty()) {
    if (auto from = invite.from()) {
      id.name = from->displayNameUnquoted();
      id.number = sip::text::unescape(from->uri.user);
    }
  }
  channel.setCaller(std::move(id));
}

/// RFC 3262 3: the first RSeq is random, between 1 and 2**31 - 1.
std::uint32_t initialRseq() {
  static thread_local std::mt19937 engine{std::random_device{}()};
  return std::uniform_int_distribution<std::uint32_t>(1, 0x7fffffff / 2)(engine);
}

}  // namespace

InboundSession::InboundSession(SessionContext& context,
                               std::shared_ptr<const res_pjsip::EndpointConfig> endpoint,
                               res_pjsip::OutboundFlow flow,
                               std::shared_ptr<sip::IncomingRequest> invite)
    : Session(context, std::move(endpoint), std::move(flow)),
      invite_(std::move(invite)),
      retransmit_(context.core.timers()),
      ackTimeout_(context.core.timers()),
      nextRseq_(initialRseq()),
      prackTimer_(context.core.timers()) {}

void InboundSession::respond(int code, const sip::HeaderList& extra, std::string_view sdp) {
  sip::HeaderList headers;
  if (code > 100 && code < 300) {
    headers.emplace_back("Contact", fmt::format("<{}>", dialog_->localContact()));
    headers.emplace_back("Allow", kAllow);
  }
  headers.insert(headers.end(), extra.begin(), extra.end());
  invite_->respond(code, pbx::reasonPhrase(code), headers, sdp,
                   sdp.empty() ? std::string_view() : std::string_view("application/sdp"));
}

void InboundSession::start() {
  const auto& message = invite_->message();
  auto self = std::static_pointer_cast<InboundSession>(shared_from_this());
  const auto& uri = message.requestUri();
  // An INVITE without a user part runs the `s` extension, as in Asterisk.
  exten_ = uri.hasUser && !uri.user.empty() ? sip::text::unescape(uri.user) : std::string(1, 's');
  dialog_ = sip::Dialog::asUas(message, invite_->localTag(), localContact(exten_), invite_->flow());
  if (!dialog_) {
    invite_->respond(400, "Bad Request - Missing or invalid Contact");
    finish();
    return;
  }
  context_.table.add(self);
  context_.table.addInvite(SessionTable::inviteKey(message), self);
  context_.table.addDialog(dialog_->id().key(), self);
  invite_->respond(100, "Trying");

  if (!message.body().empty() && !media_.receiveOffer(message.body())) {
    SB_NOTICE("Call from '{}' ({}) rejected: no common codec", endpoint_->id,
              invite_->flow().remote.str());
    respond(488);
    finish();
    return;
  }
  auto timer = sip::decideAsUas(timerSettings(), message);
  if (timer.reject != 0) {
    respond(timer.reject, timer.headers);
    finish();
    return;
  }
  const auto rel = sip::decideReliableAsUas(sip::parseRelMode(endpoint_->rel100), message);
  if (rel.reject != 0) {
    respond(rel.reject, rel.headers);
    finish();
    return;
  }
  reliable_ = rel.reliable;
  timerHeaders_ = std::move(timer.headers);
  pendingInterval_ = timer.interval;
  notePeerAllow(message);
  auto dialplan = context_.pbx.dialplan();
  if (!dialplan || !dialplan->exists(endpoint_->context, exten_, 1, "")) {
    SB_NOTICE(
        "Call from '{}' ({}:{}) to extension '{}' rejected because extension not found in "
        "context '{}'.",
        endpoint_->id, sip::transportName(invite_->flow().kind), invite_->flow().remote.str(),
        exten_, endpoint_->context);
    respond(404);
    finish();
    return;
  }
  if (takeReplacedCall(*this, message)) {
    return;
  }
  context_.pbx.startDialplan(createChannel());
}

void InboundSession::refuse(int status) {
  respond(status);
  finish();
}

std::shared_ptr<pbx::Channel> InboundSession::createChannel() {
  const auto& message = invite_->message();
  auto channel = context_.pbx.newChannel("PJSIP", endpoint_->id, shared_from_this(), false);
  channel_ = channel;
  noteNewChannel(*channel);
  channel->context = endpoint_->context;
  channel->exten = exten_;
  channel->priority = 1;
  channel->language = endpoint_->language.empty() ? "en" : endpoint_->language;
  channel->accountCode = endpoint_->accountcode;
  setCallerId(*channel, *endpoint_, message);
  channel->setVariable("SIPCALLID", std::string(message.callId()));
  channel->setVariable("SIPDOMAIN", std::string(message.requestUri().hostAddress()));
  channel->sipHeaders.assign(headersAsPjsipReadsThem(message));
  channel->setState(pbx::ChannelState::Ring);
  context_.pbx.announce(*channel);
  return channel;
}

void InboundSession::answer(pbx::Channel& channel) {
  if (state_ != State::Early) {
    return;
  }
  std::string preferred;
  if (auto peer = channel.bridgedWith.lock()) {
    preferred = peer->media().codec;
  }
  std::string sdp = media_.hasOffer() ? media_.answer(preferred) : media_.currentOffer();
  dropReliable();
  respond(200, timerHeaders_, sdp);
  state_ = State::Answered;
  channel.markAnswered();
  watchMedia();
  runSessionTimer(pendingInterval_);
  // RFC 3261 13.3.1.4: resend the 2xx from T1 doubling to T2 until the ACK, give up at 64*T1.
  interval_ = context_.core.transactions().settings().timers.t1;
  if (flow_.flow.kind == sip::TransportKind::Udp) {
    retransmit_.start(interval_, [weak = weak_from_this()] {
      if (auto self = weak.lock()) {
        static_cast<InboundSession&>(*self).retransmit2xx();
      }
    });
  }
  ackTimeout_.start(context_.core.transactions().settings().timers.timeout(),
                    [weak = weak_from_this()] {
                      auto self = weak.lock();
                      if (!self) {
                        return;
                      }
                      auto& session = static_cast<InboundSession&>(*self);
                      if (session.state_ != State::Answered) {
                        return;
                      }
                      SB_WARNING("No ACK for the 2xx to {}: ending the call",
                                 session.invite_->message().callId());
                      session.sendInDialog("BYE");
                      session.endWithRemoteHangup(pbx::cause::kNoUserResponse);
                    });
}

void InboundSession::retransmit2xx() {
  if (state_ != State::Answered) {
    return;
  }
  invite_->retransmitFinal();
  interval_ = std::min(interval_ * 2, context_.core.transactions().settings().timers.t2);
  retransmit_.start(interval_, [weak = weak_from_this()] {
    if (auto self = weak.lock()) {
      static_cast<InboundSession&>(*self).retransmit2xx();
    }
  });
}

void InboundSession::indicate(pbx::Channel& channel, pbx::Indication indication) {
  if (state_ != State::Early) {
    return;
  }
  switch (indication) {
    case pbx::Indication::Ringing:
      // The caller's channel stays in Ring, as chan_pjsip leaves it (its device stays
      // INUSE: the caller is on the phone, not being rung).
      respondProvisional(180);
      return;
    case pbx::Indication::Progress:
      if (!earlyMediaSent_) {
        earlyMediaSent_ = true;
        // Early media from a dialled leg: answer with its codec so the relay needs no
        // transcoding (the 200 repeats this answer).
        std::string preferred;
        if (auto leg = channel.earlyMediaFrom.lock()) {
          preferred = leg->media().codec;
        }
        respondProvisional(183, media_.hasOffer() ? media_.answer(preferred) : std::string());
      }
      return;
    // A final response ends the SIP side: the channel learns it at once, as chan_pjsip's
    // session teardown tells Asterisk's channel.
    case pbx::Indication::Busy:
      channel.setState(pbx::ChannelState::Busy);
      respond(486);
      endWithRemoteHangup(pbx::cause::kUserBusy);
      return;
    case pbx::Indication::Congestion:
      respond(503);
      endWithRemoteHangup(pbx::cause::kCongestion);
      return;
  }
}

void InboundSession::hangup(pbx::Channel&, int cause) {
  auto self = shared_from_this();
  switch (state_) {
    case State::Early: {
      const int status = pbx::causeToSipStatus(cause);
      respond(status, {{"Reason", q850Reason(cause)}});
      break;
    }
    case State::Answered:
    case State::Confirmed:
      sendInDialog("BYE", nullptr, {{"Reason", q850Reason(cause)}});
      break;
    case State::Ended:
      break;
  }
  state_ = State::Ended;
  retransmit_.cancel();
  ackTimeout_.cancel();
  dropReliable();
  finish();
}

void InboundSession::endWithRemoteHangup(int cause) {
  auto self = shared_from_this();
  state_ = State::Ended;
  retransmit_.cancel();
  ackTimeout_.cancel();
  dropReliable();
  if (auto channel = channel_.lock()) {
    channel->remoteHangup(cause);
  }
  finish();
}

bool InboundSession::hangupWithResponse(pbx::Channel&, int status, std::string& state) {
  switch (state_) {
    case State::Early:
      break;
    case State::Answered:
      state = "CONNECTING";  // 2xx sent, ACK awaited
      return false;
    case State::Confirmed:
      state = "CONFIRMED";
      return false;
    case State::Ended:
      state = "DISCONNCTD";
      return false;
  }
  dropReliable();
  respond(status);
  // As chan_pjsip learns it when the session ends under its channel.
  endWithRemoteHangup(pbx::sipStatusToCause(status));
  return true;
}

void InboundSession::onCancel(sip::IncomingRequest& cancel) {
  cancel.respond(200, "OK");
  if (state_ != State::Early) {
    return;
  }
  respond(487);
  endWithRemoteHangup(pbx::cause::kNormalClearing);
}

void InboundSession::onInDialog(sip::IncomingRequest& request) {
  auto self = shared_from_this();
  const auto method = request.method();
  if (method == sip::Method::Ack) {
    if (state_ == State::Answered) {
      state_ = State::Confirmed;
      retransmit_.cancel();
      ackTimeout_.cancel();
    }
    answerCommonInDialog(request);
    return;
  }
  if (dialog_ && !dialog_->acceptRemoteSeq(request.message())) {
    request.respond(500, "Server Internal Error - CSeq out of order");
    return;
  }
  if (method == sip::Method::Prack) {
    onPrack(request);
    return;
  }
  if (method == sip::Method::Bye) {
    request.respond(200, "OK");
    if (state_ == State::Early) {
      // A BYE before our final response ends the INVITE with 487 (RFC 3261 15.1.2).
      respond(487);
    }
    endWithRemoteHangup(pbx::cause::kNormalClearing);
    return;
  }
  answerCommonInDialog(request);
}

void InboundSession::respondProvisional(int code, std::string sdp) {
  if (!reliable_) {
    respond(code, {}, sdp);
    return;
  }
  Reliable next{code, std::move(sdp), nextRseq_++};
  if (unacked_) {
    queued_.push_back(std::move(next));  // RFC 3262 3: one unacknowledged at a time
    return;
  }
  unacked_ = std::move(next);
  prackInterval_ = context_.core.transactions().settings().timers.t1;
  prackWaited_ = {};
  sendReliable();
  armPrackTimer();
}

void InboundSession::sendReliable() {
  respond(unacked_->code, {{"Require", "100rel"}, {"RSeq", std::to_string(unacked_->rseq)}},
          unacked_->sdp);
}

void InboundSession::armPrackTimer() {
  std::weak_ptr<Session> weak = weak_from_this();
  // Resent at T1, 2*T1, 4*T1, ... and given up exactly 64*T1 after the first sending.
  const auto left = context_.core.transactions().settings().timers.timeout() - prackWaited_;
  prackTimer_.start(std::min(prackInterval_, left), [weak] {
    if (auto self = weak.lock()) {
      static_cast<InboundSession&>(*self).onPrackTimer();
    }
  });
}

void InboundSession::onPrackTimer() {
  auto self = shared_from_this();
  if (!unacked_ || state_ != State::Early) {
    return;
  }
  const auto limit = context_.core.transactions().settings().timers.timeout();
  prackWaited_ += std::min(prackInterval_, limit - prackWaited_);
  if (prackWaited_ >= limit) {
    // RFC 3262 3: no PRACK for 64*T1; the INVITE is refused with a 5xx.
    SB_NOTICE("No PRACK for the reliable {} on '{}': ending the call", unacked_->code,
              endpoint_->id);
    dropReliable();
    respond(504);
    endWithRemoteHangup(pbx::cause::kNoUserResponse);
    return;
  }
  sendReliable();
  prackInterval_ *= 2;
  armPrackTimer();
}

void InboundSession::onPrack(sip::IncomingRequest& request) {
  const auto rack = request.message().rack();
  const auto cseq = invite_->message().cseq();
  if (!unacked_ || !rack || !cseq || rack->rseq != unacked_->rseq || rack->cseq != cseq->number ||
      rack->method != sip::Method::Invite) {
    request.respond(481, "Call/Transaction Does Not Exist");
    return;
  }
  prackTimer_.cancel();
  unacked_.reset();
  request.respond(200, "OK");
  if (!queued_.empty() && state_ == State::Early) {
    unacked_ = std::move(queued_.front());
    queued_.pop_front();
    prackInterval_ = context_.core.transactions().settings().timers.t1;
    prackWaited_ = {};
    sendReliable();
    armPrackTimer();
  }
}

void InboundSession::dropReliable() {
  prackTimer_.cancel();
  unacked_.reset();
  queued_.clear();
}

std::optional<std::string> InboundSession::info(std::string_view item) const {
  const auto& message = invite_->message();
  if (item == "call-id") {
    return std::string(message.callId());
  }
  if (item == "remote_addr") {
    return invite_->flow().remote.str();
  }
  if (item == "local_addr") {
    return flow_.local.str();
  }
  if (item == "request_uri") {
    return std::string(message.requestUri().raw);
  }
  if (item == "local_tag" && dialog_) {
    return dialog_->id().localTag;
  }
  if (item == "remote_tag" && dialog_) {
    return dialog_->id().remoteTag;
  }
  if (item == "useragent") {
    return std::string(message.value("User-Agent"));
  }
  if (item == "secure") {
    return invite_->flow().kind == sip::TransportKind::Tls ||
                   invite_->flow().kind == sip::TransportKind::Wss
               ? "1"
               : "0";
  }
  return std::nullopt;
}

}  // namespace sb::modules::chan_pjsip
