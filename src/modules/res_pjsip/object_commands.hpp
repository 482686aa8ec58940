#pragma once
/// @file
/// `pjsip list|show endpoints|aors|contacts|auths|identifies` and `pjsip show
/// endpoint|aor|contact|auth|identify <id>`: the pjsip.conf objects and the registered
/// contacts, laid out exactly as Asterisk's res_pjsip CLI formatters print them.

#include <memory>

#include "core/cli/command_registry.hpp"
#include "core/store/object_store.hpp"
#include "core/util/registration.hpp"
#include "modules/res_pjsip/location/location_service.hpp"

namespace sb::modules::res_pjsip {

/// Registers pjsip list|show endpoints|endpoint|aors|aor|contacts|contact|auths|auth|
/// identifies|identify. The handlers read `store` and `location` when they run; both must
/// outlive the registrations (`location` is shared with the handlers).
void addObjectCommands(Registrations& out, cli::CommandRegistry& commands,
                       const store::ObjectStore& store, std::shared_ptr<LocationService> location);

}  // namespace sb::modules::res_pjsip
