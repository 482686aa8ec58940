#pragma once
/// @file
/// chan_sip's console commands (`sip show peers|peer|users|user|inuse|objects|domains|
/// settings|registry`, `sip unregister`, `sip prune realtime`) answered from the pjsip.conf
/// objects and the registered contacts, laid out as chan_sip (Asterisk 13) printed them, so
/// administrators used to chan_sip keep their habits.

#include <functional>
#include <memory>

#include "core/cli/command_registry.hpp"
#include "core/store/object_store.hpp"
#include "core/util/registration.hpp"
#include "modules/res_pjsip/location/location_service.hpp"
#include "modules/res_pjsip/outbound_registry.hpp"

namespace sb::modules::res_pjsip {

/// Registers the legacy `sip ...` commands. An endpoint stands for a chan_sip peer (and user).
/// The handlers read `store` and `location` when they run; both must outlive the
/// registrations (`location` is shared with the handlers). `outbound` finds the outbound
/// registrations for `sip show registry` when it runs (null or empty: none known).
void addLegacySipCommands(Registrations& out, cli::CommandRegistry& commands,
                          const store::ObjectStore& store,
                          std::shared_ptr<LocationService> location,
                          std::function<std::shared_ptr<OutboundRegistry>()> outbound = {});

}  // namespace sb::modules::res_pjsip
