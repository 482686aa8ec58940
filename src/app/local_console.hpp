#pragma once
/// @file
/// The console of `switchboard -c`: reads commands on its own thread and runs them on the
/// reactor, printing their output; log lines reach the terminal through the logger.

#include <memory>
#include <thread>

#include "app/line_editor.hpp"

namespace sb::app {

class Server;

class LocalConsole {
 public:
  explicit LocalConsole(Server& server);
  ~LocalConsole();

  /// Starts reading input (call on the reactor thread once booted).
  void start();
  /// Stops reading and joins the input thread (call after the reactor stopped).
  void stop();

 private:
  bool handleLine(const std::string& line);

  Server& server_;
  std::unique_ptr<LineEditor> editor_;
  std::thread thread_;
};

}  // namespace sb::app
