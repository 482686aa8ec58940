#include "app/local_console.hpp"

#include <cstdlib>
#include <future>
#include <iostream>

#include "app/server.hpp"
#include "core/log/logger.hpp"

namespace sb::app {
namespace {

std::filesystem::path historyFile() {
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr ? home : ".") / ".switchboard_history";
}

}  // namespace

LocalConsole::LocalConsole(Server& server) : server_(server) {
  editor_ = std::make_unique<LineEditor>("*CLI> ", historyFile(), [this](const std::string& line) {
    std::promise<std::vector<std::string>> result;
    auto future = result.get_future();
    server_.reactor().post(
        [this, line, &result] { result.set_value(server_.commands().complete(line)); });
    return future.get();
  });
}

LocalConsole::~LocalConsole() {
  stop();
}

void LocalConsole::start() {
  thread_ = std::thread([this] {
    if (editor_->run([this](const std::string& line) { return handleLine(line); })) {
      SB_NOTICE("Console input closed; the server keeps running");
    }
  });
}

void LocalConsole::stop() {
  if (thread_.joinable()) {
    editor_->stop();
    thread_.join();
  }
}

bool LocalConsole::handleLine(const std::string& line) {
  if (line == "exit" || line == "quit") {
    std::cout << "Use 'core stop now' or 'core stop gracefully' to stop the server." << std::endl;
    return true;
  }
  std::promise<std::string> output;
  auto future = output.get_future();
  server_.reactor().post([this, line, &output] {
    server_.commands().execute(
        line, std::make_shared<cli::BufferedReply>(
                  [&output](cli::Status, std::string text) { output.set_value(std::move(text)); }));
  });
  // The command may finish after the reactor stops (core stop now): don't wait forever.
  while (future.wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) {
    if (server_.reactor().io().stopped()) {
      return false;
    }
  }
  std::cout << future.get() << std::flush;
  return !server_.stopping();
}

}  // namespace sb::app
