#include "core/store/option_parsers.hpp"

#include <strings.h>

#include <cctype>
#include <charconv>
#include <cstdlib>

namespace sb::store {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

std::string lowered(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<bool> parseBoolean(std::string_view text) {
  text = trimmed(text);
  for (auto yes : {"yes", "true", "y", "t", "1", "on"}) {
    if (equalsIgnoreCase(text, yes)) {
      return true;
    }
  }
  for (auto no : {"no", "false", "n", "f", "0", "off"}) {
    if (equalsIgnoreCase(text, no)) {
      return false;
    }
  }
  return std::nullopt;
}

Result<std::uint64_t> parseUnsigned(std::string_view text, std::uint64_t min, std::uint64_t max) {
  text = trimmed(text);
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
    return Error{"not an unsigned integer"};
  }
  if (value < min || value > max) {
    return Error{"must be between " + std::to_string(min) + " and " + std::to_string(max)};
  }
  return value;
}

Result<std::int64_t> parseSigned(std::string_view text, std::int64_t min, std::int64_t max) {
  text = trimmed(text);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
    return Error{"not an integer"};
  }
  if (value < min || value > max) {
    return Error{"must be between " + std::to_string(min) + " and " + std::to_string(max)};
  }
  return value;
}

Result<double> parseDouble(std::string_view text, double min, double max) {
  const std::string copy(trimmed(text));
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size()) {
    return Error{"not a number"};
  }
  if (!(value >= min && value <= max)) {
    return Error{"must be between " + std::to_string(min) + " and " + std::to_string(max)};
  }
  return value;
}

std::vector<std::string> splitList(std::string_view text) {
  std::vector<std::string> items;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = trimmed(text.substr(0, comma));
    if (!item.empty()) {
      items.emplace_back(item);
    }
    if (comma == std::string_view::npos) {
      break;
    }
    text.remove_prefix(comma + 1);
  }
  return items;
}

std::string joinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) {
      out += ',';
    }
    out += item;
  }
  return out;
}

}  // namespace sb::store
