#include "core/log/logger_config.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>

namespace sb::log {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

config::Diagnostic problem(
    const config::Variable& variable, std::string message,
    config::Diagnostic::Severity severity = config::Diagnostic::Severity::Error) {
  return config::Diagnostic{severity, variable.where, std::move(message)};
}

// Asterisk's [general] keys: accepted, most of them have no effect here.
constexpr std::string_view kGeneralKeys[] = {"dateformat",
                                             "use_callids",
                                             "appendhostname",
                                             "queue_log",
                                             "queue_log_to_file",
                                             "queue_log_name",
                                             "queue_log_realtime_use_gmt",
                                             "rotatestrategy",
                                             "exec_after_rotate",
                                             "logger_queue_limit",
                                             "show_app_args"};

void parseChannel(const config::Variable& variable, LoggerConfigResult& result) {
  ChannelConfig channel;
  channel.name = variable.name;
  std::string_view spec = trim(variable.value);
  if (!spec.empty() && spec.front() == '[') {
    const auto close = spec.find(']');
    if (close == std::string_view::npos) {
      result.diagnostics.push_back(problem(variable, "unterminated [format] in log channel"));
      return;
    }
    const std::string format = lower(trim(spec.substr(1, close - 1)));
    if (format == "json") {
      channel.format = Format::Json;
    } else if (format == "plain") {
      channel.format = Format::Plain;
    } else if (format == "default" || format.empty()) {
      channel.format = Format::Default;
    } else {
      result.diagnostics.push_back(problem(
          variable, "unknown log format '" + format + "' (expected default, plain or json)"));
      return;
    }
    spec.remove_prefix(close + 1);
  }
  channel.levelsText = std::string(trim(spec));
  while (!spec.empty()) {
    const auto comma = spec.find(',');
    const std::string_view item = trim(spec.substr(0, comma));
    spec = comma == std::string_view::npos ? std::string_view{} : spec.substr(comma + 1);
    if (item.empty()) {
      continue;
    }
    if (item == "*") {
      channel.levels = ~0u;
      continue;
    }
    std::string_view name = item;
    const auto paren = item.find('(');
    if (paren != std::string_view::npos) {
      name = trim(item.substr(0, paren));
      if (lower(name) == "verbose" && item.back() == ')') {
        const auto digits = item.substr(paren + 1, item.size() - paren - 2);
        int limit = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), limit);
        if (ec != std::errc{} || end != digits.data() + digits.size()) {
          result.diagnostics.push_back(
              problem(variable, "bad verbose level in '" + std::string(item) + "'"));
          continue;
        }
        channel.verboseLimit = limit;
      } else {
        result.diagnostics.push_back(
            problem(variable, "bad log level '" + std::string(item) + "'"));
        continue;
      }
    }
    if (auto level = parseLevel(name)) {
      channel.levels |= 1u << static_cast<unsigned>(*level);
    } else if (lower(name) == "fax") {
      // Asterisk's fax level has no producer here; accepted so stock files load cleanly.
    } else {
      result.diagnostics.push_back(
          problem(variable, "unknown log level '" + std::string(name) +
                                "' (expected debug, notice, warning, error, "
                                "verbose, dtmf, security or *)"));
    }
  }
  result.config.channels.push_back(std::move(channel));
}

}  // namespace

LoggerConfigResult buildLoggerConfig(const config::ConfigFile& file, std::filesystem::path logDir) {
  LoggerConfigResult result;
  result.config.logDir = std::move(logDir);
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  result.config.hostname = host;
  bool sawLogfiles = false;
  for (const auto& section : file.sections) {
    if (section.isTemplate) {
      continue;
    }
    if (section.name == "general") {
      for (const auto& variable : section.variables) {
        const std::string key = lower(variable.name);
        if (key == "dateformat") {
          result.config.dateFormat = variable.value;
        } else if (std::find(std::begin(kGeneralKeys), std::end(kGeneralKeys), key) ==
                   std::end(kGeneralKeys)) {
          result.diagnostics.push_back(
              problem(variable, "unknown logger.conf [general] option '" + variable.name + "'",
                      config::Diagnostic::Severity::Warning));
        }
      }
    } else if (section.name == "logfiles") {
      sawLogfiles = true;
      for (const auto& variable : section.variables) {
        parseChannel(variable, result);
      }
    } else {
      result.diagnostics.push_back(
          config::Diagnostic{config::Diagnostic::Severity::Warning, section.where,
                             "unknown logger.conf section [" + section.name + "]"});
    }
  }
  if (!sawLogfiles) {
    auto defaults = LoggerConfig::defaults(result.config.logDir);
    result.config.channels = defaults.channels;
  }
  return result;
}

}  // namespace sb::log
