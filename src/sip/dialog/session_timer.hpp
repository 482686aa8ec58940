#pragma once
/// @file
/// Session timers (RFC 4028) as pure decisions over messages: what a UAS answers to an
/// INVITE/UPDATE that asks for one (or 422/421), which headers a UAC sends, what a 2xx
/// settled, and when the refresher refreshes or the other side gives up. The dialog's owner
/// runs the timers and sends the refreshes.

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sip/message/message.hpp"

namespace sb::sip {

/// Asterisk's endpoint `timers`: no, yes (use when the peer asks), required (refuse peers
/// without timer support), always (run one even when the peer does not ask).
enum class TimerMode { No, Yes, Required, Always };

/// "no", "yes", "required", "always" (anything else: Yes).
TimerMode parseTimerMode(std::string_view text);

struct SessionTimerSettings {
  TimerMode mode = TimerMode::Yes;
  unsigned minSe = 90;             ///< timers_min_se
  unsigned sessionExpires = 1800;  ///< timers_sess_expires
};

/// A running session timer: the interval in seconds and whether this side refreshes.
struct SessionInterval {
  unsigned seconds = 0;
  bool localRefreshes = false;
  friend bool operator==(const SessionInterval&, const SessionInterval&) = default;
};

using ExtraHeaders = std::vector<std::pair<std::string, std::string>>;

/// The UAS side of an INVITE, re-INVITE or UPDATE.
struct UasTimerDecision {
  int reject = 0;        ///< 422 (interval too small) or 421 (timer support required)
  ExtraHeaders headers;  ///< for the rejection (Min-SE, Require) or for the 2xx
  std::optional<SessionInterval> interval;  ///< the timer to run after the 2xx, if any
};
UasTimerDecision decideAsUas(const SessionTimerSettings& settings, const Message& request);

/// Headers a UAC puts in an INVITE (or a refresh): Session-Expires (with refresher=uac when
/// `refresherParam`) and Min-SE; Require: timer for mode Required. Empty for mode No.
ExtraHeaders uacRequestHeaders(const SessionTimerSettings& settings, unsigned seconds,
                               unsigned minSe, bool refresherParam = false);

/// The Min-SE of a 422, raised to at least `current`; std::nullopt without a usable one.
std::optional<unsigned> minSeOf422(const Message& response, unsigned current);

/// What the 2xx to our INVITE/UPDATE settled: its Session-Expires, or for mode Always our
/// own `requested` interval refreshed by us; std::nullopt when no timer runs.
std::optional<SessionInterval> fromUacResponse(const SessionTimerSettings& settings,
                                               const Message& response, unsigned requested);

/// When the refresher sends its refresh: half the interval (RFC 4028 10).
std::chrono::milliseconds refreshAfter(unsigned seconds);
/// When the other side gives up waiting and ends the session: the interval minus
/// min(32 s, a third of it) (RFC 4028 10).
std::chrono::milliseconds expireAfter(unsigned seconds);

}  // namespace sb::sip
