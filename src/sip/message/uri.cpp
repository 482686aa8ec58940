#include "sip/message/uri.hpp"

#include "sip/message/text.hpp"

namespace sb::sip {
namespace {

bool isMark(char c) {
  switch (c) {
    case '-':
    case '_':
    case '.':
    case '!':
    case '~':
    case '*':
    case '\'':
    case '(':
    case ')':
      return true;
    default:
      return false;
  }
}

bool isUnreserved(char c) {
  return text::isAlnum(c) || isMark(c);
}

/// Checks "%HH" escapes and that every other character is in the allowed set.
template <class Pred>
bool checkEscaped(std::string_view s, Pred allowed) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size() || !text::isHex(s[i + 1]) || !text::isHex(s[i + 2]))
        return false;
      i += 2;
    } else if (!allowed(s[i])) {
      return false;
    }
  }
  return true;
}

bool isUserChar(char c) {
  if (isUnreserved(c))
    return true;
  switch (c) {
    case '&':
    case '=':
    case '+':
    case '$':
    case ',':
    case ';':
    case '?':
    case '/':
      return true;
    default:
      return false;
  }
}

bool isPasswordChar(char c) {
  if (isUnreserved(c))
    return true;
  switch (c) {
    case '&':
    case '=':
    case '+':
    case '$':
    case ',':
      return true;
    default:
      return false;
  }
}

bool isHeaderChar(char c) {
  if (isUnreserved(c))
    return true;
  switch (c) {
    case '[':
    case ']':
    case '/':
    case '?':
    case ':':
    case '+':
    case '$':
    case '=':
    case '&':
      return true;
    default:
      return false;
  }
}

bool isHostName(std::string_view s) {
  if (s.empty() || s.size() > 255)
    return false;
  for (char c : s) {
    if (!text::isAlnum(c) && c != '-' && c != '.' && c != '_')
      return false;
  }
  return s.front() != '.' && s.front() != '-';
}

bool isTelChar(char c) {
  return text::isHex(c) || c == '+' || c == '-' || c == '.' || c == '(' || c == ')' || c == '*' ||
         c == '#' || c == 'p' || c == 'w' || c == 'P' || c == 'W';
}

bool validUriChars(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '<' || c == '>' || c == '"' || c == '\\')
      return false;
  }
  return true;
}

bool parsePort(std::string_view s, std::uint16_t& port) {
  std::uint64_t v = 0;
  if (s.size() > 5 || !text::parseUint(s, 65535, v))
    return false;
  port = static_cast<std::uint16_t>(v);
  return true;
}

}  // namespace

bool isIPv4Address(std::string_view s) {
  int parts = 0;
  std::size_t i = 0;
  while (true) {
    std::size_t start = i;
    while (i < s.size() && text::isDigit(s[i]))
      ++i;
    std::uint64_t v = 0;
    if (i == start || i - start > 3 || !text::parseUint(s.substr(start, i - start), 255, v)) {
      return false;
    }
    ++parts;
    if (i == s.size())
      break;
    if (s[i] != '.' || parts == 4)
      return false;
    ++i;
  }
  return parts == 4;
}

bool isIPv6Address(std::string_view s) {
  if (s.size() < 2 || s.size() > 45)
    return false;
  int groups = 0;
  bool doubleColon = false;
  std::size_t i = 0;
  if (s.substr(0, 2) == "::") {
    doubleColon = true;
    i = 2;
    if (i == s.size())
      return true;
  } else if (s[0] == ':') {
    return false;
  }
  while (i < s.size()) {
    std::size_t start = i;
    while (i < s.size() && text::isHex(s[i]))
      ++i;
    if (i < s.size() && s[i] == '.') {
      // Trailing dotted IPv4 takes the place of two groups.
      if (!isIPv4Address(s.substr(start)))
        return false;
      groups += 2;
      i = s.size();
      break;
    }
    if (i == start || i - start > 4)
      return false;
    ++groups;
    if (i == s.size())
      break;
    if (s[i] != ':')
      return false;
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (doubleColon)
        return false;
      doubleColon = true;
      ++i;
      if (i == s.size())
        break;
    } else if (i == s.size()) {
      return false;  // a single trailing colon
    }
  }
  return doubleColon ? groups < 8 : groups == 8;
}

std::size_t hostPortLength(std::string_view s) {
  std::size_t i = 0;
  if (!s.empty() && s[0] == '[') {
    std::size_t close = s.find(']');
    if (close == std::string_view::npos)
      return s.size();
    i = close + 1;
  }
  while (i < s.size()) {
    char c = s[i];
    if (c == ';' || c == '?' || c == '>' || c == ',' || text::isLws(c))
      break;
    ++i;
  }
  return i;
}

