#include "sip/message/params.hpp"

#include <array>

#include "sip/message/text.hpp"

namespace sb::sip {
namespace {

constexpr std::array<bool, 256> makeParamTable() {
  std::array<bool, 256> t = text::detail::makeTokenTable();
  for (char c : std::string_view("[]/:&$"))
    t[static_cast<unsigned char>(c)] = true;
  return t;
}
constexpr std::array<bool, 256> kParamChar = makeParamTable();

/// Token characters plus the URI param-unreserved set (and ':' '[' ']' for IPv6 values).
inline bool isParamChar(char c) {
  return kParamChar[static_cast<unsigned char>(c)];
}

std::size_t skipLws(std::string_view s, std::size_t i) {
  while (i < s.size() && text::isLws(s[i]))
    ++i;
  return i;
}

}  // namespace

bool ParamList::nextParam(std::string_view& rest, Param& out, bool& error) {
  std::size_t i = skipLws(rest, 0);
  if (i >= rest.size() || rest[i] != ';') {
    rest = rest.substr(i);
    return false;
  }
  i = skipLws(rest, i + 1);
  std::size_t nameStart = i;
  while (i < rest.size() && isParamChar(rest[i]))
    ++i;
  if (i == nameStart) {
    error = true;
    return false;
  }
  out.name = rest.substr(nameStart, i - nameStart);
  out.value = {};
  out.hasValue = false;
  std::size_t afterName = i;
  i = skipLws(rest, i);
  if (i < rest.size() && rest[i] == '=') {
    i = skipLws(rest, i + 1);
    std::size_t valueStart = i;
    if (i < rest.size() && rest[i] == '"') {
      std::size_t close = text::findClosingQuote(rest, i);
      if (close == std::string_view::npos) {
        error = true;
        return false;
      }
      i = close + 1;
    } else {
      while (i < rest.size() && isParamChar(rest[i]))
        ++i;
      if (i == valueStart) {
        error = true;
        return false;
      }
    }
    out.value = rest.substr(valueStart, i - valueStart);
    out.hasValue = true;
  } else {
    i = afterName;
  }
  rest = rest.substr(i);
  return true;
}

std::size_t ParamList::size() const {
  std::size_t n = 0;
  forEach([&n](const Param&) { ++n; });
  return n;
}

std::optional<Param> ParamList::find(std::string_view name) const {
  std::string_view rest = raw_;
  Param p;
  bool error = false;
  while (nextParam(rest, p, error)) {
    if (text::iequals(p.name, name))
      return p;
  }
  return std::nullopt;
}

std::string_view ParamList::get(std::string_view name) const {
  auto p = find(name);
  return p ? p->value : std::string_view{};
}

std::optional<std::size_t> scanParams(std::string_view text) {
  std::string_view rest = text;
  Param p;
  bool error = false;
  while (ParamList::nextParam(rest, p, error)) {
  }
  if (error)
    return std::nullopt;
  // nextParam left rest at the first non-LWS character after the list; give back trailing
  // LWS so the list does not swallow it.
  std::size_t consumed = text.size() - rest.size();
  while (consumed > 0 && text::isLws(text[consumed - 1]))
    --consumed;
  return consumed;
}

}  // namespace sb::sip
