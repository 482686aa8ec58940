#include "modules/res_pjsip_messaging/message_sender.hpp"

#include "core/log/logger.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/contact_view.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "modules/res_pjsip_messaging/message_content.hpp"
#include "modules/res_pjsip_messaging/message_destination.hpp"
#include "modules/res_pjsip_messaging/message_from.hpp"

namespace sb::modules::res_pjsip_messaging {

namespace {

/// The destination's questions answered from one configuration snapshot and the contacts.
class StoreLookup : public DestinationLookup {
 public:
  StoreLookup(std::shared_ptr<const store::ObjectSet> objects,
              const res_pjsip::LocationService& location)
      : objects_(std::move(objects)),
        location_(location),
        global_(objects_->get<res_pjsip::GlobalConfig>("global", "global")) {}

  bool endpointExists(std::string_view name) const override {
    return objects_->get<res_pjsip::EndpointConfig>("endpoint", name) != nullptr;
  }
  bool aorExists(std::string_view name) const override {
    return objects_->get<res_pjsip::AorConfig>("aor", name) != nullptr;
  }
  std::optional<ContactRef> firstContactOfEndpoint(std::string_view name) const override {
    auto endpoint = objects_->get<res_pjsip::EndpointConfig>("endpoint", name);
    if (!endpoint) {
      return std::nullopt;
    }
    for (const auto& aor : endpoint->aors) {
      if (auto contact = firstContactOfAor(aor)) {
        return contact;
      }
    }
    return std::nullopt;
  }
  std::optional<ContactRef> firstContactOfAor(std::string_view name) const override {
    auto aor = objects_->get<res_pjsip::AorConfig>("aor", name);
    if (!aor) {
      return std::nullopt;
    }
    const auto contacts = res_pjsip::contactsOfAor(aor, location_);
    if (contacts.empty()) {
      return std::nullopt;
    }
    const auto& first = contacts.front();
    return ContactRef{aor->id, first.uri, first.stored != nullptr};
  }
  std::string defaultOutboundEndpoint() const override {
    const std::string name =
        global_ ? global_->defaultOutboundEndpoint : std::string("default_outbound_endpoint");
    return !name.empty() && endpointExists(name) ? name : std::string();
  }
  bool ignoreUriUserOptions() const override { return global_ && global_->ignoreUriUserOptions; }

 private:
  std::shared_ptr<const store::ObjectSet> objects_;
  const res_pjsip::LocationService& location_;
  std::shared_ptr<const res_pjsip::GlobalConfig> global_;
};

void logAll(const std::vector<std::string>& warnings) {
  for (const auto& warning : warnings) {
    SB_WARNING("{}", warning);
  }
}

}  // namespace

MessageSender::MessageSender(std::shared_ptr<res_pjsip::OutOfDialogSender> sender,
                             const res_pjsip::LocationService& location,
                             const store::ObjectStore& store)
    : sender_(std::move(sender)), location_(location), store_(store) {}

bool MessageSender::send(const MessageSendRequest& input) {
  const auto objects = store_.current();
  const auto resolved = resolveDestination(input.destination, StoreLookup(objects, location_));
  logAll(resolved.warnings);
  if (!resolved.destination) {
    if (!resolved.error.empty()) {
      SB_ERROR("{}", resolved.error);
    }
    return false;
  }
  const auto& destination = *resolved.destination;
  auto content = buildMessageContent(input.variables);
  logAll(content.warnings);
  if (content.maxForwardsExhausted) {
    return false;
  }

  auto endpoint = objects->get<res_pjsip::EndpointConfig>("endpoint", destination.endpoint);
  res_pjsip::OutOfDialogRequest request;
  request.method = "MESSAGE";
  request.requestUri = destination.requestUri;
  request.toDisplay = destination.toDisplay;
  if (!input.to.empty()) {
    std::string warning;
    if (auto to = toOverride(input.to, warning)) {
      request.to = std::move(to->uri);
      request.toDisplay = std::move(to->display);
    }
    if (!warning.empty()) {
      SB_WARNING("{}", warning);
    }
  }
  request.from = res_pjsip::defaultFrom(*objects, endpoint.get());
  if (auto warning = applyFrom(request.from, input.from)) {
    SB_WARNING("{}", *warning);
  }
  request.headers = std::move(content.headers);
  request.contentType = std::move(content.contentType);
  request.body = input.body;
  request.withContact = false;
  request.maxForwards = content.maxForwards;
  request.endpoint = destination.endpoint;
  SB_DEBUG(1, "Sending message to '{}' (via endpoint {}) from '{}'", request.requestUri,
           destination.endpoint, input.from);

  if (destination.contact && destination.contact->registered) {
    for (const auto* contact : location_.contactsOf(destination.contact->aor)) {
      if (contact->data.uri != destination.contact->uri) {
        continue;
      }
      if (sender_->toContact(std::move(request), contact->data)) {
        return true;
      }
      SB_ERROR("PJSIP MESSAGE - Could not send request to contact {}", contact->data.uri);
      return false;
    }
  }
  // Told synchronously for an IP literal; a host name is looked up and reported later.
  auto outcome = std::make_shared<std::optional<bool>>();
  const std::string uri = request.requestUri;
  sender_->locateAndSend(std::move(request), [outcome, uri](bool sent, const std::string& error) {
    *outcome = sent;
    if (!sent) {
      SB_ERROR("PJSIP MESSAGE - Could not send request to {}: {}", uri, error);
    }
  });
  return outcome->value_or(true);
}

}  // namespace sb::modules::res_pjsip_messaging
