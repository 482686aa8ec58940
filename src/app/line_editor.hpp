#pragma once
/// @file
/// Interactive line input for the consoles (-c and -r): libedit with history and tab
/// completion on a terminal, plain line reading otherwise.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace sb::app {

class LineEditor {
 public:
  using Completer = std::function<std::vector<std::string>(const std::string& lineBeforeCursor)>;
  /// Returns false to stop reading.
  using LineHandler = std::function<bool(const std::string& line)>;

  LineEditor(std::string prompt, std::filesystem::path historyFile, Completer completer);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  /// Reads lines until end of input, a handler returning false, or stop(). Returns true on
  /// end of input.
  bool run(const LineHandler& onLine);
  /// Makes run() return soon. Callable from any thread.
  void stop();

 private:
  std::string prompt_;
  std::filesystem::path historyFile_;
  Completer completer_;
  int wakePipe_[2] = {-1, -1};
};

}  // namespace sb::app
