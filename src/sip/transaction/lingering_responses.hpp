#pragma once
/// @file
/// Non-INVITE server transactions in Completed over a datagram flow (RFC 3261 17.2.2), kept
/// as compact records: once the final response is sent, all such a transaction still does
/// until Timer J is to send that response again for each retransmission of the request. A
/// record is the matching key, the response's bytes and the flow; records sit in a FIFO
/// ordered by expiry (every Timer J of a layer has the same length), swept by one timer.
///
/// Threading: single-threaded, on the reactor thread that owns the TimerWheel.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sip/timer/timer.hpp"
#include "sip/transport/packet.hpp"

namespace sb::sip {

class LingeringResponses {
 public:
  /// Expired records are dropped in batches at most this long after their Timer J, so that
  /// the sweep timer does not fire for every record under load.
  static constexpr Duration kSweepPeriod = std::chrono::milliseconds(100);

  /// Puts bytes on the wire; `done` reports the outcome (empty string on success).
  using Resend = std::function<void(const Flow&, std::string, SendDone)>;

  /// `wheel` runs the sweep; `resend` sends a stored response again. Both must outlive this.
  LingeringResponses(TimerWheel& wheel, Resend resend);
  LingeringResponses(const LingeringResponses&) = delete;
  LingeringResponses& operator=(const LingeringResponses&) = delete;

  /// Keeps `response` (the wire bytes of the final) for `timerJ` under `key`. The key must not
  /// be kept already. A record never expires before the one added before it: should Timer J
  /// be shortened by new settings, records added afterwards linger as long as the last older
  /// one. The sweep may drop a record up to kSweepPeriod after its Timer J.
  void add(std::string_view key, std::string_view response, const Flow& flow, Duration timerJ);

  /// If `key` is kept, sends its response again along the flow it was first sent on and
  /// returns true (the request was a retransmission). Nobody hears of a failed resend: a TU
  /// that wants transport errors reported keeps the full transaction instead.
  bool resendIfKept(std::string_view key);

  /// Records kept (Timer J not yet fired).
  std::size_t size() const { return fifo_.size(); }
  /// Bytes held by the kept records' keys and responses (not counting bookkeeping).
  std::size_t bytes() const { return bytes_; }

 private:
  struct Record {
    TimePoint expiry;
    Flow flow;
    std::string data;  ///< key, then response
    std::uint32_t keyLength = 0;

    std::string_view key() const { return std::string_view(data).substr(0, keyLength); }
    std::string_view response() const { return std::string_view(data).substr(keyLength); }
  };

  void sweep();
  /// Runs sweep() when the oldest record expires, but not sooner than `atLeast`: the first
  /// record of a quiet period goes on time, under load one sweep takes a period's worth.
  void armSweep(Duration atLeast);

  TimerWheel& wheel_;
  Resend resend_;
  std::deque<Record> fifo_;
  /// A key's 64-bit hash, already well mixed: the table uses it as it is.
  struct FingerprintHash {
    using is_avalanching = void;
    std::size_t operator()(std::uint64_t fingerprint) const { return fingerprint; }
  };
  static std::uint64_t fingerprint(std::string_view key);

  // Records by their key's fingerprint; a hit is confirmed against the record's key, and a
  // key whose fingerprint is taken goes unindexed (its retransmissions reach the TU again).
  // Not the keys themselves: the table is rehashed now and then under steady insert/erase
  // churn, and hashing several hundred thousand keys again meant a cache miss for each.
  // Records never move: a deque keeps its elements in place when adding at the back and
  // removing at the front. Open addressing: no node to allocate per record, and a miss
  // (every new request looks) rarely touches more than one group.
  boost::unordered_flat_map<std::uint64_t, Record*, FingerprintHash> index_;
  std::size_t bytes_ = 0;
  Timer sweeper_;
};

}  // namespace sb::sip
