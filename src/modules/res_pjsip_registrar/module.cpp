// res_pjsip_registrar: answers REGISTER for the AORs pjsip.conf describes. With res_pjsip
// alone (no call modules) this is a complete registrar.
#include "core/module/module.hpp"
#include "core/store/object_store.hpp"
#include "modules/res_pjsip/location/location_service.hpp"
#include "modules/res_pjsip/sip_service.hpp"
#include "modules/res_pjsip_registrar/registrar.hpp"

namespace sb::modules::res_pjsip_registrar {
namespace {

Result<Registrations> load(ModuleContext& context) {
  auto sip = context.services.find<res_pjsip::SipService>();
  auto location = context.services.find<res_pjsip::LocationService>();
  if (!sip || !location) {
    return Error{"res_pjsip is not loaded"};
  }
  Registrations out;
  auto registrar = std::make_shared<Registrar>(context.objects, *location);
  auto& pipeline = sip->core().pipeline();
  const auto id = pipeline.add(
      sip::Stage::Handle, "registrar",
      [registrar](sip::IncomingRequest& request) { return registrar->handle(request); },
      sip::Method::Register);
  // The handler holds the registrar; the service outlives this bundle (dependency order).
  out += Registration([sip, id] { sip->core().pipeline().remove(id); });
  return out;
}

}  // namespace

const ModuleDescriptor& descriptor() {
  static const ModuleDescriptor module{
      .name = "res_pjsip_registrar",
      .description = "PJSIP Registrar Support",
      .dependencies = {"res_pjsip"},
      .support = SupportLevel::Core,
      .autoload = true,
      .objectTypes = {},
      .load = load,
  };
  return module;
}

}  // namespace sb::modules::res_pjsip_registrar
