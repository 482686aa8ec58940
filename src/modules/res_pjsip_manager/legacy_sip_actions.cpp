// chan_sip's AMI actions answered from the pjsip objects (see pjsip_actions.hpp).
#include <fmt/format.h>

#include <cmath>

#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/auth_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip_manager/pjsip_actions.hpp"

namespace sb::modules::res_pjsip_manager {
namespace {

using manager::AmiFields;
using res_pjsip::AorConfig;
using res_pjsip::ContactState;
using res_pjsip::EndpointConfig;
using res_pjsip::LocatedContact;

/// The endpoint's first registered contact, if any.
const LocatedContact* firstContact(const PjsipSources& sources, const EndpointConfig& endpoint) {
  for (const auto& aor : endpoint.aors) {
    auto contacts = sources.location->contactsOf(aor);
    if (!contacts.empty()) {
      return contacts.front();
    }
  }
  return nullptr;
}

bool dynamic(const PjsipSources& sources, const EndpointConfig& endpoint) {
  for (const auto& name : endpoint.aors) {
    if (auto aor = sources.store.current()->get<AorConfig>("aor", name); aor && aor->maxContacts) {
      return true;
    }
  }
  return false;
}

/// chan_sip's status words: "OK (12 ms)", "UNREACHABLE", "UNKNOWN", "Unmonitored".
std::string peerStatus(const LocatedContact* contact) {
  if (contact == nullptr) {
    return "Unmonitored";
  }
  switch (contact->state) {
    case ContactState::Reachable:
      return fmt::format("OK ({} ms)",
                         std::isnan(contact->rttMs) ? 0 : static_cast<long long>(contact->rttMs));
    case ContactState::Unreachable:
      return "UNREACHABLE";
    case ContactState::Unknown:
      return "UNKNOWN";
    default:
      return "Unmonitored";
  }
}

/// "udp:192.0.2.1:5060" -> ("192.0.2.1", "5060").
std::pair<std::string, std::string> sourceAddress(const LocatedContact* contact) {
  if (contact == nullptr) {
    return {"-none-", "0"};
  }
  std::string source = contact->data.source;
  source.erase(0, source.find(':') + 1);
  const auto colon = source.rfind(':');
  std::string host = source.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') {
    host = host.substr(1, host.size() - 2);
  }
  return {host, colon == std::string::npos ? "0" : source.substr(colon + 1)};
}

bool hasAcl(const EndpointConfig& endpoint) {
  return !endpoint.permit.empty() || !endpoint.deny.empty() || !endpoint.acl.empty();
}

AmiFields peerEntry(const PjsipSources& sources, const EndpointConfig& endpoint) {
  const auto* contact = firstContact(sources, endpoint);
  const auto [address, port] = sourceAddress(contact);
  return AmiFields{
      {"Channeltype", "SIP"},
      {"ObjectName", endpoint.id},
      {"ChanObjectType", "peer"},
      {"IPaddress", address},
      {"IPport", port},
      {"Dynamic", dynamic(sources, endpoint) ? "yes" : "no"},
      {"AutoForcerport", "no"},
      {"Forcerport", endpoint.forceRport ? "yes" : "no"},
      {"AutoComedia", "no"},
      {"Comedia", endpoint.rtpSymmetric ? "yes" : "no"},
      {"VideoSupport", "no"},
      {"TextSupport", "no"},
      {"ACL", hasAcl(endpoint) ? "yes" : "no"},
      {"Status", peerStatus(contact)},
      {"RealtimeDevice", "no"},
      {"Description", ""},
      {"Accountcode", endpoint.accountcode},
  };
}

void sipPeers(const PjsipSources& sources, manager::AmiRequest& request) {
  request.listStart("Peer status list will follow");
  for (const auto& [id, object] : sources.store.current()->all("endpoint")) {
    request.listItem("PeerEntry", peerEntry(sources, static_cast<const EndpointConfig&>(*object)));
  }
  request.listComplete("PeerlistComplete");
}

void sipShowPeer(const PjsipSources& sources, manager::AmiRequest& request) {
  const auto name = request.get("Peer");
  if (name.empty()) {
    request.error("Peer: <name> missing.");
    return;
  }
  const auto objects = sources.store.current();
  auto endpoint = objects->get<EndpointConfig>("endpoint", name);
  if (!endpoint) {
    request.error("Peer not found");
    return;
  }
  const auto* contact = firstContact(sources, *endpoint);
  const auto [address, port] = sourceAddress(contact);
  bool secret = false;
  bool md5 = false;
  for (const auto& id : endpoint->auth) {
    if (auto auth = objects->get<res_pjsip::AuthConfig>("auth", id)) {
      secret = secret || !auth->password.empty();
      md5 = md5 || !auth->md5Cred.empty();
    }
  }
  request.success(
      {}, {{"Channeltype", "SIP"},
           {"ObjectName", endpoint->id},
           {"ChanObjectType", "peer"},
           {"SecretExist", secret ? "Y" : "N"},
           {"RemoteSecretExist", endpoint->outboundAuth.empty() ? "N" : "Y"},
           {"MD5SecretExist", md5 ? "Y" : "N"},
           {"Context", endpoint->context},
           {"SubscribeContext", endpoint->subscribeContext},
           {"Language", endpoint->language},
           {"Accountcode", endpoint->accountcode},
           {"SIP-FromUser", endpoint->fromUser},
           {"SIP-FromDomain", endpoint->fromDomain},
           {"VoiceMailbox", endpoint->mailboxes},
           {"Maxforwards", "0"},
           {"Call-limit", std::to_string(endpoint->deviceStateBusyAt)},
           {"Busy-level", std::to_string(endpoint->deviceStateBusyAt)},
           {"Dynamic", dynamic(sources, *endpoint) ? "Y" : "N"},
           {"Callerid", endpoint->callerid},
           {"RegExpire", contact ? fmt::format("{} seconds", std::max<std::int64_t>(
                                                                 0, contact->data.expiresAt -
                                                                        sources.location->now()))
                                 : "-1 seconds"},
           {"SIP-Forcerport", endpoint->forceRport ? "Y" : "N"},
           {"SIP-Comedia", endpoint->rtpSymmetric ? "Y" : "N"},
           {"ACL", hasAcl(*endpoint) ? "Y" : "N"},
           {"SIP-DirectMedia", endpoint->directMedia ? "Y" : "N"},
           {"SIP-DTMFmode", endpoint->dtmfMode},
           {"Address-IP", address == "-none-" ? "(null)" : address},
           {"Address-Port", port},
           {"Status", peerStatus(contact)},
           {"SIP-Useragent", contact ? contact->data.userAgent : std::string()},
           {"Reg-Contact", contact ? contact->data.uri : std::string()},
           {"Description", ""}});
}

void sipQualifyPeer(const PjsipSources& sources, manager::AmiRequest& request) {
  const auto name = request.get("Peer");
  if (name.empty()) {
    request.error("Peer: <name> missing.");
    return;
  }
  auto endpoint = sources.store.current()->get<EndpointConfig>("endpoint", name);
  if (!endpoint) {
    request.error("Peer not found");
    return;
  }
  sources.qualifier->qualifyAors(endpoint->aors);
  request.success();
}

void sipPeerStatus(const PjsipSources& sources, manager::AmiRequest& request) {
  const auto wanted = request.get("Peer");
  const auto objects = sources.store.current();
  if (!wanted.empty() && !objects->get<EndpointConfig>("endpoint", wanted)) {
    request.error(fmt::format("No such peer '{}'", wanted));
    return;
  }
  request.listStart("Peer status will follow");
  for (const auto& [id, object] : objects->all("endpoint")) {
    if (!wanted.empty() && id != wanted) {
      continue;
    }
    const auto* contact = firstContact(sources, static_cast<const EndpointConfig&>(*object));
    AmiFields fields{{"Privilege", "System"}, {"ChannelType", "SIP"}, {"Peer", "SIP/" + id}};
    if (contact == nullptr) {
      fields.emplace_back("PeerStatus", "Unmonitored");
    } else if (contact->state == ContactState::Reachable) {
      fields.emplace_back("PeerStatus", "Reachable");
      fields.emplace_back(
          "Time",
          std::to_string(static_cast<long long>(std::isnan(contact->rttMs) ? 0 : contact->rttMs)));
    } else if (contact->state == ContactState::Unreachable) {
      fields.emplace_back("PeerStatus", "Unreachable");
    } else if (contact->state == ContactState::Unknown) {
      fields.emplace_back("PeerStatus", "Unknown");
    } else {
      fields.emplace_back("PeerStatus", "Unmonitored");
    }
    request.listItem("PeerStatus", fields);
  }
  request.listComplete("SIPpeerstatusComplete");
}

void sipShowRegistry(const PjsipSources& sources, manager::AmiRequest& request) {
  request.listStart("Registrations will follow");
  const auto registry = sources.outbound ? sources.outbound() : nullptr;
  if (registry) {
    for (const auto& entry : registry->entries()) {
      request.listItem("RegistryEntry", {{"Host", entry.host},
                                         {"Port", std::to_string(entry.port)},
                                         {"Username", entry.username},
                                         {"Domain", entry.domain},
                                         {"DomainPort", std::to_string(entry.port)},
                                         {"Refresh", std::to_string(entry.refresh)},
                                         {"State", entry.state},
                                         {"RegistrationTime", std::to_string(entry.registeredAt)}});
    }
  }
  request.listComplete("RegistrationsComplete");
}

}  // namespace

Registrations addLegacySipActions(manager::ManagerService& ami, PjsipSources sources) {
  Registrations out;
  auto shared = std::make_shared<PjsipSources>(std::move(sources));
  auto add = [&](const char* name, std::uint32_t classes, const char* synopsis,
                 void (*handler)(const PjsipSources&, manager::AmiRequest&)) {
    out += ami.addAction(name, classes, synopsis, [shared, handler](manager::AmiRequest& request) {
      handler(*shared, request);
    });
  };
  const auto reporting = sb::events::kSystem | sb::events::kReporting;
  add("SIPpeers", reporting, "List SIP peers (text format).", sipPeers);
  add("SIPshowpeer", reporting, "show SIP peer (text format).", sipShowPeer);
  add("SIPqualifypeer", reporting, "Qualify SIP peers.", sipQualifyPeer);
  add("SIPpeerstatus", sb::events::kSystem, "Show the status of one or all of the sip peers.",
      sipPeerStatus);
  add("SIPshowregistry", reporting, "Show SIP registrations (text format).", sipShowRegistry);
  return out;
}

}  // namespace sb::modules::res_pjsip_manager
