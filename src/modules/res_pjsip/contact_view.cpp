#include "modules/res_pjsip/contact_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "sip/message/text.hpp"
#include "sip/message/uri.hpp"

namespace sb::modules::res_pjsip {

ContactView registeredView(const LocatedContact& contact,
                           std::shared_ptr<const AorConfig> aorConfig) {
  ContactView view;
  view.id = contact.data.id;
  view.aor = contact.data.aor;
  view.uri = contact.data.uri;
  view.state = contact.state;
  // Without qualify a contact is NonQualified from the start (Asterisk's CREATED), not only
  // once the qualifier has looked at it.
  if (view.state == ContactState::Unknown && aorConfig && aorConfig->qualifyFrequency == 0) {
    view.state = ContactState::NonQualified;
  }
  view.rttMs = contact.rttMs;
  view.stored = &contact.data;
  view.aorConfig = std::move(aorConfig);
  return view;
}

std::vector<ContactView> staticContacts(const std::shared_ptr<const AorConfig>& aor,
                                        const LocationService& location) {
  std::vector<ContactView> out;
  std::set<std::string> seen;
  for (const auto& uri : aor->contact) {
    if (uri.empty()) {
      continue;
    }
    ContactView view;
    view.id = LocationService::staticContactId(aor->id, uri);
    if (!seen.insert(view.id).second) {
      continue;
    }
    view.aor = aor->id;
    view.uri = uri;
    // Permanent contacts are NonQualified until qualify (if enabled) says otherwise.
    view.state = aor->qualifyFrequency == 0 ? ContactState::NonQualified : ContactState::Unknown;
    if (const auto found = location.staticState(view.id); found && aor->qualifyFrequency != 0) {
      view.state = found->state;
      view.rttMs = found->rttMs;
    }
    view.aorConfig = aor;
    out.push_back(std::move(view));
  }
  std::sort(out.begin(), out.end(),
            [](const ContactView& a, const ContactView& b) { return a.id < b.id; });
  return out;
}

std::vector<ContactView> contactsOfAor(const std::shared_ptr<const AorConfig>& aor,
                                       const LocationService& location) {
  std::vector<ContactView> out;
  for (const auto* contact : location.contactsOf(aor->id)) {
    out.push_back(registeredView(*contact, aor));
  }
  for (auto& view : staticContacts(aor, location)) {
    out.push_back(std::move(view));
  }
  return out;
}

std::optional<ContactView> findContact(const store::ObjectSet& set, const LocationService& location,
                                       const std::string& id) {
  if (const auto separator = id.find("@@"); separator != std::string::npos) {
    const auto aor = set.get<AorConfig>("aor", id.substr(0, separator));
    if (!aor) {
      return std::nullopt;
    }
    for (auto& view : staticContacts(aor, location)) {
      if (view.id == id) {
        return std::move(view);
      }
    }
    return std::nullopt;
  }
  const auto* contact = location.find(id);
  if (contact == nullptr) {
    return std::nullopt;
  }
  return registeredView(*contact, set.get<AorConfig>("aor", contact->data.aor));
}

bool pruneOnBoot(const StoredContact& contact, bool rewriteContact) {
  const auto colon = contact.source.find(':');
  if (colon == std::string::npos) {
    return false;
  }
  const std::string transport = contact.source.substr(0, colon);
  if (transport == "udp") {
    return false;
  }
  const auto uri = sip::parseUri(contact.uri);
  if (!uri || !uri->isSip()) {
    return false;
  }
  const auto source = sip::parseHostPort(std::string_view(contact.source).substr(colon + 1));
  if (!source || !sip::text::iequals(uri->host, source->host) || uri->port != source->port) {
    return false;
  }
  // WSS contacts say transport=ws.
  const std::string named = transport == "wss" ? "ws" : transport;
  return sip::text::iequals(uri->transport(), named) && (rewriteContact || named == "ws");
}

std::vector<std::pair<std::string, std::string>> contactFields(const ContactView& contact,
                                                               bool rewriteContact) {
  const auto* stored = contact.stored;
  const auto& aor = contact.aorConfig;
  const bool registered = stored != nullptr;
  const bool fromAor = registered && aor;
  return {
      {"uri", contact.uri},
      {"path", registered ? stored->path : ""},
      {"expiration_time", std::to_string(registered ? stored->expiresAt : 0)},
      {"qualify_frequency", std::to_string(fromAor ? aor->qualifyFrequency : 0)},
      {"qualify_timeout", fmt::format("{:f}", fromAor ? aor->qualifyTimeout : 3.0)},
      {"qualify_2xx_only", fromAor && aor->qualify2xxOnly ? "true" : "false"},
      {"authenticate_qualify", fromAor && aor->authenticateQualify ? "yes" : "no"},
      {"outbound_proxy", aor ? aor->outboundProxy : ""},
      {"user_agent", registered ? stored->userAgent : ""},
      {"endpoint", registered ? stored->endpoint : ""},
      {"reg_server", registered ? stored->regServer : ""},
      {"via_addr", registered ? stored->viaAddr : ""},
      {"via_port", std::to_string(registered ? stored->viaPort : 0)},
      {"call_id", registered ? stored->callId : ""},
      {"prune_on_boot", registered && pruneOnBoot(*stored, rewriteContact) ? "yes" : "no"},
  };
}

}  // namespace sb::modules::res_pjsip
