#include "modules/chan_pjsip/device_state_provider.hpp"

#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/location/endpoint_reachability.hpp"

namespace sb::modules::chan_pjsip {

Registrations provideDeviceStates(pbx::PbxService& pbx, res_pjsip::LocationService& location,
                                  const store::ObjectStore& store) {
  Registrations out;
  auto& states = pbx.deviceStates();
  out += states.addProvider(
      "PJSIP",
      [&location, &store](const std::string& resource) -> std::optional<pbx::DeviceInfo> {
        const auto objects = store.current();
        auto endpoint = objects->get<res_pjsip::EndpointConfig>("endpoint", resource);
        if (!endpoint) {
          return std::nullopt;
        }
        return pbx::DeviceInfo{res_pjsip::endpointReachable(location, *objects, *endpoint),
                               endpoint->deviceStateBusyAt};
      },
      {"SIP"});
  for (const auto& [id, object] : store.current()->all("endpoint")) {
    states.seed("PJSIP/" + id);
  }
  out += location.addObserver([&states](const res_pjsip::ContactEvent& event) {
    // A refresh changes neither which contacts are live nor their states.
    if (!event.contact.data.endpoint.empty() &&
        event.kind != res_pjsip::ContactEvent::Kind::Refreshed) {
      states.refresh("PJSIP/" + event.contact.data.endpoint);
    }
  });
  return out;
}

}  // namespace sb::modules::chan_pjsip
