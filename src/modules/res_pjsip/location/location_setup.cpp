#include "modules/res_pjsip/location/location_setup.hpp"

#include <filesystem>

#include "core/log/logger.hpp"
#include "core/reactor/reactor.hpp"
#include "core/store/object_store.hpp"
#include "core/util/paths.hpp"
#include "modules/res_pjsip/settings_config.hpp"

namespace sb::modules::res_pjsip {

Result<std::shared_ptr<LocationService>> openLocation(ModuleContext& context) {
  std::error_code error;
  std::filesystem::create_directories(context.paths.varLib, error);
  if (error) {
    return Error{"cannot create " + context.paths.varLib.string() + ": " + error.message()};
  }
  const auto path = (context.paths.varLib / kStateDatabase).string();
  auto& reactor = context.reactor;
  auto store = ContactStore::open(
      path, [&reactor](std::function<void()> work) { reactor.post(std::move(work)); });
  if (!store) {
    return Error{path + ": " + store.error().message};
  }
  auto location = std::make_shared<LocationService>(reactor.io(), std::move(*store));
  auto restored = location->restore();
  if (!restored) {
    return Error{path + ": " + restored.error().message};
  }
  if (*restored > 0) {
    SB_VERBOSE(1, "Restored {} registered contact(s) from {}", *restored, path);
  }
  unsigned interval = 30;
  if (auto global = context.objects.current()->get<GlobalConfig>("global", "global")) {
    interval = global->contactExpirationCheckInterval;
  }
  location->startSweeping(std::chrono::seconds(interval));
  return location;
}

}  // namespace sb::modules::res_pjsip
