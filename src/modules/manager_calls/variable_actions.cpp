// Getvar and Setvar.
#include "core/log/logger.hpp"
#include "modules/manager_calls/call_actions.hpp"
#include "modules/manager_calls/permissions.hpp"

namespace sb::modules::manager_calls {

namespace {

using manager::AmiRequest;
using pbx::PbxService;

void getvar(PbxService& pbx, AmiRequest& request) {
  const std::string name = request.get("Channel");
  const std::string variable = request.get("Variable");
  if (variable.empty()) {
    request.error("No variable specified");
    return;
  }
  if (!functionStringAllowed(variable, request.writeClasses())) {
    request.error("GetVar Access Forbidden: Variable");
    return;
  }
  std::shared_ptr<pbx::Channel> channel;
  if (!name.empty()) {
    channel = channelByName(pbx, name);
    if (!channel) {
      request.error("No such channel");
      return;
    }
  }
  request.success("", {{"Variable", variable}, {"Value", readValue(pbx, channel.get(), variable)}});
}

void setvar(PbxService& pbx, AmiRequest& request) {
  const std::string name = request.get("Channel");
  const std::string variable = request.get("Variable");
  if (variable.empty()) {
    request.error("No variable specified");
    return;
  }
  std::shared_ptr<pbx::Channel> channel;
  if (!name.empty()) {
    channel = channelByName(pbx, name);
    if (!channel) {
      request.error("No such channel");
      return;
    }
  }
  pbx.setVariable(channel.get(), variable, request.get("Value"));
  request.success("Variable Set");
}

}  // namespace

std::string readValue(PbxService& pbx, pbx::Channel* channel, const std::string& name) {
  if (!name.empty() && name.back() == ')') {
    const auto open = name.find('(');
    const auto* function = open == std::string::npos ? nullptr : pbx.function(name.substr(0, open));
    if (!function || !function->read) {
      SB_ERROR("Function {} not registered", name.substr(0, open));
      return "";
    }
    std::string error;
    auto value = function->read(pbx, channel, name.substr(open + 1, name.size() - open - 2), error);
    if (!error.empty()) {
      SB_WARNING("{}", error);
    }
    return value.value_or("");
  }
  return pbx.readVariable(channel, name).value_or("");
}

Registrations addVariableActions(manager::ManagerService& ami, std::shared_ptr<PbxService> pbx) {
  Registrations out;
  std::weak_ptr<PbxService> weak = pbx;
  auto with = [weak](void (*handler)(PbxService&, AmiRequest&)) {
    return [weak, handler](AmiRequest& request) {
      if (auto self = weak.lock()) {
        handler(*self, request);
      } else {
        request.error("No PBX");
      }
    };
  };
  out += ami.addAction("Getvar", events::kCall | events::kReporting,
                       "Gets a channel variable or function value.", with(getvar));
  out += ami.addAction("Setvar", events::kCall, "Sets a channel variable or function value.",
                       with(setvar));
  return out;
}

}  // namespace sb::modules::manager_calls
