#include "core/cli/text_util.hpp"

#include <algorithm>
#include <charconv>

#include "core/cli/command_registry.hpp"

namespace sb::cli {
namespace detail {
namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string asciiLower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(), lower);
  return result;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && istartsWith(a, b);
}

bool istartsWith(std::string_view text, std::string_view prefix) {
  if (prefix.size() > text.size()) {
    return false;
  }
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower(text[i]) != lower(prefix[i])) {
      return false;
    }
  }
  return true;
}

bool ilessThan(std::string_view a, std::string_view b) {
  const std::size_t common = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < common; ++i) {
    const char x = lower(a[i]);
    const char y = lower(b[i]);
    if (x != y) {
      return static_cast<unsigned char>(x) < static_cast<unsigned char>(y);
    }
  }
  if (a.size() != b.size()) {
    return a.size() < b.size();
  }
  return a < b;
}

std::string_view trim(std::string_view line) {
  while (!line.empty() && isSpace(line.front())) {
    line.remove_prefix(1);
  }
  while (!line.empty() && isSpace(line.back())) {
    line.remove_suffix(1);
  }
  return line;
}

std::string joinWords(const std::vector<std::string>& words, std::size_t count) {
  std::string result;
  for (std::size_t i = 0; i < count && i < words.size(); ++i) {
    if (i > 0) {
      result += ' ';
    }
    result += words[i];
  }
  return result;
}

SplitLine splitLine(std::string_view line) {
  SplitLine result;
  std::string current;
  bool inWord = false;
  bool quoted = false;
  bool escaped = false;
  for (const char c : line) {
    if (escaped) {
      current += c;
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
      inWord = true;
    } else if (c == '"') {
      // A quote starts a word even if nothing follows, so `""` is an empty word.
      quoted = !quoted;
      inWord = true;
    } else if (isSpace(c) && !quoted) {
      if (inWord) {
        result.words.push_back(std::move(current));
        current.clear();
        inWord = false;
      }
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) {
    result.words.push_back(std::move(current));
  }
  result.lastWordOpen = inWord;
  return result;
}

std::optional<std::int64_t> parseInteger(std::string_view word, bool allowNegative) {
  if (word.empty() || (word.front() == '-' && !allowNegative)) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const char* end = word.data() + word.size();
  const auto [ptr, ec] = std::from_chars(word.data(), end, value);
  if (ec != std::errc() || ptr != end) {
    return std::nullopt;
  }
  return value;
}

}  // namespace detail

std::vector<std::string> splitWords(std::string_view line) {
  return detail::splitLine(line).words;
}

}  // namespace sb::cli
