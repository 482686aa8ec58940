#pragma once
/// @file
/// PJSIP_DIAL_CONTACTS(endpoint[,aor[,request_user]]) as chan_pjsip has it: a Dial string
/// "PJSIP/[user@]endpoint/<contact uri>" joined with '&' for every contact of the named AORs
/// (default: the endpoint's aors) that qualify has not found unreachable, registered ones
/// first, then the static ones.

#include <string>

#include "core/store/object_set.hpp"
#include "core/util/registration.hpp"
#include "modules/chan_pjsip/functions/function_outcome.hpp"
#include "modules/res_pjsip/location/location_service.hpp"

namespace sb::store {
class ObjectStore;
}

namespace sb::modules::chan_pjsip {

/// The function with `args` as written between the parentheses.
Outcome dialContactsFunction(const store::ObjectSet& set,
                             const res_pjsip::LocationService& location, const std::string& args);

/// Registers PJSIP_DIAL_CONTACTS; it reads the store and `location` when it runs.
[[nodiscard]] Registrations addDialContactsFunction(pbx::PbxService& pbx,
                                                    const store::ObjectStore& store,
                                                    const res_pjsip::LocationService& location);

}  // namespace sb::modules::chan_pjsip
