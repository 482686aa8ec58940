#pragma once
/// @file
/// The chan_pjsip AMI actions (PJSIPShowEndpoints, PJSIPShowEndpoint, PJSIPShowAors,
/// PJSIPShowAuths, PJSIPShowContacts, PJSIPQualify, PJSIPShowRegistrationsInbound,
/// PJSIPShowRegistrationInboundContactStatuses) with Asterisk's event names, fields and
/// messages.

#include <functional>
#include <memory>

#include "core/events/event_bus.hpp"
#include "core/store/object_store.hpp"
#include "core/util/registration.hpp"
#include "modules/manager/manager_service.hpp"
#include "modules/res_pjsip/location/location_service.hpp"
#include "modules/res_pjsip/outbound_registry.hpp"
#include "modules/res_pjsip/qualify/qualifier.hpp"

namespace sb::modules::res_pjsip_manager {

/// What the actions read and use.
struct PjsipSources {
  const store::ObjectStore& store;
  std::shared_ptr<res_pjsip::LocationService> location;
  std::shared_ptr<res_pjsip::Qualifier> qualifier;
  /// The outbound registrations, looked up when an action runs (null: module not loaded).
  std::function<std::shared_ptr<res_pjsip::OutboundRegistry>()> outbound = {};
};

Registrations addPjsipActions(manager::ManagerService& ami, PjsipSources sources);

/// chan_sip's SIPpeers, SIPshowpeer, SIPqualifypeer, SIPpeerstatus, SIPshowregistry on the
/// same objects, for integrations written for chan_sip.
Registrations addLegacySipActions(manager::ManagerService& ami, PjsipSources sources);

/// PJSIPShowRegistrationsOutbound, PJSIPRegister, PJSIPUnregister.
Registrations addOutboundRegistrationActions(manager::ManagerService& ami, PjsipSources sources);

}  // namespace sb::modules::res_pjsip_manager
