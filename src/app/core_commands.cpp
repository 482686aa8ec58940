// The core's console commands: help, core, module, config and logger.
#include <fmt/format.h>
#include <sys/utsname.h>

#include <regex>

#include "app/server.hpp"
#include "core/log/logger.hpp"

namespace sb::app {
namespace {

using cli::Arguments;
using cli::ReplyPtr;
using cli::Status;

std::string formatDuration(std::chrono::seconds total) {
  // Asterisk's layout: "1 hour, 2 minutes, 3 seconds"
  struct Unit {
    long long seconds;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{31536000, "year"}, {604800, "week"}, {86400, "day"},
                                    {3600, "hour"},     {60, "minute"},   {1, "second"}};
  long long left = total.count();
  std::string out;
  for (const auto& unit : kUnits) {
    const long long n = left / unit.seconds;
    left %= unit.seconds;
    if (n > 0 || (unit.seconds == 1 && out.empty())) {
      if (!out.empty()) {
        out += ", ";
      }
      out += fmt::format("{} {}{}", n, unit.name, n == 1 ? "" : "s");
    }
  }
  return out;
}

std::string levelList(const std::string& levels) {
  std::string out;
  for (const auto& item : store::splitList(levels)) {
    std::string upper = item;
    for (auto& c : upper) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    out += upper + " ";
  }
  return out;
}

void printConfigFile(const config::ParseResult& parsed, const ReplyPtr& reply) {
  bool first = true;
  for (const auto& section : parsed.file.sections) {
    if (section.isTemplate) {
      continue;
    }
    reply->write(fmt::format("{}[{}]\n", first ? "" : "\n", section.name));
    first = false;
    for (const auto& variable : section.variables) {
      reply->write(fmt::format("{} {} {}\n", variable.name, variable.objectLine ? "=>" : "=",
                               variable.value));
    }
  }
}

}  // namespace

Registrations registerCoreCommands(Server& server) {
  Registrations out;
  auto& commands = server.commands();

  auto help = [&commands](const Arguments& args, ReplyPtr reply) {
    const std::string prefix = args.get("command").value_or("");
    std::string text = commands.help(prefix);
    if (text.empty()) {
      reply->write(fmt::format("No such command '{}'.\n", prefix));
      reply->finish(Status::Failure);
      return;
    }
    reply->write(text);
  };
  out += commands.add(
      {"help [<command>...]", "Display help list, or specific help on a command", "", help});
  out += commands.add({"core show help [<command>...]",
                       "Display help list, or specific help on a command", "", help});

  out += commands.add(
      {"core show version", "Display version info", "", [](const Arguments&, ReplyPtr reply) {
         utsname system{};
         ::uname(&system);
         reply->write(fmt::format("{} built for a {} running {}\n", versionString(), system.machine,
                                  system.sysname));
       }});

  out += commands.add(
      {"core show uptime [seconds]", "Show uptime information", "",
       [&server](const Arguments& args, ReplyPtr reply) {
         const auto now = std::chrono::steady_clock::now();
         const auto up = std::chrono::duration_cast<std::chrono::seconds>(now - server.startTime());
         const auto reload =
             std::chrono::duration_cast<std::chrono::seconds>(now - server.lastReload());
         if (args.words().size() > 3) {
           reply->write(
               fmt::format("System uptime: {}\nLast reload: {}\n", up.count(), reload.count()));
         } else {
           reply->write(fmt::format("System uptime: {}\nLast reload: {}\n", formatDuration(up),
                                    formatDuration(reload)));
         }
       }});

  out += commands.add(
      {"core show settings", "Show some core settings", "",
       [&server](const Arguments&, ReplyPtr reply) {
         const auto& paths = server.paths();
         const auto& logger = log::Logger::get();
         reply->write("\nPBX Core settings\n-----------------\n");
         reply->write(fmt::format("  Version:                     {}\n", SB_VERSION));
         reply->write(
             fmt::format("  System name:                 {}\n", server.mainConfig().systemName));
         reply->write(fmt::format("  Root console verbosity:      {}\n", logger.verbose()));
         reply->write(fmt::format("  Core debug level:            {}\n", logger.debug()));
         reply->write(
             fmt::format("  Main configuration file:     {}\n", paths.mainConfig.string()));
         reply->write(fmt::format("  Fully booted:                {}\n",
                                  server.fullyBooted() ? "Yes" : "No"));
         reply->write("\n* Directories\n -------------\n");
         reply->write(
             fmt::format("  Configuration file:          {}\n", paths.mainConfig.string()));
         reply->write(fmt::format("  Configuration directory:     {}\n", paths.etc.string()));
         reply->write(fmt::format("  Variable library directory:  {}\n", paths.varLib.string()));
         reply->write(fmt::format("  Data directory:              {}\n", paths.data.string()));
         reply->write(fmt::format("  Spool directory:             {}\n", paths.spool.string()));
         reply->write(fmt::format("  Run/Sockets directory:       {}\n", paths.run.string()));
         reply->write(fmt::format("  Log directory:               {}\n", paths.log.string()));
         reply->write("\n");
       }});

  out += commands.add({"core stop now", "Shut down Switchboard immediately", "",
                       [&server](const Arguments&, ReplyPtr reply) {
                         reply->finish(Status::Success);
                         server.stopNow("core stop now");
                       }});
  auto graceful = [&server](const Arguments&, ReplyPtr reply) {
    reply->finish(Status::Success);
    server.stopGracefully();
  };
  out += commands.add({"core stop gracefully", "Gracefully shut down Switchboard", "", graceful});
  out += commands.add(
      {"core stop when convenient", "Shut down Switchboard at empty call volume", "", graceful});

  out += commands.add({"core waitfullybooted", "Wait for Switchboard to be fully booted", "",
                       [&server](const Arguments&, ReplyPtr reply) {
                         server.whenFullyBooted([reply] {
                           reply->write(versionString() + " has fully booted.\n");
                           reply->write("Asterisk has fully booted.\n");
                           reply->finish(Status::Success);
                         });
                       }});

  out += commands.add({"core set verbose <level:uint>", "Set level of verbose messages", "",
                       [](const Arguments& args, ReplyPtr reply) {
                         auto& logger = log::Logger::get();
                         const int before = logger.verbose();
                         const int after = static_cast<int>(*args.integer("level"));
                         logger.setVerbose(after);
                         if (after == before) {
                           reply->write(fmt::format("Verbosity is at least {}\n", after));
                         } else if (after == 0) {
                           reply->write("Verbosity is now OFF\n");
                         } else {
                           reply->write(
                               fmt::format("Verbosity was {} and is now {}\n", before, after));
                         }
                       }});
  auto setDebug = [](int after, const ReplyPtr& reply) {
    auto& logger = log::Logger::get();
    const int before = logger.debug();
    logger.setDebug(after);
    if (after == 0) {
      reply->write("Core debug is now OFF\n");
    } else if (after == before) {
      reply->write(fmt::format("Core debug is at least {}\n", after));
    } else {
      reply->write(fmt::format("Core debug was {} and is now {}\n", before, after));
    }
  };
  out += commands.add({"core set debug <level:uint>", "Set level of debug messages", "",
                       [setDebug](const Arguments& args, ReplyPtr reply) {
                         setDebug(static_cast<int>(*args.integer("level")), reply);
                       }});
  out += commands.add({"core set debug off", "Turn off debug messages", "",
                       [setDebug](const Arguments&, ReplyPtr reply) { setDebug(0, reply); }});

  auto reloadAll = [&server](const Arguments& args, ReplyPtr reply) {
    const std::string name = args.get("module").value_or("");
    std::vector<std::string> loggerMessages;
    if (name.empty() || name == "logger") {
      loggerMessages = server.reloadLogger();
      if (name == "logger") {
        for (const auto& message : loggerMessages) {
          reply->write(message + "\n");
        }
        reply->write("Module 'logger' reloaded successfully.\n");
        return;
      }
    }
    server.modules().reload(name, [&server, reply, name, loggerMessages](
                                      bool ok, std::vector<std::string> messages) {
      for (const auto& message : loggerMessages) {
        reply->write(message + "\n");
      }
      for (const auto& message : messages) {
        reply->write(message + "\n");
      }
      if (!ok) {
        reply->write(name.empty()
                         ? "Reload failed; nothing was changed.\n"
                         : fmt::format("Module '{}' reload failed; nothing was changed.\n", name));
        reply->finish(Status::Failure);
        return;
      }
      server.markReloaded();
      if (!name.empty()) {
        reply->write(fmt::format("Module '{}' reloaded successfully.\n", name));
      }
      reply->finish(Status::Success);
    });
  };
  out += commands.add(
      {"module reload [<module>]", "Reload configuration for a module", "", reloadAll});
  out += commands.add({"core reload", "Global reload", "", reloadAll});

  out +=
      commands.add({"module load <module>", "Load a module by name", "",
                    [&server](const Arguments& args, ReplyPtr reply) {
                      server.modules().load(*args.get("module"),
                                            [reply](bool ok, std::vector<std::string> messages) {
                                              for (const auto& message : messages) {
                                                reply->write(message + "\n");
                                              }
                                              reply->finish(ok ? Status::Success : Status::Failure);
                                            });
                    }});
  out += commands.add({"module unload <module>", "Unload a module by name", "",
                       [&server](const Arguments& args, ReplyPtr reply) {
                         const std::string name = moduleBaseName(*args.get("module"));
                         if (auto unloaded = server.modules().unload(name); !unloaded) {
                           reply->write(unloaded.error().message + "\n");
                           reply->finish(Status::Failure);
                           return;
                         }
                         reply->write(fmt::format("Unloaded {}\n", name));
                       }});

  out += commands.add(
      {"module show [like <pattern>]", "List modules and info", "",
       [&server](const Arguments& args, ReplyPtr reply) {
         const auto pattern = args.get("pattern");
         reply->write(fmt::format("{:<30} {:<40} {:<10} {:<11} {:>13}\n", "Module", "Description",
                                  "Use Count", "Status", "Support Level"));
         int shown = 0;
         for (const auto& module : server.modules().status()) {
           const std::string fileName = module.name + ".so";
           if (pattern && fileName.find(*pattern) == std::string::npos) {
             continue;
           }
           reply->write(fmt::format(
               "{:<30} {:<40.40} {:<10} {:<11} {:>13}\n", fileName, module.description, 0,
               module.running ? "Running" : "Not Running", supportLevelName(module.support)));
           ++shown;
         }
         reply->write(fmt::format("{} modules loaded\n", shown));
       }});

  out += commands.add(
      {"config show <file>", "Show a configuration file as loaded (templates applied)", "",
       [&server](const Arguments& args, ReplyPtr reply) {
         config::ReaderOptions reader;
         reader.configDir = server.paths().etc;
         const std::string file = *args.get("file");
         // Reading a file is blocking I/O: do it on a worker.
         server.workers().offload(
             server.reactor(), [reader, file] { return config::parseConfig(file, reader); },
             [reply, file](config::ParseResult parsed) {
               if (!parsed.found) {
                 reply->write(fmt::format("Unable to open {}\n", file));
                 reply->finish(Status::Failure);
                 return;
               }
               for (const auto& d : parsed.diagnostics) {
                 reply->write("; " + d.str() + "\n");
               }
               printConfigFile(parsed, reply);
               reply->finish(parsed.ok() ? Status::Success : Status::Failure);
             });
       }});

  out += commands.add({"logger show channels", "List configured log channels", "",
                       [](const Arguments&, ReplyPtr reply) {
                         reply->write(fmt::format("{:<35} {:<8} {:<10} {:<9} {}\n", "Channel",
                                                  "Type", "Formatter", "Status", "Configuration"));
                         reply->write(fmt::format("{:<35} {:<8} {:<10} {:<9} {}\n", "-------",
                                                  "----", "---------", "------", "-------------"));
                         for (const auto& channel : log::Logger::get().channelStatus()) {
                           reply->write(fmt::format(
                               "{:<35} {:<8} {:<10} {:<9} - {}\n",
                               channel.type == "Console" ? "" : channel.channel, channel.type,
                               channel.format, channel.status, levelList(channel.configuration)));
                         }
                       }});
  out += commands.add({"logger rotate", "Rotates and reopens the log files", "",
                       [](const Arguments&, ReplyPtr reply) {
                         log::Logger::get().rotate();
                         reply->write("Log files rotated\n");
                       }});
  out += commands.add(
      {"logger reload", "Reopens the log files", "", [&server](const Arguments&, ReplyPtr reply) {
         for (const auto& message : server.reloadLogger()) {
           reply->write(message + "\n");
         }
         reply->write("Logger reloaded\n");
       }});
  return out;
}

}  // namespace sb::app
