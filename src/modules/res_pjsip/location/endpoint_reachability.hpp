#pragma once
/// @file
/// Whether an endpoint can be reached (res_pjsip's persistent endpoint state, online or
/// offline): through any contact of its AORs that qualify has not found unreachable.
/// Registered contacts count unless Unreachable or being removed; an AOR's static contacts
/// count unless qualify found them Unreachable. `pjsip show endpoints` shows it as
/// Not in use / Unavailable, PeerStatus reports its changes, and chan_pjsip's device state
/// starts from it.

#include "core/store/object_set.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/location/location_service.hpp"

namespace sb::modules::res_pjsip {

/// True when `endpoint` has a usable contact in `location` or among its AORs' static ones.
bool endpointReachable(const LocationService& location, const store::ObjectSet& objects,
                       const EndpointConfig& endpoint);

}  // namespace sb::modules::res_pjsip
