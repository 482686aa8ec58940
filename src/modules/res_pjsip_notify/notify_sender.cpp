#include "modules/res_pjsip_notify/notify_sender.hpp"

#include <fmt/format.h>

#include <functional>

#include "core/log/logger.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/location/destination.hpp"
#include "modules/res_pjsip/location/transport_param.hpp"
#include "modules/res_pjsip/outbound_credentials.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "sip/message/uri.hpp"
#include "sip/transaction/transaction_key.hpp"

namespace sb::modules::res_pjsip_notify {

namespace {

std::string hex(std::uint64_t value) {
  return fmt::format("{:016x}", value);
}

}  // namespace

struct NotifySender::InFlight {
  sip::ClientTransactionHandle transaction;
  sip::Message request;  ///< as sent, to answer a challenge
  sip::Flow flow;
  std::string endpoint;
  bool challenged = false;
};

NotifySender::NotifySender(sip::SipCore& core, sip::dns::Resolver& resolver,
                           res_pjsip::LocationService& location, const store::ObjectStore& store)
    : core_(core), resolver_(resolver), location_(location), store_(store) {}

NotifySender::~NotifySender() = default;

std::optional<std::size_t> NotifySender::toEndpoint(const std::string& name,
                                                    const NotifyContent& content) {
  const auto objects = store_.current();
  auto endpoint = objects->get<res_pjsip::EndpointConfig>("endpoint", name);
  if (!endpoint) {
    return std::nullopt;
  }
  std::size_t sent = 0;
  if (endpoint->aors.empty()) {
    SB_WARNING("Unable to NOTIFY - endpoint has no configured AORs");
    return sent;
  }
  auto global = objects->get<res_pjsip::GlobalConfig>("global", "global");
  const std::string fromUser = !endpoint->fromUser.empty() ? endpoint->fromUser
                               : global                    ? global->defaultFromUser
                                                           : std::string("asterisk");
  for (const auto& aorName : endpoint->aors) {
    for (const auto* contact : location_.contactsOf(aorName)) {
      auto outbound = res_pjsip::flowToContact(core_, contact->data);
      if (outbound && send({contact->data.uri, contact->data.path, fromUser, endpoint->fromDomain,
                            endpoint->id},
                           *outbound, content)) {
        ++sent;
      } else {
        SB_WARNING("SIP NOTIFY - Unable to send request for contact {}", contact->data.uri);
      }
    }
    auto aor = objects->get<res_pjsip::AorConfig>("aor", aorName);
    if (!aor) {
      continue;
    }
    for (const auto& uriText : aor->contact) {
      if (!sip::parseUri(uriText)) {
        SB_WARNING("SIP NOTIFY - Unable to send request for contact {}", uriText);
        continue;
      }
      locateAndSend({uriText, "", fromUser, endpoint->fromDomain, endpoint->id}, content);
      ++sent;
    }
  }
  return sent;
}

bool NotifySender::toUri(const std::string& uriText, const NotifyContent& content) {
  if (uriText.empty()) {
    SB_WARNING("Unable to NOTIFY - URI is blank.");
    return false;
  }
  auto uri = sip::parseUri(uriText);
  if (!uri || !uri->isSip()) {
    SB_WARNING("SIP NOTIFY - Unable to create request for uri {}", uriText);
    return false;
  }
  const auto objects = store_.current();
  auto global = objects->get<res_pjsip::GlobalConfig>("global", "global");
  const std::string fromUser = global ? global->defaultFromUser : std::string("asterisk");
  locateAndSend({uriText, "", fromUser, "", ""}, content);
  return true;
}

void NotifySender::locateAndSend(Recipient recipient, const NotifyContent& content) {
  const auto uri = sip::parseUri(recipient.requestUri);
  if (!uri) {
    return;
  }
  res_pjsip::locateDestinations(
      core_, resolver_, *uri,
      [weak = weak_from_this(), recipient, content](res_pjsip::Destinations found) {
        auto self = weak.lock();
        if (!self) {
          return;
        }
        if (found.flows.empty() || !self->send(recipient, found.flows.front(), content)) {
          SB_WARNING("SIP NOTIFY - Unable to send request for uri {}: {}", recipient.requestUri,
                     found.error.empty() ? "not sent" : found.error);
        }
      });
}

bool NotifySender::send(const Recipient& recipient, const res_pjsip::OutboundFlow& outbound,
                        const NotifyContent& content) {
  const std::string requestUri = res_pjsip::withoutTransportParam(recipient.requestUri);
  const std::string& fromUser = recipient.fromUser;
  const std::string& fromDomain = recipient.fromDomain;
  const std::string& route = recipient.route;
  const sip::Flow& flow = outbound.flow;
  const sip::SocketAddress& local = outbound.local;
  const auto global = store_.current()->get<res_pjsip::GlobalConfig>("global", "global");
  const std::string branch = sip::newBranch();
  std::string text = fmt::format(
      "NOTIFY {uri} SIP/2.0\r\n"
      "Via: SIP/2.0/{transport} {local};rport;branch={branch}\r\n"
      "From: <sip:{user}@{domain}>;tag={tag}\r\n"
      "To: <{uri}>\r\n"
      "Contact: <sip:{user}@{local}>\r\n"
      "Call-ID: {callId}\r\n"
      "CSeq: 1 NOTIFY\r\n"
      "Max-Forwards: {maxForwards}\r\n",
      fmt::arg("uri", requestUri), fmt::arg("transport", sip::transportName(flow.kind)),
      fmt::arg("local", local.str()), fmt::arg("branch", branch), fmt::arg("user", fromUser),
      fmt::arg("domain", fromDomain.empty() ? local.hostStr() : fromDomain),
      fmt::arg("tag", hex(std::hash<std::string>{}(branch))),
      fmt::arg("callId", branch.substr(7) + "@" + local.hostStr()),
      fmt::arg("maxForwards", global ? global->maxForwards : 70));
  if (!route.empty()) {
    text += "Route: " + route + "\r\n";
  }
  text += "Subscription-State: terminated\r\n";
  for (const auto& header : content.headers) {
    text += header.name + ": " + header.value + "\r\n";
  }
  text += "User-Agent: " + core_.settings().serverHeader + "\r\n";
  const std::string_view body = content.contentType ? content.body : std::string_view();
  if (content.contentType) {
    text += "Content-Type: " + *content.contentType + "\r\n";
  }
  text += fmt::format("Content-Length: {}\r\n\r\n", body.size());
  text += body;
  auto parsed = sip::parseMessage(text);
  if (!parsed.ok()) {
    return false;
  }
  auto entry = std::make_unique<InFlight>();
  entry->request = *parsed.message;
  entry->flow = flow;
  entry->endpoint = recipient.endpoint;
  entry->transaction = core_.transactions().sendRequest(std::move(*parsed.message), flow,
                                                        callbacksFor(branch, requestUri));
  if (!entry->transaction) {
    return false;
  }
  inFlight_.emplace(branch, std::move(entry));
  return true;
}

sip::ClientCallbacks NotifySender::callbacksFor(const std::string& key,
                                                const std::string& requestUri) {
  std::weak_ptr<NotifySender> weak = weak_from_this();
  auto forget = [weak, key] {
    if (auto self = weak.lock()) {
      self->inFlight_.erase(key);
    }
  };
  sip::ClientCallbacks callbacks;
  callbacks.onFinal = [weak, key, requestUri](const sip::Message& response) {
    SB_DEBUG(1, "NOTIFY to {} answered {}", requestUri, response.statusCode());
    if (auto self = weak.lock()) {
      self->onFinal(key, response);
    }
  };
  callbacks.onTimeout = [forget, requestUri] {
    SB_DEBUG(1, "NOTIFY to {} timed out", requestUri);
    forget();
  };
  callbacks.onTransportError = [forget, requestUri](const std::string& error) {
    SB_DEBUG(1, "NOTIFY to {} failed: {}", requestUri, error);
    forget();
  };
  return callbacks;
}

void NotifySender::onFinal(const std::string& key, const sip::Message& response) {
  auto found = inFlight_.find(key);
  if (found == inFlight_.end()) {
    return;
  }
  auto& entry = *found->second;
  const int code = response.statusCode();
  if ((code == 401 || code == 407) && !entry.challenged) {
    if (auto again = res_pjsip::answeredWithOutboundAuth(*store_.current(), entry.endpoint,
                                                         entry.request, response)) {
      entry.challenged = true;
      entry.request = *again;
      const std::string uri(again->requestLine().uriText);
      entry.transaction =
          core_.transactions().sendRequest(std::move(*again), entry.flow, callbacksFor(key, uri));
      if (entry.transaction) {
        return;
      }
    }
  }
  inFlight_.erase(found);
}

}  // namespace sb::modules::res_pjsip_notify
