#include "sip/message/header_values.hpp"

#include "sip/message/text.hpp"

namespace sb::sip {
namespace {

std::string_view nextWord(std::string_view& s) {
  s = text::trimLeft(s);
  std::size_t i = 0;
  while (i < s.size() && !text::isLws(s[i]))
    ++i;
  std::string_view w = s.substr(0, i);
  s = s.substr(i);
  return w;
}

/// token followed by an optional parameter list, nothing else.
bool tokenWithParams(std::string_view value, std::string_view& token, ParamList& params) {
  std::string_view v = text::trim(value);
  std::size_t i = 0;
  while (i < v.size() && text::isTokenChar(v[i]))
    ++i;
  if (i == 0)
    return false;
  token = v.substr(0, i);
  std::string_view rest = v.substr(i);
  auto n = scanParams(rest);
  if (!n || !text::trim(rest.substr(*n)).empty())
    return false;
  params = ParamList(rest.substr(0, *n));
  return true;
}

}  // namespace

std::optional<CSeq> parseCSeq(std::string_view value) {
  std::string_view s = value;
  std::string_view num = nextWord(s);
  std::string_view method = nextWord(s);
  std::uint64_t n = 0;
  if (!text::parseUint(num, kMaxCSeq, n) || !text::isToken(method) || !text::trim(s).empty()) {
    return std::nullopt;
  }
  CSeq c;
  c.number = static_cast<std::uint32_t>(n);
  c.methodText = method;
  c.method = methodFromName(method);
  return c;
}

std::optional<std::uint32_t> parseScalar(std::string_view value, std::uint32_t max) {
  std::uint64_t v = 0;
  if (!text::parseUint(text::trim(value), max, v))
    return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

std::optional<MediaType> parseMediaType(std::string_view value) {
  std::string_view v = text::trim(value);
  MediaType m;
  std::size_t i = 0;
  while (i < v.size() && text::isTokenChar(v[i]))
    ++i;
  m.type = v.substr(0, i);
  while (i < v.size() && text::isLws(v[i]))
    ++i;
  if (m.type.empty() || i >= v.size() || v[i] != '/')
    return std::nullopt;
  ++i;
  while (i < v.size() && text::isLws(v[i]))
    ++i;
  std::size_t st = i;
  while (i < v.size() && text::isTokenChar(v[i]))
    ++i;
  m.subtype = v.substr(st, i - st);
  if (m.subtype.empty())
    return std::nullopt;
  std::string_view rest = v.substr(i);
  auto n = scanParams(rest);
  if (!n || !text::trim(rest.substr(*n)).empty())
    return std::nullopt;
  m.params = ParamList(rest.substr(0, *n));
  return m;
}

bool parseTokenList(std::string_view value, std::vector<std::string_view>& out) {
  if (text::trim(value).empty())
    return true;  // an empty list is allowed (e.g. Supported:)
  text::CommaSplitter split(value);
  std::string_view element;
  while (split.next(element)) {
    if (!text::isToken(element))
      return false;
    out.push_back(element);
  }
  return !split.error();
}

std::optional<EventHeader> parseEvent(std::string_view value) {
  EventHeader e;
  if (!tokenWithParams(value, e.package, e.params))
    return std::nullopt;
  return e;
}

std::optional<std::uint32_t> SubscriptionState::expires() const {
  auto p = params.find("expires");
  if (!p)
    return std::nullopt;
  return parseScalar(p->value, 0xFFFFFFFFu);
}

std::optional<SubscriptionState> parseSubscriptionState(std::string_view value) {
  SubscriptionState s;
  if (!tokenWithParams(value, s.state, s.params))
    return std::nullopt;
  return s;
}

std::optional<RAck> parseRAck(std::string_view value) {
  std::string_view s = value;
  std::string_view rseq = nextWord(s);
  std::string_view cseq = nextWord(s);
  std::string_view method = nextWord(s);
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  if (!text::parseUint(rseq, 0xFFFFFFFFu, a) || !text::parseUint(cseq, 0xFFFFFFFFu, b) ||
      !text::isToken(method) || !text::trim(s).empty()) {
    return std::nullopt;
  }
  RAck r;
  r.rseq = static_cast<std::uint32_t>(a);
  r.cseq = static_cast<std::uint32_t>(b);
  r.methodText = method;
  r.method = methodFromName(method);
  return r;
}

}  // namespace sb::sip
