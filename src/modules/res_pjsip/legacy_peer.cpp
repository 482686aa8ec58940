#include "modules/res_pjsip/legacy_peer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace sb::modules::res_pjsip {

std::optional<FlowAddress> sourceAddress(std::string_view source) {
  FlowAddress out;
  auto colon = source.find(':');
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  out.transport = std::string(source.substr(0, colon));
  auto rest = source.substr(colon + 1);
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    out.host = std::string(rest.substr(0, close + 1));
    if (close + 1 < rest.size() && rest[close + 1] == ':') {
      out.port = std::string(rest.substr(close + 2));
    }
  } else if (auto last = rest.rfind(':'); last != std::string_view::npos) {
    out.host = std::string(rest.substr(0, last));
    out.port = std::string(rest.substr(last + 1));
  } else {
    out.host = std::string(rest);
  }
  if (out.host.empty()) {
    return std::nullopt;
  }
  if (out.port.empty()) {
    out.port.assign(1, '0');  // assigning "0" trips a -Wrestrict false positive in GCC 12
  }
  return out;
}

std::string Peer::listedName() const {
  const auto user = username();
  return user.empty() || user == name() ? name() : fmt::format("{}/{}", name(), user);
}

bool Peer::dynamic() const {
  return std::any_of(aors.begin(), aors.end(),
                     [](const auto& aor) { return aor->maxContacts > 0; });
}

bool Peer::acl() const {
  return !endpoint->permit.empty() || !endpoint->deny.empty() || !endpoint->acl.empty();
}

bool Peer::contactAcl() const {
  return !endpoint->contactPermit.empty() || !endpoint->contactDeny.empty() ||
         !endpoint->contactAcl.empty();
}

PeerStatus Peer::status() const {
  if (first == nullptr) {
    return {"Unmonitored", PeerStatus::Kind::Unmonitored};
  }
  for (const auto* contact : contacts) {
    if (contact->state == ContactState::Reachable) {
      // chan_sip kept whole milliseconds (ast_tvdiff_ms truncates).
      const double rtt = std::isnan(contact->rttMs) ? 0.0 : contact->rttMs;
      return {fmt::format("OK ({} ms)", static_cast<long long>(std::floor(rtt))),
              PeerStatus::Kind::MonitoredOnline};
    }
  }
  switch (first->state) {
    case ContactState::Unreachable:
      return {"UNREACHABLE", PeerStatus::Kind::MonitoredOffline};
    case ContactState::Unknown: {
      // Not qualified yet; without qualify it never will be (chan_sip's maxms of 0).
      const bool qualified = std::any_of(aors.begin(), aors.end(), [this](const auto& aor) {
        return aor->id == first->data.aor && aor->qualifyFrequency != 0;
      });
      if (!qualified) {
        return {"Unmonitored", PeerStatus::Kind::Unmonitored};
      }
      return {"UNKNOWN", PeerStatus::Kind::MonitoredOffline};
    }
    default:
      return {"Unmonitored", PeerStatus::Kind::Unmonitored};
  }
}

Peer makePeer(std::shared_ptr<const EndpointConfig> endpoint, const store::ObjectSet& set,
              const LocationService& location) {
  Peer peer;
  peer.endpoint = std::move(endpoint);
  for (const auto& name : peer.endpoint->aors) {
    if (auto aor = set.get<AorConfig>("aor", name)) {
      for (const auto* contact : location.contactsOf(aor->id)) {
        peer.contacts.push_back(contact);
      }
      peer.aors.push_back(std::move(aor));
    }
  }
  for (const auto& id : peer.endpoint->auth) {
    if (auto auth = set.get<AuthConfig>("auth", id)) {
      peer.auth = std::move(auth);
      break;
    }
  }
  for (const auto& id : peer.endpoint->outboundAuth) {
    if (auto auth = set.get<AuthConfig>("auth", id)) {
      peer.outboundAuths.push_back(std::move(auth));
    }
  }
  if (!peer.outboundAuths.empty()) {
    peer.outboundAuth = peer.outboundAuths.front();
  }
  if (!peer.contacts.empty()) {
    peer.first = peer.contacts.front();
    peer.address = sourceAddress(peer.first->data.source);
  }
  return peer;
}

std::optional<Peer> findPeer(const store::ObjectSet& set, const LocationService& location,
                             std::string_view name) {
  auto endpoint = set.get<EndpointConfig>("endpoint", name);
  if (!endpoint) {
    return std::nullopt;
  }
  return makePeer(std::move(endpoint), set, location);
}

}  // namespace sb::modules::res_pjsip
