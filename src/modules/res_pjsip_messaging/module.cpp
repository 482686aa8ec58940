// res_pjsip_messaging: out-of-dialog SIP MESSAGE requests sent with the AMI action
// MessageSend (pjsip: and chan_sip's sip: destinations).
#include "core/module/module.hpp"
#include "modules/manager/manager_service.hpp"
#include "modules/res_pjsip/location/location_service.hpp"
#include "modules/res_pjsip/sip_service.hpp"
#include "modules/res_pjsip_messaging/message_send_action.hpp"

namespace sb::modules::res_pjsip_messaging {
namespace {

Result<Registrations> load(ModuleContext& context) {
  auto ami = context.services.find<manager::ManagerService>();
  auto sip = context.services.find<res_pjsip::SipService>();
  auto location = context.services.find<res_pjsip::LocationService>();
  if (!ami || !sip || !location) {
    return Error{"needs the manager and res_pjsip modules"};
  }
  auto sender = std::make_shared<MessageSender>(
      std::make_shared<res_pjsip::OutOfDialogSender>(sip->core(), sip->resolver(), context.objects),
      *location, context.objects);
  Registrations out;
  out += addMessageSendAction(*ami, std::move(sender));
  return out;
}

}  // namespace

const ModuleDescriptor& descriptor() {
  static const ModuleDescriptor module{
      .name = "res_pjsip_messaging",
      .description = "PJSIP Messaging Support",
      .dependencies = {"res_pjsip", "manager"},
      .support = SupportLevel::Core,
      .autoload = true,
      .objectTypes = {},
      .load = load,
  };
  return module;
}

}  // namespace sb::modules::res_pjsip_messaging
