#pragma once
/// @file
/// Bound RTP/RTCP socket pairs kept open after their stream closed, for later streams on the
/// same address (internal). Reusing a pair saves, per socket, a socket(), a bind(), an
/// epoll registration and removal and a close(): at a thousand calls a second that was a
/// sixth of the server's CPU. A pair is handed out again only after it has been idle for a
/// quarantine, so late packets of the call that used it have stopped; the pool is bounded
/// and, when full, closes the pairs given to it.

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

#include <boost/asio/ip/udp.hpp>

namespace sb::media::detail {

/// A bound RTP socket and its RTCP socket.
struct SocketPair {
  boost::asio::ip::udp::socket rtp;
  boost::asio::ip::udp::socket rtcp;
  boost::asio::ip::udp::endpoint local;  ///< the RTP socket's address and port
};

/// Thread-safe FIFO of idle socket pairs.
class SocketPool {
 public:
  using Clock = std::chrono::steady_clock;

  SocketPool(std::size_t capacity, Clock::duration quarantine)
      : capacity_(capacity), quarantine_(quarantine) {}

  /// The oldest idle pair bound to `address`, if it has been idle for the quarantine (or at
  /// all when `evenFresh`: the range has no other free pair).
  std::optional<SocketPair> take(const boost::asio::ip::address& address, bool evenFresh);

  /// Keeps a pair whose pending operations were cancelled; closes it instead when the pool
  /// is full or closed.
  void give(SocketPair pair);

  /// Closes every idle pair and every pair given later (the engine is stopping).
  void close();

  /// Pairs held now.
  std::size_t size() const;

 private:
  struct Idle {
    SocketPair pair;
    Clock::time_point since;
  };

  const std::size_t capacity_;
  const Clock::duration quarantine_;
  mutable std::mutex mutex_;
  std::deque<Idle> idle_;  // oldest first
  bool closed_ = false;
};

}  // namespace sb::media::detail
