#include "modules/res_pjsip_notify/notify_sender.hpp"

#include <fmt/format.h>

#include <functional>

#include "core/log/logger.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "sip/message/uri.hpp"
#include "sip/transaction/transaction_key.hpp"

namespace sb::modules::res_pjsip_notify {

namespace {

std::string hex(std::uint64_t value) {
  return fmt::format("{:016x}", value);
}

}  // namespace

NotifySender::NotifySender(sip::SipCore& core, res_pjsip::LocationService& location,
                           const store::ObjectStore& store)
    : core_(core), location_(location), store_(store) {}

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
      if (outbound && send(contact->data.uri, contact->data.path, *outbound, fromUser,
                           endpoint->fromDomain, content)) {
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
      auto uri = sip::parseUri(uriText);
      auto outbound = uri ? res_pjsip::flowToUri(core_, *uri) : std::nullopt;
      if (outbound && send(uriText, "", *outbound, fromUser, endpoint->fromDomain, content)) {
        ++sent;
      } else {
        SB_WARNING("SIP NOTIFY - Unable to send request for contact {}", uriText);
      }
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
  auto outbound = uri ? res_pjsip::flowToUri(core_, *uri) : std::nullopt;
  if (!outbound) {
    SB_WARNING("SIP NOTIFY - Unable to create request for uri {}", uriText);
    return false;
  }
  const auto objects = store_.current();
  auto global = objects->get<res_pjsip::GlobalConfig>("global", "global");
  const std::string fromUser = global ? global->defaultFromUser : std::string("asterisk");
  if (!send(uriText, "", *outbound, fromUser, "", content)) {
    SB_WARNING("SIP NOTIFY - Unable to send request for uri {}", uriText);
    return false;
  }
  return true;
}

bool NotifySender::send(const std::string& requestUri, const std::string& route,
                        const res_pjsip::OutboundFlow& outbound, const std::string& fromUser,
                        const std::string& fromDomain, const NotifyContent& content) {
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
  std::weak_ptr<NotifySender> weak = weak_from_this();
  auto forget = [weak, branch] {
    if (auto self = weak.lock()) {
      self->inFlight_.erase(branch);
    }
  };
  sip::ClientCallbacks callbacks;
  callbacks.onFinal = [forget, requestUri](const sip::Message& response) {
    SB_DEBUG(1, "NOTIFY to {} answered {}", requestUri, response.statusCode());
    forget();
  };
  callbacks.onTimeout = [forget, requestUri] {
    SB_DEBUG(1, "NOTIFY to {} timed out", requestUri);
    forget();
  };
  callbacks.onTransportError = [forget, requestUri](const std::string& error) {
    SB_DEBUG(1, "NOTIFY to {} failed: {}", requestUri, error);
    forget();
  };
  auto handle =
      core_.transactions().sendRequest(std::move(*parsed.message), flow, std::move(callbacks));
  if (!handle) {
    return false;
  }
  inFlight_.emplace(branch, std::move(handle));
  return true;
}

}  // namespace sb::modules::res_pjsip_notify
