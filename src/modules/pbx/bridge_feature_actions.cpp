#include "modules/pbx/bridge_feature_actions.hpp"

#include <chrono>
#include <optional>
#include <string>

#include "core/log/logger.hpp"
#include "modules/pbx/dialplan_runner.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "modules/pbx/prompt_player.hpp"
#include "modules/pbx/transfer_events.hpp"

namespace sb::modules::pbx {

namespace {

namespace asio = boost::asio;
using ChannelPtr = std::shared_ptr<Channel>;
using Clock = std::chrono::steady_clock;

/// get_transfer_context: TRANSFER_CONTEXT, else the transferer's context, else "default".
std::string transferContext(PbxService& pbx, Channel& transferer) {
  if (auto context = pbx.readVariable(&transferer, "TRANSFER_CONTEXT");
      context && !context->empty()) {
    return *context;
  }
  return transferer.context.empty() ? "default" : transferer.context;
}

/// The next digit `transferer` dials within `timeout`; std::nullopt on timeout or hang-up.
asio::awaitable<std::optional<char>> nextDigit(FeatureBridge& bridge, Channel& transferer,
                                               std::chrono::seconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!transferer.interrupted()) {
    if (auto digit = bridge.features.takeDigit(transferer)) {
      co_return digit;
    }
    if (Clock::now() >= deadline) {
      break;
    }
    co_await waitForChange(bridge.watcher, deadline);
  }
  co_return std::nullopt;
}

/// ast_app_dtget: digits until `#`, a timeout, or one that leaves nothing longer to match;
/// true when `exten` then exists in `context`.
asio::awaitable<bool> dialExtension(FeatureBridge& bridge, const ChannelPtr& transferer,
                                    const std::string& context, std::string& exten) {
  const auto& config = bridge.pbx.features();
  auto dialplan = bridge.pbx.dialplan();
  const std::string callerId = transferer->caller().number;
  while (exten.size() < 79) {
    auto digit =
        co_await nextDigit(bridge, *transferer, std::chrono::seconds(config.transferDigitTimeout));
    if (!digit || *digit == '#') {
      break;
    }
    exten += *digit;
    if (!dialplan || !dialplan->canMatchMore(context, exten, callerId)) {
      break;
    }
  }
  co_return dialplan && dialplan->exists(context, exten, 1, callerId);
}

/// grab_transfer: the extension the transferer dials (TRANSFER_EXTEN when set and valid),
/// after the announcement, with transferdialattempts tries; std::nullopt when none.
asio::awaitable<std::optional<std::string>> grabTransferExtension(FeatureBridge& bridge,
                                                                  const ChannelPtr& transferer,
                                                                  const std::string& context) {
  auto& pbx = bridge.pbx;
  auto dialplan = pbx.dialplan();
  const std::string preset = pbx.readVariable(transferer.get(), "TRANSFER_EXTEN").value_or("");
  if (!preset.empty()) {
    if (dialplan && dialplan->exists(context, preset, 1, transferer->caller().number)) {
      SB_VERBOSE(3, "Transferring call to '{}@{}'", preset, context);
      co_return preset;
    }
    SB_WARNING("Override extension '{}' does not exist in context '{}'", preset, context);
  }
  const auto& config = pbx.features();
  std::string exten;
  if (!config.transferAnnounceSound.empty()) {
    co_await playPrompt(pbx, transferer, config.transferAnnounceSound, bridge.watcher,
                        [&] { return bridge.features.hasDigit(*transferer); });
    if (transferer->interrupted()) {
      co_return std::nullopt;
    }
    const auto first = bridge.features.takeDigit(*transferer);
    if (first) {
      exten += *first;  // the digit that cut the announcement short
    }
  }
  for (unsigned attempt = 1; attempt <= std::max(1u, config.transferDialAttempts); ++attempt) {
    if (co_await dialExtension(bridge, transferer, context, exten)) {
      co_return exten;
    }
    if (transferer->interrupted()) {
      co_return std::nullopt;
    }
    if (exten.empty()) {
      SB_VERBOSE(3, "Channel {}: Dialed no digits.", transferer->name());
    } else {
      SB_VERBOSE(3, "Channel {}: Dialed '{}@{}' does not exist.", transferer->name(), exten,
                 context);
    }
    const bool last = attempt >= config.transferDialAttempts;
    const std::string& sound = last ? config.transferInvalidSound : config.transferRetrySound;
    if (!sound.empty()) {
      co_await playPrompt(pbx, transferer, sound, bridge.watcher);
    }
    exten.clear();
  }
  co_return std::nullopt;
}

asio::awaitable<void> blindTransfer(FeatureBridge bridge, ChannelPtr transferer) {
  auto& pbx = bridge.pbx;
  auto transferee = transferer == bridge.caller ? bridge.callee : bridge.caller;
  SB_VERBOSE(3, "Channel {}: Started DTMF blind transfer.", transferer->name());
  // The transferee is held (hears nothing) while the transferer dials.
  bridge.bridge.unlinkMedia();
  bridge.features.collect(*transferer, true);
  const std::string context = transferContext(pbx, *transferer);
  auto exten = co_await grabTransferExtension(bridge, transferer, context);
  bridge.features.collect(*transferer, false);
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
  // A redirect or hand-over of either side ends the bridge as a hang-up would.
  // Named, not a braced argument of the coroutine call: GCC 12 destroys such a temporary
  // twice (its shared_ptrs were released early and the watcher freed under its waiter).
  const FeatureBridge context{pbx, features, bridge, caller, callee, watcher};
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
