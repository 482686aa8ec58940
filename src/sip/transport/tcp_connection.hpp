#pragma once
/// @file
/// One TCP connection of a TcpListener: frames what it reads, queues what it writes, and
/// closes itself on framing errors, stalls or timeouts.

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <memory>

#include "sip/message/stream_framer.hpp"
#include "sip/transport/packet.hpp"
#include "sip/transport/stream_limits.hpp"
#include "sip/transport/stream_socket.hpp"

namespace sb::sip {

class TcpListener;

class TcpConnection : public std::enable_shared_from_this<TcpConnection> {
 public:
  TcpConnection(std::weak_ptr<TcpListener> owner, std::unique_ptr<StreamSocket> socket,
                std::uint64_t id, bool inbound, const StreamLimits& limits, Flow flow);

  /// Handshakes (TLS), then starts reading; inbound connections get the first-message timer
  /// at once, so a handshake that never finishes is dropped too.
  void start();
  /// Connects to flow().remote, then starts; queued writes go out once connected.
  void connect();
  /// Queues bytes for sending; `done` runs once they are written or the connection fails.
  void write(std::string data, SendDone done);
  void close(const std::string& why);

  std::uint64_t id() const { return id_; }
  bool inbound() const { return inbound_; }
  const Flow& flow() const { return flow_; }

 private:
  void read();
  void established();
  void writeNext();
  void armIdleTimer();
  void touch() { lastActivity_ = std::chrono::steady_clock::now(); }

  std::weak_ptr<TcpListener> owner_;
  std::unique_ptr<StreamSocket> socket_;
  std::uint64_t id_;
  bool inbound_;
  StreamLimits limits_;
  Flow flow_;
  StreamFramer framer_;
  std::array<char, 16384> buffer_{};
  std::deque<std::pair<std::string, SendDone>> outbox_;
  std::size_t queuedBytes_ = 0;
  bool connected_ = false;
  bool writing_ = false;
  bool closed_ = false;
  bool gotMessage_ = false;
  boost::asio::steady_timer firstMessageTimer_;
  boost::asio::steady_timer idleTimer_;
  std::chrono::steady_clock::time_point lastActivity_;
};

}  // namespace sb::sip
