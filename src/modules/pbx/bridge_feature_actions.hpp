#pragma once
/// @file
/// Carries out a DTMF feature dialled in a Dial bridge (bridge_basic.c's built-in features):
/// blind transfer (the transferer dials an extension; the transferee goes there and the
/// transferer hangs up) and disconnect (the called party leaves; the caller goes on as after
/// any hang-up of the called party).

#include <boost/asio/awaitable.hpp>

#include <memory>

#include "modules/pbx/bridge.hpp"
#include "modules/pbx/bridge_features.hpp"

namespace sb::modules::pbx {

class PbxService;

/// The bridge Dial made and everything a feature needs of it.
struct FeatureBridge {
  PbxService& pbx;
  BridgeFeatures& features;
  TwoPartyBridge& bridge;
  std::shared_ptr<Channel> caller;
  std::shared_ptr<Channel> callee;
  std::shared_ptr<ChannelWatcher> watcher;  ///< Dial's, watching both channels
};

/// Runs `request` to its end. The bridge goes on afterwards unless a channel hung up or was
/// redirected (Channel::interrupted()).
boost::asio::awaitable<void> runBridgeFeature(FeatureBridge bridge,
                                              BridgeFeatures::Request request);

/// Dial's bridge: answers `caller`, bridges it with `callee` and carries out the DTMF
/// features each may dial (`callerFeatures`, `calleeFeatures`: letters as
/// CHANNEL(dtmf_features) takes them) until either is hung up, redirected or handed over.
/// `watcher` watches both channels.
boost::asio::awaitable<void> bridgeCall(PbxService& pbx, std::shared_ptr<Channel> caller,
                                        std::shared_ptr<Channel> callee,
                                        std::shared_ptr<ChannelWatcher> watcher,
                                        std::string callerFeatures, std::string calleeFeatures);

}  // namespace sb::modules::pbx
