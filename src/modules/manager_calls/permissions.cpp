#include "modules/manager_calls/permissions.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "core/events/event_bus.hpp"

namespace sb::modules::manager_calls {

namespace {

bool containsNoCase(std::string_view haystack, std::string_view needle) {
  auto found = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                           [](char a, char b) {
                             return std::tolower(static_cast<unsigned char>(a)) ==
                                    std::tolower(static_cast<unsigned char>(b));
                           });
  return found != haystack.end();
}

struct Guard {
  std::string_view search;
  bool inData;  ///< searched in the data (case-sensitive) rather than the application name
};

// Asterisk's originate_app_permissions table, all needing `system`. (Its Queue entry, which
// inspects Queue's AGI argument, has no counterpart: there is no Queue here.)
constexpr std::array<Guard, 15> kGuards{{
    {"agi", false},
    {"dbdeltree", false},
    {"exec", false},
    {"externalivr", false},
    {"mixmonitor", false},
    {"originate", false},
    {"reload", false},
    {"system", false},
    {"CURL", true},
    {"DB", true},
    {"EVAL", true},
    {"FILE", true},
    {"ODBC", true},
    {"REALTIME", true},
    {"SHELL", true},
}};

}  // namespace

bool functionStringAllowed(std::string_view evaluating, std::uint32_t writeClasses) {
  if (writeClasses & events::kSystem) {
    return true;
  }
  return evaluating.find("SHELL") == std::string_view::npos &&
         evaluating.find("EVAL") == std::string_view::npos;
}

bool originateAppPermitted(std::string_view app, std::string_view data,
                           std::uint32_t writeClasses) {
  for (const auto& guard : kGuards) {
    const bool matches = guard.inData ? data.find(guard.search) != std::string_view::npos
                                      : containsNoCase(app, guard.search);
    if (matches) {
      // The first matching entry decides, as in manager.c.
      return (writeClasses & events::kSystem) != 0;
    }
  }
  return true;
}

}  // namespace sb::modules::manager_calls
