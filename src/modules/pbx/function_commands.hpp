#pragma once
/// @file
/// `core show functions [like <text>]` and `core show function <name>`: the dialplan
/// functions and their documentation, laid out as Asterisk's pbx_functions.c prints them.

#include <memory>

#include "core/cli/command_registry.hpp"
#include "core/util/registration.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::pbx {

/// The listing and detail commands; they read `pbx` when they run.
[[nodiscard]] Registrations addFunctionCommands(cli::CommandRegistry& commands,
                                                std::shared_ptr<PbxService> pbx);

/// One row of `core show functions`: "%-20.20s  %-35.35s  %s".
std::string functionRow(const std::string& name, const FunctionInfo& function);

/// The text of `core show function <name>` for a registered function.
std::string functionDetail(const std::string& name, const FunctionInfo& function);

}  // namespace sb::modules::pbx
