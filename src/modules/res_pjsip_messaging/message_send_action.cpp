// MessageSend: Destination (or To) names where the message goes; with both, To is the To
// header. Body, or Base64Body which wins; Variable lines become headers. Answers with
// Asterisk's texts.
#include "modules/res_pjsip_messaging/message_send_action.hpp"

#include "core/util/base64.hpp"
#include "modules/manager/ami_variables.hpp"
#include "modules/res_pjsip_messaging/message_destination.hpp"

namespace sb::modules::res_pjsip_messaging {

namespace {

void messageSend(MessageSender& sender, manager::AmiRequest& request) {
  MessageSendRequest message;
  message.destination = request.get("Destination");
  if (message.destination.empty()) {
    message.destination = request.get("To");
    if (message.destination.empty()) {
      request.error("No 'To' address specified.");
      return;
    }
  } else {
    message.to = request.get("To");
  }
  message.body = request.get("Body");
  if (const std::string encoded = request.get("Base64Body"); !encoded.empty()) {
    // Asterisk decodes whatever it is given; a body that is not base64 is refused here.
    auto decoded = util::decodeBase64(encoded);
    if (!decoded) {
      request.error("Base64Body is not valid base64.");
      return;
    }
    message.body = std::move(*decoded);
  }
  if (!technologyOf(message.destination)) {
    request.error("Message technology not found.");
    return;
  }
  message.from = request.get("From");
  message.variables = manager::amiVariables(request.message());
  if (sender.send(message)) {
    request.success("Message successfully sent");
  } else {
    request.error("Message failed to send.");
  }
}

}  // namespace

Registration addMessageSendAction(manager::ManagerService& ami,
                                  std::shared_ptr<MessageSender> sender) {
  return ami.addAction("MessageSend", events::kMessage,
                       "Send an out of call message to an endpoint.",
                       [sender](manager::AmiRequest& request) { messageSend(*sender, request); });
}

}  // namespace sb::modules::res_pjsip_messaging
