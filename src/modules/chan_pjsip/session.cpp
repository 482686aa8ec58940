#include "modules/chan_pjsip/session.hpp"

#include <fmt/format.h>

#include "modules/chan_pjsip/session_table.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "sip/transaction/transaction_key.hpp"

namespace sb::modules::chan_pjsip {

Session::Session(SessionContext& context, std::shared_ptr<const res_pjsip::EndpointConfig> endpoint,
                 res_pjsip::OutboundFlow flow)
    : context_(context),
      endpoint_(std::move(endpoint)),
      flow_(std::move(flow)),
      media_(context.media, *endpoint_, flow_.local.address) {}

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

void Session::sendInDialog(const std::string& method, std::function<void(int status)> done,
                           const std::vector<std::pair<std::string, std::string>>& headers) {
  if (!dialog_) {
    if (done) {
      done(481);
    }
    return;
  }
  auto request = dialog_->makeRequest(method);
  if (!request) {
    if (done) {
      done(500);
    }
    return;
  }
  stamp(*request);
  noteMessage("Tx", method);
  for (const auto& [name, value] : headers) {
    request->addHeader(name, value);
  }
  request->setBody({});
  sip::ClientCallbacks callbacks;
  if (done) {
    auto shared = std::make_shared<std::function<void(int)>>(std::move(done));
    callbacks.onFinal = [shared](const sip::Message& response) {
      (*shared)(response.statusCode());
    };
    callbacks.onTimeout = [shared] { (*shared)(408); };
    callbacks.onTransportError = [shared](const std::string&) { (*shared)(503); };
  }
  auto handle =
      context_.core.transactions().sendRequest(std::move(*request), dialog_->flow(), callbacks);
  // Callbacks live as long as the handle: keep it while someone listens.
  if (callbacks.onFinal) {
    context_.table.keep(std::move(handle));
  }
}

void Session::answerCommonInDialog(sip::IncomingRequest& request) {
  const auto& message = request.message();
  switch (message.method()) {
    case sip::Method::Invite:
    case sip::Method::Update: {
      if (dialog_) {
        dialog_->refreshTarget(message);
      }
      const sip::HeaderList headers{
          {"Contact", fmt::format("<{}>", dialog_ ? dialog_->localContact() : localContact("s"))},
          {"Allow", kAllow}};
      if (!message.body().empty()) {
        if (!media_.receiveOffer(message.body())) {
          request.respond(488, "Not Acceptable Here", headers);
          return;
        }
        request.respond(200, "OK", headers, media_.answer(), "application/sdp");
      } else if (message.method() == sip::Method::Invite) {
        // An offerless re-INVITE: we offer in the 200, the answer comes in the ACK.
        request.respond(200, "OK", headers, media_.currentOffer(), "application/sdp");
      } else {
        request.respond(200, "OK", headers);
      }
      return;
    }
    case sip::Method::Info:
    case sip::Method::Options:
    case sip::Method::Notify:
    case sip::Method::Message:
    case sip::Method::Prack:
      request.respond(200, "OK");
      return;
    case sip::Method::Ack:
      if (!message.body().empty()) {
        media_.receiveAnswer(message.body());
      }
      return;
    default:
      request.respond(501, "Not Implemented");
      return;
  }
}

void Session::finish() {
  if (finished_) {
    return;
  }
  finished_ = true;
  media_.close();
  if (dialog_) {
    context_.table.removeDialog(dialog_->id().key(), this);
  }
  context_.table.remove(this);
}

}  // namespace sb::modules::chan_pjsip
