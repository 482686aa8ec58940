#include "modules/res_pjsip_manager/pjsip_actions.hpp"

#include <fmt/format.h>

#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/auth_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/identify_config.hpp"
#include "modules/res_pjsip_manager/ami_fields.hpp"

namespace sb::modules::res_pjsip_manager {
namespace {

using res_pjsip::AorConfig;
using res_pjsip::AuthConfig;
using res_pjsip::EndpointConfig;
using res_pjsip::IdentifyConfig;

constexpr std::uint32_t kSystemReporting = sb::events::kSystem | sb::events::kReporting;

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : ",") + item;
  }
  return out;
}

/// "PJSIP/6001" and "6001" both name endpoint 6001.
std::string endpointName(std::string name) {
  if (name.rfind("PJSIP/", 0) == 0) {
    name.erase(0, 6);
  }
  return name;
}

/// The registered contacts of an endpoint's AORs.
std::vector<const res_pjsip::LocatedContact*> contactsOf(const PjsipSources& sources,
                                                         const EndpointConfig& endpoint) {
  std::vector<const res_pjsip::LocatedContact*> out;
  for (const auto& aor : endpoint.aors) {
    for (const auto* contact : sources.location->contactsOf(aor)) {
      out.push_back(contact);
    }
  }
  return out;
}

std::string deviceState(const PjsipSources& sources, const EndpointConfig& endpoint) {
  bool any = !contactsOf(sources, endpoint).empty();
  for (const auto& name : endpoint.aors) {
    if (auto aor = sources.store.current()->get<AorConfig>("aor", name);
        aor && !aor->contact.empty()) {
      any = true;
    }
  }
  return any ? "Not in use" : "Unavailable";
}

/// "aor/uri,aor/uri2," as EndpointList's Contacts field.
std::string contactList(const std::vector<const res_pjsip::LocatedContact*>& contacts) {
  std::string out;
  for (const auto* contact : contacts) {
    out += contact->data.aor + "/" + contact->data.uri + ",";
  }
  return out;
}

AmiFields contactStatusDetail(const res_pjsip::LocatedContact& contact, const AorConfig* aor,
                              std::int64_t now) {
  const auto& data = contact.data;
  return AmiFields{
      {"AOR", data.aor},
      {"URI", data.uri},
      {"UserAgent", data.userAgent},
      {"RegExpire", std::to_string(data.expiresAt)},
      {"ViaAddress", data.viaAddr.empty() ? "" : fmt::format("{}:{}", data.viaAddr, data.viaPort)},
      {"CallID", data.callId},
      {"Status", contactStatusText(contact.state)},
      {"RoundtripUsec", roundtripUsec(contact.rttMs)},
      {"EndpointName", data.endpoint},
      {"ID", data.id},
      {"AuthenticateQualify", aor && aor->authenticateQualify ? "1" : "0"},
      {"OutboundProxy", aor ? aor->outboundProxy : std::string()},
      {"Path", data.path},
      {"QualifyFrequency", std::to_string(aor ? aor->qualifyFrequency : 0)},
      {"QualifyTimeout", fmt::format("{:.3f}", aor ? aor->qualifyTimeout : 3.0)},
      {"ExpiresIn", std::to_string(std::max<std::int64_t>(0, data.expiresAt - now))},
  };
}

void showEndpoints(const PjsipSources& sources, manager::AmiRequest& request) {
  const auto objects = sources.store.current();
  const auto& endpoints = objects->all("endpoint");
  if (endpoints.empty()) {
    request.error("No endpoints found");
    return;
  }
  request.listStart("A listing of Endpoints follows, presented as EndpointList events");
  for (const auto& [id, object] : endpoints) {
    const auto& endpoint = static_cast<const EndpointConfig&>(*object);
    request.listItem("EndpointList", {{"ObjectType", "endpoint"},
                                      {"ObjectName", id},
                                      {"Transport", endpoint.transport},
                                      {"Aor", joined(endpoint.aors)},
                                      {"Auths", joined(endpoint.auth)},
                                      {"OutboundAuths", joined(endpoint.outboundAuth)},
                                      {"Contacts", contactList(contactsOf(sources, endpoint))},
                                      {"DeviceState", deviceState(sources, endpoint)},
                                      {"ActiveChannels", ""}});
  }
  request.listComplete("EndpointListComplete");
}

void showEndpoint(const PjsipSources& sources, manager::AmiRequest& request) {
  const auto name = endpointName(request.get("Endpoint"));
  if (name.empty()) {
    request.error("Endpoint parameter missing.");
    return;
  }
  const auto objects = sources.store.current();
  auto endpoint = objects->get<EndpointConfig>("endpoint", name);
  if (!endpoint) {
    request.error(fmt::format("Unable to retrieve endpoint {}", name));
    return;
  }
  request.listStart("Following are Events for each object associated with the Endpoint");
  auto detail = objectFields(sources.store, "endpoint", *endpoint);
  detail.emplace_back("DeviceState", deviceState(sources, *endpoint));
  detail.emplace_back("ActiveChannels", "");
  request.listItem("EndpointDetail", detail);
  for (const auto& id : endpoint->auth) {
    if (auto auth = objects->get<AuthConfig>("auth", id)) {
      auto fields = objectFields(sources.store, "auth", *auth);
      fields.emplace_back("EndpointName", name);
      request.listItem("AuthDetail", fields);
    }
  }
  const auto now = sources.location->now();
  for (const auto& id : endpoint->aors) {
    auto aor = objects->get<AorConfig>("aor", id);
    if (!aor) {
      continue;
    }
    const auto contacts = sources.location->contactsOf(id);
    auto fields = objectFields(sources.store, "aor", *aor);
    fields.emplace_back("TotalContacts", std::to_string(contacts.size() + aor->contact.size()));
    fields.emplace_back("ContactsRegistered", std::to_string(contacts.size()));
    fields.emplace_back("EndpointName", name);
    request.listItem("AorDetail", fields);
    for (const auto* contact : contacts) {
      request.listItem("ContactStatusDetail", contactStatusDetail(*contact, aor.get(), now));
    }
  }
  if (!endpoint->transport.empty()) {
    if (auto transport = objects->find("transport", endpoint->transport)) {
      auto fields = objectFields(sources.store, "transport", *transport);
      fields.emplace_back("EndpointName", name);
      request.listItem("TransportDetail", fields);
    }
  }
  for (const auto& [id, object] : objects->all("identify")) {
    if (static_cast<const IdentifyConfig&>(*object).endpoint == name) {
      auto fields = objectFields(sources.store, "identify", *object);
      fields.emplace_back("EndpointName", name);
      request.listItem("IdentifyDetail", fields);
    }
  }
  request.listComplete("EndpointDetailComplete");
}

