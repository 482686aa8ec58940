// manager: the Asterisk Manager Interface (AMI) over TCP, configured by manager.conf.
#include "core/module/module.hpp"
#include "modules/manager/ami_actions.hpp"
#include "modules/manager/ami_server.hpp"
#include "modules/manager/manager_config.hpp"
#include "modules/manager/manager_service.hpp"

namespace sb::modules::manager {
namespace {

Result<Registrations> load(ModuleContext& context) {
  Registrations out;
  auto actions = std::make_shared<ManagerService>();
  auto server = std::make_shared<AmiServer>(context, actions);
  // Undone in reverse: the service is withdrawn and the built-in actions removed before the
  // listener and sessions close.
  out += Registration([server] { server->stop(); });
  out += addBuiltinActions(*actions, *server);
  out += context.services.provide(actions);
  server->start();
  return out;
}

}  // namespace

const ModuleDescriptor& descriptor() {
  static const ModuleDescriptor module{
      .name = "manager",
      .description = "Asterisk Manager Interface",
      .dependencies = {},
      .support = SupportLevel::Core,
      .autoload = true,
      .objectTypes =
          [] {
            return std::vector<std::shared_ptr<const store::ObjectTypeBase>>{managerGeneralType(),
                                                                             managerUserType()};
          },
      .load = load,
  };
  return module;
}

}  // namespace sb::modules::manager
