#include "app/server.hpp"

#include <unistd.h>

#include <fstream>

#include "app/local_console.hpp"
#include "core/log/logger.hpp"
#include "core/log/logger_config.hpp"
#include "core/module/builtin_modules.hpp"

namespace sb::app {

std::string versionString() {
  return std::string("Switchboard ") + SB_VERSION;
}

namespace {

void logDiagnostics(const std::vector<config::Diagnostic>& diagnostics) {
  for (const auto& diagnostic : diagnostics) {
    if (diagnostic.severity == config::Diagnostic::Severity::Error) {
      SB_ERROR("{}", diagnostic.str());
    } else {
      SB_WARNING("{}", diagnostic.str());
    }
  }
}

}  // namespace

Server::Server(CommandLine commandLine, MainConfig mainConfig)
    : commandLine_(std::move(commandLine)),
      main_(std::move(mainConfig)),
      context_{reactor_,  workers_,    commands_, objects_,
               activity_, main_.paths, services_, events_} {
  events_.setTestEvents(commandLine_.testEvents || main_.testEvents);
  modules_ = std::make_unique<ModuleManager>(context_, builtinModules());
}

Server::~Server() {
  coreCommands_.clear();
  if (modules_) {
    modules_->unloadAll();
  }
}

std::vector<std::string> Server::reloadLogger() {
  config::ReaderOptions reader;
  reader.configDir = main_.paths.etc;
  auto parsed = config::parseConfig("logger.conf", reader);
  std::vector<std::string> messages;
  if (!parsed.found) {
    log::Logger::get().configure(log::LoggerConfig::defaults(main_.paths.log));
    return messages;
  }
  auto built = log::buildLoggerConfig(parsed.file, main_.paths.log);
  for (const auto& d : parsed.diagnostics) {
    messages.push_back(d.str());
  }
  for (const auto& d : built.diagnostics) {
    messages.push_back(d.str());
  }
  log::Logger::get().configure(std::move(built.config));
  return messages;
}

bool Server::startUp() {
  std::error_code ignored;
  for (const auto& dir : {main_.paths.run, main_.paths.log, main_.paths.varLib}) {
    std::filesystem::create_directories(dir, ignored);
  }
  auto& logger = log::Logger::get();
  logger.setVerbose(std::max(commandLine_.verbose, main_.verbose));
  logger.setDebug(std::max(commandLine_.debug, main_.debug));
  logger.setStdoutConsole(commandLine_.foreground && !commandLine_.quiet);
  for (const auto& message : reloadLogger()) {
    SB_WARNING("{}", message);
  }
  logger.start();
  SB_NOTICE("{} starting (configuration in {})", versionString(), main_.paths.etc.string());
  if (!main_.found) {
    SB_NOTICE("{} not found: using built-in defaults", main_.paths.mainConfig.string());
  }
  logDiagnostics(main_.diagnostics);
  for (const auto& notice : commandLine_.notices) {
    SB_NOTICE("{}", notice);
  }

  console_ = std::make_unique<console::ConsoleServer>(
      reactor_, commands_, main_.paths.controlSocket(), versionString() + "\n" + [] {
        char host[256] = {};
        ::gethostname(host, sizeof host - 1);
        return std::string(host);
      }() + "\n" + std::to_string(::getpid()));
  if (auto started = console_->start(); !started) {
    SB_ERROR("Cannot start the console: {}", started.error().message);
    return false;
  }

  coreCommands_ = registerCoreCommands(*this);

  config::ReaderOptions reader;
  reader.configDir = main_.paths.etc;
  auto modulesConf = config::parseConfig("modules.conf", reader);
  if (modulesConf.found) {
    logDiagnostics(modulesConf.diagnostics);
  }
  auto plan = modules_->plan(modulesConf.found ? &modulesConf.file : nullptr);
  logDiagnostics(plan.diagnostics);
  for (const auto& notice : plan.notices) {
    SB_NOTICE("{}: {}", notice.where.str(), notice.message);
  }
  logDiagnostics(modules_->startUp(plan.modules));
  SB_VERBOSE(1, "{} modules loaded, {} objects configured", plan.modules.size(),
             objects_.current()->size());

  std::ofstream(main_.paths.pidFile()) << ::getpid() << '\n';
  watchSignals();
  return true;
}

void Server::watchSignals() {
  signals_ = std::make_unique<boost::asio::signal_set>(reactor_.io(), SIGTERM, SIGINT, SIGHUP);
  signals_->async_wait([this](boost::system::error_code error, int signal) {
    if (error) {
      return;
    }
    if (signal == SIGHUP) {
      // As Asterisk does: SIGHUP reloads.
      modules_->reload("", [](bool, std::vector<std::string> messages) {
        for (const auto& message : messages) {
          SB_WARNING("{}", message);
        }
      });
      watchSignals();
      return;
    }
    stopNow(signal == SIGTERM ? "SIGTERM" : "SIGINT");
  });
}

void Server::finishBoot() {
  fullyBooted_ = true;
  SB_NOTICE("{} has fully booted.", versionString());
  SB_VERBOSE(0, "Switchboard Ready.");
  auto waiters = std::move(bootWaiters_);
  for (auto& waiter : waiters) {
    waiter();
  }
}

void Server::whenFullyBooted(std::function<void()> then) {
  if (fullyBooted_) {
    then();
  } else {
    bootWaiters_.push_back(std::move(then));
  }
}

void Server::stopNow(std::string_view why) {
  stopping_ = true;
  SB_NOTICE("Switchboard shutting down ({})", why);
  // Let the current handler (often the `core stop` command) finish writing its reply first.
  reactor_.post([this] {
    if (console_) {
      console_->stop();
    }
    if (signals_) {
      boost::system::error_code ignored;
      signals_->cancel(ignored);
    }
    reactor_.stop();
  });
}

void Server::stopGracefully() {
  if (stopping_) {
    return;
  }
  SB_NOTICE("Switchboard is stopping gracefully: no new work is accepted ({} active)",
            activity_.active());
  activity_.drain([this] { stopNow("graceful"); });
}

int Server::run() {
  if (!startUp()) {
    log::Logger::get().stop();
    return 1;
  }
  std::unique_ptr<LocalConsole> localConsole;
  if (commandLine_.console) {
    localConsole = std::make_unique<LocalConsole>(*this);
  }
  reactor_.post([this, &localConsole] {
    finishBoot();
    if (localConsole) {
      localConsole->start();
    }
  });
  reactor_.run();

  if (localConsole) {
    localConsole->stop();
  }
  coreCommands_.clear();
  modules_->unloadAll();
  workers_.shutdown();
  std::error_code ignored;
  std::filesystem::remove(main_.paths.pidFile(), ignored);
  SB_NOTICE("Switchboard stopped");
  log::Logger::get().stop();
  return 0;
}

}  // namespace sb::app
