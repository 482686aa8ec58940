#pragma once
/// @file
/// The extra checks manager.c makes before letting an AMI user evaluate functions or run
/// applications: SHELL/EVAL need the `system` write class, and Originate to applications that
/// reach outside the PBX (System, Exec, AGI, ...) or with data calling such functions too.
/// Pure functions.

#include <cstdint>
#include <string_view>

namespace sb::modules::manager_calls {

/// function_capable_string_allowed_with_auths: false when `evaluating` mentions SHELL or EVAL
/// and `writeClasses` lacks `system`.
bool functionStringAllowed(std::string_view evaluating, std::uint32_t writeClasses);

/// is_originate_app_permitted: false when `app` (case-insensitive substring) or `data`
/// (case-sensitive substring) matches a guarded entry that `writeClasses` does not cover.
bool originateAppPermitted(std::string_view app, std::string_view data, std::uint32_t writeClasses);

}  // namespace sb::modules::manager_calls
