#include "sip/message/name_addr.hpp"

#include "sip/message/text.hpp"

namespace sb::sip {
namespace {

bool parseQ(std::string_view v, int& out) {
  // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
  if (v.empty() || (v[0] != '0' && v[0] != '1'))
    return false;
  int whole = v[0] - '0';
  int frac = 0;
  if (v.size() > 1) {
    if (v[1] != '.' || v.size() > 5)
      return false;
    int scale = 100;
    for (std::size_t i = 2; i < v.size(); ++i) {
      if (!text::isDigit(v[i]))
        return false;
      frac += (v[i] - '0') * scale;
      scale /= 10;
    }
  }
  out = whole * 1000 + frac;
  return out <= 1000;
}

/// Checks that params hold a valid expires/q if present (so typed accessors cannot lie).
bool checkKnownParams(const ParamList& params) {
  bool ok = true;
  params.forEach([&ok](const Param& p) {
    if (text::iequals(p.name, "expires")) {
      std::uint64_t v = 0;
      if (!p.hasValue || !text::parseUint(p.value, 0xFFFFFFFFu, v))
        ok = false;
    } else if (text::iequals(p.name, "q")) {
      int q = 0;
      if (!p.hasValue || !parseQ(p.value, q))
        ok = false;
    }
  });
  return ok;
}

}  // namespace

std::optional<std::uint32_t> NameAddr::expires() const {
  auto p = params.find("expires");
  std::uint64_t v = 0;
  if (!p || !text::parseUint(p->value, 0xFFFFFFFFu, v))
    return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

std::optional<int> NameAddr::qThousandths() const {
  auto p = params.find("q");
  int q = 0;
  if (!p || !parseQ(p->value, q))
    return std::nullopt;
  return q;
}

std::string NameAddr::displayNameUnquoted() const {
  if (!displayQuoted)
    return std::string(displayName);
  std::string out;
  for (std::size_t i = 0; i < displayName.size(); ++i) {
    if (displayName[i] == '\\' && i + 1 < displayName.size())
      ++i;
    out.push_back(displayName[i]);
  }
  return out;
}

std::optional<NameAddr> parseNameAddr(std::string_view value, bool allowWildcard) {
  NameAddr na;
  std::string_view v = text::trim(value);
  na.raw = v;
  if (v.empty())
    return std::nullopt;
  std::string_view afterAddr;
  if (v[0] == '*') {
    if (!allowWildcard)
      return std::nullopt;
    na.wildcard = true;
    afterAddr = v.substr(1);
  } else {
    std::size_t i = 0;
    if (v[0] == '"') {
      std::size_t close = text::findClosingQuote(v, 0);
      if (close == std::string_view::npos)
        return std::nullopt;
      na.displayName = v.substr(1, close - 1);
      na.displayQuoted = true;
      i = close + 1;
      while (i < v.size() && text::isLws(v[i]))
        ++i;
      if (i >= v.size() || v[i] != '<')
        return std::nullopt;
    } else {
      // Either a token display name followed by '<', an '<' right away, or an addr-spec.
      std::size_t j = 0;
      std::size_t lastTokenEnd = 0;
      while (j < v.size()) {
        if (text::isTokenChar(v[j])) {
          while (j < v.size() && text::isTokenChar(v[j]))
            ++j;
          lastTokenEnd = j;
        } else if (text::isLws(v[j])) {
          ++j;
        } else {
          break;
        }
      }
      if (j < v.size() && v[j] == '<') {
        na.displayName = v.substr(0, lastTokenEnd);
        i = j;
      } else {
        i = std::string_view::npos;  // addr-spec
      }
    }
    if (i != std::string_view::npos) {
      std::size_t close = v.find('>', i);
      if (close == std::string_view::npos)
        return std::nullopt;
      auto uri = parseUri(v.substr(i + 1, close - i - 1));
      if (!uri)
        return std::nullopt;
      na.uri = *uri;
      na.angleBrackets = true;
      afterAddr = v.substr(close + 1);
    } else {
      std::size_t end = 0;
      while (end < v.size() && v[end] != ';' && !text::isLws(v[end]))
        ++end;
      std::string_view spec = v.substr(0, end);
      for (char c : spec) {
        if (c == '?' || c == ',')
          return std::nullopt;
      }
      auto uri = parseUri(spec);
      if (!uri)
        return std::nullopt;
      na.uri = *uri;
      afterAddr = v.substr(end);
    }
  }
  auto n = scanParams(afterAddr);
  if (!n || !text::trim(afterAddr.substr(*n)).empty())
    return std::nullopt;
  na.params = ParamList(afterAddr.substr(0, *n));
  if (!checkKnownParams(na.params))
    return std::nullopt;
  return na;
}

bool parseNameAddrList(std::string_view value, std::vector<NameAddr>& out, bool allowWildcard) {
  text::CommaSplitter split(value);
  std::string_view element;
  while (split.next(element)) {
    if (split.error())
      return false;
    auto na = parseNameAddr(element, allowWildcard);
    if (!na)
      return false;
    out.push_back(*na);
  }
  return !split.error();
}

}  // namespace sb::sip
