#include "modules/pbx/dialplan_runner.hpp"

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/log/logger.hpp"
#include "modules/pbx/gosub.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "pbx/dialplan/app_args.hpp"

namespace sb::modules::pbx {

namespace {

namespace asio = boost::asio;

/// What a run of priorities is for.
enum class RunMode {
  Main,         ///< the channel's dialplan: `i` and autofallthrough apply, redirects are followed
  AfterHangup,  ///< the `h` extension: runs on a hung-up channel
  Subroutine,   ///< a routine an application waits for: ends where the dialplan does
};

/// Runs the priorities from the channel's current location until the dialplan ends, an
/// application asks to hang up, or (unless after hang-up) the channel hangs up.
asio::awaitable<void> runPriorities(PbxService& pbx, std::shared_ptr<Channel> channel,
                                    RunMode mode) {
  const bool afterHangup = mode == RunMode::AfterHangup;
  // Bounded so that a Goto loop without waits cannot hold the reactor for ever.
  constexpr int kMaxStepsWithoutWait = 100000;
  int steps = 0;
  while (afterHangup || !channel->hungUp()) {
    if (!afterHangup && channel->handOverPending()) {
      co_return;  // a transfer takes the channel (runChannel lets go of it)
    }
    auto dialplan = pbx.dialplan();
    if (!dialplan) {
      co_return;
    }
    auto found = dialplan->find(channel->context, channel->exten, channel->priority,
                                channel->caller().number);
    if (!found) {
      if (mode != RunMode::Main) {
        co_return;
      }
      if (dialplan->exists(channel->context, channel->exten, 1, channel->caller().number)) {
        // The extension ran off its last priority: Asterisk's autofallthrough.
        SB_VERBOSE(2, "Auto fallthrough, channel '{}' status is '{}'", channel->name(),
                   channel->variable("DIALSTATUS").value_or("UNKNOWN"));
        co_return;
      }
      if (channel->exten != "i" && dialplan->exists(channel->context, "i", 1)) {
        SB_VERBOSE(3, "Sent into invalid extension '{}' in context '{}' on {}", channel->exten,
                   channel->context, channel->name());
        channel->setVariable("INVALID_EXTEN", channel->exten);
        channel->exten = "i";
        channel->priority = 1;
        continue;
      }
      SB_WARNING(
          "Channel '{}' sent to invalid extension but no invalid handler: "
          "context,exten,priority={},{},{}",
          channel->name(), channel->context, channel->exten, channel->priority);
      co_return;
    }
    const auto& priority = *found->priority;
    const auto* app = pbx.application(priority.app);
    const std::string data = pbx.substitute(channel.get(), priority.data);
    if (!app) {
      SB_WARNING("No application '{}' for extension ({}, {}, {})", priority.app, channel->context,
                 channel->exten, channel->priority);
      co_return;
    }
    channel->appName = priority.app;
    channel->appData = data;
    SB_VERBOSE(3, "Executing [{}@{}:{}] {}(\"{}\", \"{}\") in new stack", channel->exten,
               channel->context, channel->priority, priority.app, channel->name(), data);
    const auto before = std::chrono::steady_clock::now();
    AppResult result = AppResult::Hangup;
    try {
      result = co_await app->run(pbx, channel, data);
    } catch (const std::exception& error) {
      SB_ERROR("Application {} failed on {}: {}", priority.app, channel->name(), error.what());
    }
    if (!afterHangup && channel->handOverPending()) {
      co_return;
    }
    if (mode == RunMode::Subroutine && channel->gotoPending()) {
      // Left for whoever drives the channel once the routine's caller is done.
      SB_ERROR("{} An async goto just messed up our execution location.", channel->name());
      co_return;
    }
    if (!afterHangup && !channel->hungUp() && channel->applyPendingGoto()) {
      // Redirected (AMI Redirect): the new location's priority runs as it is.
      SB_VERBOSE(3, "Channel '{}' redirected to {},{},{}", channel->name(), channel->context,
                 channel->exten, channel->priority);
      continue;
    }
    if (result == AppResult::Hangup) {
      SB_VERBOSE(2, "Spawn extension ({}, {}, {}) exited non-zero on '{}'", channel->context,
                 channel->exten, channel->priority, channel->name());
      co_return;
    }
    ++channel->priority;
    if (std::chrono::steady_clock::now() - before < std::chrono::milliseconds(1) &&
        ++steps > kMaxStepsWithoutWait) {
      SB_WARNING("Channel '{}' ran {} priorities without waiting; hanging up", channel->name(),
                 kMaxStepsWithoutWait);
      co_return;
    }
  }
}

asio::awaitable<void> runChannel(std::shared_ptr<PbxService> owner,
                                 std::shared_ptr<Channel> channel) {
  PbxService& pbx = *owner;
  // A channel redirected before its dialplan started (while ringing) starts there.
  channel->applyPendingGoto();
  co_await runPriorities(pbx, channel, RunMode::Main);
  while (channel->handOverPending() && !channel->hungUp()) {
    // A transfer bridges it elsewhere; it comes back hung up (then `h` runs here as after
    // any call) or redirected.
    channel->dialplanWaiting = true;
    channel->releaseToTaker();
    auto watcher = std::make_shared<ChannelWatcher>(co_await asio::this_coro::executor);
    channel->watch(watcher);
    while (channel->dialplanWaiting && !channel->hungUp()) {
      co_await waitForChange(watcher, std::chrono::steady_clock::time_point::max());
    }
    channel->dialplanWaiting = false;
    if (channel->hungUp() || !channel->applyPendingGoto()) {
      break;
    }
    SB_VERBOSE(3, "Channel '{}' redirected to {},{},{}", channel->name(), channel->context,
               channel->exten, channel->priority);
    co_await runPriorities(pbx, channel, RunMode::Main);
  }
  if (!channel->hungUp()) {
    channel->hangup(channel->hangupCause() ? channel->hangupCause() : cause::kNormalClearing);
  }
  auto dialplan = pbx.dialplan();
  if (dialplan && dialplan->exists(channel->context, "h", 1, channel->caller().number)) {
    channel->exten = "h";
    channel->priority = 1;
    co_await runPriorities(pbx, channel, RunMode::AfterHangup);
  }
  pbx.release(channel);
}

}  // namespace

void runDialplan(PbxService& pbx, std::shared_ptr<Channel> channel) {
  auto self = pbx.shared_from_this();
  // Started from a plain call so that its arguments live in the coroutine's own frame.
  asio::co_spawn(pbx.io(), runChannel(self, channel), [self, channel](std::exception_ptr error) {
    if (error) {
      // runChannel catches application errors; anything else still must not leak.
      channel->hangup(cause::kFailure);
      self->release(channel);
    }
  });
}

asio::awaitable<bool> runSubroutine(PbxService& pbx, std::shared_ptr<Channel> channel,
                                    std::string target) {
  SB_VERBOSE(3, "{} Internal Gosub({}) start", channel->name(), target);
  const Channel::Location saved{channel->context, channel->exten, channel->priority};
  if (!enterGosub(pbx, *channel, target, true)) {
    co_return false;
  }
  ++channel->priority;
  co_await runPriorities(pbx, channel, RunMode::Subroutine);
  if (channel->context == saved.context && channel->exten == saved.exten &&
      channel->priority == saved.priority) {
    SB_VERBOSE(3, "{} Internal Gosub({}) complete GOSUB_RETVAL={}", channel->name(), target,
               channel->variable("GOSUB_RETVAL").value_or(""));
  } else {
    SB_WARNING("{} Abnormal 'Gosub({})' exit.  Popping routine return locations.", channel->name(),
               target);
    dropSubroutineFrames(*channel);
    pbx.setVariable(channel.get(), "GOSUB_RETVAL", "");
  }
  channel->context = saved.context;
  channel->exten = saved.exten;
  channel->priority = saved.priority;
  co_return true;
}

asio::awaitable<bool> waitForChange(std::shared_ptr<ChannelWatcher> watcher,
                                    std::chrono::steady_clock::time_point deadline) {
  if (watcher->consumeSignal()) {
    co_return true;
  }
  boost::system::error_code ec;
  co_await watcher->wait(deadline, asio::redirect_error(asio::use_awaitable, ec));
  co_return watcher->consumeSignal();
}

asio::awaitable<bool> sleepOnChannel(std::shared_ptr<Channel> channel,
                                     std::chrono::steady_clock::duration duration) {
  auto watcher = std::make_shared<ChannelWatcher>(co_await asio::this_coro::executor);
  channel->watch(watcher);
  const auto deadline = std::chrono::steady_clock::now() + duration;
  while (!channel->interrupted() && std::chrono::steady_clock::now() < deadline) {
    co_await waitForChange(watcher, deadline);
  }
  co_return !channel->hungUp();
}

}  // namespace sb::modules::pbx
