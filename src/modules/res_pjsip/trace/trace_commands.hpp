#pragma once
/// @file
/// The console commands of message tracing and histories, with Asterisk's words:
/// res_pjsip_logger's `pjsip set logger ...`, res_pjsip_history's `pjsip set history` and
/// `pjsip show history`, and chan_sip's `sip set debug ...`, `sip set history` and
/// `sip show history`.

#include <memory>

#include "core/cli/command_registry.hpp"
#include "core/store/object_store.hpp"
#include "core/util/registration.hpp"
#include "modules/res_pjsip/location/location_service.hpp"

namespace sb::modules::res_pjsip {

class SipService;

/// Registers the commands on `service`'s SipTrace. `store` (endpoints and AORs for
/// `sip set debug peer`) and `location` (registered contacts) must outlive them.
void addTraceCommands(Registrations& out, cli::CommandRegistry& commands,
                      std::shared_ptr<SipService> service, const store::ObjectStore& store,
                      std::shared_ptr<LocationService> location);

}  // namespace sb::modules::res_pjsip
