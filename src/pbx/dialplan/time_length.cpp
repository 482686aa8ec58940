#include "pbx/dialplan/time_length.hpp"

#include <cctype>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <string>

namespace sb::pbx {
namespace {

bool isBlank(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

std::optional<TimeUnit> unitNamed(std::string_view word) {
  std::string lower;
  for (char c : word) {
    lower.push_back(char(std::tolower(static_cast<unsigned char>(c))));
  }
  if (lower == "h") {
    return TimeUnit::Hours;
  }
  if (lower == "m") {
    return TimeUnit::Minutes;
  }
  if (lower == "s") {
    return TimeUnit::Seconds;
  }
  if (lower == "ms") {
    return TimeUnit::Milliseconds;
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> parseTimeLength(std::string_view text, TimeUnit unit) {
  const std::string copy(text);
  const char* start = copy.c_str();
  char* end = nullptr;
  double amount = std::strtod(start, &end);
  if (end == start || std::isnan(amount)) {
    return std::nullopt;
  }
  // The unit is the next word, as scanf's %s reads it: blanks skipped, up to the next blank.
  std::string_view rest(end);
  while (!rest.empty() && isBlank(rest.front())) {
    rest.remove_prefix(1);
  }
  std::size_t wordEnd = 0;
  while (wordEnd < rest.size() && !isBlank(rest[wordEnd])) {
    ++wordEnd;
  }
  if (wordEnd > 0) {
    const std::optional<TimeUnit> named = unitNamed(rest.substr(0, wordEnd));
    if (!named) {
      return std::nullopt;
    }
    unit = *named;
  }
  switch (unit) {
    case TimeUnit::Hours:
      amount *= 60;
      [[fallthrough]];
    case TimeUnit::Minutes:
      amount *= 60;
      [[fallthrough]];
    case TimeUnit::Seconds:
      amount *= 1000;
      [[fallthrough]];
    case TimeUnit::Milliseconds:
      break;
  }
  if (amount > double(INT_MAX)) {
    return INT_MAX;
  }
  if (amount < double(INT_MIN)) {
    return INT_MIN;
  }
  return int(amount);
}

}  // namespace sb::pbx
