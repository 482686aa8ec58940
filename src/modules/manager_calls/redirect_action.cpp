// Redirect: sends a channel (and optionally a second one) to a new dialplan location, with
// manager.c's checks, messages and order.
#include <fmt/format.h>

#include <cstdlib>

#include "modules/manager_calls/call_actions.hpp"

namespace sb::modules::manager_calls {

namespace {

using manager::AmiRequest;
using pbx::Channel;
using pbx::PbxService;

/// Priority: as manager.c reads it: a leading number (sscanf "%d"), else a label of the
/// extension. 0 when neither (Asterisk then answers "... is invalid").
int resolvePriority(const PbxService& pbx, const std::string& context, const std::string& exten,
                    const std::string& text) {
  char* end = nullptr;
  const long number = std::strtol(text.c_str(), &end, 10);
  if (end != text.c_str()) {
    return number > 0 && number < 1'000'000'000 ? static_cast<int>(number) : 0;
  }
  auto dialplan = pbx.dialplan();
  if (!dialplan) {
    return 0;
  }
  return dialplan->findLabel(context, exten, text).value_or(0);
}

void redirect(PbxService& pbx, AmiRequest& request) {
  const std::string name = request.get("Channel");
  const std::string name2 = request.get("ExtraChannel");
  const std::string exten = request.get("Exten");
  const std::string exten2 = request.get("ExtraExten");
  const std::string context = request.get("Context");
  const std::string context2 = request.get("ExtraContext");
  const std::string priority = request.get("Priority");
  const std::string priority2 = request.get("ExtraPriority");
  if (name.empty()) {
    request.error("Channel not specified");
    return;
  }
  if (context.empty()) {
    request.error("Context not specified");
    return;
  }
  if (exten.empty()) {
    request.error("Exten not specified");
    return;
  }
  if (priority.empty()) {
    request.error("Priority not specified");
    return;
  }
  const int number = resolvePriority(pbx, context, exten, priority);
  if (number < 1) {
    request.error("Priority is invalid");
    return;
  }
  int number2 = 0;
  // Asterisk checks the Extra* location only when both ExtraChannel and ExtraContext are
  // given; an ExtraChannel alone follows the first channel.
  if (!name2.empty() && !context2.empty()) {
    if (exten2.empty()) {
      request.error("ExtraExten not specified");
      return;
    }
    if (priority2.empty()) {
      request.error("ExtraPriority not specified");
      return;
    }
    number2 = resolvePriority(pbx, context2, exten2, priority2);
    if (number2 < 1) {
      request.error("ExtraPriority is invalid");
      return;
    }
  }
  auto channel = channelByName(pbx, name);
  if (!channel) {
    request.error(fmt::format("Channel does not exist: {}", name));
    return;
  }
  if (channel->hungUp()) {
    request.error("Redirect failed, channel not up.");
    return;
  }
  if (name2.empty()) {
    if (pbx.redirect(*channel, {context, exten, number})) {
      request.success("Redirect successful");
    } else {
      request.error("Redirect failed");
    }
    return;
  }
  auto channel2 = channelByName(pbx, name2);
  if (!channel2) {
    request.error(fmt::format("ExtraChannel does not exist: {}", name2));
    return;
  }
  if (channel2->hungUp()) {
    request.error("Redirect failed, extra channel not up.");
    return;
  }
  // Both requests are filed before either driver acts (everything runs on the reactor), so a
  // bridge between the two is left by both: Asterisk's BRIDGE_DUAL_REDIRECT_WAIT.
  if (!pbx.redirect(*channel, {context, exten, number})) {
    request.error("Redirect failed");
    return;
  }
  const bool second = context2.empty() ? pbx.redirect(*channel2, {context, exten, number})
                                       : pbx.redirect(*channel2, {context2, exten2, number2});
  if (second) {
    request.success("Dual Redirect successful");
  } else {
    request.error("Secondary redirect failed");
  }
}

}  // namespace

Registrations addRedirectAction(manager::ManagerService& ami, std::shared_ptr<PbxService> pbx) {
  Registrations out;
  std::weak_ptr<PbxService> weak = pbx;
  out += ami.addAction("Redirect", events::kCall, "Redirect (transfer) a call.",
                       [weak](AmiRequest& request) {
                         if (auto self = weak.lock()) {
                           redirect(*self, request);
                         } else {
                           request.error("No PBX");
                         }
                       });
  return out;
}

}  // namespace sb::modules::manager_calls
