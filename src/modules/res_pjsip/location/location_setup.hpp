#pragma once
/// @file
/// Opens the durable contact store (astvarlibdir/switchboard.sqlite3) and the location
/// service over it, restoring every contact that was acknowledged before the last stop.

#include <memory>

#include "core/module/module.hpp"
#include "modules/res_pjsip/location/location_service.hpp"

namespace sb::modules::res_pjsip {

/// The file name of the state database inside astvarlibdir.
inline constexpr const char* kStateDatabase = "switchboard.sqlite3";

Result<std::shared_ptr<LocationService>> openLocation(ModuleContext& context);

}  // namespace sb::modules::res_pjsip