std::optional<HostPort> parseHostPort(std::string_view s) {
  HostPort hp;
  std::string_view portText;
  bool colon = false;
  if (!s.empty() && s[0] == '[') {
    std::size_t close = s.find(']');
    if (close == std::string_view::npos || !isIPv6Address(s.substr(1, close - 1))) {
      return std::nullopt;
    }
    hp.host = s.substr(0, close + 1);
    hp.type = HostType::IPv6;
    std::string_view rest = s.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':')
        return std::nullopt;
      colon = true;
      portText = rest.substr(1);
    }
  } else {
    std::size_t c = s.find(':');
    hp.host = s.substr(0, c);
    if (c != std::string_view::npos) {
      colon = true;
      portText = s.substr(c + 1);
    }
    if (isIPv4Address(hp.host)) {
      hp.type = HostType::IPv4;
    } else if (isHostName(hp.host)) {
      hp.type = HostType::Name;
    } else {
      return std::nullopt;
    }
  }
  if (colon) {
    if (!parsePort(portText, hp.port))
      return std::nullopt;
    hp.hasPort = true;
  }
  return hp;
}

std::string_view Uri::opaque() const {
  return raw.size() > schemeText.size() ? raw.substr(schemeText.size() + 1) : std::string_view{};
}

std::string_view Uri::hostAddress() const {
  if (hostType == HostType::IPv6 && host.size() >= 2)
    return host.substr(1, host.size() - 2);
  return host;
}

std::optional<Uri> parseUri(std::string_view s) {
  if (!validUriChars(s))
    return std::nullopt;
  std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || !text::isAlpha(s[0]))
    return std::nullopt;
  for (std::size_t i = 1; i < colon; ++i) {
    char c = s[i];
    if (!text::isAlnum(c) && c != '+' && c != '-' && c != '.')
      return std::nullopt;
  }
  Uri uri;
  uri.raw = s;
  uri.schemeText = s.substr(0, colon);
  std::string_view rest = s.substr(colon + 1);
  if (rest.empty())
    return std::nullopt;

  if (text::iequals(uri.schemeText, "tel")) {
    uri.scheme = UriScheme::Tel;
    std::size_t semi = rest.find(';');
    uri.user = rest.substr(0, semi);
    uri.hasUser = true;
    if (uri.user.empty())
      return std::nullopt;
    for (char c : uri.user) {
      if (!isTelChar(c))
        return std::nullopt;
    }
    if (semi != std::string_view::npos) {
      std::string_view ps = rest.substr(semi);
      auto n = scanParams(ps);
      if (!n || *n != ps.size())
        return std::nullopt;
      uri.params = ParamList(ps);
    }
    return uri;
  }
  if (text::iequals(uri.schemeText, "sip")) {
    uri.scheme = UriScheme::Sip;
  } else if (text::iequals(uri.schemeText, "sips")) {
    uri.scheme = UriScheme::Sips;
  } else {
    uri.scheme = UriScheme::Other;
    return uri;
  }

  std::size_t at = rest.find('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    std::size_t pc = userinfo.find(':');
    uri.user = userinfo.substr(0, pc);
    uri.hasUser = true;
    if (pc != std::string_view::npos) {
      uri.password = userinfo.substr(pc + 1);
      uri.hasPassword = true;
      if (!checkEscaped(uri.password, isPasswordChar))
        return std::nullopt;
    }
    if (uri.user.empty() || !checkEscaped(uri.user, isUserChar))
      return std::nullopt;
    rest = rest.substr(at + 1);
  }
  std::size_t hpLen = hostPortLength(rest);
  auto hp = parseHostPort(rest.substr(0, hpLen));
  if (!hp)
    return std::nullopt;
  uri.host = hp->host;
  uri.hostType = hp->type;
  uri.port = hp->port;
  uri.hasPort = hp->hasPort;
  rest = rest.substr(hpLen);
  if (!rest.empty() && rest[0] == ';') {
    auto n = scanParams(rest);
    if (!n)
      return std::nullopt;
    uri.params = ParamList(rest.substr(0, *n));
    rest = rest.substr(*n);
  }
  if (!rest.empty()) {
    if (rest[0] != '?')
      return std::nullopt;
    uri.headers = rest.substr(1);
    uri.hasHeaders = true;
    if (uri.headers.empty() || !checkEscaped(uri.headers, isHeaderChar))
      return std::nullopt;
  }
  return uri;
}

std::optional<std::string> uriHeader(std::string_view headers, std::string_view name) {
  while (!headers.empty()) {
    const auto amp = headers.find('&');
    const std::string_view field = headers.substr(0, amp);
    headers = amp == std::string_view::npos ? std::string_view() : headers.substr(amp + 1);
    const auto equals = field.find('=');
    if (text::iequals(text::unescape(field.substr(0, equals)), name)) {
      return equals == std::string_view::npos ? std::string()
                                              : text::unescape(field.substr(equals + 1));
    }
  }
  return std::nullopt;
}

}  // namespace sb::sip
