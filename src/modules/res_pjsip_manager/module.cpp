// res_pjsip_manager: the chan_pjsip and chan_sip AMI actions, in their own module so that a
// registrar-only build needs neither the manager nor these.
#include "core/module/module.hpp"
#include "core/store/object_store.hpp"
#include "modules/manager/manager_service.hpp"
#include "modules/res_pjsip/location/location_service.hpp"
#include "modules/res_pjsip/qualify/qualifier.hpp"
#include "modules/res_pjsip_manager/pjsip_actions.hpp"

namespace sb::modules::res_pjsip_manager {
namespace {

Result<Registrations> load(ModuleContext& context) {
  auto ami = context.services.find<manager::ManagerService>();
  auto location = context.services.find<res_pjsip::LocationService>();
  auto qualifier = context.services.find<res_pjsip::Qualifier>();
  if (!ami || !location || !qualifier) {
    return Error{"needs the manager and res_pjsip modules"};
  }
  Registrations out;
  auto outbound = [&services = context.services] {
    return services.find<res_pjsip::OutboundRegistry>();
  };
  out += addPjsipActions(*ami, {context.objects, location, qualifier});
  out += addLegacySipActions(*ami, {context.objects, location, qualifier, outbound});
  out += addOutboundRegistrationActions(*ami, {context.objects, location, qualifier, outbound});
  return out;
}

}  // namespace

const ModuleDescriptor& descriptor() {
  static const ModuleDescriptor module{
      .name = "res_pjsip_manager",
      .description = "PJSIP and legacy SIP manager actions",
      .dependencies = {"res_pjsip", "manager"},
      .support = SupportLevel::Core,
      .autoload = true,
      .objectTypes = {},
      .load = load,
  };
  return module;
}

}  // namespace sb::modules::res_pjsip_manager
