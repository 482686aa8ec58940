#include "core/log/logger.hpp"

#include <fmt/format.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sb::log {
namespace {

unsigned bit(Level level) {
  return 1u << static_cast<unsigned>(level);
}

long currentThreadId() {
  return static_cast<long>(::syscall(SYS_gettid));
}

std::filesystem::path channelPath(const LoggerConfig& config, const ChannelConfig& channel) {
  std::filesystem::path path(channel.name);
  return path.is_absolute() ? path : config.logDir / path;
}

}  // namespace

LoggerConfig LoggerConfig::defaults(std::filesystem::path logDir) {
  LoggerConfig config;
  config.logDir = std::move(logDir);
  ChannelConfig console;
  console.name = "console";
  console.levels =
      bit(Level::Notice) | bit(Level::Warning) | bit(Level::Error) | bit(Level::Verbose);
  console.levelsText = "notice,warning,error,verbose";
  ChannelConfig messages = console;
  messages.name = "messages";
  config.channels = {console, messages};
  return config;
}

Logger& Logger::get() {
  static Logger logger;
  return logger;
}

void Logger::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) {
    return;
  }
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void Logger::stop() {
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) {
      return;
    }
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Logger::flush() {
  std::unique_lock lock(mutex_);
  if (!thread_.joinable()) {
    return;
  }
  const auto target = submitted_;
  drained_.wait(lock, [&] { return written_ >= target; });
}

void Logger::configure(LoggerConfig config) {
  unsigned wanted = 0;
  int maxLimit = -1;
  for (const auto& channel : config.channels) {
    wanted |= channel.levels;
    maxLimit = std::max(maxLimit, channel.verboseLimit);
  }
  {
    std::lock_guard lock(mutex_);
    pending_ = std::move(config);
    reconfigure_ = true;
  }
  wantedLevels_.store(wanted);
  maxVerboseLimit_.store(maxLimit);
  wake_.notify_all();
}

void Logger::rotate() {
  {
    std::lock_guard lock(mutex_);
    rotateRequested_ = true;
  }
  wake_.notify_all();
}

bool Logger::wants(Level level, int verbosity) const {
  if ((wantedLevels_.load() & bit(level)) == 0) {
    return false;
  }
  if (level == Level::Verbose) {
    return verbosity <= std::max(verbose_.load(), maxVerboseLimit_.load());
  }
  if (level == Level::Debug) {
    return verbosity <= debug_.load();
  }
  return true;
}

void Logger::submit(Record record) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(record));
    ++submitted_;
  }
  wake_.notify_one();
}

Registration Logger::addConsoleSink(ConsoleSink sink) {
  std::lock_guard lock(sinksMutex_);
  const int id = nextSinkId_++;
  sinks_.emplace(id, std::move(sink));
  return Registration([this, id] {
    std::lock_guard inner(sinksMutex_);
    sinks_.erase(id);
  });
}

std::vector<Logger::ChannelStatus> Logger::channelStatus() const {
  std::lock_guard lock(mutex_);
  const LoggerConfig& config = reconfigure_ ? pending_ : config_;
  std::vector<ChannelStatus> out;
  for (const auto& channel : config.channels) {
    ChannelStatus status;
    status.channel = channel.isConsole() ? "Console" : channelPath(config, channel).string();
    status.type = channel.isConsole() ? "Console" : "File";
    status.format = channel.format == Format::Json    ? "json"
                    : channel.format == Format::Plain ? "plain"
                                                      : "default";
    auto error = fileErrors_.find(channel.name);
    status.status = error == fileErrors_.end() ? "Enabled" : "Disabled - " + error->second;
    status.configuration = channel.levelsText;
    out.push_back(std::move(status));
  }
  return out;
}

