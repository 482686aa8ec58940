#pragma once
/// @file
/// `switchboard -r` and `-rx`: a client of the server's control socket.

#include <filesystem>
#include <optional>
#include <string>

namespace sb::app {

/// Attaches to the server at `socketPath`. With `command`, runs it, prints its output and
/// returns its status; otherwise runs an interactive console until exit/quit or end of input.
int runRemoteConsole(const std::filesystem::path& socketPath,
                     const std::optional<std::string>& command);

}  // namespace sb::app
