#pragma once
/// @file
/// `pjsip set history` / `pjsip show history` (res_pjsip_history, Asterisk 14+): while on,
/// every SIP message in and out is kept, numbered from 0, for the console to list, show and
/// filter. Unlike Asterisk's, the capture is bounded: past its limits the oldest messages
/// go (the numbers of the others do not change).

#include <cstdint>
#include <ctime>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "sip/transport/socket_address.hpp"

namespace sb::modules::res_pjsip {

/// One captured message.
struct HistoryEntry {
  int number = 0;
  std::time_t timestamp = 0;  ///< whole seconds, as Asterisk keeps them
  bool transmitted = false;
  sip::SocketAddress source;
  sip::SocketAddress destination;
  std::string bytes;

  /// The far end: where a transmitted message went, or where a received one came from.
  const sip::SocketAddress& remote() const { return transmitted ? destination : source; }
};

class MessageHistory {
 public:
  struct Limits {
    std::size_t entries = 10000;
    std::size_t bytes = 32 * 1024 * 1024;  ///< message text kept, all entries together
  };
  MessageHistory() = default;
  explicit MessageHistory(Limits limits) : limits_(limits) {}

  bool enabled() const { return enabled_; }
  void setEnabled(bool on) { enabled_ = on; }

  /// Keeps a message (only SIP requests and responses; keep-alives and garbage are not
  /// kept, as Asterisk only sees parsed messages). Does nothing while disabled.
  void record(bool transmitted, const sip::SocketAddress& source,
              const sip::SocketAddress& destination, std::string_view bytes, std::time_t now);
  /// Forgets every entry; numbering starts again at 0.
  void clear();

  /// Oldest first.
  const std::deque<HistoryEntry>& entries() const { return entries_; }
  /// The entry numbered `number`, or null when it does not exist (any more).
  const HistoryEntry* find(long long number) const;
  std::size_t keptBytes() const { return bytes_; }

 private:
  Limits limits_;
  bool enabled_ = false;
  int next_ = 0;
  std::size_t bytes_ = 0;
  std::deque<HistoryEntry> entries_;
};

/// The `pjsip show history` table: res_pjsip_history's header and one row per entry
/// ("00003 1700000000 * <== 127.0.0.1:5060          INVITE sip:600@127.0.0.1 SIP/2.0").
std::string formatHistoryList(const std::vector<const HistoryEntry*>& entries);
/// `pjsip show history entry <n>`: "<--- History Entry 3 Received from 127.0.0.1:5060 at
/// 1700000000 --->" then the message.
std::string formatHistoryEntry(const HistoryEntry& entry);

}  // namespace sb::modules::res_pjsip
