#pragma once
/// @file
/// Console commands of res_pjsip_outbound_registration, as Asterisk prints them:
/// `pjsip list|show registrations`, `pjsip show registration <id>`,
/// `pjsip send register|unregister <id>|*all`.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/cli/command_registry.hpp"
#include "core/store/object_store.hpp"
#include "core/util/registration.hpp"

namespace sb::modules::res_pjsip_outbound_registration {

class RegistrationService;

/// The table row of one registration (Asterisk's cli_print_body), e.g.
/// " trunk/sip:192.0.2.1:5060  trunk-auth  Registered  (exp. 3590s)".
std::string registrationRow(std::string_view id, std::string_view serverUri, std::string_view auth,
                            std::string_view status, std::optional<long long> expiresIn);

void addRegistrationCommands(Registrations& out, cli::CommandRegistry& commands,
                             const store::ObjectStore& store,
                             std::shared_ptr<RegistrationService> service);

}  // namespace sb::modules::res_pjsip_outbound_registration
