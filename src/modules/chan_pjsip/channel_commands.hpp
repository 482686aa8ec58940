#pragma once
/// @file
/// Console commands about live calls: chan_pjsip's `pjsip list channels`, `pjsip show
/// channels`, `pjsip show channel <name>`, `pjsip show channelstats`, and chan_sip's `sip show
/// channels`, `sip show channel <call-id prefix>`, `sip show channelstats`. The pjsip ones list
/// the channels chan_pjsip drives (PJSIP/ and SIP/); the sip ones list the INVITE sessions
/// (chan_sip's dialogs). Layouts are Asterisk's (see channel_cli_rows.hpp).

#include <functional>
#include <memory>
#include <vector>

#include "core/cli/command_registry.hpp"
#include "core/util/registration.hpp"

namespace sb::modules::pbx {
class PbxService;
}

namespace sb::modules::chan_pjsip {

class Session;

/// Returns the live sessions, oldest first (empty once the module is going away).
using SessionLister = std::function<std::vector<std::shared_ptr<Session>>()>;

/// Registers the commands. They read the channels of `pbx` (held weakly) and the sessions
/// `sessions` returns, each time they run, on the reactor thread.
void addChannelCommands(Registrations& out, cli::CommandRegistry& commands,
                        const std::shared_ptr<pbx::PbxService>& pbx, SessionLister sessions);

}  // namespace sb::modules::chan_pjsip
