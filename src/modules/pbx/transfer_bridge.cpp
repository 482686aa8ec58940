#include "modules/pbx/transfer_bridge.hpp"

#include <boost/asio/co_spawn.hpp>

#include "core/log/logger.hpp"
#include "modules/pbx/bridge.hpp"
#include "modules/pbx/dialplan_runner.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::pbx {

namespace {

namespace asio = boost::asio;
using ChannelPtr = std::shared_ptr<Channel>;
using Clock = std::chrono::steady_clock;

/// How long the old drivers get to let go of the channels (they do so within one reactor
/// turn of waking up; this only guards against a channel nobody drives).
constexpr auto kHandOverWait = std::chrono::seconds(10);

/// After the bridge: a channel handed on goes to its next taker, a redirected one runs the
/// dialplan there; any other is hung up (with the cause the other side left with) and
/// released. A channel whose dialplan waits for it goes back to it instead (the dialplan then
/// goes on at the redirect, or runs `h` and releases it).
void afterBridge(PbxService& pbx, const ChannelPtr& channel, const ChannelPtr& other) {
  if (channel->handOverPending() && !channel->hungUp()) {
    channel->releaseToTaker();
    return;
  }
  const bool redirected = channel->gotoPending() && !channel->hungUp();
  if (!redirected) {
    const int cause =
        other->hungUp() && other->hangupCause() ? other->hangupCause() : cause::kNormalClearing;
    channel->hangup(cause);
  }
  if (channel->dialplanWaiting) {
    channel->returnToDialplan();
  } else if (redirected) {
    pbx.startDialplan(channel);
  } else {
    pbx.release(channel);
  }
}

asio::awaitable<void> holdTransferBridge(std::shared_ptr<PbxService> owner, ChannelPtr a,
                                         ChannelPtr b, std::string id) {
  PbxService& pbx = *owner;
  auto watcher = std::make_shared<ChannelWatcher>(co_await asio::this_coro::executor);
  a->watch(watcher);
  b->watch(watcher);
  const auto settled = [](const Channel& channel) {
    return channel.hungUp() || channel.releasedToTaker();
  };
  const auto deadline = Clock::now() + kHandOverWait;
  while (!(settled(*a) && settled(*b)) && Clock::now() < deadline) {
    co_await waitForChange(watcher, deadline);
  }
  // A channel that hung up before it was let go stays with its old driver, which releases it.
  const bool ownA = a->releasedToTaker();
  const bool ownB = b->releasedToTaker();
  if (ownA) {
    a->takeOver();
  }
  if (ownB) {
    b->takeOver();
  }
  if (ownA && ownB && !a->hungUp() && !b->hungUp()) {
    TwoPartyBridge bridge(pbx, a, b, id);
    bridge.connect();
    // bridge_reconfigured's connected line update (Dial's bridges inhibit it): each party is
    // now connected to the other.
    a->setConnected(b->caller());
    b->setConnected(a->caller());
    while (!a->interrupted() && !b->interrupted()) {
      co_await waitForChange(watcher, Clock::time_point::max());
      bridge.refresh();
    }
  } else {
    SB_VERBOSE(3, "Transfer bridge of {} and {} not made: a party left first", a->name(),
               b->name());
  }
  if (ownA) {
    afterBridge(pbx, a, b);
  } else if (!settled(*a)) {
    a->hangup(cause::kNormalClearing);  // its driver releases it
  }
  if (ownB) {
    afterBridge(pbx, b, a);
  } else if (!settled(*b)) {
    b->hangup(cause::kNormalClearing);
  }
}

}  // namespace

void startTransferBridge(PbxService& pbx, ChannelPtr a, ChannelPtr b, std::string id) {
  for (const auto& channel : {a, b}) {
    if (!channel->releasedToTaker()) {
      channel->requestHandOver();
    }
  }
  auto owner = pbx.shared_from_this();
  // Started from a plain call so that its arguments live in the coroutine's own frame.
  asio::co_spawn(pbx.io(), holdTransferBridge(owner, a, b, std::move(id)),
                 [owner, a, b](std::exception_ptr error) {
                   if (!error) {
                     return;
                   }
                   for (const auto& channel : {a, b}) {
                     channel->hangup(cause::kFailure);
                     owner->release(channel);
                   }
                 });
}

}  // namespace sb::modules::pbx
