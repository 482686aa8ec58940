#include "modules/chan_pjsip/dtmf_info.hpp"

#include <fmt/format.h>

#include "sip/message/text.hpp"

namespace sb::modules::chan_pjsip {
namespace {

/// A digit written as itself or as its RFC 4733 event number (10 '*', 11 '#', 12-15 A-D,
/// 16 flash).
char eventOf(std::string_view text) {
  text = sip::text::trim(text);
  if (text.empty()) {
    return '\0';
  }
  const char c = text.front();
  if (c == '!' || c == '*' || c == '#' || (c >= 'A' && c <= 'D')) {
    return c;
  }
  if (c >= 'a' && c <= 'd') {
    return static_cast<char>(c - 'a' + 'A');
  }
  const auto number = sip::text::leadingUint(text);
  if (!number || *number > 16) {
    return '\0';
  }
  if (*number < 10) {
    return static_cast<char>('0' + *number);
  }
  switch (*number) {
    case 10:
      return '*';
    case 11:
      return '#';
    case 16:
      return '!';
    default:
      return static_cast<char>('A' + (*number - 12));
  }
}

}  // namespace

std::optional<InfoDigit> parseDtmfInfo(std::string_view subtype, std::string_view body) {
  const bool dtmf = sip::text::iequals(subtype, "dtmf");
  const bool relay = sip::text::iequals(subtype, "dtmf-relay");
  if (!dtmf && !relay) {
    return std::nullopt;
  }
  InfoDigit out;
  if (dtmf) {
    out.digit = eventOf(body);
    return out;
  }
  while (!body.empty()) {
    const auto end = body.find_first_of("\r\n");
    const std::string_view line = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) {
      continue;
    }
    const auto name = sip::text::trim(line.substr(0, equals));
    const auto value = line.substr(equals + 1);
    if (sip::text::iequals(name, "signal")) {
      out.digit = eventOf(value);
      if (out.digit == '\0') {
        break;
      }
    } else if (sip::text::iequals(name, "duration")) {
      if (const auto duration = sip::text::leadingUint(value)) {
        out.durationMs = *duration;
      }
    }
  }
  return out;
}

std::string dtmfRelayBody(char digit, unsigned durationMs) {
  return fmt::format("Signal={}\r\nDuration={}\r\n", digit, durationMs);
}

}  // namespace sb::modules::chan_pjsip
