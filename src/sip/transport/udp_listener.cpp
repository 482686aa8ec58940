#include "sip/transport/udp_listener.hpp"

#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/socket_base.hpp>
#include <chrono>
#include <string_view>

#include "sip/transport/socket_qos.hpp"

namespace sb::sip {

namespace asio = boost::asio;
using asio::ip::udp;

std::shared_ptr<UdpListener> UdpListener::open(asio::io_context& io, ListenerSpec spec,
                                               PacketHandler handler, std::string& error) {
  auto listener = std::make_shared<UdpListener>(io, spec, std::move(handler));
  boost::system::error_code ec;
  const udp::endpoint endpoint(spec.bind.address, spec.bind.port);
  auto& socket = listener->socket_;
  socket.open(endpoint.protocol(), ec);
  if (!ec && endpoint.protocol() == udp::v6()) {
    // Separate IPv4 and IPv6 transports may share a port, as in Asterisk.
    socket.set_option(asio::ip::v6_only(true), ec);
  }
  // No SO_REUSEADDR: on UDP it would let two transports share a port silently.
  if (!ec) {
    // Bursts of registrations arrive faster than one loop iteration drains them.
    boost::system::error_code ignored;
    socket.set_option(asio::socket_base::receive_buffer_size(4 * 1024 * 1024), ignored);
    applySocketQos(socket.native_handle(), endpoint.protocol() == udp::v6(), spec.tos, spec.cos);
    socket.bind(endpoint, ec);
  }
  if (ec) {
    error = "cannot bind UDP " + spec.bind.str() + ": " + ec.message();
    return nullptr;
  }
  const auto bound = socket.local_endpoint(ec);
  listener->local_ = SocketAddress{bound.address(), bound.port()};
  listener->receive();
  return listener;
}

UdpListener::UdpListener(asio::io_context& io, ListenerSpec spec, PacketHandler handler)
    : Listener(std::move(spec)), socket_(io), handler_(std::move(handler)) {}

SocketAddress UdpListener::localAddress() const {
  return local_;
}

void UdpListener::receive() {
  // Wait for readability, then read what is queued with recvmmsg: under load several
  // datagrams wait at each wake-up, and one call takes them all (a receive operation per
  // datagram costs a recvfrom each plus a wasted one per wake-up). Only the reactor thread
  // runs this socket, and re-arming the wait re-checks readiness, so nothing is missed.
  socket_.async_wait(asio::socket_base::wait_read,
                     [self = shared_from_this()](boost::system::error_code error) {
                       if (error == asio::error::operation_aborted || !self->socket_.is_open()) {
                         return;
                       }
                       if (!error) {
                         self->readQueued();
                       }
                       self->receive();
                     });
}

void UdpListener::readQueued() {
  // Bounded so that a flood cannot keep the reactor from its timers and other sockets.
  constexpr int kRounds = 4;
  for (int round = 0; round < kRounds && socket_.is_open(); ++round) {
    const std::size_t count = batch_.receive(socket_.native_handle());
    const auto received = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < count && socket_.is_open() && handler_; ++i) {
      const std::string_view data = batch_.data(i);
      if (data.empty()) {
        continue;
      }
      InboundPacket packet;
      packet.flow.kind = TransportKind::Udp;
      packet.flow.listener = spec().name;
      packet.flow.local = local_;
      packet.flow.remote = batch_.sender(i);
      packet.data.assign(data);
      packet.received = received;
      handler_(std::move(packet));
    }
    if (count < DatagramBatch::kSize) {
      return;
    }
  }
}

void UdpListener::send(const Flow& flow, std::string data, SendDone done) {
  if (data.size() > kMaxDatagram) {
    if (done) {
      done("message of " + std::to_string(data.size()) + " bytes is too large for UDP");
    }
    return;
  }
  auto payload = std::make_shared<std::string>(std::move(data));
  const udp::endpoint to(flow.remote.address, flow.remote.port);
  socket_.async_send_to(asio::buffer(*payload), to,
                        [payload, done = std::move(done), self = shared_from_this()](
                            boost::system::error_code error, std::size_t) {
                          if (done) {
                            done(error ? error.message() : std::string());
                          }
                        });
}

void UdpListener::close() {
  boost::system::error_code ignored;
  socket_.close(ignored);
}

}  // namespace sb::sip
