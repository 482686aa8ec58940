#pragma once
/// @file
/// Asterisk's log levels, which logger.conf channels select by name.

#include <optional>
#include <string_view>

namespace sb::log {

enum class Level { Debug, Notice, Warning, Error, Verbose, Dtmf, Security };

/// Lower-case name as written in logger.conf ("notice", "security", ...).
std::string_view levelName(Level level);
/// Upper-case name as printed in log lines ("NOTICE", "VERBOSE", ...).
std::string_view levelLabel(Level level);
/// Parses a logger.conf level name; std::nullopt for an unknown one.
std::optional<Level> parseLevel(std::string_view name);

inline constexpr int kLevelCount = 7;

}  // namespace sb::log
