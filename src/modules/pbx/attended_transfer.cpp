#include "modules/pbx/attended_transfer.hpp"

#include <chrono>
#include <optional>
#include <string>

#include "core/log/logger.hpp"
#include "modules/pbx/dialplan_runner.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "modules/pbx/prompt_player.hpp"
#include "modules/pbx/transfer_events.hpp"
#include "modules/pbx/transfer_extension.hpp"

namespace sb::modules::pbx {

namespace {

namespace asio = boost::asio;
using ChannelPtr = std::shared_ptr<Channel>;
using Clock = std::chrono::steady_clock;

/// How a consultation ended.
enum class Outcome {
  Complete,   ///< join transferee and target
  Back,       ///< the transferer goes back to the transferee
  Abandoned,  ///< the transferee left: nothing to transfer
};

/// Calls exten@context for the transferer as a Local channel; null when it cannot be called.
ChannelPtr callTarget(PbxService& pbx, const ChannelPtr& transferer, const std::string& exten,
                      const std::string& context, const std::shared_ptr<ChannelWatcher>& watcher) {
  auto driver = pbx.driver("Local");
  int failure = 0;
  auto legs = driver ? driver->request(exten + "@" + context, transferer.get(), failure)
                     : std::vector<ChannelPtr>{};
  if (legs.empty()) {
    return nullptr;
  }
  auto target = legs.front();
  target->appName = "AppDial";
  target->appData = "(Outgoing Line)";
  pbx.announce(*target);
  target->watch(watcher);
  target->call();
  return target;
}

/// The consultation: the transferer with the target (once it answers) until it ends;
/// atxferswap moves the transferer between the target and the transferee (`swapped`: it is
/// with the transferee when the consultation ends).
asio::awaitable<Outcome> consult(FeatureBridge& bridge, const ChannelPtr& transferer,
                                 const ChannelPtr& transferee, const ChannelPtr& target,
                                 bool& swapped) {
  auto& pbx = bridge.pbx;
  const auto& config = pbx.features();
  const auto deadline = Clock::now() + std::chrono::seconds(config.atxferNoAnswerTimeout);
  std::optional<TwoPartyBridge> talking;
  while (true) {
    if (transferee->interrupted()) {
      co_return Outcome::Abandoned;
    }
    const bool answered = target->state() == ChannelState::Up && !target->hungUp();
    if (target->hungUp()) {
      co_return Outcome::Back;
    }
    if (transferer->hungUp()) {
      // Asterisk's blond transfer: a ringing target is handed to the transferee.
      co_return Outcome::Complete;
    }
    if (!answered && Clock::now() >= deadline) {
      SB_VERBOSE(3, "Channel {}: attended transfer target did not answer", transferer->name());
      target->hangup(cause::kNoAnswer);
      co_return Outcome::Back;
    }
    if (answered && !talking) {
      talking.emplace(pbx, transferer, target);
      talking->connect();
    }
    if (auto request = bridge.features.takeRequest()) {
      if (request->feature == kTransferComplete) {
        co_return Outcome::Complete;
      }
      if (request->feature == kTransferAbort) {
        target->hangup(cause::kNormalClearing);
        co_return Outcome::Back;
      }
      if (request->feature == kTransferSwap && talking) {
        if (swapped) {
          bridge.bridge.unlinkMedia();
          talking->reattach();
          talking->connect();
        } else {
          talking->unlinkMedia();
          bridge.bridge.reattach();
          bridge.bridge.connect();
        }
        swapped = !swapped;
        SB_VERBOSE(3, "Channel {}: attended transfer swapped to {}", transferer->name(),
                   swapped ? transferee->name() : target->name());
      } else if (request->feature == kTransferThreeway) {
        SB_WARNING("Channel {}: three-way attended transfers are not supported",
                   transferer->name());
      }
    }
    co_await waitForChange(bridge.watcher, answered ? Clock::time_point::max() : deadline);
    if (talking) {
      talking->refresh();
    }
  }
}

}  // namespace

asio::awaitable<void> attendedTransfer(FeatureBridge bridge, ChannelPtr transferer) {
  auto& pbx = bridge.pbx;
  const auto& config = pbx.features();
  auto transferee = transferer == bridge.caller ? bridge.callee : bridge.caller;
  SB_VERBOSE(3, "Channel {}: Started DTMF attended transfer.", transferer->name());
  const auto destination = co_await dialTransferDestination(bridge, transferer);
  const std::string& context = destination.context;
  const auto& exten = destination.exten;
  if (transferer->interrupted() || transferee->interrupted()) {
    co_return;
  }
  ChannelPtr target =
      exten ? callTarget(pbx, transferer, *exten, context, bridge.watcher) : nullptr;
  if (!target) {
    if (exten && !config.xferFailSound.empty()) {
      co_await playPrompt(pbx, transferer, config.xferFailSound, bridge.watcher);
    }
    bridge.bridge.connect();
    co_return;
  }
  // The consultation's codes replace the transferer's own until it ends.
  bridge.features.useCodes(*transferer, {{std::string(kTransferAbort), config.atxferAbort},
                                         {std::string(kTransferComplete), config.atxferComplete},
                                         {std::string(kTransferThreeway), config.atxferThreeway},
                                         {std::string(kTransferSwap), config.atxferSwap}});
  bool swapped = false;
  const Outcome outcome = co_await consult(bridge, transferer, transferee, target, swapped);
  bridge.features.restoreCodes(*transferer);
  bridge.bridge.reattach();
  if (outcome == Outcome::Abandoned) {
    // The transferee left: the transferer and the target stay together.
    if (!transferer->hungUp() && !target->hungUp()) {
      pbx.bridgeTogether(transferer, target);
      target->releaseToTaker();
    } else {
      target->hangup(cause::kNormalClearing);
      pbx.release(target);
    }
    co_return;
  }
  if (outcome == Outcome::Back) {
    pbx.release(target);
    if (!transferer->hungUp()) {
      if (!swapped && !config.xferFailSound.empty()) {
        co_await playPrompt(pbx, transferer, config.xferFailSound, bridge.watcher);
      }
      bridge.bridge.connect();
    }
    co_return;
  }
  transferee->setVariable("ATTENDEDTRANSFER", transferer->name());
  transferee->removeVariable("BLINDTRANSFER");
  auto fields =
      attendedTransferFields(pbx, TransferResult::Success, *transferer, bridge.bridge.id(),
                             *transferer, {}, transferee.get(), target.get(), false);
  const std::string joined = pbx.bridgeTogether(transferee, target);
  target->releaseToTaker();  // nothing else drives the Local channel
  SB_VERBOSE(3, "Attended transfer by '{}': '{}' and '{}' bridged in {}", transferer->name(),
             transferee->name(), target->name(), joined);
  transferer->hangup(cause::kNormalClearing);
  fields.emplace_back("DestType", "Bridge");
  fields.emplace_back("DestBridgeUniqueid", joined);
  pbx.publish("AttendedTransfer", events::kCall, std::move(fields));
}

}  // namespace sb::modules::pbx
