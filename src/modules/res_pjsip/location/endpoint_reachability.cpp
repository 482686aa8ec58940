#include "modules/res_pjsip/location/endpoint_reachability.hpp"

#include "modules/res_pjsip/aor_config.hpp"

namespace sb::modules::res_pjsip {

bool endpointReachable(const LocationService& location, const store::ObjectSet& objects,
                       const EndpointConfig& endpoint) {
  for (const auto& aorName : endpoint.aors) {
    for (const auto* contact : location.contactsOf(aorName)) {
      if (contact->state != ContactState::Unreachable && contact->state != ContactState::Removed) {
        return true;
      }
    }
    if (auto aor = objects.get<AorConfig>("aor", aorName)) {
      for (const auto& uri : aor->contact) {
        const auto state = location.staticState(LocationService::staticContactId(aorName, uri));
        if (!uri.empty() && (!state || state->state != ContactState::Unreachable)) {
          return true;
        }
      }
    }
  }
  return false;
}

}  // namespace sb::modules::res_pjsip