void Logger::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock,
               [&] { return stopping_ || !queue_.empty() || reconfigure_ || rotateRequested_; });
    if (reconfigure_) {
      closeFiles();
      config_ = std::move(pending_);
      reconfigure_ = false;
      openFiles();
    }
    if (rotateRequested_) {
      rotateRequested_ = false;
      rotateFiles();
    }
    std::deque<Record> batch;
    batch.swap(queue_);
    lock.unlock();
    for (const auto& record : batch) {
      write(record);
    }
    for (auto& [name, file] : files_) {
      std::fflush(file);
    }
    lock.lock();
    written_ += batch.size();
    drained_.notify_all();
    if (stopping_ && queue_.empty()) {
      break;
    }
  }
  closeFiles();
}

void Logger::write(const Record& record) {
  for (const auto& channel : config_.channels) {
    if (!channel.has(record.level)) {
      continue;
    }
    if (record.level == Level::Verbose) {
      const int limit = channel.verboseLimit >= 0 ? channel.verboseLimit : verbose_.load();
      if (record.verbosity > limit) {
        continue;
      }
    }
    if (channel.isConsole()) {
      const std::string line = formatConsole(record, config_.dateFormat);
      if (stdoutConsole_.load()) {
        std::fwrite(line.data(), 1, line.size(), stdout);
        std::fflush(stdout);
      }
      std::lock_guard sinksLock(sinksMutex_);
      for (const auto& [id, sink] : sinks_) {
        sink(record, line);
      }
      continue;
    }
    auto file = files_.find(channel.name);
    if (file == files_.end()) {
      continue;
    }
    std::string line;
    switch (channel.format) {
      case Format::Default:
        line = formatDefault(record, config_.dateFormat);
        break;
      case Format::Plain:
        line = formatPlain(record, config_.dateFormat);
        break;
      case Format::Json:
        line = formatJson(record, config_.hostname);
        break;
    }
    std::fwrite(line.data(), 1, line.size(), file->second);
  }
}

void Logger::openFiles() {
  std::error_code ignored;
  std::filesystem::create_directories(config_.logDir, ignored);
  fileErrors_.clear();
  for (const auto& channel : config_.channels) {
    if (channel.isConsole() || files_.count(channel.name) != 0) {
      continue;
    }
    const auto path = channelPath(config_, channel);
    if (std::FILE* file = std::fopen(path.c_str(), "a")) {
      files_.emplace(channel.name, file);
    } else {
      fileErrors_[channel.name] = std::strerror(errno);
    }
  }
}

void Logger::closeFiles() {
  for (auto& [name, file] : files_) {
    std::fclose(file);
  }
  files_.clear();
}

void Logger::rotateFiles() {
  // Asterisk's default "sequential" strategy: the file moves to the first free name.N.
  closeFiles();
  for (const auto& channel : config_.channels) {
    if (channel.isConsole()) {
      continue;
    }
    const auto path = channelPath(config_, channel);
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
      continue;
    }
    for (int n = 0; n < 100000; ++n) {
      auto target = path;
      target += fmt::format(".{}", n);
      if (!std::filesystem::exists(target, error)) {
        std::filesystem::rename(path, target, error);
        break;
      }
    }
  }
  openFiles();
}

void emit(Level level, int verbosity, const char* file, int line, const char* function,
          std::string message) {
  Record record;
  record.level = level;
  record.verbosity = verbosity;
  record.when = std::chrono::system_clock::now();
  record.file = file;
  record.line = line;
  record.function = function;
  record.thread = currentThreadId();
  record.message = std::move(message);
  Logger::get().submit(std::move(record));
}

void emitSecurity(const char* file, int line, const char* function,
                  std::vector<std::pair<std::string, std::string>> fields) {
  if (!Logger::get().wants(Level::Security, 0)) {
    return;
  }
  Record record;
  record.level = Level::Security;
  record.when = std::chrono::system_clock::now();
  record.file = file;
  record.line = line;
  record.function = function;
  record.thread = currentThreadId();
  record.fields = std::move(fields);
  Logger::get().submit(std::move(record));
}

}  // namespace sb::log
