#pragma once
/// @file
/// Asterisk's core AMI call actions (main/manager.c), added to the manager by the
/// manager_calls module. Each add* function registers a few actions and returns their
/// registrations.

#include <chrono>
#include <memory>
#include <string>

#include "core/util/registration.hpp"
#include "modules/manager/manager_service.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::manager_calls {

/// CoreShowChannels, Status, Hangup.
[[nodiscard]] Registrations addChannelActions(manager::ManagerService& ami,
                                              std::shared_ptr<pbx::PbxService> pbx);
/// Getvar, Setvar.
[[nodiscard]] Registrations addVariableActions(manager::ManagerService& ami,
                                               std::shared_ptr<pbx::PbxService> pbx);
/// Originate.
[[nodiscard]] Registrations addOriginateAction(manager::ManagerService& ami,
                                               std::shared_ptr<pbx::PbxService> pbx);

/// Redirect (single and dual, Extra* headers).
[[nodiscard]] Registrations addRedirectAction(manager::ManagerService& ami,
                                              std::shared_ptr<pbx::PbxService> pbx);

/// PlayDTMF (app_senddtmf's manager action).
[[nodiscard]] Registrations addDtmfActions(manager::ManagerService& ami,
                                           std::shared_ptr<pbx::PbxService> pbx);

/// ast_channel_get_by_name: the channel whose name equals `name` case-insensitively, or whose
/// unique id is `name`; nullptr when none.
std::shared_ptr<pbx::Channel> channelByName(const pbx::PbxService& pbx, const std::string& name);

/// Reads `name` as Getvar and Status do: a function call when it ends with ")", else a
/// variable (channel variables and builtins, then globals). "" when unset. `channel` may be
/// null (globals only).
std::string readValue(pbx::PbxService& pbx, pbx::Channel* channel, const std::string& name);

/// "HH:MM:SS" as CoreShowChannels prints a duration.
std::string formatDuration(std::chrono::seconds elapsed);

/// Ends an event list whose items were written raw (items whose ActionID is not right after
/// Event:): `Event / ActionID / EventList: Complete / ListItems: count`, then `extra`.
void completeRawList(manager::AmiRequest& request, std::string_view event, std::size_t count,
                     const manager::AmiFields& extra = {});

}  // namespace sb::modules::manager_calls
