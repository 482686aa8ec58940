// res_pjsip_outbound_registration: keeps this server registered at other SIP servers
// (`type=registration` in pjsip.conf), with Asterisk's options, states and commands.
#include "core/module/module.hpp"
#include "core/store/object_store.hpp"
#include "modules/res_pjsip/sip_service.hpp"
#include "modules/res_pjsip_outbound_registration/registration_commands.hpp"
#include "modules/res_pjsip_outbound_registration/registration_config.hpp"
#include "modules/res_pjsip_outbound_registration/registration_service.hpp"
#include "modules/res_pjsip_outbound_registration/registry_adapter.hpp"

namespace sb::modules::res_pjsip_outbound_registration {
namespace {

Result<Registrations> load(ModuleContext& context) {
  auto sip = context.services.find<res_pjsip::SipService>();
  if (!sip) {
    return Error{"res_pjsip is not loaded"};
  }
  Registrations out;
  auto service = std::make_shared<RegistrationService>(
      RegistrationClient::Deps{*sip, context.objects, context.events});
  // Registered first so that it runs last: unregister everything on unload, while the
  // SIP service (a dependency) is still there.
  out += Registration([service, sip] { service->stopAll(); });
  service->start();
  out += context.services.provide(service);
  out += context.services.provide<res_pjsip::OutboundRegistry>(
      std::make_shared<RegistryAdapter>(service));
  addRegistrationCommands(out, context.commands, context.objects, service);
  return out;
}

}  // namespace

const ModuleDescriptor& descriptor() {
  static const ModuleDescriptor module{
      .name = "res_pjsip_outbound_registration",
      .description = "PJSIP Outbound Registration Support",
      .dependencies = {"res_pjsip"},
      .support = SupportLevel::Core,
      .autoload = true,
      .objectTypes = [] { return std::vector{registrationType()}; },
      .load = load,
  };
  return module;
}

}  // namespace sb::modules::res_pjsip_outbound_registration
