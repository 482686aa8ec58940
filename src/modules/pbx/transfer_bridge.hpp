#pragma once
/// @file
/// The bridge a transfer makes between two channels that sit in other bridges (attended
/// transfer: the two far parties; INVITE with Replaces: the replaced channel's peer and the
/// new call). Each channel is handed over by whoever drives it (Channel::requestHandOver),
/// then a small owner holds a TwoPartyBridge of the two until either leaves it and hangs
/// the other up, as the Dial that made a bridge does.

#include <memory>
#include <string>

#include "modules/pbx/channel.hpp"

namespace sb::modules::pbx {

class PbxService;

/// Starts the owner coroutine for the bridge `id` of `a` and `b`. Both are asked to be
/// handed over unless already released to a taker.
void startTransferBridge(PbxService& pbx, std::shared_ptr<Channel> a, std::shared_ptr<Channel> b,
                         std::string id);

}  // namespace sb::modules::pbx
