#pragma once
/// @file
/// Originate: the PBX places a call itself (Asterisk's ast_pbx_outgoing_exten/_app, used by
/// AMI Originate and `channel originate`). A "Tech/resource" is dialled; once it answers the
/// channel either runs the dialplan from context/exten/priority like an inbound call, or runs
/// one application and is hung up. The outcome is reported once, at answer or failure.
/// Reactor thread only.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sb::modules::pbx {

class PbxService;

/// Asterisk's OriginateResponse Reason values (the old ast_control_frame_type codes).
namespace originate_reason {
inline constexpr int kFailed = 0;
inline constexpr int kHangup = 1;
inline constexpr int kRingTimeout = 3;  ///< rang but nobody answered
inline constexpr int kAnswered = 4;
inline constexpr int kBusy = 5;
inline constexpr int kCongestion = 8;
}  // namespace originate_reason

/// What to dial and what to do with the call once answered.
struct OriginateRequest {
  std::string tech;      ///< "PJSIP"
  std::string resource;  ///< "alice" (what follows the "/")
  std::chrono::milliseconds timeout{30000};
  std::string callerNumber, callerName;
  /// Channel variables set before dialling ("Set" semantics: _x / __x mark inheritance).
  std::vector<std::pair<std::string, std::string>> variables;
  std::string account;
  /// Codec names (comma-separated) the dialled channel may offer, of its endpoint's; empty: all.
  std::string codecs;
  /// Early media (a 183 with SDP) counts as the answer: the dialplan or application starts.
  bool earlyMedia = false;
  // Either the dialplan location...
  std::string context, exten;
  int priority = 1;
  // ...or, when `app` is set, one application with its data.
  std::string app, appData;
};

/// The result reported to the caller of originate().
struct OriginateOutcome {
  int reason = originate_reason::kFailed;
  /// Name and unique id of the answered channel; empty when nothing answered.
  std::string channel, uniqueId;
  bool answered() const { return reason == originate_reason::kAnswered; }
};

using OriginateDone = std::function<void(const OriginateOutcome&)>;

/// Dials `request` on the reactor and calls `done` once: when the call is answered (before the
/// dialplan or application runs on it) or when it fails. Every channel it creates is hung up
/// and released in all outcomes.
void originate(PbxService& pbx, OriginateRequest request, OriginateDone done = {});

/// The Reason an unanswered call gets from the hang-up cause of its leg (pbx_dial_reason).
int originateReasonForCause(int cause);

/// Splits a caller id "Name <number>", "\"Name\" <number>" or "number" into name and number
/// (ast_callerid_parse); a lone word that is not a number is a name.
std::pair<std::string, std::string> parseCallerId(std::string_view callerId);

/// Splits "Tech/resource"; false when there is no "/" or either side is empty.
bool splitDialString(std::string_view dial, std::string& tech, std::string& resource);

}  // namespace sb::modules::pbx
