#pragma once
/// @file
/// Turns a parsed logger.conf into a LoggerConfig, reporting problems with file:line.

#include <filesystem>
#include <vector>

#include "core/config/config_file.hpp"
#include "core/log/logger.hpp"

namespace sb::log {

struct LoggerConfigResult {
  LoggerConfig config;
  std::vector<config::Diagnostic> diagnostics;
};

/// `[general]` dateformat (and other Asterisk keys, accepted), `[logfiles]` channels written
/// `name => [format]level,level,verbose(N)` (`*` means every level).
LoggerConfigResult buildLoggerConfig(const config::ConfigFile& file, std::filesystem::path logDir);

}  // namespace sb::log
