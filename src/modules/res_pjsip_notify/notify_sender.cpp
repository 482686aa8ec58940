#include "modules/res_pjsip_notify/notify_sender.hpp"

#include "core/log/logger.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "sip/message/uri.hpp"

namespace sb::modules::res_pjsip_notify {

namespace {

/// A NOTIFY of `content` to `uri` from `from`.
res_pjsip::OutOfDialogRequest notifyRequest(std::string uri, res_pjsip::FromIdentity from,
                                            std::string endpoint, const NotifyContent& content) {
  res_pjsip::OutOfDialogRequest request;
  request.method = "NOTIFY";
  request.requestUri = std::move(uri);
  request.from = std::move(from);
  request.endpoint = std::move(endpoint);
  for (auto& header : notifyHeaders(content)) {
    request.headers.push_back({std::move(header.name), std::move(header.value)});
  }
  request.contentType = content.contentType;
  request.body = content.body;
  return request;
}

}  // namespace

NotifySender::NotifySender(std::shared_ptr<res_pjsip::OutOfDialogSender> sender,
                           res_pjsip::LocationService& location, const store::ObjectStore& store)
    : sender_(std::move(sender)), location_(location), store_(store) {}

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
  const auto from = res_pjsip::defaultFrom(*objects, endpoint.get());
  for (const auto& aorName : endpoint->aors) {
    for (const auto* contact : location_.contactsOf(aorName)) {
      if (sender_->toContact(notifyRequest(contact->data.uri, from, endpoint->id, content),
                             contact->data)) {
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
      locateAndSend(notifyRequest(uriText, from, endpoint->id, content));
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
  locateAndSend(
      notifyRequest(uriText, res_pjsip::defaultFrom(*store_.current(), nullptr), "", content));
  return true;
}

void NotifySender::locateAndSend(res_pjsip::OutOfDialogRequest request) {
  std::string uri = request.requestUri;
  sender_->locateAndSend(
      std::move(request), [uri = std::move(uri)](bool sent, const std::string& error) {
        if (!sent) {
          SB_WARNING("SIP NOTIFY - Unable to send request for uri {}: {}", uri, error);
        }
      });
}

}  // namespace sb::modules::res_pjsip_notify
