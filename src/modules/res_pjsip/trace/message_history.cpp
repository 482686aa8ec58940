#include "modules/res_pjsip/trace/message_history.hpp"

#include <fmt/format.h>

#include "modules/res_pjsip/trace/message_summary.hpp"

namespace sb::modules::res_pjsip {

void MessageHistory::record(bool transmitted, const sip::SocketAddress& source,
                            const sip::SocketAddress& destination, std::string_view bytes,
                            std::time_t now) {
  if (!enabled_ || !summarizeMessage(bytes)) {
    return;
  }
  entries_.push_back(
      HistoryEntry{next_++, now, transmitted, source, destination, std::string(bytes)});
  bytes_ += bytes.size();
  while (entries_.size() > limits_.entries || (bytes_ > limits_.bytes && entries_.size() > 1)) {
    bytes_ -= entries_.front().bytes.size();
    entries_.pop_front();
  }
}

void MessageHistory::clear() {
  entries_.clear();
  bytes_ = 0;
  next_ = 0;
}

const HistoryEntry* MessageHistory::find(long long number) const {
  // Numbers are consecutive from the oldest entry kept.
  if (entries_.empty() || number < entries_.front().number || number > entries_.back().number) {
    return nullptr;
  }
  return &entries_[static_cast<std::size_t>(number - entries_.front().number)];
}

std::string formatHistoryList(const std::vector<const HistoryEntry*>& entries) {
  std::string out = fmt::format("{:<5.5} {:<10.10} {:<30.30} {:<35.35}\n", "No.", "Timestamp",
                                "(Dir) Address", "SIP Message");
  out += "===== ========== ============================== ===================================\n";
  for (const auto* entry : entries) {
    const auto summary = summarizeMessage(entry->bytes);
    const auto number = fmt::format("{:05d}", entry->number);  // C's %-5.5d
    const auto seconds = std::to_string(entry->timestamp);
    std::string line;
    if (summary && summary->request) {
      line = fmt::format("{:<5} {:<10.10} {:<5.5} {:<24.24} {} {} SIP/2.0", number, seconds,
                         entry->transmitted ? "* ==>" : "* <==", entry->remote().str(),
                         summary->method, summary->requestUri);
    } else {
      line = fmt::format("{:<5} {:<10.10} {:<5.5} {:<24.24} SIP/2.0 {} {}", number, seconds,
                         entry->transmitted ? "* ==>" : "* <==", entry->remote().str(),
                         summary ? summary->status : "", summary ? summary->reason : "");
    }
    line.resize(std::min<std::size_t>(line.size(), 255));  // Asterisk's line[256]
    out += line + "\n";
  }
  return out;
}

std::string formatHistoryEntry(const HistoryEntry& entry) {
  return fmt::format("<--- History Entry {} {} {} at {:<10.10} --->\n{}\n", entry.number,
                     entry.transmitted ? "Sent to" : "Received from", entry.remote().str(),
                     std::to_string(entry.timestamp), entry.bytes);
}

}  // namespace sb::modules::res_pjsip
