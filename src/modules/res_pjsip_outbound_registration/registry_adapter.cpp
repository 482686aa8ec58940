#include "modules/res_pjsip_outbound_registration/registry_adapter.hpp"

#include <algorithm>

#include "sip/message/uri.hpp"

namespace sb::modules::res_pjsip_outbound_registration {

std::string chanSipState(const RegistrationStatus& status) {
  if (status.busy && status.state != RegistrationState::Registered) {
    return "Request Sent";
  }
  switch (status.state) {
    case RegistrationState::Registered:
      return "Registered";
    case RegistrationState::Rejected:
      return "Rejected";
    case RegistrationState::Failed:
      return "Failed";
    case RegistrationState::Unregistered:
    case RegistrationState::Stopped:
      break;
  }
  return "Unregistered";
}

std::vector<res_pjsip::OutboundRegistryEntry> RegistryAdapter::entries() const {
  std::vector<res_pjsip::OutboundRegistryEntry> out;
  for (const auto& [id, client] : service_->clients()) {
    const auto& config = client->config();
    const auto& status = client->status();
    res_pjsip::OutboundRegistryEntry entry;
    entry.id = id;
    if (const auto server = sip::parseUri(config.serverUri)) {
      entry.host = std::string(server->hostAddress());
      entry.port =
          server->hasPort ? server->port : (server->scheme == sip::UriScheme::Sips ? 5061 : 5060);
    }
    if (const auto client_uri = sip::parseUri(config.clientUri)) {
      entry.username = std::string(client_uri->user);
      entry.domain = std::string(client_uri->hostAddress());
    }
    entry.refresh = status.grantedExpires != 0 ? status.grantedExpires : config.expiration;
    entry.state = chanSipState(status);
    if (status.registeredAt) {
      entry.registeredAt =
          std::chrono::duration_cast<std::chrono::seconds>(status.registeredAt->time_since_epoch())
              .count();
    }
    entry.config = client->configPtr();
    entry.status = std::string(asteriskStatus(status.state));
    if (status.nextEvent) {
      entry.nextReg =
          std::max<std::int64_t>(0, std::chrono::duration_cast<std::chrono::seconds>(
                                        *status.nextEvent - std::chrono::system_clock::now())
                                        .count());
    }
    entry.outboundAuth = config.outboundAuth;
    out.push_back(std::move(entry));
  }
  return out;
}

bool RegistryAdapter::registerNow(const std::string& id) {
  const auto client = service_->find(id);
  if (client) {
    client->registerNow();
  }
  return client != nullptr;
}

bool RegistryAdapter::unregister(const std::string& id) {
  const auto client = service_->find(id);
  if (client) {
    client->unregister();
  }
  return client != nullptr;
}

std::string RegistryAdapter::endpointForLine(std::string_view line) const {
  // A scan: only requests that carry a line parameter ask, and tokens are unique.
  for (const auto& [id, client] : service_->clients()) {
    if (!line.empty() && client->status().line == line) {
      return client->config().endpoint;
    }
  }
  return {};
}

}  // namespace sb::modules::res_pjsip_outbound_registration
