#include "sip/transport/listen_socket.hpp"

#include <boost/asio/ip/v6_only.hpp>

#include "sip/transport/socket_qos.hpp"

namespace sb::sip {

namespace asio = boost::asio;
using asio::ip::tcp;

std::optional<SocketAddress> listenOn(tcp::acceptor& acceptor, const ListenerSpec& spec,
                                      std::string& error) {
  const tcp::endpoint endpoint(spec.bind.address, spec.bind.port);
  boost::system::error_code ec;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec && endpoint.protocol() == tcp::v6()) {
    acceptor.set_option(asio::ip::v6_only(true), ec);
  }
  if (!ec) {
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  }
  if (!ec) {
    // Accepted connections inherit the TOS byte; adopters apply the priority themselves.
    applySocketQos(acceptor.native_handle(), endpoint.protocol() == tcp::v6(), spec.tos, spec.cos);
    acceptor.bind(endpoint, ec);
  }
  if (!ec) {
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    error = std::string("cannot listen on ") + std::string(transportName(spec.kind)) + " " +
            spec.bind.str() + ": " + ec.message();
    return std::nullopt;
  }
  const auto bound = acceptor.local_endpoint(ec);
  return SocketAddress{bound.address(), bound.port()};
}

}  // namespace sb::sip
