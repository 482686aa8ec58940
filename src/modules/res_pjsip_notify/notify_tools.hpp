#pragma once
/// @file
/// What res_pjsip_notify's AMI actions and console commands share: the sender, a reader of
/// pjsip_notify.conf, and NOTIFYs inside a call's dialog. Reactor thread only.

#include <functional>
#include <memory>
#include <string>

#include "core/cli/command_registry.hpp"
#include "core/store/object_store.hpp"
#include "core/util/registration.hpp"
#include "modules/manager/manager_service.hpp"
#include "modules/res_pjsip_notify/notify_config.hpp"
#include "modules/res_pjsip_notify/notify_sender.hpp"

namespace sb::modules::res_pjsip_notify {

struct NotifyTools {
  std::shared_ptr<NotifySender> sender;
  /// Reads pjsip_notify.conf (on a worker: the file is read on every use, so edits need no
  /// reload) and hands its types to `done` on the reactor.
  std::function<void(std::function<void(NotifyOptions)> done)> readOptions;
  /// Sends `content` in a NOTIFY inside the dialog of the PJSIP channel of that name; false
  /// when there is no such channel (or no PBX), it is not a PJSIP channel, or its call is
  /// not up (res_pjsip_notify's INVALID_CHANNEL).
  std::function<bool(const std::string& name, const NotifyContent& content)> toChannel;
  /// The same for the call whose dialog has that Call-ID (chan_sip's SIPnotify Call-ID:).
  std::function<bool(const std::string& callId, const NotifyContent& content)> toCallId;
  const store::ObjectStore* store = nullptr;
};

/// PJSIPNotify and chan_sip's SIPnotify.
[[nodiscard]] Registrations addNotifyActions(manager::ManagerService& ami, NotifyTools tools);
/// `pjsip send notify <type> endpoint|uri|channel <target>...`.
[[nodiscard]] Registrations addNotifyCommands(cli::CommandRegistry& commands, NotifyTools tools);

/// The action's `Variable:` items (manager::amiVariables) as notify items.
std::vector<NotifyItem> notifyItems(const manager::AmiMessage& message);

}  // namespace sb::modules::res_pjsip_notify
