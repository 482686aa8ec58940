#include "core/log/format.hpp"

#include <fmt/format.h>

#include <ctime>
#include <nlohmann/json.hpp>

namespace sb::log {
namespace {

std::string formatDate(std::chrono::system_clock::time_point when, std::string_view dateFormat) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm local{};
  localtime_r(&seconds, &local);
  char buffer[128];
  const std::string pattern(dateFormat.empty() ? "%b %e %T" : dateFormat);
  const std::size_t n = std::strftime(buffer, sizeof buffer, pattern.c_str(), &local);
  return std::string(buffer, n);
}

std::string withFields(const Record& record) {
  if (record.fields.empty()) {
    return record.message;
  }
  // Asterisk's security log layout: Name="value",Name="value"
  std::string out = record.message;
  for (const auto& [name, value] : record.fields) {
    if (!out.empty()) {
      out += ',';
    }
    out += fmt::format("{}=\"{}\"", name, value);
  }
  return out;
}

}  // namespace

std::string_view baseName(std::string_view path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string formatDefault(const Record& record, std::string_view dateFormat) {
  return fmt::format("[{}] {}[{}]: {}:{} {}: {}\n", formatDate(record.when, dateFormat),
                     levelLabel(record.level), record.thread, baseName(record.file), record.line,
                     record.function, withFields(record));
}

std::string formatPlain(const Record& record, std::string_view dateFormat) {
  return fmt::format("[{}] {}[{}]: {}\n", formatDate(record.when, dateFormat),
                     levelLabel(record.level), record.thread, withFields(record));
}

std::string formatJson(const Record& record, std::string_view hostname) {
  nlohmann::ordered_json line;
  line["hostname"] = hostname;
  line["timestamp"] = formatDate(record.when, "%FT%T%z");
  line["level"] = levelLabel(record.level);
  line["thread"] = record.thread;
  line["file"] = std::string(baseName(record.file));
  line["line"] = record.line;
  line["function"] = record.function;
  line["message"] = record.message;
  if (!record.fields.empty()) {
    nlohmann::ordered_json fields = nlohmann::ordered_json::object();
    for (const auto& [name, value] : record.fields) {
      fields[name] = value;
    }
    line["fields"] = std::move(fields);
  }
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string formatConsole(const Record& record, std::string_view dateFormat) {
  if (record.level != Level::Verbose) {
    return formatDefault(record, dateFormat);
  }
  // Asterisk's verbose markers by level: 1 none, 2 "  == ", 3 "    -- ", 4+ "       > ".
  std::string_view marker;
  switch (record.verbosity) {
    case 0:
    case 1:
      marker = "";
      break;
    case 2:
      marker = "  == ";
      break;
    case 3:
      marker = "    -- ";
      break;
    default:
      marker = "       > ";
      break;
  }
  return fmt::format("{}{}\n", marker, record.message);
}

}  // namespace sb::log
