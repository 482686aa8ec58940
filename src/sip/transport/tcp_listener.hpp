#pragma once
/// @file
/// A TCP or TLS transport: a listening socket plus every connection accepted or opened
/// through it. TLS certificates can be replaced in place: new connections use the new
/// context, established ones keep theirs.
/// Messages are framed by Content-Length; CRLFCRLF keep-alives are answered (RFC 5626);
/// a request to a UA reuses the connection it arrived on (the flow).

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <map>
#include <memory>

#include "sip/transport/listener.hpp"
#include "sip/transport/stream_limits.hpp"
#include "sip/transport/stream_socket.hpp"

namespace sb::sip {

class TcpConnection;

/// One line of `sip show tcp`.
struct ConnectionInfo {
  std::uint64_t id = 0;
  SocketAddress remote;
  bool inbound = true;  ///< accepted (server) or opened by us (client)
};

class TcpListener : public Listener, public std::enable_shared_from_this<TcpListener> {
 public:
  static std::shared_ptr<TcpListener> open(boost::asio::io_context& io, ListenerSpec spec,
                                           PacketHandler handler, StreamLimits limits,
                                           std::string& error);
  /// For TLS: takes new TLS settings without closing anything. False with `error` if the
  /// new certificate cannot be loaded (the old one stays in use).
  bool updateTls(const TlsSettings& settings, std::string& error);

  TcpListener(boost::asio::io_context& io, ListenerSpec spec, PacketHandler handler,
              StreamLimits limits);
  ~TcpListener() override;

  SocketAddress localAddress() const override;
  void send(const Flow& flow, std::string data, SendDone done) override;
  void setStreamLimits(const StreamLimits& limits) override { limits_ = limits; }
  void close() override;

  std::vector<ConnectionInfo> connections() const;
  /// Sends a CRLFCRLF keep-alive (RFC 5626 3.5.1) on every connection, which keeps NAT
  /// bindings open and finds dead peers (pjsip.conf global keep_alive_interval).
  void sendKeepAlives();
  std::size_t connectionCount() const { return connections_.size(); }

 private:
  friend class TcpConnection;
  void accept();
  std::unique_ptr<StreamSocket> wrap(boost::asio::ip::tcp::socket socket);
  std::shared_ptr<TcpConnection> adopt(boost::asio::ip::tcp::socket socket, bool inbound);
  void setSpec(ListenerSpec spec) { replaceSpec(std::move(spec)); }
  void forget(std::uint64_t id);
  std::size_t countFrom(const boost::asio::ip::address& address) const;

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  PacketHandler handler_;
  StreamLimits limits_;
  std::shared_ptr<boost::asio::ssl::context> tls_;  ///< null for plain TCP
  SocketAddress local_;
  std::map<std::uint64_t, std::shared_ptr<TcpConnection>> connections_;
  std::uint64_t nextId_ = 1;
  bool closed_ = false;
};

}  // namespace sb::sip
