// PlayDTMF: a digit played to (or, with Receive, as if heard from) a channel, as app_senddtmf's
// manager action does.
#include <algorithm>
#include <charconv>

#include "core/store/option_parsers.hpp"
#include "modules/manager_calls/call_actions.hpp"

namespace sb::modules::manager_calls {

namespace {

using manager::AmiRequest;
using pbx::PbxService;

void playDtmf(PbxService& pbx, AmiRequest& request) {
  auto channel = channelByName(pbx, request.get("Channel"));
  if (!channel) {
    request.error("Channel not found");
    return;
  }
  const std::string digit = request.get("Digit");
  if (digit.empty()) {
    request.error("No digit specified");
    return;
  }
  // sscanf("%u") as Asterisk reads it: leading digits count, the rest is ignored.
  unsigned durationMs = 0;
  if (const std::string duration = request.get("Duration"); !duration.empty()) {
    const auto [end, error] =
        std::from_chars(duration.data(), duration.data() + duration.size(), durationMs);
    if (error != std::errc() || end == duration.data()) {
      request.error("Could not convert Duration parameter");
      return;
    }
  }
  // The answer goes before the digit's DTMF events.
  request.success("DTMF successfully queued");
  if (store::parseBoolean(request.get("Receive")).value_or(false)) {
    channel->receiveDigit(digit.front(), durationMs, pbx::DigitSource::Local);
  } else {
    // ast_senddigit_external: 100 ms at least.
    channel->sendDigit(digit.front(), std::max(durationMs, 100u));
  }
}

}  // namespace

Registrations addDtmfActions(manager::ManagerService& ami, std::shared_ptr<PbxService> pbx) {
  Registrations out;
  std::weak_ptr<PbxService> weak = pbx;
  out += ami.addAction("PlayDTMF", events::kCall, "Play DTMF signal on a specific channel.",
                       [weak](AmiRequest& request) {
                         if (auto self = weak.lock()) {
                           playDtmf(*self, request);
                         } else {
                           request.error("No PBX");
                         }
                       });
  return out;
}

}  // namespace sb::modules::manager_calls
