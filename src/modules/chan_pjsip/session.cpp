#include "modules/chan_pjsip/session.hpp"

#include <random>

#include <fmt/format.h>

#include <boost/asio/post.hpp>

#include "core/log/logger.hpp"
#include "media/rtp/rtp_stream.hpp"
#include "modules/chan_pjsip/dtmf_info.hpp"
#include "modules/chan_pjsip/refer.hpp"
#include "modules/chan_pjsip/session_table.hpp"
#include "modules/pbx/caller_id.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/res_pjsip/endpoint_text.hpp"
#include "modules/res_pjsip/outbound_credentials.hpp"
#include "modules/res_pjsip/trace/sip_trace.hpp"
#include "sip/message/text.hpp"
#include "sip/transaction/transaction_key.hpp"

namespace sb::modules::chan_pjsip {

pbx::PartyId endpointPartyId(const res_pjsip::EndpointConfig& endpoint) {
  auto parts = res_pjsip::splitCallerId(endpoint.callerid);
  pbx::PartyId id;
  id.name = std::move(parts.name);
  id.number = std::move(parts.number);
  const int presentation = std::max(0, pbx::parseCallerPresentation(endpoint.calleridPrivacy));
  id.namePresentation = presentation;
  id.numberPresentation = presentation;
  return id;
}

Session::Session(SessionContext& context, std::shared_ptr<const res_pjsip::EndpointConfig> endpoint,
                 res_pjsip::OutboundFlow flow)
    : context_(context),
      endpoint_(std::move(endpoint)),
      flow_(std::move(flow)),
      media_(context.media, *endpoint_, flow_.local.address),
      dtmfMode_(endpoint_->dtmfMode),
      timerSettings_{sip::parseTimerMode(endpoint_->timers), endpoint_->timersMinSe,
                     endpoint_->timersSessExpires},
      sessionTimer_(context.core.timers()),
      glareTimer_(context.core.timers()) {
  // The handler lives in media_, a member: no report reaches a destroyed session.
  media_.onDigits(context.table.io(),
                  [this](const media::DigitReport& report) { onMediaDigit(report); });
}

Session::~Session() = default;

std::string Session::localContact(const std::string& user) const {
  std::string contact = fmt::format("sip:{}@{}", user.empty() ? "s" : user, flow_.local.str());
  if (flow_.flow.kind != sip::TransportKind::Udp) {
    contact += fmt::format(";transport={}", sip::transportName(flow_.flow.kind));
  }
  return contact;
}

std::string Session::q850Reason(int cause) {
  return fmt::format("Q.850;cause={}", cause);
}

void Session::stamp(sip::Message& request) const {
  request.insertBefore(
      sip::HeaderId::Via, "Via",
      fmt::format("SIP/2.0/{} {};rport;branch={}", sip::transportName(flow_.flow.kind),
                  flow_.local.str(), sip::newBranch()));
  if (!context_.userAgent.empty()) {
    request.addHeader("User-Agent", context_.userAgent);
  }
}

void Session::sendInDialog(const std::string& method, InDialogDone done, const HeaderPairs& headers,
                           const std::string& sdp, const std::string& contentType) {
  sendInDialogAttempt(method, done ? std::make_shared<InDialogDone>(std::move(done)) : nullptr,
                      headers, sdp, contentType, {});
}

bool Session::sendInDialogRequest(const std::string& method, const HeaderPairs& headers,
                                  const std::string& contentType, const std::string& body) {
  // As res_pjsip_notify: only a session whose call is still up (early or confirmed).
  if (!dialog_ || finished_ || !channel()) {
    return false;
  }
  sendInDialog(method, nullptr, headers, body, contentType);
  return true;
}

void Session::sendInDialogAttempt(
    const std::string& method, std::shared_ptr<InDialogDone> done, const HeaderPairs& headers,
    const std::string& sdp, const std::string& contentType,
    const std::vector<sip::auth::AuthorizationHeader>& authorization) {
  const auto report = [done](int status, const sip::Message* response) {
    if (done) {
      (*done)(status, response);
    }
  };
  if (!dialog_) {
    report(481, nullptr);
    return;
  }
  auto request = dialog_->makeRequest(method);
  if (!request) {
    report(500, nullptr);
    return;
  }
  stamp(*request);
  noteMessage("Tx", method);
  for (const auto& [name, value] : headers) {
    request->addHeader(name, value);
  }
  addAuthorization(*request, authorization);
  if (sdp.empty()) {
    request->setBody({});
  } else {
    request->setBody(sdp, contentType);
  }
  const std::string uri(request->requestLine().uriText);
  const std::uint32_t cseq = request->cseq() ? request->cseq()->number : 0;
  const bool invite = method == "INVITE";
  const bool offer = invite || (method == "UPDATE" && !sdp.empty());
  if (offer) {
    offerPending_ = true;
  }
  sip::ClientCallbacks callbacks;
  const bool challengeable = !endpoint_->outboundAuth.empty() && authorization.empty();
  if (done || challengeable || offer) {
    // Holding the session (not only a weak reference) lets a BYE challenged after the call
    // ended still be answered; the transaction, not the session, owns these callbacks.
    std::shared_ptr<Session> self = shared_from_this();
    callbacks.onFinal = [self, done, method, headers, sdp, contentType, uri, cseq, invite, offer,
                         challengeable, report](const sip::Message& response) {
      const int code = response.statusCode();
      if (challengeable && (code == 401 || code == 407)) {
        auto answer = self->answerChallenge(response, method, uri);
        if (!answer.empty()) {
          self->sendInDialogAttempt(method, done, headers, sdp, contentType, answer);
          return;
        }
      }
      if (offer) {
        self->offerPending_ = false;
        constexpr unsigned kMaxGlareRetries = 3;
        if (code == 491 && !self->finished_ && self->glareRetries_ < kMaxGlareRetries) {
          // Both sides offered at once: try again after the random wait; `done` hears how
          // the retry ends.
          ++self->glareRetries_;
          std::weak_ptr<Session> weak = self;
          self->glareTimer_.start(
              self->glareRetryDelay(), [weak, method, done, headers, sdp, contentType] {
                auto session = weak.lock();
                if (session && !session->finished_) {
                  session->sendInDialogAttempt(method, done, headers, sdp, contentType, {});
                }
              });
          return;
        }
        self->glareRetries_ = 0;
      }
      if (invite && code / 100 == 2) {
        self->ackReinvite(response, cseq);
      }
      report(code, &response);
    };
    callbacks.onTimeout = [self, offer, report] {
      self->offerPending_ = self->offerPending_ && !offer;
      report(408, nullptr);
    };
    callbacks.onTransportError = [self, offer, report](const std::string&) {
      self->offerPending_ = self->offerPending_ && !offer;
      report(503, nullptr);
    };
  }
  auto handle =
      context_.core.transactions().sendRequest(std::move(*request), dialog_->flow(), callbacks);
  // Callbacks live as long as the handle: keep it while someone listens.
  if (callbacks.onFinal) {
    context_.table.keep(std::move(handle));
  }
}

void Session::ackReinvite(const sip::Message& response, std::uint32_t cseq) {
  if (!dialog_) {
    return;
  }
  dialog_->refreshTarget(response);
  if (!response.body().empty() && media_.receiveAnswer(response.body())) {
    mediaRenegotiated();
  }
  auto ack = dialog_->makeRequest("ACK", cseq);
  if (!ack) {
    return;
  }
  stamp(*ack);
  ack->setBody({});
  noteMessage("Tx", "ACK");
  context_.core.transactions().sendStateless(*ack, dialog_->flow());
}

namespace {

// Asterisk's length for a digit given without one (AST_DEFAULT_EMULATE_DTMF_DURATION).
constexpr unsigned kDefaultDigitMs = 100;

}  // namespace

bool Session::sendDigitBegin(pbx::Channel&, char, pbx::DigitSource source) {
  if (!dialog_ || finished_) {
    return false;
  }
  const pbx::ChannelMedia audio = media_.channelMedia();
  switch (media_.dtmfMethod()) {
    case DtmfMethod::Info:
      return true;
    case DtmfMethod::Rfc4733:
      return audio.stream && audio.dtmfPayloadType >= 0;
    case DtmfMethod::Inband:
      return audio.stream &&
             (source == pbx::DigitSource::Inband || audio.codec == "ulaw" || audio.codec == "alaw");
    case DtmfMethod::None:
      break;
  }
  return false;
}

bool Session::sendDigit(pbx::Channel& channel, char digit, unsigned durationMs,
                        pbx::DigitSource source) {
  if (!sendDigitBegin(channel, digit, source)) {
    SB_DEBUG(3, "DTMF '{}' not sent to '{}' (dtmf_mode {})", digit, endpoint_->id, dtmfMode_);
    return false;
  }
  const pbx::ChannelMedia audio = media_.channelMedia();
  const unsigned length = durationMs == 0 ? kDefaultDigitMs : durationMs;
  switch (media_.dtmfMethod()) {
    case DtmfMethod::Info:
      sendInDialog("INFO", nullptr, {}, dtmfRelayBody(digit, durationMs), "application/dtmf-relay");
      return true;
    case DtmfMethod::Rfc4733:
      // Events from a leg that negotiated them reach this one through the relay already.
      if (source != pbx::DigitSource::Rfc4733) {
        audio.stream->sendDigit(digit, length, static_cast<std::uint8_t>(audio.dtmfPayloadType));
      }
      return true;
    case DtmfMethod::Inband:
      // Tones heard in the other leg's audio reach this one through the relay already.
      if (source != pbx::DigitSource::Inband) {
        audio.stream->playDigitTone(digit, length, static_cast<std::uint8_t>(audio.payloadType),
                                    audio.codec == "alaw");
      }
      return true;
    case DtmfMethod::None:
      break;
  }
  return false;
}

void Session::onMediaDigit(const media::DigitReport& report) {
  auto channel = channel_.lock();
  if (finished_ || !channel) {
    return;
  }
  const pbx::DigitSource source = report.signal == media::DigitSignal::Inband
                                      ? pbx::DigitSource::Inband
                                      : pbx::DigitSource::Rfc4733;
  if (report.end) {
    channel->receiveDigitEnd(report.digit, report.durationMs, source);
  } else {
    channel->receiveDigitBegin(report.digit, source);
  }
}

void Session::changeDtmfMode(const std::string& mode) {
  if (mode == dtmfMode_) {
    return;
  }
  dtmfMode_ = mode;
  media_.setDtmfMode(mode);
  if (!established() || finished_ || !dialog_) {
    return;  // the offer or answer still to come follows the new mode
  }
  const std::string sdp = media_.reofferTelephoneEvent();
  if (sdp.empty()) {
    return;
  }
  SB_DEBUG(3,
           "Changing DTMF mode on endpoint '{}' after OFFER/ANSWER completion. Sending "
           "session refresh",
           endpoint_->id);
  sendReoffer(sdp);
}

std::string Session::mediaOffer(media::MediaKind kind) const {
  std::vector<std::string> names;
  if (refreshCodecs_) {
    for (const auto& pref : refreshCodecs_->codecs(kind)) {
      names.emplace_back(pref.codec->name);
    }
  } else {
    names = media_.codecNames(kind);
  }
  std::string out;
  for (const auto& name : names) {
    out += (out.empty() ? "" : ",") + name;
  }
  return out;
}

void Session::setMediaOffer(media::MediaKind kind, std::string_view value) {
  // As Asterisk: the stream's codecs of that kind are dropped, then the value is applied
  // as an allow= line; a kind the call has no codec of is left alone.
  if (mediaOffer(kind).empty()) {
    return;
  }
  media::CodecPrefs codecs;
  std::vector<std::string> errors;
  codecs.update(value, true, &errors);
  for (const auto& error : errors) {
    SB_WARNING("{}", error);  // "Cannot allow unknown format 'x'", as Asterisk words it
  }
  if (established()) {
    media::CodecPrefs kept = refreshCodecs_.value_or(media_.codecs());
    kept.replaceKind(kind, codecs);
    refreshCodecs_ = std::move(kept);
    return;
  }
  media_.setCodecs(kind, codecs);
}

bool Session::sendSessionRefresh(bool update) {
  if (!established() || finished_ || !dialog_) {
    return false;
  }
  if (refreshCodecs_) {
    for (const auto kind : {media::MediaKind::Audio, media::MediaKind::Video}) {
      if (!refreshCodecs_->codecs(kind).empty()) {
        media_.setCodecs(kind, *refreshCodecs_);
      }
    }
    refreshCodecs_.reset();
  }
  const std::string sdp = media_.makeOffer({});
  if (sdp.empty()) {
    return false;
  }
  if (!update || !peerAllowsUpdate_) {
    sendReoffer(sdp);
    return true;
  }
  std::weak_ptr<Session> weak = weak_from_this();
  sendInDialog(
      "UPDATE",
      [weak](int status, const sip::Message* response) {
        auto self = weak.lock();
        if (self && !self->finished_ && status / 100 == 2 && response &&
            !response->body().empty() && self->media_.receiveAnswer(response->body())) {
          self->mediaRenegotiated();
        }
      },
      {}, sdp);
  return true;
}

void Session::mediaRenegotiated() {
  if (auto channel = channel_.lock()) {
    channel->mediaChanged();
  }
}

void Session::restrictCodecs(std::string_view allowList) {
  const auto wanted = media::CodecPrefs::fromAllow(allowList);
  for (const auto kind : {media::MediaKind::Audio, media::MediaKind::Video, media::MediaKind::Image,
                          media::MediaKind::Text}) {
    const auto offered = media_.codecs().codecs(kind);
    if (offered.empty()) {
      continue;
    }
    media::CodecPrefs kept;
    for (const auto& pref : offered) {
      if (wanted.allows(*pref.codec)) {
        kept.allow(*pref.codec, pref.framingMs);
      }
    }
    media_.setCodecs(kind, kept);
  }
}

void Session::sendReoffer(const std::string& sdp) {
  HeaderPairs headers;
  std::optional<unsigned> seconds;
  if (sessionInterval_) {
    seconds = sessionInterval_->seconds;
    headers = sip::uacRequestHeaders(timerSettings_, *seconds, timerSettings_.minSe, true);
  }
  std::weak_ptr<Session> weak = weak_from_this();
  sendInDialog(
      "INVITE",
      [weak, seconds](int status, const sip::Message* response) {
        auto self = weak.lock();
        if (!self || self->finished_ || !seconds || status / 100 != 2 || !response) {
          return;
        }
        // A re-INVITE refreshes the session timer like any other (RFC 4028 7.4).
        auto settled = sip::fromUacResponse(self->timerSettings_, *response, *seconds);
        self->runSessionTimer(settled ? settled : self->sessionInterval_);
      },
      headers, sdp);
}

void Session::notePeerAllow(const sip::Message& message) {
  for (auto token : message.tokens(sip::HeaderId::Allow)) {
    if (token.size() == 6 && (token[0] | 0x20) == 'u' && (token[1] | 0x20) == 'p' &&
        (token[2] | 0x20) == 'd' && (token[3] | 0x20) == 'a' && (token[4] | 0x20) == 't' &&
        (token[5] | 0x20) == 'e') {
      peerAllowsUpdate_ = true;
      return;
    }
  }
}

void Session::runSessionTimer(std::optional<sip::SessionInterval> interval) {
  sessionTimer_.cancel();
  sessionInterval_ = interval;
  if (!interval || finished_) {
    return;
  }
  std::weak_ptr<Session> weak = weak_from_this();
  if (interval->localRefreshes) {
    sessionTimer_.start(sip::refreshAfter(interval->seconds), [weak] {
      if (auto self = weak.lock()) {
        self->refreshSession();
      }
    });
  } else {
    sessionTimer_.start(sip::expireAfter(interval->seconds), [weak] {
      if (auto self = weak.lock()) {
        self->onSessionExpired();
      }
    });
  }
}

void Session::refreshSession() {
  if (finished_ || !sessionInterval_ || !dialog_) {
    return;
  }
  const unsigned seconds = sessionInterval_->seconds;
  auto headers = sip::uacRequestHeaders(timerSettings_, seconds, timerSettings_.minSe, true);
  std::weak_ptr<Session> weak = weak_from_this();
  auto done = [weak, seconds](int status, const sip::Message* response) {
    auto self = weak.lock();
    if (!self || self->finished_) {
      return;
    }
    if (status / 100 == 2 && response) {
      auto settled = sip::fromUacResponse(self->timerSettings_, *response, seconds);
      self->runSessionTimer(settled ? settled : sip::SessionInterval{seconds, true});
    } else if (status == 408 || status == 481) {
      // RFC 4028 10: the session is gone.
      if (auto channel = self->channel_.lock()) {
        channel->driverHangup(pbx::cause::kRecoveryOnTimerExpire);
      }
    } else {
      // Another refusal (491, 500, ...) leaves the session; try again at the next half.
      self->runSessionTimer(self->sessionInterval_);
    }
  };
  if (peerAllowsUpdate_) {
    sendInDialog("UPDATE", done, headers);
  } else {
    sendInDialog("INVITE", done, headers, media_.currentOffer());
  }
}

void Session::onSessionExpired() {
  auto channel = channel_.lock();
  if (finished_ || !channel || channel->hungUp()) {
    return;
  }
  SB_NOTICE("Session timer expired on channel '{}': no refresh within {} seconds", channel->name(),
            sessionInterval_ ? sessionInterval_->seconds : 0);
  channel->driverHangup(pbx::cause::kRecoveryOnTimerExpire);
}

void Session::watchMedia() {
  const auto& e = *endpoint_;
  if (e.rtpTimeout == 0 && e.rtpTimeoutHold == 0 && e.rtpKeepalive == 0) {
    return;
  }
  std::weak_ptr<Session> weak = weak_from_this();
  media_.watch(e.rtpTimeout, e.rtpTimeoutHold, e.rtpKeepalive, [weak, &io = context_.table.io()] {
    // On the media thread: the session lives on the reactor.
    boost::asio::post(io, [weak] {
      if (auto self = weak.lock()) {
        self->onRtpSilence();
      }
    });
  });
}

void Session::onRtpSilence() {
  auto channel = channel_.lock();
  if (finished_ || !channel || channel->hungUp()) {
    return;
  }
  const bool held = media_.peerOnHold() && endpoint_->rtpTimeoutHold != 0;
  SB_NOTICE("Disconnecting channel '{}' for lack of audio RTP activity in {} seconds",
            channel->name(), held ? endpoint_->rtpTimeoutHold : endpoint_->rtpTimeout);
  // res_pjsip_sdp_rtp's rtp_check_timeout: a soft hang-up by the driver.
  channel->softHangup(pbx::softhangup::kDev, pbx::cause::kRequestedChannelUnavailable);
}

std::vector<sip::auth::AuthorizationHeader> Session::answerChallenge(const sip::Message& response,
                                                                     std::string_view method,
                                                                     std::string_view uri) {
  if (endpoint_->outboundAuth.empty()) {
    return {};
  }
  if (!auth_) {
    auth_ = std::make_unique<sip::auth::ClientAuthSession>(res_pjsip::outboundCredentials(
        *context_.objects.current(), endpoint_->outboundAuth, "endpoint " + endpoint_->id));
  }
  const bool proxy = response.statusCode() == 407;
  const auto values =
      response.values(proxy ? sip::HeaderId::ProxyAuthenticate : sip::HeaderId::WwwAuthenticate);
  auto answer =
      auth_->answer(proxy ? sip::auth::ChallengeKind::Proxy : sip::auth::ChallengeKind::Server,
                    values, method, uri);
  if (!answer) {
    SB_WARNING("Endpoint '{}': cannot answer the {} challenge to {}: {}", endpoint_->id,
               response.statusCode(), method, sip::auth::clientErrorName(answer.error()));
    return {};
  }
  return std::move(answer).value();
}

void Session::addAuthorization(sip::Message& request,
                               const std::vector<sip::auth::AuthorizationHeader>& headers) {
  for (const auto& header : headers) {
    request.addHeader(
        header.kind == sip::auth::ChallengeKind::Server ? "Authorization" : "Proxy-Authorization",
        header.value);
  }
}

sip::Duration Session::glareRetryDelay() const {
  thread_local std::mt19937 random{std::random_device{}()};
  const unsigned steps = placedCall_ ? 210 + random() % 191 : random() % 201;  // 10 ms each
  return std::chrono::milliseconds(10 * steps);
}

void Session::answerCommonInDialog(sip::IncomingRequest& request) {
  const auto& message = request.message();
  switch (message.method()) {
    case sip::Method::Invite:
    case sip::Method::Update: {
      if (offerPending_ && (message.method() == sip::Method::Invite || !message.body().empty())) {
        // Glare: our own offer is out (RFC 3261 14.2, RFC 3311 5.2).
        request.respond(491, "Request Pending");
        return;
      }
      auto timer = sip::decideAsUas(timerSettings_, message);
      if (timer.reject != 0) {
        request.respond(timer.reject, pbx::reasonPhrase(timer.reject), timer.headers);
        return;
      }
      if (dialog_) {
        dialog_->refreshTarget(message);
      }
      sip::HeaderList headers{
          {"Contact", fmt::format("<{}>", dialog_ ? dialog_->localContact() : localContact("s"))},
          {"Allow", kAllow}};
      headers.insert(headers.end(), timer.headers.begin(), timer.headers.end());
      if (!message.body().empty()) {
        if (!media_.receiveOffer(message.body())) {
          request.respond(488, "Not Acceptable Here", headers);
          return;
        }
        request.respond(200, "OK", headers, media_.answer(), "application/sdp");
        mediaRenegotiated();
      } else if (message.method() == sip::Method::Invite) {
        // An offerless re-INVITE: we offer in the 200, the answer comes in the ACK.
        request.respond(200, "OK", headers, media_.currentOffer(), "application/sdp");
      } else {
        request.respond(200, "OK", headers);
      }
      // A refresh (or a re-INVITE without Session-Expires, which turns the timer off).
      runSessionTimer(timer.interval);
      return;
    }
    case sip::Method::Info: {
      InfoDigit digit;
      bool dtmf = false;
      if (const auto type = message.contentType();
          type && sip::text::iequals(type->type, "application")) {
        if (const auto parsed = parseDtmfInfo(type->subtype, message.body())) {
          dtmf = true;
          digit = *parsed;
        }
      }
      const bool unreadable = dtmf && digit.digit == '\0';
      if (unreadable) {
        SB_ERROR("Invalid DTMF event signal in INFO message.");
      }
      request.respond(unreadable ? 500 : 200, unreadable ? "Server Internal Error" : "OK");
      auto channel = channel_.lock();
      if (dtmf && !unreadable && digit.digit != '!' && channel) {
        channel->receiveDigit(digit.digit, digit.durationMs);
      }
      return;
    }
    case sip::Method::Refer:
      if (dialog_) {
        dialog_->refreshTarget(message);  // REFER is a target refresh (RFC 3515 2.4.1)
      }
      handleRefer(*this, request);
      return;
    case sip::Method::Options:
    case sip::Method::Notify:
    case sip::Method::Message:
    case sip::Method::Prack:
      request.respond(200, "OK");
      return;
    case sip::Method::Ack:
      if (!message.body().empty() && media_.receiveAnswer(message.body())) {
        mediaRenegotiated();
      }
      return;
    default:
      request.respond(501, "Not Implemented");
      return;
  }
}

bool Session::recordingHistory() const {
  return context_.trace != nullptr && context_.trace->dialogs().enabled();
}

void Session::noteHistory(std::string_view event, std::string_view detail) {
  if (recordingHistory()) {
    context_.trace->noteCallEvent(info("call-id").value_or(""), event, detail);
  }
}

void Session::noteNewChannel(const pbx::Channel& channel) {
  if (recordingHistory()) {
    noteHistory("NewChan",
                fmt::format("Channel {} - from {}", channel.name(), info("call-id").value_or("")));
  }
}

void Session::finish() {
  if (finished_) {
    return;
  }
  finished_ = true;
  if (auto channel = channel_.lock(); channel && recordingHistory()) {
    noteHistory("Hangup", fmt::format("Cause {}", pbx::causeText(channel->hangupCause())));
  }
  sessionTimer_.cancel();
  media_.close();
  if (dialog_) {
    context_.table.removeDialog(dialog_->id().key(), this);
  }
  context_.table.remove(this);
}

}  // namespace sb::modules::chan_pjsip
