#pragma once
/// @file
/// A UDP transport: one socket, datagrams up to 65 507 bytes each way.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <memory>

#include "sip/transport/datagram_batch.hpp"
#include "sip/transport/listener.hpp"

namespace sb::sip {

class UdpListener : public Listener, public std::enable_shared_from_this<UdpListener> {
 public:
  /// Binds and starts receiving. On failure returns nullptr and sets `error`.
  static std::shared_ptr<UdpListener> open(boost::asio::io_context& io, ListenerSpec spec,
                                           PacketHandler handler, std::string& error);

  UdpListener(boost::asio::io_context& io, ListenerSpec spec, PacketHandler handler);
  SocketAddress localAddress() const override;
  void send(const Flow& flow, std::string data, SendDone done) override;
  void close() override;

  /// The largest UDP payload (65 535 - 8 UDP - 20 IPv4 header).
  static constexpr std::size_t kMaxDatagram = 65507;

 private:
  void receive();
  void readQueued();

  boost::asio::ip::udp::socket socket_;
  PacketHandler handler_;
  DatagramBatch batch_;
  SocketAddress local_;
};

}  // namespace sb::sip
