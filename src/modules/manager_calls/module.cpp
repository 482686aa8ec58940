// manager_calls: Asterisk's core AMI call actions (CoreShowChannels, Status, Hangup, Getvar,
// Setvar, Originate, Redirect: main/manager.c in Asterisk) and app_senddtmf's PlayDTMF. They
// need both the manager and the PBX core, so they live in their own module.
#include "core/module/module.hpp"
#include "core/store/object_store.hpp"
#include "modules/manager/manager_config.hpp"
#include "modules/manager/manager_service.hpp"
#include "modules/manager_calls/call_actions.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::manager_calls {
namespace {

Result<Registrations> load(ModuleContext& context) {
  auto ami = context.services.find<manager::ManagerService>();
  auto pbx = context.services.find<pbx::PbxService>();
  if (!ami || !pbx) {
    return Error{"needs the manager and pbx_config modules"};
  }
  Registrations out;
  // manager.conf channelvars, now and after every reload.
  auto applyChannelVariables = [pbx](const store::ObjectSet& objects) {
    auto general = objects.get<manager::ManagerGeneral>("manager_general", "general");
    pbx->setManagerVariables(general ? general->channelvars : std::vector<std::string>{});
  };
  applyChannelVariables(*context.objects.current());
  out += context.objects.observe(
      [applyChannelVariables](const store::ObjectSet&, const store::ObjectSet& after) {
        applyChannelVariables(after);
      });
  out += Registration([pbx] { pbx->setManagerVariables({}); });
  out += addChannelActions(*ami, pbx);
  out += addVariableActions(*ami, pbx);
  out += addOriginateAction(*ami, pbx);
  out += addRedirectAction(*ami, pbx);
  out += addDtmfActions(*ami, pbx);
  return out;
}

}  // namespace

const ModuleDescriptor& descriptor() {
  static const ModuleDescriptor module{
      .name = "manager_calls",
      .description = "Manager call actions (channels, variables, originate)",
      .dependencies = {"manager", "pbx_config"},
      .support = SupportLevel::Core,
      .autoload = true,
      .objectTypes = {},
      .load = load,
  };
  return module;
}

}  // namespace sb::modules::manager_calls
