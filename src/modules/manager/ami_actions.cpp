#include "modules/manager/ami_actions.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <random>

#include "core/cli/command_registry.hpp"
#include "core/events/event_bus.hpp"
#include "core/module/module.hpp"
#include "core/store/option_parsers.hpp"
#include "modules/manager/ami_server.hpp"
#include "modules/manager/ami_session.hpp"
#include "modules/manager/manager_service.hpp"

namespace sb::modules::manager {
namespace {

using events::kCommand;
using events::kConfig;
using events::kReporting;
using events::kSystem;
using events::kUser;

std::string privilege(std::uint32_t classes) {
  return classes == 0 ? "<none>" : events::classNames(classes) + ",all";
}

std::string nowTimestamp() {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return fmt::format("{}.{:06}", micros / 1000000, micros % 1000000);
}

/// Runs a console command and calls `done` with its status and output.
void runCommand(cli::CommandRegistry& commands, const std::string& line,
                std::function<void(cli::Status, std::string)> done) {
  commands.execute(line, std::make_shared<cli::BufferedReply>(std::move(done)));
}

void addSessionActions(Registrations& out, ManagerService& actions, AmiServer& server) {
  out += actions.addAction("Login", 0, "Login Manager.",
                           [&server](AmiRequest& request) { server.login(request); });
  out += actions.addAction("Challenge", 0, "Generate Challenge for MD5 Auth.",
                           [](AmiRequest& request) {
                             auto session = request.session();
                             if (!session) {
                               return;
                             }
                             if (!equalsNoCase(request.get("AuthType"), "MD5")) {
                               request.error("Must specify AuthType");
                               return;
                             }
                             if (session->challenge().empty()) {
                               static std::mt19937_64 random{std::random_device{}()};
                               session->challenge() = std::to_string(random() % 2147483648ULL);
                             }
                             request.success({}, {{"Challenge", session->challenge()}});
                           });
  out += actions.addAction("Logoff", 0, "Logoff Manager.", [](AmiRequest& request) {
    request.respond("Goodbye", "Thanks for all the fish.");
    if (auto session = request.session()) {
      session->closeAfterFlush();
    }
  });
  out += actions.addAction("Ping", 0, "Keepalive command.", [](AmiRequest& request) {
    request.success({}, {{"Ping", "Pong"}, {"Timestamp", nowTimestamp()}});
  });
  out += actions.addAction("Events", 0, "Control Event Flow.", [](AmiRequest& request) {
    auto session = request.session();
    if (!session) {
      return;
    }
    const auto text = request.get("EventMask");
    if (store::trimmed(text).empty()) {
      request.error("Invalid event mask");
      return;
    }
    const auto mask = parseEventMask(text);
    session->setEventMask(mask);
    request.success({}, {{"Events", mask != 0 ? "On" : "Off"}});
  });
  out += actions.addAction("Filter", kSystem,
                           "Dynamically add filters for the current manager session.",
                           [](AmiRequest& request) {
                             auto session = request.session();
                             if (!session) {
                               return;
                             }
                             const auto operation = request.get("Operation");
                             if (!operation.empty() && !equalsNoCase(operation, "Add")) {
                               request.error("Unknown operation");
                               return;
                             }
                             const auto filter = request.get("Filter");
                             if (filter.empty() || session->filters().add("eventfilter", filter)) {
                               request.error("Filter Not Provided or invalid");
                               return;
                             }
                             request.success("Success");
                           });
  out += actions.addAction("WaitEvent", 0, "Wait for an event to occur.", [](AmiRequest& request) {
    auto session = request.session();
    if (!session) {
      return;
    }
    int timeout = -1;
    if (const auto text = request.get("Timeout"); !text.empty()) {
      timeout = std::max(-1, std::atoi(text.c_str()));
    }
    session->waitEvent(request.shared(), timeout);
  });
}

void addCoreActions(Registrations& out, ManagerService& actions, AmiServer& server) {
  auto& commands = server.context().commands;
  out += actions.addAction(
      "Command", kCommand, "Execute Asterisk CLI Command.", [&commands](AmiRequest& request) {
        const auto line = request.get("Command");
        if (line.empty()) {
          request.error("No command provided");
          return;
        }
        const auto words = cli::splitWords(line);
        auto is = [&words](std::string_view a, std::string_view b) {
          return words.size() >= 2 && equalsNoCase(words[0], a) && equalsNoCase(words[1], b);
        };
        if (is("module", "load") || is("module", "unload") || is("restart", "gracefully")) {
          request.error("Command blacklisted");
          return;
        }
        runCommand(commands, line, [keep = request.shared()](cli::Status, std::string output) {
          std::string text;
          appendAmiLine(text, "Response", "Success");
          if (!keep->actionId().empty()) {
            appendAmiLine(text, "ActionID", keep->actionId());
          }
          appendAmiLine(text, "Message", "Command output follows");
          std::size_t start = 0;
          while (start < output.size()) {
            auto end = output.find('\n', start);
            if (end == std::string::npos) {
              end = output.size();
            }
            auto lineText = std::string_view(output).substr(start, end - start);
            if (!lineText.empty() && lineText.back() == '\r') {
              lineText.remove_suffix(1);
            }
            if (!lineText.empty()) {
              appendAmiLine(text, "Output", lineText);
            }
            start = end + 1;
          }
          text += "\r\n";
          keep->sendRaw(std::move(text));
        });
      });
  out += actions.addAction(
      "ListCommands", 0, "List available manager commands.", [&actions](AmiRequest& request) {
        std::string text;
        appendAmiLine(text, "Response", "Success");
        if (!request.actionId().empty()) {
          appendAmiLine(text, "ActionID", request.actionId());
        }
        for (const auto* action : actions.list()) {
          if (ManagerService::allowed(*action, request.writeClasses())) {
            appendAmiLine(
                text, action->name,
                fmt::format("{} (Priv: {})", action->synopsis, privilege(action->writeClasses)));
          }
        }
        text += "\r\n";
        request.sendRaw(std::move(text));
      });
  out += actions.addAction("CoreSettings", kSystem | kReporting,
                           "Show PBX core settings (version etc).", [](AmiRequest& request) {
                             request.success({}, {{"AMIversion", "11.0.0"},
                                                  {"AsteriskVersion", SB_VERSION},
                                                  {"SystemName", ""},
                                                  {"CoreMaxCalls", "0"},
                                                  {"CoreMaxLoadAvg", "0.000000"},
                                                  {"CoreRunUser", ""},
                                                  {"CoreRunGroup", ""},
                                                  {"CoreMaxFilehandles", "0"},
                                                  {"CoreRealTimeEnabled", "No"},
                                                  {"CoreCDRenabled", "No"},
                                                  {"CoreHTTPenabled", "No"},
                                                  {"SoundsSearchCustomDir", "No"}});
                           });
  out += actions.addAction("CoreStatus", kSystem | kReporting, "Show PBX core status variables.",
                           [&server](AmiRequest& request) {
                             const auto [up, reload] = server.uptime();
                             const auto now = std::chrono::system_clock::now();
                             auto local = [](std::chrono::system_clock::time_point when) {
                               const auto t = std::chrono::system_clock::to_time_t(when);
                               std::tm tm{};
                               localtime_r(&t, &tm);
                               return tm;
                             };
                             const auto started = local(now - std::chrono::seconds(up));
                             const auto reloaded = local(now - std::chrono::seconds(reload));
                             request.success(
                                 {}, {{"CoreStartupDate", fmt::format("{:%Y-%m-%d}", started)},
                                      {"CoreStartupTime", fmt::format("{:%H:%M:%S}", started)},
                                      {"CoreReloadDate", fmt::format("{:%Y-%m-%d}", reloaded)},
                                      {"CoreReloadTime", fmt::format("{:%H:%M:%S}", reloaded)},
                                      {"CoreCurrentCalls", "0"}});
                           });
  out += actions.addAction("UserEvent", kUser, "Send an arbitrary event.",
                           [&server](AmiRequest& request) {
                             const auto name = request.get("UserEvent");
                             events::Event event;
                             event.name = "UserEvent";
                             event.classes = kUser;
                             event.fields.emplace_back("UserEvent", name);
                             for (const auto& [key, value] : request.message().headers) {
                               if (equalsNoCase(key, "Action") || equalsNoCase(key, "ActionID") ||
                                   equalsNoCase(key, "UserEvent")) {
                                 continue;
                               }
                               event.fields.emplace_back(key, value);
                             }
                             request.success("Event Sent");
                             server.context().events.publish(std::move(event));
                           });
  out += actions.addAction(
      "Reload", kSystem | kConfig, "Send a reload event.", [&commands](AmiRequest& request) {
        const auto module = request.get("Module");
        const auto line = module.empty() ? std::string("core reload") : "module reload " + module;
        runCommand(commands, line,
                   [keep = request.shared(), module](cli::Status status, std::string output) {
                     if (status == cli::Status::Success) {
                       keep->success("Module Reloaded.");
                     } else if (output.find("not properly initialized") != std::string::npos ||
                                output.find("No such module") != std::string::npos) {
                       keep->error("No such module.");
                     } else {
                       keep->error("Module reload failed.");
                     }
                   });
      });
  out += actions.addAction(
      "ModuleLoad", kSystem, "Module management.", [&commands](AmiRequest& request) {
        const auto type = request.get("LoadType");
        const auto module = request.get("Module");
        if (type.empty()) {
          request.error("Incomplete ModuleLoad action.");
          return;
        }
        std::string line;
        std::string ok;
        std::string failed;
        if (equalsNoCase(type, "load")) {
          line = "module load " + module;
          ok = "Module loaded.";
          failed = "Could not load module.";
        } else if (equalsNoCase(type, "unload")) {
          line = "module unload " + module;
          ok = "Module unloaded.";
          failed = "Could not unload module.";
        } else if (equalsNoCase(type, "reload")) {
          line = module.empty() ? "core reload" : "module reload " + module;
          ok = "Module reloaded.";
          failed = "No such module.";
        } else {
          request.error("Incomplete ModuleLoad action.");
          return;
        }
        if (module.empty() && !equalsNoCase(type, "reload")) {
          request.error("Need module name");
          return;
        }
        runCommand(commands, line,
                   [keep = request.shared(), ok, failed](cli::Status status, std::string) {
                     if (status == cli::Status::Success) {
                       keep->success(ok);
                     } else {
                       keep->error(failed);
                     }
                   });
      });
}

}  // namespace

std::uint32_t parseEventMask(std::string_view mask) {
  const auto trimmed = store::trimmed(mask);
  if (trimmed.empty()) {
    return 0;
  }
  if (auto boolean = store::parseBoolean(trimmed)) {
    return *boolean ? events::kAllClasses : 0;
  }
  return events::parseClasses(trimmed);
}

void dispatchAction(const ManagerService& actions, AmiServer& server,
                    const std::shared_ptr<AmiSession>& session, AmiMessage message) {
  auto request = std::make_shared<AmiRequest>(
      std::move(message),
      [weak = std::weak_ptr<AmiSession>(session)](std::string text) {
        if (auto target = weak.lock()) {
          target->send(std::move(text));
        }
      },
      session);
  request->setUser(session->username(), session->readClasses(), session->writeClasses());
  const auto name = request->action();
  // The reply goes first: Asterisk's own session hears of its security events only after the
  // action (they travel through the manager's event queue).
  auto refuse = [&](std::string_view message, std::string_view event, std::string_view action) {
    request->error(message);
    // manager.c's request_type buffer holds 63 characters.
    server.securityEvent(*session, event, session->username(),
                         std::string("Action: ").append(action).substr(0, 63));
  };
  if (name.empty()) {
    refuse("Missing action in request", "RequestBadFormat", "NONE");
    return;
  }
  if (!session->authenticated() && !equalsNoCase(name, "Login") && !equalsNoCase(name, "Logoff") &&
      !equalsNoCase(name, "Challenge")) {
    refuse("Permission denied", "RequestNotAllowed", name);
    return;
  }
  const auto* action = actions.find(name);
  if (action == nullptr) {
    refuse(fmt::format(
               "Invalid/unknown command: {}. Use Action: ListCommands to show available commands.",
               name),
           "RequestBadFormat", name);
    return;
  }
  if (!ManagerService::allowed(*action, session->writeClasses())) {
    refuse("Permission denied", "RequestNotAllowed", name);
    return;
  }
  auto handler = action->handler;  // the handler may unregister its own action
  handler(*request);
}

Registrations addBuiltinActions(ManagerService& actions, AmiServer& server) {
  Registrations out;
  addSessionActions(out, actions, server);
  addCoreActions(out, actions, server);
  return out;
}

}  // namespace sb::modules::manager
