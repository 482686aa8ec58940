// Extension matching and ordering, following main/pbx.c (_extension_match_core, ext_cmp).

#include "pbx/dialplan/pattern.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace sb::pbx {
namespace {

/// Character at `i`, or NUL past the end (the Asterisk code walks C strings).
char at(std::string_view s, std::size_t i) {
  return i < s.size() ? s[i] : '\0';
}

std::size_t skipDashes(std::string_view s, std::size_t i) {
  while (at(s, i) == '-') {
    ++i;
  }
  return i;
}

/// Length ignoring `-`, which Asterisk treats as eye candy.
std::size_t lengthWithoutDashes(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    n += c == '-' ? 0 : 1;
  }
  return n;
}

/// Compares literals ignoring `-`; with `partial`, `right` ending first counts as equal.
int compareLiteral(std::string_view left, std::string_view right, bool partial) {
  std::size_t l = 0;
  std::size_t r = 0;
  for (;;) {
    l = skipDashes(left, l);
    r = skipDashes(right, r);
    if (partial && at(right, r) == '\0') {
      return 0;
    }
    const int cmp =
        static_cast<unsigned char>(at(left, l)) - static_cast<unsigned char>(at(right, r));
    if (cmp != 0 || at(left, l) == '\0') {
      return cmp;
    }
    ++l;
    ++r;
  }
}

/// One position of a pattern for sorting (ext_cmp_pattern_pos): the score says how many
/// characters the position accepts (fewer sorts first) and `bits` which ones.
struct PositionScore {
  int score = 0;
  std::array<unsigned char, 32> bits{};
};

constexpr int kScoreDot = 0x18000;
constexpr int kScoreBang = 0x28000;
constexpr int kScoreEnd = 0x30000;
constexpr int kScoreBadSet = 0x40000;

void setBit(std::array<unsigned char, 32>& bits, unsigned char c) {
  bits[c / 8] |= static_cast<unsigned char>(1u << (7 - c % 8));
}

PositionScore scorePosition(std::string_view p, std::size_t& i, bool& ended) {
  PositionScore out;
  for (;;) {
    i = skipDashes(p, i);
    const unsigned char c = static_cast<unsigned char>(at(p, i));
    ++i;
    switch (c) {
      case 'n':
      case 'N':
        for (unsigned char d = '2'; d <= '9'; ++d) {
          setBit(out.bits, d);
        }
        out.score = 0x0800 | '2';
        return out;
      case 'x':
      case 'X':
        for (unsigned char d = '0'; d <= '9'; ++d) {
          setBit(out.bits, d);
        }
        out.score = 0x0A00 | '0';
        return out;
      case 'z':
      case 'Z':
        for (unsigned char d = '1'; d <= '9'; ++d) {
          setBit(out.bits, d);
        }
        out.score = 0x0900 | '1';
        return out;
      case '.':
        out.score = kScoreDot;
        return out;
      case '!':
        out.score = kScoreBang;
        return out;
      case '\0':
        ended = true;
        out.score = kScoreEnd;
        return out;
      case '[':
        break;
      default:
        setBit(out.bits, c);
        out.score = 0x0100 | c;
        return out;
    }
    const std::size_t end = p.find(']', i);
    if (end == std::string_view::npos) {
      ended = true;  // nothing sensible follows an unterminated set
      out.score = kScoreBadSet;
      return out;
    }
    int count = 0;
    int lowest = 0xFF;
    for (; i < end; ++i) {
      int first = static_cast<unsigned char>(p[i]);
      int last = first;
      if (i + 2 < end && p[i + 1] == '-') {
        last = static_cast<unsigned char>(p[i + 2]);
        i += 2;
      }
      lowest = std::min(lowest, first);
      for (int ch = first; ch <= last; ++ch) {  // int: a range up to 0xFF must not wrap
        const auto mask = static_cast<unsigned char>(1u << (7 - ch % 8));
        if ((out.bits[ch / 8] & mask) == 0) {
          out.bits[ch / 8] |= mask;
          count += 0x100;
        }
      }
    }
    i = end + 1;
    if (count != 0) {  // empty sets are skipped, as Asterisk does
      out.score = count | lowest;
      return out;
    }
  }
}

int comparePatterns(std::string_view left, std::string_view right) {
  std::size_t l = 0;
  std::size_t r = 0;
  for (;;) {
    bool leftEnded = false;
    bool rightEnded = false;
    const PositionScore a = scorePosition(left, l, leftEnded);
    const PositionScore b = scorePosition(right, r, rightEnded);
    int cmp = a.score - b.score;
    if (cmp == 0) {
      // Same size of set: the one holding lower characters first (note the swap).
      cmp = std::memcmp(b.bits.data(), a.bits.data(), a.bits.size());
    }
    if (cmp != 0 || leftEnded) {
      return cmp;
    }
  }
}

}  // namespace

