#include "modules/pbx/transfer_extension.hpp"

#include <algorithm>
#include <chrono>
#include <functional>

#include "core/log/logger.hpp"
#include "modules/pbx/dialplan_runner.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "modules/pbx/prompt_player.hpp"

namespace sb::modules::pbx {

namespace {

namespace asio = boost::asio;
using ChannelPtr = std::shared_ptr<Channel>;
using Clock = std::chrono::steady_clock;

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

}  // namespace

/// get_transfer_context: TRANSFER_CONTEXT, else the transferer's context, else "default".
std::string transferContext(PbxService& pbx, Channel& transferer) {
  if (auto context = pbx.readVariable(&transferer, "TRANSFER_CONTEXT");
      context && !context->empty()) {
    return *context;
  }
  return transferer.context.empty() ? "default" : transferer.context;
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
    std::function<bool()> digitPressed = [&] { return bridge.features.hasDigit(*transferer); };
    co_await playPrompt(pbx, transferer, config.transferAnnounceSound, bridge.watcher,
                        digitPressed);
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

asio::awaitable<TransferDestination> dialTransferDestination(FeatureBridge& bridge,
                                                             const ChannelPtr& transferer) {
  bridge.bridge.unlinkMedia();
  bridge.features.collect(*transferer, true);
  TransferDestination destination{transferContext(bridge.pbx, *transferer), std::nullopt};
  destination.exten = co_await grabTransferExtension(bridge, transferer, destination.context);
  bridge.features.collect(*transferer, false);
  co_return destination;
}

}  // namespace sb::modules::pbx
