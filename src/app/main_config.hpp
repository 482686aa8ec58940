#pragma once
/// @file
/// switchboard.conf: asterisk.conf's format and names ([directories], [options], [files]).

#include <filesystem>
#include <string>
#include <vector>

#include "core/config/config_file.hpp"
#include "core/util/paths.hpp"

namespace sb::app {

struct MainConfig {
  Paths paths;
  int verbose = 0;
  int debug = 0;
  std::string systemName;
  bool testEvents = false;
  bool found = false;  ///< false when the file did not exist and defaults are in force
  std::vector<config::Diagnostic> diagnostics;
};

/// Where Switchboard looks when -C is not given.
std::filesystem::path defaultMainConfigPath();

/// Reads the main configuration. Relative directory names are taken relative to the folder
/// holding the file, so a checkout's configs/switchboard.conf can point at ../var.
MainConfig loadMainConfig(const std::filesystem::path& file);

}  // namespace sb::app
