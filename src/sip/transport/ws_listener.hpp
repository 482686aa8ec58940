#pragma once
/// @file
/// SIP over WebSocket (RFC 7118) with Boost.Beast: an HTTP listener that upgrades requests
/// for `/ws` offering the `sip` subprotocol, answers with `Sec-WebSocket-Protocol: sip`, and
/// carries one SIP message per WebSocket message (text or binary). WSS adds TLS.
/// Requests from the server go out over the client's accepted connection (its flow).

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <map>
#include <memory>

#include "sip/transport/listener.hpp"
#include "sip/transport/stream_limits.hpp"

namespace sb::sip {

class WsSessionBase;

class WsListener : public Listener, public std::enable_shared_from_this<WsListener> {
 public:
  static std::shared_ptr<WsListener> open(boost::asio::io_context& io, ListenerSpec spec,
                                          PacketHandler handler, StreamLimits limits,
                                          std::string& error);

  WsListener(boost::asio::io_context& io, ListenerSpec spec, PacketHandler handler,
             StreamLimits limits);
  ~WsListener() override;

  SocketAddress localAddress() const override { return local_; }
  /// Sends over the flow's connection (or any connection from that address); WebSocket
  /// clients cannot be dialled, so there is no outbound connect.
  void send(const Flow& flow, std::string data, SendDone done) override;
  void setStreamLimits(const StreamLimits& limits) override { limits_ = limits; }
  void close() override;

  std::size_t connectionCount() const { return sessions_.size(); }

  /// For sessions: hand a received message up, and drop a closed session.
  void deliver(InboundPacket packet) {
    if (handler_) {
      handler_(std::move(packet));
    }
  }
  void forget(std::uint64_t id);

 private:
  void accept();
  std::size_t countFrom(const boost::asio::ip::address& address) const;

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  PacketHandler handler_;
  StreamLimits limits_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  SocketAddress local_;
  std::map<std::uint64_t, std::shared_ptr<WsSessionBase>> sessions_;
  std::uint64_t nextId_ = 1;
  bool closed_ = false;
};

}  // namespace sb::sip
