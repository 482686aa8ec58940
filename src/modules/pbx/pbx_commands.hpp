#pragma once
/// @file
/// Console commands of the PBX core: channels and the dialplan.

#include <functional>
#include <memory>

#include "core/cli/command_registry.hpp"
#include "core/util/registration.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::pbx {

/// `core show channels [concise|verbose|count]`, `core show channel <name>`,
/// `channel request hangup <name>|all`, `dialplan show [<what>]`, `dialplan reload`,
/// `core show applications`. `reload` re-reads extensions.conf and returns the diagnostics
/// text.
[[nodiscard]] Registrations addPbxCommands(cli::CommandRegistry& commands,
                                           std::shared_ptr<PbxService> pbx,
                                           std::function<std::string()> reload);

}  // namespace sb::modules::pbx
