#pragma once
/// @file
/// Contact changes as AMI `ContactStatus` events on the event bus (Asterisk's fields: URI,
/// ContactStatus Created|Updated|Removed|Reachable|Unreachable|Unknown|NonQualified, AOR,
/// EndpointName, RoundtripUsec). Refreshes are reported only with global
/// send_contact_status_on_update_registration=yes, as in Asterisk.

#include "core/events/event_bus.hpp"
#include "core/store/object_store.hpp"
#include "core/util/registration.hpp"
#include "modules/res_pjsip/location/location_service.hpp"

namespace sb::modules::res_pjsip {

[[nodiscard]] Registration publishContactEvents(LocationService& location, events::EventBus& events,
                                                const store::ObjectStore& store);

}  // namespace sb::modules::res_pjsip
