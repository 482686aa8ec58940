#pragma once
/// @file
/// Small string helpers shared by the configuration reader (internal).

#include <cstddef>
#include <string>
#include <string_view>

namespace sb::config::detail {

/// The whitespace Asterisk strips around names and values (C isspace in the "C" locale).
inline bool isBlank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/// `text` without leading and trailing blanks.
inline std::string_view trim(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size() && isBlank(text[begin])) {
    ++begin;
  }
  std::size_t end = text.size();
  while (end > begin && isBlank(text[end - 1])) {
    --end;
  }
  return text.substr(begin, end - begin);
}

/// Removes leading and trailing blanks from `text` in place.
inline void trimInPlace(std::string& text) {
  std::size_t end = text.size();
  while (end > 0 && isBlank(text[end - 1])) {
    --end;
  }
  text.erase(end);
  std::size_t begin = 0;
  while (begin < text.size() && isBlank(text[begin])) {
    ++begin;
  }
  text.erase(0, begin);
}

inline char asciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// ASCII case-insensitive equality (Asterisk compares names with strcasecmp).
inline bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (asciiLower(a[i]) != asciiLower(b[i])) {
      return false;
    }
  }
  return true;
}

/// `text` with ASCII letters lowered, for case-insensitive map keys.
inline std::string toLowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = asciiLower(c);
  }
  return out;
}

}  // namespace sb::config::detail
