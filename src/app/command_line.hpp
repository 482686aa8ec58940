#pragma once
/// @file
/// Switchboard's command line, shaped like Asterisk's so habits and tooling carry over.

#include <optional>
#include <string>
#include <vector>

namespace sb::app {

struct CommandLine {
  bool foreground = false;             ///< -f: don't fork
  bool console = false;                ///< -c: foreground with an interactive console (implies -f)
  bool remote = false;                 ///< -r: attach to the running server
  std::optional<std::string> execute;  ///< -x "cmd": with -r, run one command and exit
  std::optional<std::string> mainConfig;  ///< -C FILE
  int verbose = 0;                        ///< number of -v
  int debug = 0;                          ///< number of -d
  bool quiet = false;                     ///< -q
  bool checkConfig = false;               ///< --check-config
  bool showVersion = false;               ///< --version / -V
  bool showHelp = false;                  ///< --help / -h
  bool dumpReference = false;             ///< --dump-config-reference (used by the build)
  bool testEvents = false;                ///< --test-events
  std::vector<std::string> notices;       ///< accepted-but-ignored switches, to mention at start
};

/// Parses argv. On a usage error returns std::nullopt and fills `error`.
std::optional<CommandLine> parseCommandLine(int argc, char** argv, std::string& error);

/// The text of --help.
std::string usageText();

}  // namespace sb::app
