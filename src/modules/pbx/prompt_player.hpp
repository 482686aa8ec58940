#pragma once
/// @file
/// Plays sound files (prompts) on a channel's relay stream: found as Asterisk lays them out
/// (<sounds>/<language>/<name>.<ext>), converted to the channel's G.711 law.

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/pbx/channel.hpp"

namespace sb::modules::pbx {

class PbxService;

/// The prompt `name` encoded for `codec` (ulaw or alaw), looked up as Asterisk does:
/// <soundsDir>/<language>/<name>.<ext>, then <soundsDir>/<name>.<ext> (ulaw, alaw, 8 kHz
/// 16-bit mono wav, sln); absolute names as given. std::nullopt when there is none.
std::optional<std::vector<std::uint8_t>> loadPrompt(const std::string& soundsDir,
                                                    const std::string& language,
                                                    const std::string& name,
                                                    const std::string& codec);

enum class PromptOutcome {
  Played,       ///< played to its end (or the channel has no media to play it on)
  Interrupted,  ///< the channel was interrupted (hang-up, redirect) or `stop` said so
  Missing,      ///< no such file (warned about as Asterisk does)
};

/// Plays the prompt `name` on `channel` and waits for its end. `watcher`, when given, is the
/// caller's own (already watching the channel); `stop`, checked each time it wakes, ends the
/// prompt early (a digit pressed).
boost::asio::awaitable<PromptOutcome> playPrompt(PbxService& pbx, std::shared_ptr<Channel> channel,
                                                 std::string name,
                                                 std::shared_ptr<ChannelWatcher> watcher = {},
                                                 std::function<bool()> stop = {});

}  // namespace sb::modules::pbx
