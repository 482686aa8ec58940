#pragma once
/// @file
/// Runs a channel's dialplan as a coroutine on the reactor: each priority's application in
/// turn, Goto jumps, the `i` extension for invalid extensions, the `h` extension after
/// hang-up, then the channel is hung up and released. An application that waits (Dial, Wait,
/// Playback) suspends only this coroutine; the reactor goes on.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "modules/pbx/channel.hpp"

namespace sb::modules::pbx {

class PbxService;

/// Starts the dialplan of `channel` at its context, exten and priority.
void runDialplan(PbxService& pbx, std::shared_ptr<Channel> channel);

/// Runs a subroutine on `channel` and waits for it, as app_stack's gosub_run (Dial's b, B
/// and U options): `target` is a Gosub argument, `[[context,]exten,]priority[(args)]`. The
/// routine ends at its Return, where the dialplan ends, or when the channel hangs up or is
/// redirected; the channel is then back where it was. False when the routine could not
/// start (invalid or missing destination, logged).
boost::asio::awaitable<bool> runSubroutine(PbxService& pbx, std::shared_ptr<Channel> channel,
                                           std::string target);

/// Suspends the calling coroutine until `channel` changes or `deadline` passes; true when
/// the channel changed (or was already hung up).
boost::asio::awaitable<bool> waitForChange(std::shared_ptr<ChannelWatcher> watcher,
                                           std::chrono::steady_clock::time_point deadline);

/// Sleeps for `duration` unless the channel hangs up or is redirected first; false when it
/// hung up.
boost::asio::awaitable<bool> sleepOnChannel(std::shared_ptr<Channel> channel,
                                            std::chrono::steady_clock::duration duration);

}  // namespace sb::modules::pbx
