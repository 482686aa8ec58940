#pragma once
/// @file
/// Dispatch of inbound AMI messages to actions (Asterisk's process_message checks and replies)
/// and the built-in actions: Login, Challenge, Logoff, Ping, Events, Filter, WaitEvent,
/// Command, ListCommands, CoreSettings, CoreStatus, UserEvent, Reload, ModuleLoad.

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/util/registration.hpp"
#include "modules/manager/ami_message.hpp"

namespace sb::modules::manager {

class AmiServer;
class AmiSession;
class ManagerService;

/// Runs the action `message` names for `session`, or answers with Asterisk's errors: "Missing
/// action in request", "Permission denied", "Invalid/unknown command: X. ...". Each refusal
/// is also a security event raised through `server`, as process_message reports it:
/// RequestBadFormat for a missing or unknown action, RequestNotAllowed for one the session
/// may not run (not logged in, or no write class of the action's).
void dispatchAction(const ManagerService& actions, AmiServer& server,
                    const std::shared_ptr<AmiSession>& session, AmiMessage message);

/// Login's Events: / Action: Events' EventMask: "on"/"yes" (all), "off"/"no" (none) or
/// classes.
std::uint32_t parseEventMask(std::string_view mask);

/// Registers the built-in actions.
Registrations addBuiltinActions(ManagerService& actions, AmiServer& server);

}  // namespace sb::modules::manager
