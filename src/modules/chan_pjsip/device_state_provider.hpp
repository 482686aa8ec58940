#pragma once
/// @file
/// chan_pjsip as the device-state provider of PJSIP/<endpoint> (and SIP/<endpoint>, the same
/// devices): an endpoint is known when configured, reachable as res_pjsip's endpoint state
/// says, busy at its device_state_busy_at; contact changes refresh its device.

#include "core/store/object_store.hpp"
#include "core/util/registration.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "modules/res_pjsip/location/location_service.hpp"

namespace sb::modules::chan_pjsip {

/// Registers the provider, takes every endpoint's current state as known (silently) and
/// follows contact events. `location` and `store` must outlive the registrations.
[[nodiscard]] Registrations provideDeviceStates(pbx::PbxService& pbx,
                                                res_pjsip::LocationService& location,
                                                const store::ObjectStore& store);

}  // namespace sb::modules::chan_pjsip
