#pragma once
/// @file
/// Opening a listening TCP socket the same way for every connection-oriented transport.

#include <boost/asio/ip/tcp.hpp>
#include <optional>
#include <string>

#include "sip/transport/listener.hpp"

namespace sb::sip {

/// Opens, binds (IPv6 sockets v6-only so IPv4 and IPv6 transports can share a port) and
/// listens with the system's largest backlog. Returns the bound address, or std::nullopt
/// with `error` naming the transport and address.
std::optional<SocketAddress> listenOn(boost::asio::ip::tcp::acceptor& acceptor,
                                      const ListenerSpec& spec, std::string& error);

}  // namespace sb::sip
