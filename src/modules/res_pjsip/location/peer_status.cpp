#include "modules/res_pjsip/location/peer_status.hpp"

#include <map>
#include <memory>

#include "core/log/logger.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/location/endpoint_reachability.hpp"

namespace sb::modules::res_pjsip {

Registration publishPeerStatus(LocationService& location, events::EventBus& bus,
                               const store::ObjectStore& store) {
  // Last state per endpoint; an endpoint not in the map has no known state yet.
  auto known = std::make_shared<std::map<std::string, bool>>();
  const auto objects = store.current();
  for (const auto& [id, object] : objects->all("endpoint")) {
    if (auto endpoint = objects->get<EndpointConfig>("endpoint", id)) {
      (*known)[id] = endpointReachable(location, *objects, *endpoint);
    }
  }
  return location.addObserver([&location, &bus, &store, known](const ContactEvent& event) {
    const std::string& name = event.contact.data.endpoint;
    // A refresh changes neither which contacts are live nor their states.
    if (name.empty() || event.kind == ContactEvent::Kind::Refreshed) {
      return;
    }
    const auto objects = store.current();
    auto endpoint = objects->get<EndpointConfig>("endpoint", name);
    if (!endpoint) {
      return;
    }
    const bool now = endpointReachable(location, *objects, *endpoint);
    auto found = known->find(name);
    if (found != known->end() && found->second == now) {
      return;
    }
    (*known)[name] = now;
    const char* status = now ? "Reachable" : "Unreachable";
    SB_VERBOSE(2, "Endpoint {} is now {}", name, status);
    if (!bus.wants(events::kSystem)) {
      return;
    }
    events::Event out;
    out.name = "PeerStatus";
    out.classes = events::kSystem;
    out.fields = {{"ChannelType", "PJSIP"}, {"Peer", "PJSIP/" + name}, {"PeerStatus", status}};
    bus.publish(std::move(out));
  });
}

}  // namespace sb::modules::res_pjsip
