#pragma once
// Small string helpers shared by the codec and SDP code (ASCII only, no locale).

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::media {

/// ASCII lower-case of one character.
inline char asciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Case-insensitive (ASCII) equality.
inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (asciiLower(a[i]) != asciiLower(b[i]))
      return false;
  }
  return true;
}

/// True for a space or a tab.
inline bool isBlank(char c) {
  return c == ' ' || c == '\t';
}

/// The text without leading and trailing spaces and tabs.
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && isBlank(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && isBlank(s.back()))
    s.remove_suffix(1);
  return s;
}

/// Splits on runs of spaces and tabs; no empty pieces.
inline std::vector<std::string_view> splitBlanks(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && isBlank(s[i]))
      ++i;
    std::size_t start = i;
    while (i < s.size() && !isBlank(s[i]))
      ++i;
    if (i > start)
      out.push_back(s.substr(start, i - start));
  }
  return out;
}

/// A decimal number made only of digits (no sign, no blanks) that fits in max, or nothing.
inline std::optional<std::uint64_t> parseNumber(std::string_view s,
                                                std::uint64_t max = UINT64_MAX) {
  if (s.empty() || s.size() > 20)
    return std::nullopt;
  for (char c : s) {
    if (c < '0' || c > '9')
      return std::nullopt;
  }
  std::uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size() || value > max)
    return std::nullopt;
  return value;
}

}  // namespace sb::media
