#pragma once
/// @file
/// The running server: owns the reactor and every core service, starts the modules, serves
/// the console, and shuts down cleanly.

#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "app/command_line.hpp"
#include "app/main_config.hpp"
#include "core/cli/command_registry.hpp"
#include "core/console/console_server.hpp"
#include "core/module/module_manager.hpp"
#include "core/reactor/activity.hpp"
#include "core/reactor/reactor.hpp"
#include "core/reactor/worker_pool.hpp"
#include "core/store/object_store.hpp"

namespace sb::app {

class Server {
 public:
  Server(CommandLine commandLine, MainConfig mainConfig);
  ~Server();

  /// Starts everything, runs the reactor on the calling thread until a stop, and returns
  /// the process exit status.
  int run();
  /// --check-config: validates every configuration file; prints file:line diagnostics to
  /// stderr and returns 1 if any is an error.
  int checkConfig();

  // Services used by the core commands (reactor thread).
  core::Reactor& reactor() { return reactor_; }
  cli::CommandRegistry& commands() { return commands_; }
  store::ObjectStore& objects() { return objects_; }
  ModuleManager& modules() { return *modules_; }
  core::ActivityTracker& activity() { return activity_; }
  core::WorkerPool& workers() { return workers_; }
  const Paths& paths() const { return main_.paths; }
  const CommandLine& commandLine() const { return commandLine_; }
  const MainConfig& mainConfig() const { return main_; }

  std::chrono::steady_clock::time_point startTime() const { return startTime_; }
  std::chrono::steady_clock::time_point lastReload() const { return lastReload_; }
  void markReloaded() { lastReload_ = std::chrono::steady_clock::now(); }

  bool fullyBooted() const { return fullyBooted_; }
  /// Runs `then` once start-up is complete (at once if it already is).
  void whenFullyBooted(std::function<void()> then);

  /// Stops at once: connections closed, modules unloaded, exit status 0.
  void stopNow(std::string_view why);
  /// Refuses new work, waits for active work to end, then stops. Exit status 0.
  void stopGracefully();
  bool stopping() const { return stopping_; }

  /// Re-reads logger.conf.
  std::vector<std::string> reloadLogger();

 private:
  bool startUp();
  void finishBoot();
  void watchSignals();

  CommandLine commandLine_;
  MainConfig main_;
  core::Reactor reactor_;
  core::WorkerPool workers_{2};
  core::ActivityTracker activity_;
  cli::CommandRegistry commands_;
  store::ObjectStore objects_;
  ServiceRegistry services_;  // declared before the modules that publish into it
  events::EventBus events_;
  ModuleContext context_;
  std::unique_ptr<ModuleManager> modules_;
  std::unique_ptr<console::ConsoleServer> console_;
  std::unique_ptr<boost::asio::signal_set> signals_;
  Registrations coreCommands_;

  std::chrono::steady_clock::time_point startTime_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point lastReload_ = startTime_;
  bool fullyBooted_ = false;
  bool stopping_ = false;
  std::vector<std::function<void()>> bootWaiters_;
};

/// Registers `help`, `core ...`, `module ...`, `config show`, `logger ...`.
Registrations registerCoreCommands(Server& server);

/// "Switchboard <version>"
std::string versionString();

}  // namespace sb::app
