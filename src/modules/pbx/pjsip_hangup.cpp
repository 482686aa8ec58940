#include "modules/pbx/pjsip_hangup.hpp"

#include <array>
#include <cctype>
#include <charconv>

#include "core/log/logger.hpp"
#include "core/store/option_parsers.hpp"

namespace sb::modules::pbx {

namespace {

struct ResponseName {
  int code;
  std::string_view name;  ///< without the PJSIP_SC_ prefix
};

// pjsip's status code names, as res_pjsip's rc_map lists them.
constexpr std::array<ResponseName, 77> kResponseNames{{
    {0, "NULL"},
    {100, "TRYING"},
    {180, "RINGING"},
    {181, "CALL_BEING_FORWARDED"},
    {182, "QUEUED"},
    {183, "PROGRESS"},
    {199, "EARLY_DIALOG_TERMINATED"},
    {200, "OK"},
    {202, "ACCEPTED"},
    {204, "NO_NOTIFICATION"},
    {300, "MULTIPLE_CHOICES"},
    {301, "MOVED_PERMANENTLY"},
    {302, "MOVED_TEMPORARILY"},
    {305, "USE_PROXY"},
    {380, "ALTERNATIVE_SERVICE"},
    {400, "BAD_REQUEST"},
    {401, "UNAUTHORIZED"},
    {402, "PAYMENT_REQUIRED"},
    {403, "FORBIDDEN"},
    {404, "NOT_FOUND"},
    {405, "METHOD_NOT_ALLOWED"},
    {406, "NOT_ACCEPTABLE"},
    {407, "PROXY_AUTHENTICATION_REQUIRED"},
    {408, "REQUEST_TIMEOUT"},
    {409, "CONFLICT"},
    {410, "GONE"},
    {411, "LENGTH_REQUIRED"},
    {412, "CONDITIONAL_REQUEST_FAILED"},
    {413, "REQUEST_ENTITY_TOO_LARGE"},
    {414, "REQUEST_URI_TOO_LONG"},
    {415, "UNSUPPORTED_MEDIA_TYPE"},
    {416, "UNSUPPORTED_URI_SCHEME"},
    {417, "UNKNOWN_RESOURCE_PRIORITY"},
    {420, "BAD_EXTENSION"},
    {421, "EXTENSION_REQUIRED"},
    {422, "SESSION_TIMER_TOO_SMALL"},
    {423, "INTERVAL_TOO_BRIEF"},
    {424, "BAD_LOCATION_INFORMATION"},
    {428, "USE_IDENTITY_HEADER"},
    {429, "PROVIDE_REFERRER_HEADER"},
    {430, "FLOW_FAILED"},
    {433, "ANONIMITY_DISALLOWED"},
    {436, "BAD_IDENTITY_INFO"},
    {437, "UNSUPPORTED_CERTIFICATE"},
    {438, "INVALID_IDENTITY_HEADER"},
    {439, "FIRST_HOP_LACKS_OUTBOUND_SUPPORT"},
    {440, "MAX_BREADTH_EXCEEDED"},
    {469, "BAD_INFO_PACKAGE"},
    {470, "CONSENT_NEEDED"},
    {480, "TEMPORARILY_UNAVAILABLE"},
    {481, "CALL_TSX_DOES_NOT_EXIST"},
    {482, "LOOP_DETECTED"},
    {483, "TOO_MANY_HOPS"},
    {484, "ADDRESS_INCOMPLETE"},
    {486, "BUSY_HERE"},
    {487, "REQUEST_TERMINATED"},
    {488, "NOT_ACCEPTABLE_HERE"},
    {489, "BAD_EVENT"},
    {490, "REQUEST_UPDATED"},
    {491, "REQUEST_PENDING"},
    {493, "UNDECIPHERABLE"},
    {494, "SECURITY_AGREEMENT_NEEDED"},
    {500, "INTERNAL_SERVER_ERROR"},
    {501, "NOT_IMPLEMENTED"},
    {502, "BAD_GATEWAY"},
    {503, "SERVICE_UNAVAILABLE"},
    {504, "SERVER_TIMEOUT"},
    {505, "VERSION_NOT_SUPPORTED"},
    {513, "MESSAGE_TOO_LARGE"},
    {555, "PUSH_NOTIFICATION_SERVICE_NOT_SUPPORTED"},
    {580, "PRECONDITION_FAILURE"},
    {600, "BUSY_EVERYWHERE"},
    {603, "DECLINE"},
    {604, "DOES_NOT_EXIST_ANYWHERE"},
    {606, "NOT_ACCEPTABLE_ANYWHERE"},
    {607, "UNWANTED"},
    {608, "REJECTED"},
}};

constexpr int kDecline = 603;

/// ast_str_to_int: the whole text (blanks around allowed, as strtol and its end check allow
/// leading ones) is a decimal number.
bool wholeNumber(std::string_view text, int& out) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
  }
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

int sipResponseCodeByName(std::string_view name) {
  if (name.empty()) {
    return -1;
  }
  constexpr std::string_view kPrefix = "PJSIP_SC_";
  for (const auto& row : kResponseNames) {
    if (store::equalsIgnoreCase(name, row.name) ||
        (name.size() == kPrefix.size() + row.name.size() &&
         store::equalsIgnoreCase(name.substr(0, kPrefix.size()), kPrefix) &&
         store::equalsIgnoreCase(name.substr(kPrefix.size()), row.name))) {
      return row.code;
    }
  }
  return -1;
}

int pjsipHangupResponse(const std::string& channelName, std::string_view text) {
  int code = 0;
  if (!wholeNumber(text, code)) {
    code = sipResponseCodeByName(text);
    if (code < 0) {
      SB_WARNING("{}: Unrecognized response code parameter '{}'. Defaulting to 603 DECLINE",
                 channelName, text);
      return kDecline;
    }
  }
  if (code < 400 || code > 699) {
    SB_WARNING("{}: Response code {} is out of range 400 -> 699. Defaulting to 603 DECLINE",
               channelName, code);
    return kDecline;
  }
  return code;
}

bool pjsipHangup(Channel& channel, int status) {
  if (channel.techName() != "PJSIP") {
    SB_WARNING("{}: Not a PJSIP channel", channel.name());
    return false;
  }
  std::string state = "DISCONNCTD";
  auto* driver = channel.driver();
  if (driver == nullptr || !driver->hangupWithResponse(channel, status, state)) {
    SB_WARNING("{}: Not an incoming channel or invalid state '{}'", channel.name(), state);
    return false;
  }
  return true;
}

}  // namespace sb::modules::pbx
