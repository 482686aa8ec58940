#include "modules/chan_pjsip/pjsip_driver.hpp"

#include <fmt/format.h>

#include "core/log/logger.hpp"
#include "modules/chan_pjsip/outbound_session.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/location/transport_param.hpp"
#include "sip/message/parser.hpp"

namespace sb::modules::chan_pjsip {

namespace {
constexpr int kSubscriberAbsent = 20;
}

std::string withUser(std::string_view uri, std::string_view user) {
  const auto colon = uri.find(':');
  if (colon == std::string_view::npos) {
    return std::string(uri);
  }
  std::string_view rest = uri.substr(colon + 1);
  const auto at = rest.find('@');
  const auto end = rest.find_first_of(";?>");
  if (at != std::string_view::npos && (end == std::string_view::npos || at < end)) {
    rest = rest.substr(at + 1);
  }
  return fmt::format("{}:{}@{}", uri.substr(0, colon), user, rest);
}

PjsipDriver::PjsipDriver(SessionContext& context, const store::ObjectStore& store,
                         res_pjsip::LocationService& location, std::string tech, bool legacy)
    : context_(context),
      store_(store),
      location_(location),
      tech_(std::move(tech)),
      legacy_(legacy) {}

std::shared_ptr<pbx::Channel> PjsipDriver::makeLeg(
    std::shared_ptr<const res_pjsip::EndpointConfig> endpoint, CallDestination destination,
    std::string uri, std::string route, const pbx::Channel* requestor) {
  if (!endpoint->outboundProxy.empty()) {
    // Every request of the call goes through the proxy, which is the first Route.
    destination = CallDestination{std::nullopt, endpoint->outboundProxy};
    route = "<" + endpoint->outboundProxy + ">" + (route.empty() ? "" : ", " + route);
  }
  auto session = std::make_shared<OutboundSession>(context_, endpoint, std::move(destination),
                                                   std::move(uri), std::move(route));
  if (requestor) {
    auto media = requestor->media();
    if (!media.codec.empty()) {
      session->preferCodecs({media.codec});
    }
  }
  auto channel = context_.pbx.newChannel(tech_, endpoint->id, session, true, requestor);
  session->bindChannel(channel);
  // chan_pjsip_new gives an outbound channel the endpoint's own identity first; Dial puts
  // the dialled extension in when that has no number.
  channel->setCaller(endpointPartyId(*endpoint));
  channel->language = endpoint->language.empty() ? "en" : endpoint->language;
  channel->setState(pbx::ChannelState::Down);
  return channel;
}

std::vector<std::shared_ptr<pbx::Channel>> PjsipDriver::request(const std::string& resource,
                                                                const pbx::Channel* requestor,
                                                                int& cause) {
  std::vector<std::shared_ptr<pbx::Channel>> out;
  std::string endpointName = resource;
  std::string user;
  std::string explicitUri;
  const auto slash = resource.find('/');
  if (slash != std::string::npos) {
    endpointName = resource.substr(0, slash);
    const std::string rest = resource.substr(slash + 1);
    if (rest.starts_with("sip:") || rest.starts_with("sips:")) {
      explicitUri = rest;
    } else if (legacy_) {
      user = rest;  // SIP/peer/exten
    }
  }
  const auto at = endpointName.find('@');
  if (at != std::string::npos) {
    user = endpointName.substr(0, at);
    endpointName = endpointName.substr(at + 1);
  }
  const auto objects = store_.current();
  auto endpoint = objects->get<res_pjsip::EndpointConfig>("endpoint", endpointName);
  if (!endpoint) {
    SB_WARNING("Unable to create PJSIP channel - endpoint '{}' was not found", endpointName);
    cause = pbx::cause::kNoRouteDestination;
    return out;
  }
  if (!explicitUri.empty()) {
    auto parsed = sip::parseUri(explicitUri);
    if (!parsed || !parsed->isSip()) {
      SB_WARNING("Unable to reach '{}' for endpoint '{}'", explicitUri, endpointName);
      cause = kSubscriberAbsent;
      return out;
    }
    const std::string bare = res_pjsip::withoutTransportParam(explicitUri);
    const std::string uri = user.empty() ? bare : withUser(bare, user);
    // A URI of one of the endpoint's registered contacts (PJSIP_DIAL_CONTACTS gives those)
    // goes over the flow it registered on, with its Path, as a dial of the endpoint would.
    for (const auto& aorName : endpoint->aors) {
      for (const auto* contact : location_.contactsOf(aorName)) {
        if (contact->data.uri != explicitUri) {
          continue;
        }
        if (auto flow = res_pjsip::flowToContact(context_.core, contact->data)) {
          out.push_back(
              makeLeg(endpoint, {std::move(*flow), ""}, uri, contact->data.path, requestor));
          return out;
        }
      }
    }
    out.push_back(makeLeg(endpoint, {std::nullopt, explicitUri}, uri, "", requestor));
    return out;
  }
  for (const auto& aorName : endpoint->aors) {
    for (const auto* contact : location_.contactsOf(aorName)) {
      auto flow = res_pjsip::flowToContact(context_.core, contact->data);
      if (!flow) {
        continue;
      }
      const std::string bare = res_pjsip::withoutTransportParam(contact->data.uri);
      const std::string uri = user.empty() ? bare : withUser(bare, user);
      out.push_back(makeLeg(endpoint, {std::move(*flow), ""}, uri, contact->data.path, requestor));
    }
    if (auto aor = objects->get<res_pjsip::AorConfig>("aor", aorName)) {
      for (const auto& permanent : aor->contact) {
        auto parsed = sip::parseUri(permanent);
        if (!parsed || !parsed->isSip()) {
          SB_WARNING("AOR '{}': unusable contact '{}'", aorName, permanent);
          continue;
        }
        const std::string uri = user.empty() ? permanent : withUser(permanent, user);
        out.push_back(makeLeg(endpoint, {std::nullopt, permanent}, uri, "", requestor));
      }
    }
  }
  if (out.empty()) {
    SB_WARNING("Endpoint '{}': no contacts to call", endpointName);
    cause = kSubscriberAbsent;
  }
  return out;
}

}  // namespace sb::modules::chan_pjsip
