#include "modules/pbx/bridge_feature_actions.hpp"

#include <chrono>
#include <optional>
#include <string>

#include "core/log/logger.hpp"
#include "modules/pbx/attended_transfer.hpp"
#include "modules/pbx/dialplan_runner.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "modules/pbx/transfer_events.hpp"
#include "modules/pbx/transfer_extension.hpp"

namespace sb::modules::pbx {

namespace {

namespace asio = boost::asio;
using ChannelPtr = std::shared_ptr<Channel>;
using Clock = std::chrono::steady_clock;

asio::awaitable<void> blindTransfer(FeatureBridge bridge, ChannelPtr transferer) {
  auto& pbx = bridge.pbx;
  auto transferee = transferer == bridge.caller ? bridge.callee : bridge.caller;
  SB_VERBOSE(3, "Channel {}: Started DTMF blind transfer.", transferer->name());
  const auto destination = co_await dialTransferDestination(bridge, transferer);
  const std::string& context = destination.context;
  const auto& exten = destination.exten;
  if (transferer->interrupted() || transferee->interrupted()) {
    co_return;
  }
  if (!exten) {
    bridge.bridge.connect();
    co_return;
  }
  SB_DEBUG(1, "Channel {}: Blind transfer target '{}@{}'", transferer->name(), *exten, context);
  // What ast_bridge_transfer_blind leaves on the transferee.
  transferee->setVariable("BLINDTRANSFER", transferer->name());
  transferee->removeVariable("ATTENDEDTRANSFER");
  auto event = blindTransferFields(pbx, TransferResult::Success, *transferer, transferee.get(),
                                   context, *exten, false);
  pbx.redirect(*transferee, {context, *exten, 1});
  transferer->hangup(cause::kNormalClearing);
  pbx.publish("BlindTransfer", events::kCall, std::move(event));
}

}  // namespace

asio::awaitable<void> runBridgeFeature(FeatureBridge bridge, BridgeFeatures::Request request) {
  if (request.feature == kBlindTransfer) {
    co_await blindTransfer(bridge, request.channel);
  } else if (request.feature == kAttendedTransfer) {
    co_await attendedTransfer(bridge, request.channel);
  } else if (request.feature == kDisconnect) {
    // The called party leaves (h), or the caller ends the bridge (H): either way the called
    // party is hung up and the caller goes on as Dial's options say.
    bridge.callee->hangup(cause::kNormalClearing);
  }
}

asio::awaitable<void> bridgeCall(PbxService& pbx, ChannelPtr caller, ChannelPtr callee,
                                 std::shared_ptr<ChannelWatcher> watcher,
                                 std::string callerFeatures, std::string calleeFeatures) {
  BridgeFeatures features(pbx.io(), pbx.features(), watcher);
  features.enable(caller, callerFeatures);
  features.enable(callee, calleeFeatures);
  TwoPartyBridge bridge(pbx, caller, callee);
  caller->answer();
  bridge.connect();
  // Named, not a braced argument of the coroutine call: GCC 12 destroys such a temporary
  // twice (its shared_ptrs were released early and the watcher freed under its waiter).
  const FeatureBridge context{pbx, features, bridge, caller, callee, watcher};
  // A redirect or hand-over of either side ends the bridge as a hang-up would.
  while (!caller->interrupted() && !callee->interrupted()) {
    auto request = features.takeRequest();
    if (request) {
      co_await runBridgeFeature(context, std::move(*request));
    } else {
      co_await waitForChange(watcher, Clock::time_point::max());
      bridge.refresh();
    }
  }
}

}  // namespace sb::modules::pbx
