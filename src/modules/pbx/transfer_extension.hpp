#pragma once
/// @file
/// Where a DTMF transfer goes (bridge_basic.c's get_transfer_context and grab_transfer): the
/// context, and the extension the transferer dials after the announcement.

#include <boost/asio/awaitable.hpp>

#include <memory>
#include <optional>
#include <string>

#include "modules/pbx/bridge_feature_actions.hpp"

namespace sb::modules::pbx {

/// TRANSFER_CONTEXT, else the transferer's context, else "default".
std::string transferContext(PbxService& pbx, Channel& transferer);

/// The extension `transferer` dials in `context` (its digits must be collected for it:
/// BridgeFeatures::collect): TRANSFER_EXTEN when set and valid, else after
/// transferannouncesound, with transferdialattempts tries; std::nullopt when none is valid
/// or the transferer left.
boost::asio::awaitable<std::optional<std::string>> grabTransferExtension(
    FeatureBridge& bridge, const std::shared_ptr<Channel>& transferer, const std::string& context);

/// Where the transferer wants the transferee to go.
struct TransferDestination {
  std::string context;
  std::optional<std::string> exten;  ///< std::nullopt: no valid extension was dialled
};

/// The common start of a DTMF transfer: the transferee is held (the bridge's media is
/// unlinked and stays so), the transferer's digits are collected while it dials the
/// extension (grabTransferExtension in transferContext).
boost::asio::awaitable<TransferDestination> dialTransferDestination(
    FeatureBridge& bridge, const std::shared_ptr<Channel>& transferer);

}  // namespace sb::modules::pbx
