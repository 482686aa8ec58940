#pragma once
/// @file
/// Endpoint reachability as AMI `PeerStatus` events (res_pjsip's persistent endpoint state,
/// class system): `ChannelType: PJSIP`, `Peer: PJSIP/<endpoint>`, `PeerStatus: Reachable`
/// when the endpoint gains its first usable contact, `Unreachable` when it loses its last.
/// A contact is usable unless qualify found it Unreachable (unqualified contacts count, as
/// in Asterisk); an AOR's static contacts always count. Only changes are published.

#include "core/events/event_bus.hpp"
#include "core/store/object_store.hpp"
#include "core/util/registration.hpp"
#include "modules/res_pjsip/location/location_service.hpp"

namespace sb::modules::res_pjsip {

/// Follows contact events and publishes PeerStatus for the endpoint each contact belongs
/// to. The states at the time of the call are taken as known, silently.
[[nodiscard]] Registration publishPeerStatus(LocationService& location, events::EventBus& bus,
                                             const store::ObjectStore& store);

}  // namespace sb::modules::res_pjsip
