#pragma once
/// @file
/// Sends the MESSAGE of one MessageSend (res_pjsip_messaging's msg_send): reads the
/// destination against the current configuration and contacts, builds the request (From
/// and To as given, Variable headers, body as text/plain unless a Content-Type variable
/// says otherwise, no Contact as RFC 3428 wants) and hands it to res_pjsip's
/// OutOfDialogSender: over the flow of a registered contact, else to the located URI. The
/// final answer is only logged. Reactor thread only.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/store/object_store.hpp"
#include "modules/res_pjsip/location/location_service.hpp"
#include "modules/res_pjsip/outbound/out_of_dialog_sender.hpp"

namespace sb::modules::res_pjsip_messaging {

/// What one MessageSend asks for.
struct MessageSendRequest {
  std::string destination;  ///< `pjsip:...` or `sip:...`
  std::string to;           ///< the To when a Destination was given too; "" otherwise
  std::string from;
  std::string body;
  std::vector<std::pair<std::string, std::string>> variables;
};

class MessageSender {
 public:
  MessageSender(std::shared_ptr<res_pjsip::OutOfDialogSender> sender,
                const res_pjsip::LocationService& location, const store::ObjectStore& store);

  /// Sends; false when the MESSAGE could not be sent (reasons are logged). A host name still
  /// being located counts as sent, as the request is then on its way.
  bool send(const MessageSendRequest& request);

 private:
  std::shared_ptr<res_pjsip::OutOfDialogSender> sender_;
  const res_pjsip::LocationService& location_;
  const store::ObjectStore& store_;
};

}  // namespace sb::modules::res_pjsip_messaging
