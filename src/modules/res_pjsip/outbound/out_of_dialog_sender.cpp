#include "modules/res_pjsip/outbound/out_of_dialog_sender.hpp"

#include <fmt/format.h>

#include "core/log/logger.hpp"
#include "modules/res_pjsip/location/destination.hpp"
#include "modules/res_pjsip/outbound_credentials.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "sip/message/uri.hpp"
#include "sip/transaction/transaction_key.hpp"

namespace sb::modules::res_pjsip {

namespace {

std::string hex(std::uint64_t value) {
  return fmt::format("{:016x}", value);
}

}  // namespace

struct OutOfDialogSender::InFlight {
  sip::ClientTransactionHandle transaction;
  sip::Message request;  ///< as sent, to answer a challenge
  sip::Flow flow;
  std::string endpoint;
  bool challenged = false;
};

OutOfDialogSender::OutOfDialogSender(sip::SipCore& core, sip::dns::Resolver& resolver,
                                     const store::ObjectStore& store)
    : core_(core), resolver_(resolver), store_(store) {}

OutOfDialogSender::~OutOfDialogSender() = default;

bool OutOfDialogSender::toContact(OutOfDialogRequest request, const StoredContact& contact) {
  auto outbound = flowToContact(core_, contact);
  if (!outbound) {
    return false;
  }
  request.route = contact.path;
  return send(request, *outbound);
}

void OutOfDialogSender::locateAndSend(OutOfDialogRequest request, Located done) {
  const auto uri = sip::parseUri(request.requestUri);
  if (!uri || !uri->isSip()) {
    done(false, "not a SIP URI");
    return;
  }
  locateDestinations(core_, resolver_, *uri,
                     [weak = weak_from_this(), request = std::move(request),
                      done = std::move(done)](Destinations found) {
                       auto self = weak.lock();
                       if (!self) {
                         return;
                       }
                       if (found.flows.empty()) {
                         done(false, found.error.empty() ? "not sent" : found.error);
                       } else if (!self->send(request, found.flows.front())) {
                         done(false, "not sent");
                       } else {
                         done(true, "");
                       }
                     });
}

bool OutOfDialogSender::send(const OutOfDialogRequest& request, const OutboundFlow& outbound) {
  const auto global = store_.current()->get<GlobalConfig>("global", "global");
  WireDetails wire;
  wire.transport = outbound.flow.kind;
  wire.local = outbound.local;
  wire.branch = sip::newBranch();
  wire.tag = hex(std::hash<std::string>{}(wire.branch));
  wire.callId = wire.branch.substr(7) + "@" + outbound.local.hostStr();
  wire.maxForwards = global ? global->maxForwards : 70;
  wire.userAgent = core_.settings().serverHeader;
  const auto text = formatOutOfDialogRequest(request, wire);
  if (!text) {
    return false;
  }
  auto parsed = sip::parseMessage(*text);
  if (!parsed.ok()) {
    SB_DEBUG(1, "{} to {} not sent: {}", request.method, request.requestUri,
             parsed.error ? parsed.error->reason : std::string_view("unparsable"));
    return false;
  }
  const std::string requestUri(parsed.message->requestLine().uriText);
  auto entry = std::make_unique<InFlight>();
  entry->request = *parsed.message;
  entry->flow = outbound.flow;
  entry->endpoint = request.endpoint;
  entry->transaction =
      core_.transactions().sendRequest(std::move(*parsed.message), outbound.flow,
                                       callbacksFor(wire.branch, request.method, requestUri));
  if (!entry->transaction) {
    return false;
  }
  inFlight_.emplace(wire.branch, std::move(entry));
  return true;
}

sip::ClientCallbacks OutOfDialogSender::callbacksFor(const std::string& key,
                                                     const std::string& method,
                                                     const std::string& requestUri) {
  std::weak_ptr<OutOfDialogSender> weak = weak_from_this();
  auto forget = [weak, key] {
    if (auto self = weak.lock()) {
      self->inFlight_.erase(key);
    }
  };
  sip::ClientCallbacks callbacks;
  callbacks.onFinal = [weak, key, method, requestUri](const sip::Message& response) {
    SB_DEBUG(1, "{} to {} answered {}", method, requestUri, response.statusCode());
    if (auto self = weak.lock()) {
      self->onFinal(key, response);
    }
  };
  callbacks.onTimeout = [forget, method, requestUri] {
    SB_DEBUG(1, "{} to {} timed out", method, requestUri);
    forget();
  };
  callbacks.onTransportError = [forget, method, requestUri](const std::string& error) {
    SB_DEBUG(1, "{} to {} failed: {}", method, requestUri, error);
    forget();
  };
  return callbacks;
}

void OutOfDialogSender::onFinal(const std::string& key, const sip::Message& response) {
  auto found = inFlight_.find(key);
  if (found == inFlight_.end()) {
    return;
  }
  auto& entry = *found->second;
  const int code = response.statusCode();
  if ((code == 401 || code == 407) && !entry.challenged) {
    if (auto again =
            answeredWithOutboundAuth(*store_.current(), entry.endpoint, entry.request, response)) {
      entry.challenged = true;
      entry.request = *again;
      const std::string uri(again->requestLine().uriText);
      const std::string method(again->methodText());
      entry.transaction = core_.transactions().sendRequest(std::move(*again), entry.flow,
                                                           callbacksFor(key, method, uri));
      if (entry.transaction) {
        return;
      }
    }
  }
  inFlight_.erase(found);
}

}  // namespace sb::modules::res_pjsip