std::optional<ExtensionPattern> ExtensionPattern::parse(std::string_view text, std::string* error) {
  auto fail = [&](std::string message) -> std::optional<ExtensionPattern> {
    if (error != nullptr) {
      *error = std::move(message);
    }
    return std::nullopt;
  };
  if (text.empty()) {
    return fail("empty extension name");
  }
  if (text.front() == '_') {
    for (std::size_t i = 1; i < text.size(); ++i) {
      if (text[i] == '[' && text.find(']', i + 1) == std::string_view::npos) {
        return fail("unterminated '[' in extension pattern '" + std::string(text) + "'");
      }
    }
  }
  ExtensionPattern pattern;
  pattern.text_ = std::string(text);
  return pattern;
}

int ExtensionPattern::matchCore(std::string_view data, Mode mode) const {
  const std::string_view pattern = text_;
  if (!isPattern()) {
    const std::size_t lp = lengthWithoutDashes(pattern);
    const std::size_t ld = lengthWithoutDashes(data);
    if (lp < ld) {
      return 0;
    }
    if (mode == Mode::Match) {
      return compareLiteral(pattern, data, false) == 0 ? 1 : 0;
    }
    if (ld == 0 || compareLiteral(pattern, data, true) == 0) {
      return mode == Mode::MatchMore ? (lp > ld ? 1 : 0) : 1;
    }
    return 0;
  }
  if (mode == Mode::Match && !data.empty() && data.front() == '_' &&
      comparePatterns(pattern.substr(1), data.substr(1)) == 0) {
    return 1;  // a pattern given as data matches the same pattern
  }
  std::size_t p = 1;
  std::size_t d = 0;
  for (;;) {
    d = skipDashes(data, d);
    p = skipDashes(pattern, p);
    if (at(data, d) == '\0' || at(pattern, p) == '\0' || at(pattern, p) == '/') {
      break;
    }
    const char c = data[d];
    switch (pattern[p]) {
      case '[': {
        ++p;
        const std::size_t end = pattern.find(']', p);
        if (end == std::string_view::npos) {
          return 0;
        }
        if (p == end) {  // empty set: ignored
          ++p;
          continue;
        }
        bool found = false;
        for (; p < end; ++p) {
          if (p + 2 < end && pattern[p + 1] == '-') {
            if (c >= pattern[p] && c <= pattern[p + 2]) {
              found = true;
              break;
            }
            p += 2;
          } else if (c == pattern[p]) {
            found = true;
            break;
          }
        }
        if (!found) {
          return 0;
        }
        p = end;
        break;
      }
      case 'n':
      case 'N':
        if (c < '2' || c > '9') {
          return 0;
        }
        break;
      case 'x':
      case 'X':
        if (c < '0' || c > '9') {
          return 0;
        }
        break;
      case 'z':
      case 'Z':
        if (c < '1' || c > '9') {
          return 0;
        }
        break;
      case '.':
        return 1;
      case '!':
        return 2;
      default:
        if (c != pattern[p]) {
          return 0;
        }
        break;
    }
    ++d;
    ++p;
  }
  if (at(data, d) != '\0') {
    return 0;  // data longer than the pattern
  }
  const char next = at(pattern, p);
  if (next == '\0' || next == '/') {
    return mode == Mode::MatchMore ? 0 : 1;
  }
  if (next == '!') {
    return 2;
  }
  return mode == Mode::Match ? 0 : 1;
}

bool ExtensionPattern::matches(std::string_view exten) const {
  return matchCore(exten, Mode::Match) != 0;
}

bool ExtensionPattern::canMatchMore(std::string_view prefix) const {
  // An early match (`!`) is final: no more digits are needed.
  return matchCore(prefix, Mode::MatchMore) == 1;
}

bool ExtensionPattern::canMatch(std::string_view prefix) const {
  return matchCore(prefix, Mode::CanMatch) != 0;
}

int ExtensionPattern::compare(const ExtensionPattern& other) const {
  return compareExtensionNames(text_, other.text_);
}

int compareExtensionNames(std::string_view left, std::string_view right) {
  const bool leftPattern = !left.empty() && left.front() == '_';
  const bool rightPattern = !right.empty() && right.front() == '_';
  if (!leftPattern) {
    return rightPattern ? -1 : compareLiteral(left, right, false);
  }
  if (!rightPattern) {
    return 1;
  }
  return comparePatterns(left.substr(1), right.substr(1));
}

}  // namespace sb::pbx
