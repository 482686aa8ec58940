#pragma once
/// @file
/// The process-wide logger: Asterisk's levels and verbosity, logger.conf channels, one thread
/// that does all the writing so that no other thread ever blocks on a log file.

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "core/log/format.hpp"
#include "core/log/record.hpp"
#include "core/util/registration.hpp"

namespace sb::log {

/// One `[logfiles]` line of logger.conf.
struct ChannelConfig {
  std::string name;  ///< "console", or a file name (relative to the log folder) or path
  Format format = Format::Default;
  unsigned levels = 0;     ///< bit per Level
  int verboseLimit = -1;   ///< verbose(N): show verbose messages up to N; -1 follows the global
  std::string levelsText;  ///< as written, for `logger show channels`

  bool isConsole() const { return name == "console"; }
  bool has(Level level) const { return (levels & (1u << static_cast<unsigned>(level))) != 0; }
};

/// What logger.conf says.
struct LoggerConfig {
  std::string dateFormat = "%b %e %T";
  std::filesystem::path logDir;
  std::string hostname;
  std::vector<ChannelConfig> channels;

  /// The channels used when logger.conf is absent: Asterisk's stock console + messages.
  static LoggerConfig defaults(std::filesystem::path logDir);
};

/// Receives every line meant for the console channel. Called on the logger thread.
using ConsoleSink = std::function<void(const Record& record, const std::string& line)>;

class Logger {
 public:
  /// The process-wide logger (logging is the one global: every layer logs).
  static Logger& get();

  /// Starts the writer thread. Records submitted before start() are queued.
  void start();
  /// Writes out everything queued and stops the writer thread.
  void stop();
  /// Blocks until everything submitted so far has been written.
  void flush();

  /// Replaces the channel set (opens files on the writer thread).
  void configure(LoggerConfig config);
  /// Closes every file channel, renames it out of the way and reopens it (`logger rotate`).
  void rotate();

  void setVerbose(int level) { verbose_.store(level); }
  int verbose() const { return verbose_.load(); }
  void setDebug(int level) { debug_.store(level); }
  int debug() const { return debug_.load(); }
  /// Whether the foreground process's standard output is a console channel target.
  void setStdoutConsole(bool enabled) { stdoutConsole_.store(enabled); }

  /// Cheap filter: is a message of this level and verbosity wanted by anyone?
  bool wants(Level level, int verbosity) const;
  /// Queues a record for writing. Thread-safe, never blocks on I/O.
  void submit(Record record);

  /// Adds a receiver of console lines (remote consoles). Undone when the handle dies.
  Registration addConsoleSink(ConsoleSink sink);

  struct ChannelStatus {
    std::string channel;
    std::string type;
    std::string format;
    std::string status;
    std::string configuration;
  };
  std::vector<ChannelStatus> channelStatus() const;

 private:
  Logger() = default;
  void run();
  void write(const Record& record);
  void openFiles();
  void closeFiles();
  void rotateFiles();

  std::atomic<int> verbose_{0};
  std::atomic<int> debug_{0};
  std::atomic<bool> stdoutConsole_{false};
  std::atomic<unsigned> wantedLevels_{~0u};
  std::atomic<int> maxVerboseLimit_{-1};

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable drained_;
  std::deque<Record> queue_;
  std::uint64_t submitted_ = 0;
  std::uint64_t written_ = 0;
  bool stopping_ = false;
  bool rotateRequested_ = false;
  bool reconfigure_ = false;
  LoggerConfig pending_;
  std::thread thread_;

  // Owned by the writer thread (and read under mutex_ for status).
  LoggerConfig config_;
  std::map<std::string, std::FILE*> files_;
  std::map<std::string, std::string> fileErrors_;

  std::mutex sinksMutex_;
  std::map<int, ConsoleSink> sinks_;
  int nextSinkId_ = 0;
};

/// Formats and submits a record; used by the SB_* macros.
void emit(Level level, int verbosity, const char* file, int line, const char* function,
          std::string message);

/// Submits a security event (Asterisk's security log: SecurityEvent="...",AccountID="...").
/// Channels with the `security` level get it; a `[json]` channel gets the fields as JSON.
void emitSecurity(const char* file, int line, const char* function,
                  std::vector<std::pair<std::string, std::string>> fields);

}  // namespace sb::log

#define SB_LOG_AT(level, verbosity, ...)                                  \
  do {                                                                    \
    if (::sb::log::Logger::get().wants((level), (verbosity))) {           \
      ::sb::log::emit((level), (verbosity), __FILE__, __LINE__, __func__, \
                      ::fmt::format(__VA_ARGS__));                        \
    }                                                                     \
  } while (false)

#define SB_NOTICE(...) SB_LOG_AT(::sb::log::Level::Notice, 0, __VA_ARGS__)
#define SB_WARNING(...) SB_LOG_AT(::sb::log::Level::Warning, 0, __VA_ARGS__)
#define SB_ERROR(...) SB_LOG_AT(::sb::log::Level::Error, 0, __VA_ARGS__)
#define SB_VERBOSE(n, ...) SB_LOG_AT(::sb::log::Level::Verbose, (n), __VA_ARGS__)
#define SB_DEBUG(n, ...) SB_LOG_AT(::sb::log::Level::Debug, (n), __VA_ARGS__)
#define SB_SECURITY(...) ::sb::log::emitSecurity(__FILE__, __LINE__, __func__, __VA_ARGS__)
