#include "pbx/dialplan/regex_guard.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace sb::pbx {
namespace {

/// Longest regular expression compiled; bounds regcomp's time and memory.
constexpr std::size_t kMaxRegexLength = 1024;
/// Largest product of `{m,n}` bounds in one regular expression (glibc unrolls them).
constexpr long kMaxRegexRepeat = 1000;

}  // namespace

std::optional<std::string> checkRegex(const std::string& pattern) {
  if (pattern.size() > kMaxRegexLength) {
    return "regular expression too long";
  }
  constexpr double kMaxExpandedSize = 4096;
  constexpr int kMaxNestedRepeats = 4;
  // One entry per open group: the size so far and the size of the last atom (for repeats);
  // the most repeats over any atom inside, and over the last atom (its inner ones included).
  struct Level {
    double total = 0;
    double last = 0;
    int deepest = 0;
    int lastRepeats = 0;
  };
  std::vector<Level> levels(1);
  auto atom = [&](int innerRepeats) {
    Level& level = levels.back();
    level.lastRepeats = innerRepeats;
    level.deepest = std::max(level.deepest, innerRepeats);
  };
  auto repeat = [&](double factor) {
    Level& level = levels.back();
    level.total += level.last * (factor - 1);
    level.last *= factor;
    ++level.lastRepeats;
    level.deepest = std::max(level.deepest, level.lastRepeats);
  };
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    Level& level = levels.back();
    if (c == '\\' && i + 1 < pattern.size()) {
      if (pattern[i + 1] >= '1' && pattern[i + 1] <= '9') {
        return "back-references are not supported in regular expressions";
      }
      ++i;
      level.last = 1;
      level.total += 1;
      atom(0);
    } else if (c == '[') {
      // A bracket expression is one atom; ']' right after '[' or '[^' is literal.
      std::size_t j = i + 1;
      if (j < pattern.size() && pattern[j] == '^')
        ++j;
      if (j < pattern.size() && pattern[j] == ']')
        ++j;
      while (j < pattern.size() && pattern[j] != ']')
        ++j;
      i = j;
      level.last = 1;
      level.total += 1;
      atom(0);
    } else if (c == '(') {
      if (levels.size() > 64) {
        return "regular expression nested too deeply";
      }
      levels.emplace_back();
    } else if (c == ')' && levels.size() > 1) {
      const double size = std::max(levels.back().total, 1.0);
      const int inner = levels.back().deepest;
      levels.pop_back();
      levels.back().last = size;
      levels.back().total += size;
      atom(inner);
    } else if (c == '+') {
      repeat(2);
    } else if (c == '{') {
      long bound = 0;
      std::size_t j = i + 1;
      for (; j < pattern.size() && pattern[j] != '}'; ++j) {
        if (std::isdigit(static_cast<unsigned char>(pattern[j])) != 0) {
          bound = std::min(bound * 10 + (pattern[j] - '0'), kMaxRegexRepeat + 1);
        } else if (pattern[j] == ',') {
          bound = 0;  // the larger (second) bound counts
        }
      }
      if (bound > kMaxRegexRepeat) {
        return "regular expression repeat counts too large";
      }
      repeat(static_cast<double>(std::max(bound, 1L)));
      i = j;
    } else if (c == '*' || c == '?') {
      repeat(1);  // no copy: the operand is wrapped
    } else if (c == '|' || c == '^' || c == '$') {
      // Alternatives and anchors add nothing to repeat.
      if (c == '|') {
        level.last = 0;
        level.lastRepeats = 0;
      }
    } else {
      level.last = 1;
      level.total += 1;
      atom(0);
    }
    if (levels.back().total > kMaxExpandedSize) {
      return "regular expression too complex";
    }
    if (levels.back().deepest > kMaxNestedRepeats) {
      return "regular expression repeats nested too deeply";
    }
  }
  return std::nullopt;
}

}  // namespace sb::pbx
