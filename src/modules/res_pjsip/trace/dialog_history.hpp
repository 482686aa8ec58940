#pragma once
/// @file
/// chan_sip's per-dialog history (`sip set history on`, `sip show history <call-id>`): while
/// recording is on, each call's dialog gets a short ladder of what happened to it, one line
/// per event in chan_sip's words ("Rx              INVITE / 102 INVITE / sip:600@host",
/// "TxRespRel       SIP/2.0 / 102 INVITE - 200 OK", "Hangup          Cause Normal Clearing").
///
/// A history starts with an INVITE (sent or received) or an event a session notes, and is
/// keyed by Call-ID. Like chan_sip's it keeps the last 50 events of a dialog and lives as long
/// as the call's session, plus 32 s of quiet after it (chan_sip destroys a dialog that long
/// after it ends); at most 2048 dialogs are kept, the oldest going first.

#include <chrono>
#include <deque>
#include <functional>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sb::modules::res_pjsip {

struct MessageSummary;

class DialogHistory {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kMaxEvents = 50;  ///< chan_sip's MAX_HISTORY_ENTRIES
  static constexpr std::size_t kMaxDialogs = 2048;
  static constexpr std::chrono::seconds kLinger{32};

  struct Dialog {
    std::string callId;
    std::deque<std::string> events;  ///< oldest first, each at most 79 characters
    Clock::time_point lastActivity;
  };

  bool enabled() const { return enabled_; }
  void setEnabled(bool on) { enabled_ = on; }

  /// A SIP message of a dialog, in or out (ignored while disabled, or when it is neither an
  /// INVITE nor part of a dialog already recorded).
  void recordMessage(bool transmitted, const MessageSummary& message, Clock::time_point now);
  /// Another event of the call `callId` ("NewChan", "Hangup", ...), starting its history if
  /// need be. Ignored while disabled.
  void note(std::string_view callId, std::string_view event, std::string_view detail,
            Clock::time_point now);

  /// The recorded dialogs whose Call-ID starts with `prefix` (any case), oldest first.
  std::vector<const Dialog*> startingWith(std::string_view prefix) const;
  /// Forgets the dialogs that have ended: `live` says no and nothing happened for kLinger.
  void expire(const std::function<bool(std::string_view callId)>& live, Clock::time_point now);

  bool empty() const { return dialogs_.empty(); }
  std::size_t size() const { return dialogs_.size(); }

 private:
  Dialog* find(std::string_view callId);
  Dialog& findOrStart(std::string_view callId);
  static void append(Dialog& dialog, std::string line, Clock::time_point now);

  bool enabled_ = false;
  std::list<Dialog> dialogs_;  ///< oldest first
  std::unordered_map<std::string, std::list<Dialog>::iterator> byCallId_;
};

/// chan_sip's append_history line: "%-15s <detail>", cut at the first CR or LF and to 79
/// characters (its 80-byte buffer).
std::string historyLine(std::string_view event, std::string_view detail);

/// The event chan_sip records for a message: "Rx" for anything received; for what we send
/// "TxReqRel" (requests but ACK, which are retransmitted until answered), "TxReq" (ACK),
/// "TxRespRel" (final responses to INVITE and reliable provisionals) or "TxResp", each with
/// chan_sip's detail ("INVITE / 102 INVITE / <uri>", "SIP/2.0 / 102 INVITE - 200 OK", ...).
std::string messageHistoryLine(bool transmitted, const MessageSummary& message);

/// `sip show history <prefix>` as chan_sip prints it, for the recorded dialogs and the live
/// calls (`liveWithoutHistory`: Call-IDs of live calls matching the prefix that have no history).
std::string formatSipShowHistory(bool recording, std::string_view prefix,
                                 const std::vector<const DialogHistory::Dialog*>& dialogs,
                                 const std::vector<std::string>& liveWithoutHistory);

}  // namespace sb::modules::res_pjsip
