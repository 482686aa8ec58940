#include "modules/res_pjsip/location/contact_flow.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/ip/udp.hpp>

#include "modules/res_pjsip/location/transport_param.hpp"

namespace sb::modules::res_pjsip {

/// "udp:192.0.2.1:5060" -> kind and address.
std::optional<std::pair<sip::TransportKind, sip::SocketAddress>> parseSource(
    std::string_view source) {
  const auto colon = source.find(':');
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  const auto kindText = source.substr(0, colon);
  sip::TransportKind kind;
  if (kindText == "udp") {
    kind = sip::TransportKind::Udp;
  } else if (kindText == "tcp") {
    kind = sip::TransportKind::Tcp;
  } else if (kindText == "tls") {
    kind = sip::TransportKind::Tls;
  } else if (kindText == "ws") {
    kind = sip::TransportKind::Ws;
  } else if (kindText == "wss") {
    kind = sip::TransportKind::Wss;
  } else {
    return std::nullopt;
  }
  auto address = sip::SocketAddress::parse(source.substr(colon + 1));
  if (!address) {
    return std::nullopt;
  }
  return std::make_pair(kind, *address);
}

/// The address our packets to `remote` leave from: the bound address, or for a wildcard
/// bind the one the kernel routes through (connecting a UDP socket sends nothing; plain
/// system calls, no I/O objects).
boost::asio::ip::address localAddressFor(const sip::SocketAddress& bound,
                                         const sip::SocketAddress& remote) {
  if (!bound.address.is_unspecified()) {
    return bound.address;
  }
  const boost::asio::ip::udp::endpoint target(remote.address,
                                              remote.port == 0 ? std::uint16_t{5060} : remote.port);
  const int fd = ::socket(target.protocol().family(), SOCK_DGRAM, 0);
  boost::asio::ip::udp::endpoint local;
  socklen_t length = static_cast<socklen_t>(local.capacity());
  const bool found = fd >= 0 && ::connect(fd, target.data(), target.size()) == 0 &&
                     ::getsockname(fd, local.data(), &length) == 0;
  if (fd >= 0) {
    ::close(fd);
  }
  if (found) {
    local.resize(length);
    return local.address();
  }
  return remote.isV6() ? boost::asio::ip::address(boost::asio::ip::address_v6::loopback())
                       : boost::asio::ip::address(boost::asio::ip::address_v4::loopback());
}

namespace {

/// Over the transport named `preferred` when it exists and is of `kind`, else the one the
/// transport manager selects for `remote`.
std::optional<OutboundFlow> flowOver(sip::SipCore& core, sip::TransportKind kind,
                                     const sip::SocketAddress& remote,
                                     const std::string& preferred = {}) {
  auto listener = preferred.empty() ? nullptr : core.transports().find(preferred);
  if (!listener || listener->spec().kind != kind) {
    listener = core.transports().select(kind, remote);
  }
  if (!listener) {
    return std::nullopt;
  }
  OutboundFlow out;
  out.flow.kind = kind;
  out.flow.listener = listener->spec().name;
  out.flow.remote = remote;
  out.flow.local = listener->localAddress();
  out.local = sip::SocketAddress{localAddressFor(out.flow.local, remote), out.flow.local.port};
  return out;
}

}  // namespace

std::optional<OutboundFlow> flowToAddress(sip::SipCore& core, sip::TransportKind kind,
                                          const sip::SocketAddress& remote) {
  return flowOver(core, kind, remote);
}

std::optional<OutboundFlow> flowToContact(sip::SipCore& core, const StoredContact& contact) {
  const auto destination = parseSource(contact.source);
  if (!destination) {
    return std::nullopt;
  }
  // symmetric_transport: back over the transport the contact registered on.
  return flowOver(core, destination->first, destination->second, transportParamOf(contact.uri));
}

std::optional<OutboundFlow> flowToUri(sip::SipCore& core, const sip::Uri& uri) {
  if (!uri.isSip() ||
      (uri.hostType != sip::HostType::IPv4 && uri.hostType != sip::HostType::IPv6)) {
    return std::nullopt;
  }
  sip::TransportKind kind =
      uri.scheme == sip::UriScheme::Sips ? sip::TransportKind::Tls : sip::TransportKind::Udp;
  const std::string_view transport = uri.transport();
  if (transport.size() == 3 && (transport[0] | 0x20) == 't' && (transport[1] | 0x20) == 'c') {
    kind = uri.scheme == sip::UriScheme::Sips ? sip::TransportKind::Tls : sip::TransportKind::Tcp;
  } else if (transport.size() == 3 && (transport[0] | 0x20) == 't' &&
             (transport[1] | 0x20) == 'l') {
    kind = sip::TransportKind::Tls;
  }
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(std::string(uri.hostAddress()), ec);
  if (ec) {
    return std::nullopt;
  }
  const std::uint16_t port =
      uri.hasPort ? uri.port : (kind == sip::TransportKind::Tls ? 5061 : 5060);
  return flowOver(core, kind, sip::SocketAddress{address, port});
}

}  // namespace sb::modules::res_pjsip
