#include "sip/dialog/session_timer.hpp"

#include <algorithm>

#include "sip/dialog/reliable_provisional.hpp"
#include "sip/message/header_values.hpp"
#include "sip/message/text.hpp"

namespace sb::sip {
namespace {

/// "1800;refresher=uac": the delta and the refresher parameter ("" when absent).
struct SessionExpires {
  unsigned seconds = 0;
  std::string_view refresher;
};

std::optional<SessionExpires> parseSessionExpires(std::string_view value) {
  auto seconds = text::leadingUint(value);
  if (!seconds || *seconds == 0) {
    return std::nullopt;
  }
  SessionExpires out{*seconds, {}};
  const auto semicolon = value.find(';');
  if (semicolon != std::string_view::npos) {
    ParamList params(value.substr(semicolon));
    out.refresher = params.get("refresher");
  }
  return out;
}

std::string sessionExpiresValue(unsigned seconds, std::string_view refresher) {
  std::string out = std::to_string(seconds);
  if (!refresher.empty()) {
    out += ";refresher=";
    out += refresher;
  }
  return out;
}

}  // namespace

TimerMode parseTimerMode(std::string_view text) {
  if (text::iequals(text, "no") || text::iequals(text, "false")) {
    return TimerMode::No;
  }
  if (text::iequals(text, "required")) {
    return TimerMode::Required;
  }
  if (text::iequals(text, "always") || text::iequals(text, "forced")) {
    return TimerMode::Always;
  }
  return TimerMode::Yes;
}

UasTimerDecision decideAsUas(const SessionTimerSettings& settings, const Message& request) {
  UasTimerDecision out;
  if (settings.mode == TimerMode::No) {
    if (requiresTag(request, "timer")) {
      out.reject = 420;  // RFC 3261 8.2.2.3: an extension we have turned off
      out.headers = {{"Unsupported", "timer"}};
    }
    return out;
  }
  const bool peerSupports = supportsOrRequires(request, "timer");
  if (settings.mode == TimerMode::Required && !peerSupports) {
    out.reject = 421;
    out.headers = {{"Require", "timer"}};
    return out;
  }
  const auto asked = parseSessionExpires(request.value(HeaderId::SessionExpires));
  if (asked && asked->seconds < settings.minSe) {
    // RFC 4028 8.1: too brief for us; the UAC retries with at least our Min-SE.
    const unsigned theirs = text::leadingUint(request.value(HeaderId::MinSE)).value_or(0);
    out.reject = 422;
    out.headers = {{"Min-SE", std::to_string(std::max(settings.minSe, theirs))}};
    return out;
  }
  unsigned seconds = 0;
  bool uacRefreshes = false;
  if (asked) {
    seconds = asked->seconds;
    if (text::iequals(asked->refresher, "uas")) {
      uacRefreshes = false;
    } else if (text::iequals(asked->refresher, "uac")) {
      uacRefreshes = true;
    } else {
      uacRefreshes = peerSupports;  // RFC 4028 9: the UAS picks; one that can, refreshes
    }
  } else if (settings.mode == TimerMode::Always || settings.mode == TimerMode::Required) {
    seconds = std::max(settings.sessionExpires, settings.minSe);
    uacRefreshes = peerSupports;
  } else {
    return out;  // the peer did not ask and we need not insist
  }
  out.interval = SessionInterval{seconds, !uacRefreshes};
  out.headers.emplace_back("Session-Expires",
                           sessionExpiresValue(seconds, uacRefreshes ? "uac" : "uas"));
  if (peerSupports) {
    out.headers.emplace_back("Require", "timer");
  }
  return out;
}

ExtraHeaders uacRequestHeaders(const SessionTimerSettings& settings, unsigned seconds,
                               unsigned minSe, bool refresherParam) {
  if (settings.mode == TimerMode::No) {
    return {};
  }
  ExtraHeaders out;
  out.emplace_back("Session-Expires", sessionExpiresValue(seconds, refresherParam ? "uac" : ""));
  out.emplace_back("Min-SE", std::to_string(minSe));
  if (settings.mode == TimerMode::Required) {
    out.emplace_back("Require", "timer");
  }
  return out;
}

std::optional<unsigned> minSeOf422(const Message& response, unsigned current) {
  const auto theirs = text::leadingUint(response.value(HeaderId::MinSE));
  if (!theirs || *theirs == 0) {
    return std::nullopt;
  }
  return std::max(*theirs, current);
}

std::optional<SessionInterval> fromUacResponse(const SessionTimerSettings& settings,
                                               const Message& response, unsigned requested) {
  if (settings.mode == TimerMode::No) {
    return std::nullopt;
  }
  if (const auto settled = parseSessionExpires(response.value(HeaderId::SessionExpires))) {
    // Without a refresher parameter the UAS did not take the job: the UAC refreshes.
    return SessionInterval{settled->seconds, !text::iequals(settled->refresher, "uas")};
  }
  if (settings.mode == TimerMode::Always) {
    return SessionInterval{requested, true};
  }
  return std::nullopt;
}

std::chrono::milliseconds refreshAfter(unsigned seconds) {
  return std::chrono::milliseconds(std::uint64_t{seconds} * 500);
}

std::chrono::milliseconds expireAfter(unsigned seconds) {
  const std::uint64_t margin = std::min<std::uint64_t>(32, seconds / 3);
  return std::chrono::seconds(seconds - margin);
}

}  // namespace sb::sip
