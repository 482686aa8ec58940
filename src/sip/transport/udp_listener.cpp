#include "sip/transport/udp_listener.hpp"

#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/socket_base.hpp>

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
  socket_.async_receive_from(
      asio::buffer(buffer_), sender_,
      [self = shared_from_this()](boost::system::error_code error, std::size_t size) {
        if (error == asio::error::operation_aborted || !self->socket_.is_open()) {
          return;
        }
        if (!error && size > 0 && self->handler_) {
          InboundPacket packet;
          packet.flow.kind = TransportKind::Udp;
          packet.flow.listener = self->spec().name;
          packet.flow.local = self->local_;
          packet.flow.remote = SocketAddress{self->sender_.address(), self->sender_.port()};
          packet.data.assign(self->buffer_.data(), size);
          packet.received = std::chrono::steady_clock::now();
          self->handler_(std::move(packet));
        }
        // Errors such as ICMP port unreachable on a previous send are not fatal for UDP.
        self->receive();
      });
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
