#pragma once
/// @file
/// One log message as it travels from the code that logs it to the channels that write it.

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/log/level.hpp"

namespace sb::log {

struct Record {
  Level level = Level::Notice;
  int verbosity = 0;  ///< for Level::Verbose and Level::Debug: the N of "verbose N"
  std::chrono::system_clock::time_point when;
  const char* file = "";
  int line = 0;
  const char* function = "";
  long thread = 0;  ///< kernel thread id, printed like Asterisk's LWP
  std::string message;
  /// Structured fields (security events): name/value pairs, in order.
  std::vector<std::pair<std::string, std::string>> fields;
};

}  // namespace sb::log
