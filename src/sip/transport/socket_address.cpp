#include "sip/transport/socket_address.hpp"

#include <algorithm>
#include <charconv>

namespace sb::sip {

std::string addressText(const boost::asio::ip::address& address) {
  if (!address.is_v4()) {
    return address.to_string();
  }
  // inet_ntop formats IPv4 with sprintf; four small numbers do not need it.
  std::string out;
  for (const auto byte : address.to_v4().to_bytes()) {
    if (!out.empty()) {
      out.push_back('.');
    }
    if (byte >= 100) {
      out.push_back(static_cast<char>('0' + byte / 100));
    }
    if (byte >= 10) {
      out.push_back(static_cast<char>('0' + byte / 10 % 10));
    }
    out.push_back(static_cast<char>('0' + byte % 10));
  }
  return out;
}

std::string SocketAddress::hostStr() const {
  return address.is_v6() ? "[" + address.to_string() + "]" : addressText(address);
}

std::string SocketAddress::str() const {
  std::string out = hostStr();
  char digits[8];
  const auto end = std::to_chars(digits, digits + sizeof digits, port).ptr;
  out.push_back(':');
  out.append(digits, end);
  return out;
}

std::optional<SocketAddress> SocketAddress::parse(std::string_view text) {
  std::string_view host = text;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    host = text.substr(1, close - 1);
    const auto rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') {
        return std::nullopt;
      }
      port = rest.substr(1);
    }
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    const auto colon = text.find(':');
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  boost::system::error_code error;
  SocketAddress out;
  out.address = boost::asio::ip::make_address(std::string(host), error);
  if (error) {
    return std::nullopt;
  }
  if (!port.empty()) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value > 65535) {
      return std::nullopt;
    }
    out.port = static_cast<std::uint16_t>(value);
  }
  return out;
}

std::string_view transportName(TransportKind kind) {
  switch (kind) {
    case TransportKind::Udp:
      return "UDP";
    case TransportKind::Tcp:
      return "TCP";
    case TransportKind::Tls:
      return "TLS";
    case TransportKind::Ws:
      return "WS";
    case TransportKind::Wss:
      return "WSS";
  }
  return "UDP";
}

}  // namespace sb::sip
