#include "sip/message/via.hpp"

#include "sip/message/text.hpp"

namespace sb::sip {
namespace {

std::size_t skipLws(std::string_view s, std::size_t i) {
  while (i < s.size() && text::isLws(s[i]))
    ++i;
  return i;
}

bool readToken(std::string_view s, std::size_t& i, std::string_view& out) {
  std::size_t start = i;
  while (i < s.size() && text::isTokenChar(s[i]))
    ++i;
  out = s.substr(start, i - start);
  return i > start;
}

bool validKnownParams(const ParamList& params) {
  bool ok = true;
  params.forEach([&ok](const Param& p) {
    std::uint64_t v = 0;
    // Cheap filter first: only these four names (3 to 8 letters) need checking.
    char f = text::toLower(p.name.empty() ? '\0' : p.name[0]);
    if (f != 't' && f != 'r' && f != 'b') {
      return;
    }
    if (text::iequals(p.name, "ttl")) {
      if (!text::parseUint(p.value, 255, v))
        ok = false;
    } else if (text::iequals(p.name, "rport")) {
      if (p.hasValue && !text::parseUint(p.value, 65535, v))
        ok = false;
    } else if (text::iequals(p.name, "branch")) {
      if (!p.hasValue || !text::isToken(p.value))
        ok = false;
    } else if (text::iequals(p.name, "received")) {
      std::string_view r = p.value;
      if (r.size() > 2 && r.front() == '[' && r.back() == ']') {
        if (!isIPv6Address(r.substr(1, r.size() - 2)))
          ok = false;
      } else if (!isIPv4Address(r) && !isIPv6Address(r)) {
        ok = false;
      }
    }
  });
  return ok;
}

}  // namespace

bool Via::hasMagicCookie() const {
  std::string_view b = branch();
  return b.size() >= kBranchMagicCookie.size() &&
         b.substr(0, kBranchMagicCookie.size()) == kBranchMagicCookie;
}

std::optional<std::uint16_t> Via::rport() const {
  auto p = params.find("rport");
  std::uint64_t v = 0;
  if (!p || !p->hasValue || !text::parseUint(p->value, 65535, v))
    return std::nullopt;
  return static_cast<std::uint16_t>(v);
}

std::optional<std::uint8_t> Via::ttl() const {
  auto p = params.find("ttl");
  std::uint64_t v = 0;
  if (!p || !text::parseUint(p->value, 255, v))
    return std::nullopt;
  return static_cast<std::uint8_t>(v);
}

std::optional<Via> parseVia(std::string_view value) {
  Via via;
  std::string_view s = text::trim(value);
  via.raw = s;
  std::size_t i = 0;
  if (!readToken(s, i, via.protocolName))
    return std::nullopt;
  i = skipLws(s, i);
  if (i >= s.size() || s[i] != '/')
    return std::nullopt;
  i = skipLws(s, i + 1);
  if (!readToken(s, i, via.protocolVersion))
    return std::nullopt;
  i = skipLws(s, i);
  if (i >= s.size() || s[i] != '/')
    return std::nullopt;
  i = skipLws(s, i + 1);
  if (!readToken(s, i, via.transport))
    return std::nullopt;
  std::size_t afterTransport = i;
  i = skipLws(s, i);
  if (i == afterTransport)
    return std::nullopt;  // LWS is mandatory before sent-by
  std::string_view rest = s.substr(i);
  std::size_t hpLen = hostPortLength(rest);
  // LWS may sit around the ':' of sent-by; RFC 3261 allows it (HCOLON-like), rare enough
  // that a plain host:port is all we take.
  auto hp = parseHostPort(rest.substr(0, hpLen));
  if (!hp)
    return std::nullopt;
  via.host = hp->host;
  via.hostType = hp->type;
  via.port = hp->port;
  via.hasPort = hp->hasPort;
  rest = rest.substr(hpLen);
  auto n = scanParams(rest);
  if (!n || !text::trim(rest.substr(*n)).empty())
    return std::nullopt;
  via.params = ParamList(rest.substr(0, *n));
  if (!validKnownParams(via.params))
    return std::nullopt;
  return via;
}

bool parseViaList(std::string_view value, std::vector<Via>& out) {
  text::CommaSplitter split(value);
  std::string_view element;
  while (split.next(element)) {
    if (split.error())
      return false;
    auto via = parseVia(element);
    if (!via)
      return false;
    out.push_back(*via);
  }
  return !split.error();
}

}  // namespace sb::sip
