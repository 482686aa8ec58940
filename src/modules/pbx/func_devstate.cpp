/// @file
/// DEVICE_STATE (func_devstate): reads the state of any device, sets custom ones.

#include "core/log/logger.hpp"
#include "modules/pbx/applications.hpp"
#include "modules/pbx/device_states.hpp"

namespace sb::modules::pbx {
namespace {

std::optional<std::string> devstateRead(PbxService& pbx, Channel*, const std::string& args,
                                        std::string&) {
  return std::string(deviceStateName(pbx.deviceStates().state(args)));
}

bool devstateWrite(PbxService& pbx, Channel*, const std::string& args, const std::string& value,
                   std::string&) {
  constexpr std::string_view kPrefix = "Custom:";
  if (args.size() < kPrefix.size() ||
      pbx.deviceStates().canonical(args.substr(0, kPrefix.size())) != kPrefix) {
    SB_WARNING("The DEVICE_STATE function can only be used to set 'Custom:' device state!");
    return false;
  }
  if (args.size() == kPrefix.size()) {
    SB_WARNING("DEVICE_STATE function called with no custom device name!");
    return false;
  }
  const DeviceState state = deviceStateFromName(value);
  if (state == DeviceState::Unknown) {
    SB_ERROR("DEVICE_STATE function given invalid state value '{}'", value);
    return false;
  }
  pbx.deviceStates().setCustom(args, state);
  return true;
}

}  // namespace

Registrations addDeviceStateFunctions(PbxService& pbx) {
  Registrations out;
  FunctionInfo info{devstateRead, devstateWrite, "Get or Set a device state."};
  info.syntax = "DEVICE_STATE(device)";
  info.description =
      "Reads the state of a device (PJSIP/endpoint, SIP/peer, Custom:name) as one of UNKNOWN, "
      "NOT_INUSE, INUSE, BUSY, INVALID, UNAVAILABLE, RINGING, RINGINUSE, ONHOLD. Writing sets "
      "the state of a Custom: device, e.g. Set(DEVICE_STATE(Custom:lamp1)=BUSY).";
  info.providedBy = "func_devstate";
  out += pbx.addFunction("DEVICE_STATE", std::move(info));
  return out;
}

}  // namespace sb::modules::pbx
