// switchboard: entry point. Parses the command line and becomes a server, a remote console,
// or a configuration checker.
#include <fcntl.h>
#include <unistd.h>

#include <iostream>

#include "app/command_line.hpp"
#include "app/main_config.hpp"
#include "app/reference_doc.hpp"
#include "app/remote_console.hpp"
#include "app/server.hpp"

namespace {

/// Detaches from the terminal like Asterisk does without -f/-c.
bool daemonize() {
  const pid_t child = ::fork();
  if (child < 0) {
    return false;
  }
  if (child > 0) {
    ::_exit(0);
  }
  ::setsid();
  const int null = ::open("/dev/null", O_RDWR);
  if (null >= 0) {
    ::dup2(null, STDIN_FILENO);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    if (null > STDERR_FILENO) {
      ::close(null);
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sb::app;
  std::string error;
  auto commandLine = parseCommandLine(argc, argv, error);
  if (!commandLine) {
    std::cerr << "switchboard: " << error << "\nTry 'switchboard --help' for more information.\n";
    return 2;
  }
  if (commandLine->showHelp) {
    std::cout << usageText();
    return 0;
  }
  if (commandLine->showVersion) {
    std::cout << versionString() << '\n';
    return 0;
  }
  if (commandLine->dumpReference) {
    std::cout << configReferenceMarkdown();
    return 0;
  }
  const auto mainConfigPath = commandLine->mainConfig
                                  ? std::filesystem::path(*commandLine->mainConfig)
                                  : defaultMainConfigPath();
  auto mainConfig = loadMainConfig(mainConfigPath);
  if (commandLine->mainConfig && !mainConfig.found) {
    std::cerr << "switchboard: " << mainConfigPath.string()
              << ": file not found (using built-in defaults)\n";
  }
  if (commandLine->remote) {
    return runRemoteConsole(mainConfig.paths.controlSocket(), commandLine->execute);
  }
  if (commandLine->checkConfig) {
    Server server(*commandLine, std::move(mainConfig));
    return server.checkConfig();
  }
  if (!commandLine->foreground && !daemonize()) {
    std::cerr << "switchboard: cannot fork\n";
    return 1;
  }
  Server server(*commandLine, std::move(mainConfig));
  return server.run();
}
