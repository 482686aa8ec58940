#pragma once
/// @file
/// PJSIP_ENDPOINT(name,field), PJSIP_AOR(name,field) and PJSIP_CONTACT(id,field), as
/// Asterisk's func_pjsip_endpoint, func_pjsip_aor and func_pjsip_contact read them: a field
/// is an option of the object by its pjsip.conf name (case-sensitive), valued as Asterisk's
/// sorcery object set gives it; PJSIP_AOR's `contact` is the comma-separated ids of the
/// AOR's contacts and PJSIP_CONTACT adds `status` and `rtt`.

#include <string>

#include "core/store/object_set.hpp"
#include "core/store/object_type.hpp"
#include "core/util/registration.hpp"
#include "modules/chan_pjsip/functions/function_outcome.hpp"
#include "modules/res_pjsip/location/location_service.hpp"

namespace sb::store {
class ObjectStore;
}

namespace sb::modules::chan_pjsip {

/// PJSIP_ENDPOINT with `args` "name,field"; `endpointType` prints the options.
Outcome endpointFunction(const store::ObjectSet& set, const store::ObjectTypeBase& endpointType,
                         const std::string& args);

/// PJSIP_AOR with `args` "name,field".
Outcome aorFunction(const store::ObjectSet& set, const store::ObjectTypeBase& aorType,
                    const res_pjsip::LocationService& location, const std::string& args);

/// PJSIP_CONTACT with `args` "id,field".
Outcome contactFunction(const store::ObjectSet& set, const res_pjsip::LocationService& location,
                        const std::string& args);

/// Registers the three functions; they read the store's current objects and `location`
/// when they run (neither may go before the registrations).
[[nodiscard]] Registrations addObjectFunctions(pbx::PbxService& pbx,
                                               const store::ObjectStore& store,
                                               const res_pjsip::LocationService& location);

}  // namespace sb::modules::chan_pjsip
