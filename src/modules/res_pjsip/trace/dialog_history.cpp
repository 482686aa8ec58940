#include "modules/res_pjsip/trace/dialog_history.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "modules/res_pjsip/trace/message_summary.hpp"
#include "sip/message/text.hpp"

namespace sb::modules::res_pjsip {
namespace {

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && sip::text::iequals(text.substr(0, prefix.size()), prefix);
}

}  // namespace

std::string historyLine(std::string_view event, std::string_view detail) {
  std::string line = fmt::format("{:<15} {}", event, detail);
  line.resize(std::min({line.find_first_of("\r\n"), std::size_t{79}, line.size()}));
  return line;
}

std::string messageHistoryLine(bool transmitted, const MessageSummary& message) {
  if (!transmitted) {
    return message.request ? historyLine("Rx", fmt::format("{} / {} / {}", message.method,
                                                           message.cseq, message.requestUri))
                           : historyLine("Rx", fmt::format("SIP/2.0 / {} / {} {}", message.cseq,
                                                           message.status, message.reason));
  }
  if (message.request) {
    return historyLine(message.method == "ACK" ? "TxReq" : "TxReqRel",
                       fmt::format("{} / {} - {}", message.method, message.cseq, message.method));
  }
  const bool reliable =
      message.hasRseq || (message.concernedMethod() == "INVITE" && message.statusCode() >= 200);
  return historyLine(
      reliable ? "TxRespRel" : "TxResp",
      fmt::format("SIP/2.0 / {} - {} {}", message.cseq, message.status, message.reason));
}

DialogHistory::Dialog* DialogHistory::find(std::string_view callId) {
  const auto found = byCallId_.find(std::string(callId));
  return found == byCallId_.end() ? nullptr : &*found->second;
}

DialogHistory::Dialog& DialogHistory::findOrStart(std::string_view callId) {
  if (auto* dialog = find(callId)) {
    return *dialog;
  }
  if (dialogs_.size() >= kMaxDialogs) {
    byCallId_.erase(dialogs_.front().callId);
    dialogs_.pop_front();
  }
  dialogs_.push_back(Dialog{std::string(callId), {}, {}});
  byCallId_.emplace(dialogs_.back().callId, std::prev(dialogs_.end()));
  return dialogs_.back();
}

void DialogHistory::append(Dialog& dialog, std::string line, Clock::time_point now) {
  if (dialog.events.size() == kMaxEvents) {
    dialog.events.pop_front();
  }
  dialog.events.push_back(std::move(line));
  dialog.lastActivity = now;
}

void DialogHistory::recordMessage(bool transmitted, const MessageSummary& message,
                                  Clock::time_point now) {
  if (!enabled_ || message.callId.empty()) {
    return;
  }
  Dialog* dialog = find(message.callId);
  if (dialog == nullptr) {
    if (!message.request || message.method != "INVITE") {
      return;  // only calls get a history; OPTIONS pings and REGISTERs do not
    }
    dialog = &findOrStart(message.callId);
  }
  append(*dialog, messageHistoryLine(transmitted, message), now);
}

void DialogHistory::note(std::string_view callId, std::string_view event, std::string_view detail,
                         Clock::time_point now) {
  if (!enabled_ || callId.empty()) {
    return;
  }
  append(findOrStart(callId), historyLine(event, detail), now);
}

std::vector<const DialogHistory::Dialog*> DialogHistory::startingWith(
    std::string_view prefix) const {
  std::vector<const Dialog*> out;
  for (const auto& dialog : dialogs_) {
    if (startsWithNoCase(dialog.callId, prefix)) {
      out.push_back(&dialog);
    }
  }
  return out;
}

void DialogHistory::expire(const std::function<bool(std::string_view)>& live,
                           Clock::time_point now) {
  for (auto it = dialogs_.begin(); it != dialogs_.end();) {
    if (now - it->lastActivity >= kLinger && !(live && live(it->callId))) {
      byCallId_.erase(it->callId);
      it = dialogs_.erase(it);
    } else {
      ++it;
    }
  }
}

std::string formatSipShowHistory(bool recording, std::string_view prefix,
                                 const std::vector<const DialogHistory::Dialog*>& dialogs,
                                 const std::vector<std::string>& liveWithoutHistory) {
  std::string out;
  if (!recording) {
    out +=
        "\n***Note: History recording is currently DISABLED.  Use 'sip set history on' to "
        "ENABLE.\n";
  }
  for (const auto* dialog : dialogs) {
    out += "\n  * SIP Call\n";
    int number = 0;
    for (const auto& event : dialog->events) {
      out += fmt::format("{}. {}\n", ++number, event);
    }
    if (number == 0) {
      out += fmt::format("Call '{}' has no history\n", dialog->callId);
    }
  }
  for (const auto& callId : liveWithoutHistory) {
    out += fmt::format("\n  * SIP Call\nCall '{}' has no history\n", callId);
  }
  if (dialogs.empty() && liveWithoutHistory.empty()) {
    out += fmt::format("No such SIP Call ID starting with '{}'\n", prefix);
  }
  return out;
}

}  // namespace sb::modules::res_pjsip
