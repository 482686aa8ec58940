#pragma once
/// @file
/// `channel originate <tech/data> application <app> [<appdata>]` and
/// `channel originate <tech/data> extension [<exten>@][<context>]` (res_clioriginate).

#include <memory>

#include "core/cli/command_registry.hpp"
#include "core/util/registration.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::pbx {

/// Registers `channel originate`. Like Asterisk, the call is placed in the background with a
/// 30 s timeout and the command prints nothing on success.
[[nodiscard]] Registrations addOriginateCommands(cli::CommandRegistry& commands,
                                                 std::shared_ptr<PbxService> pbx);

}  // namespace sb::modules::pbx
