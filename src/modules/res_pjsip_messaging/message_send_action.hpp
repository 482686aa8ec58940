#pragma once
/// @file
/// The AMI action MessageSend (Asterisk's action_messagesend in main/message.c) for the
/// pjsip and sip message technologies.

#include <memory>

#include "core/util/registration.hpp"
#include "modules/manager/manager_service.hpp"
#include "modules/res_pjsip_messaging/message_sender.hpp"

namespace sb::modules::res_pjsip_messaging {

/// Registers MessageSend (write class `message`).
[[nodiscard]] Registration addMessageSendAction(manager::ManagerService& ami,
                                                std::shared_ptr<MessageSender> sender);

}  // namespace sb::modules::res_pjsip_messaging
