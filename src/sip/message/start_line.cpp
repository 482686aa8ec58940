#include "sip/message/start_line.hpp"

#include "sip/message/text.hpp"

namespace sb::sip {
namespace {

constexpr std::string_view kMethodNames[] = {
    "",      "INVITE", "ACK",       "BYE",    "CANCEL", "REGISTER", "OPTIONS", "INFO",
    "PRACK", "UPDATE", "SUBSCRIBE", "NOTIFY", "REFER",  "MESSAGE",  "PUBLISH",
};

/// "SIP/2.0" -> None; "SIP/d.d" other -> UnsupportedVersion; else Malformed.
StartLineError checkVersion(std::string_view v) {
  if (v == "SIP/2.0")
    return StartLineError::None;
  if (v.size() >= 7 && text::iequals(v.substr(0, 4), "SIP/")) {
    std::string_view num = v.substr(4);
    std::size_t dot = num.find('.');
    if (dot != std::string_view::npos && dot > 0 && dot + 1 < num.size()) {
      std::uint64_t a = 0;
      std::uint64_t b = 0;
      if (text::parseUint(num.substr(0, dot), 999, a) &&
          text::parseUint(num.substr(dot + 1), 999, b)) {
        return (a == 2 && b == 0) ? StartLineError::None : StartLineError::UnsupportedVersion;
      }
    }
  }
  return StartLineError::Malformed;
}

}  // namespace

Method methodFromName(std::string_view name) {
  for (std::size_t i = 1; i < std::size(kMethodNames); ++i) {
    if (kMethodNames[i] == name)
      return static_cast<Method>(i);
  }
  return Method::Unknown;
}

std::string_view methodName(Method m) {
  auto i = static_cast<std::size_t>(m);
  return i < std::size(kMethodNames) ? kMethodNames[i] : std::string_view{};
}

StartLineError parseRequestLine(std::string_view line, RequestLine& out) {
  std::size_t sp1 = line.find(' ');
  std::size_t sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1)
    return StartLineError::Malformed;
  out.methodText = line.substr(0, sp1);
  out.uriText = line.substr(sp1 + 1, sp2 - sp1 - 1);
  out.version = line.substr(sp2 + 1);
  if (!text::isToken(out.methodText))
    return StartLineError::BadMethod;
  out.method = methodFromName(out.methodText);
  StartLineError v = checkVersion(out.version);
  if (v != StartLineError::None)
    return v;
  if (out.uriText.empty() || out.uriText.front() == ' ' || out.uriText.back() == ' ') {
    return StartLineError::Malformed;
  }
  auto uri = parseUri(out.uriText);
  if (!uri)
    return StartLineError::BadRequestUri;
  out.uri = *uri;
  return StartLineError::None;
}

StartLineError parseStatusLine(std::string_view line, StatusLine& out) {
  std::size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos)
    return StartLineError::Malformed;
  out.version = line.substr(0, sp1);
  StartLineError v = checkVersion(out.version);
  if (v != StartLineError::None)
    return v;
  std::string_view rest = line.substr(sp1 + 1);
  std::size_t sp2 = rest.find(' ');
  std::string_view code = rest.substr(0, sp2);
  std::uint64_t c = 0;
  if (code.size() != 3 || !text::parseUint(code, 699, c) || c < 100) {
    return StartLineError::BadStatusCode;
  }
  out.code = static_cast<int>(c);
  out.reason = sp2 == std::string_view::npos ? std::string_view{} : rest.substr(sp2 + 1);
  for (char ch : out.reason) {
    if (ch == '\r' || ch == '\n')
      return StartLineError::Malformed;
  }
  return StartLineError::None;
}

}  // namespace sb::sip
