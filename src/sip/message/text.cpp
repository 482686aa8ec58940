#include "sip/message/text.hpp"

#include <array>

namespace sb::sip::text {
namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

}  // namespace

bool isToken(std::string_view s) {
  if (s.empty())
    return false;
  for (char c : s) {
    if (!isTokenChar(c))
      return false;
  }
  return true;
}

bool isHex(char c) {
  return hexValue(c) >= 0;
}

std::optional<std::uint32_t> leadingUint(std::string_view s) {
  s = trimLeft(s);
  std::size_t digits = 0;
  while (digits < s.size() && isDigit(s[digits])) {
    ++digits;
  }
  std::uint64_t value = 0;
  if (digits == 0 || !parseUint(s.substr(0, digits), 0xffffffffu, value)) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(value);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (toLower(a[i]) != toLower(b[i]))
      return false;
  }
  return true;
}

std::string_view trimLeft(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && isLws(s[i]))
    ++i;
  return s.substr(i);
}

std::string_view trimRight(std::string_view s) {
  std::size_t n = s.size();
  while (n > 0 && isLws(s[n - 1]))
    --n;
  return s.substr(0, n);
}

std::string_view trim(std::string_view s) {
  return trimRight(trimLeft(s));
}

bool parseUint(std::string_view s, std::uint64_t max, std::uint64_t& out) {
  if (s.empty())
    return false;
  std::uint64_t v = 0;
  for (char c : s) {
    if (!isDigit(c))
      return false;
    auto d = static_cast<std::uint64_t>(c - '0');
    // Checked before every step so that no length of input can overflow.
    if (d > max || v > (max - d) / 10)
      return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

std::size_t findClosingQuote(std::string_view s, std::size_t open) {
  for (std::size_t i = open + 1; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i;
    }
  }
  return std::string_view::npos;
}

std::string unquote(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"')
    return std::string(s);
  std::string out;
  out.reserve(s.size() - 2);
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\\' && i + 2 < s.size())
      ++i;
    out.push_back(s[i]);
  }
  return out;
}

std::string quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\r' || c == '\n') {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string unfold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\r' || c == '\n') {
      // Collapse the line break and the whitespace around it into one SP.
      while (!out.empty() && isWs(out.back()))
        out.pop_back();
      while (i + 1 < s.size() && isLws(s[i + 1]))
        ++i;
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return std::string(trim(out));
}

bool CommaSplitter::next(std::string_view& element) {
  if (done_)
    return false;
  // Most values hold a single element: without a comma there is nothing to split, and the
  // element parsers reject unbalanced quotes and brackets themselves.
  if (rest_.find(',') == std::string_view::npos) {
    element = trim(rest_);
    done_ = true;
    return true;
  }
  int angle = 0;
  for (std::size_t i = 0; i < rest_.size(); ++i) {
    char c = rest_[i];
    if (c == '"') {
      std::size_t close = findClosingQuote(rest_, i);
      if (close == std::string_view::npos) {
        error_ = true;
        done_ = true;
        element = trim(rest_);
        return true;
      }
      i = close;
    } else if (c == '<') {
      ++angle;
    } else if (c == '>') {
      if (angle > 0)
        --angle;
    } else if (c == ',' && angle == 0) {
      element = trim(rest_.substr(0, i));
      rest_ = rest_.substr(i + 1);
      return true;
    }
  }
  if (angle != 0)
    error_ = true;
  element = trim(rest_);
  done_ = true;
  return true;
}

}  // namespace sb::sip::text
