#include "core/log/level.hpp"

#include <strings.h>
#include <array>

namespace sb::log {
namespace {
struct LevelNames {
  Level level;
  std::string_view name;
  std::string_view label;
};
constexpr std::array<LevelNames, kLevelCount> kNames{{
    {Level::Debug, "debug", "DEBUG"},
    {Level::Notice, "notice", "NOTICE"},
    {Level::Warning, "warning", "WARNING"},
    {Level::Error, "error", "ERROR"},
    {Level::Verbose, "verbose", "VERBOSE"},
    {Level::Dtmf, "dtmf", "DTMF"},
    {Level::Security, "security", "SECURITY"},
}};
}  // namespace

std::string_view levelName(Level level) {
  return kNames[static_cast<int>(level)].name;
}
std::string_view levelLabel(Level level) {
  return kNames[static_cast<int>(level)].label;
}

std::optional<Level> parseLevel(std::string_view name) {
  for (const auto& entry : kNames) {
    if (entry.name.size() == name.size() &&
        strncasecmp(entry.name.data(), name.data(), name.size()) == 0) {
      return entry.level;
    }
  }
  return std::nullopt;
}

}  // namespace sb::log