void showAors(const PjsipSources& sources, manager::AmiRequest& request) {
  const auto objects = sources.store.current();
  const auto& aors = objects->all("aor");
  if (aors.empty()) {
    request.error("No AORs found");
    return;
  }
  request.listStart("A listing of AORs follows, presented as AorList events");
  for (const auto& [id, object] : aors) {
    request.listItem("AorList", objectFields(sources.store, "aor", *object));
  }
  request.listComplete("AorListComplete");
}

void showAuths(const PjsipSources& sources, manager::AmiRequest& request) {
  const auto objects = sources.store.current();
  const auto& auths = objects->all("auth");
  if (auths.empty()) {
    request.error("No Auths found");
    return;
  }
  request.listStart("A listing of Auths follows, presented as AuthList events");
  for (const auto& [id, object] : auths) {
    request.listItem("AuthList", objectFields(sources.store, "auth", *object));
  }
  request.listComplete("AuthListComplete");
}

void showContacts(const PjsipSources& sources, manager::AmiRequest& request) {
  const auto contacts = sources.location->all();
  if (contacts.empty()) {
    request.error("No Contacts found");
    return;
  }
  const auto objects = sources.store.current();
  request.listStart("A listing of Contacts follows, presented as ContactList events");
  for (const auto* contact : contacts) {
    auto aor = objects->get<AorConfig>("aor", contact->data.aor);
    request.listItem("ContactList", contactFields(*contact, aor.get()));
  }
  request.listComplete("ContactListComplete");
}

void qualify(const PjsipSources& sources, manager::AmiRequest& request) {
  const auto name = endpointName(request.get("Endpoint"));
  if (name.empty()) {
    request.error("Endpoint parameter missing.");
    return;
  }
  auto endpoint = sources.store.current()->get<EndpointConfig>("endpoint", name);
  if (!endpoint) {
    request.error(fmt::format("Unable to retrieve endpoint {}", name));
    return;
  }
  sources.qualifier->qualifyAors(endpoint->aors);
  request.success("Endpoint found, will qualify");
}

void registrationsInbound(const PjsipSources& sources, manager::AmiRequest& request) {
  const auto objects = sources.store.current();
  request.listStart("Following are Events for each Inbound registration");
  for (const auto& [id, object] : objects->all("aor")) {
    const auto contacts = sources.location->contactsOf(id);
    if (contacts.empty()) {
      continue;  // Asterisk lists AORs that have registrations
    }
    auto fields = objectFields(sources.store, "aor", *object);
    fields.emplace_back("Contacts", contactList(contacts));
    request.listItem("InboundRegistrationDetail", fields);
  }
  request.listComplete("InboundRegistrationDetailComplete");
}

void inboundContactStatuses(const PjsipSources& sources, manager::AmiRequest& request) {
  const auto objects = sources.store.current();
  const auto now = sources.location->now();
  request.listStart("Following are ContactStatusEvents for each Inbound registration");
  for (const auto* contact : sources.location->all()) {
    auto aor = objects->get<AorConfig>("aor", contact->data.aor);
    request.listItem("ContactStatusDetail", contactStatusDetail(*contact, aor.get(), now));
  }
  request.listComplete("ContactStatusDetailComplete");
}

}  // namespace

Registrations addPjsipActions(manager::ManagerService& ami, PjsipSources sources) {
  Registrations out;
  auto shared = std::make_shared<PjsipSources>(std::move(sources));
  auto add = [&](const char* name, const char* synopsis,
                 void (*handler)(const PjsipSources&, manager::AmiRequest&)) {
    out += ami.addAction(
        name, kSystemReporting, synopsis,
        [shared, handler](manager::AmiRequest& request) { handler(*shared, request); });
  };
  add("PJSIPShowEndpoints", "Lists PJSIP endpoints.", showEndpoints);
  add("PJSIPShowEndpoint", "Detail listing of an endpoint and its objects.", showEndpoint);
  add("PJSIPShowAors", "Lists PJSIP AORs.", showAors);
  add("PJSIPShowAuths", "Lists PJSIP Auths.", showAuths);
  add("PJSIPShowContacts", "Lists PJSIP Contacts.", showContacts);
  add("PJSIPQualify", "Qualify a chan_pjsip endpoint.", qualify);
  add("PJSIPShowRegistrationsInbound", "Lists PJSIP inbound registrations.", registrationsInbound);
  add("PJSIPShowRegistrationInboundContactStatuses",
      "Lists ContactStatuses for PJSIP inbound registrations.", inboundContactStatuses);
  return out;
}

}  // namespace sb::modules::res_pjsip_manager
