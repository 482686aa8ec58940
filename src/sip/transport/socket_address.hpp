#pragma once
/// @file
/// An IP address and port, printed the way SIP writes them ("192.0.2.1:5060", "[::1]:5060").

#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sb::sip {

struct SocketAddress {
  boost::asio::ip::address address;
  std::uint16_t port = 0;

  bool isV6() const { return address.is_v6(); }
  /// "host:port" with IPv6 in brackets.
  std::string str() const;
  /// Host part only, IPv6 in brackets (as it goes into a Via or a URI).
  std::string hostStr() const;

  /// Parses "ip", "ip:port", "[v6]", "[v6]:port" or a bare IPv6 address; port 0 if absent
  /// (":0" is accepted too: "any free port" when binding).
  static std::optional<SocketAddress> parse(std::string_view text);

  friend bool operator==(const SocketAddress&, const SocketAddress&) = default;
};

/// The address as text, IPv6 without brackets. IPv4 is formatted here without allocating
/// (it fits the short-string buffer); it is written for every response's Via.
std::string addressText(const boost::asio::ip::address& address);

/// SIP transports (RFC 3261 names; WS/WSS per RFC 7118).
enum class TransportKind { Udp, Tcp, Tls, Ws, Wss };

/// "UDP", "TCP", "TLS", "WS", "WSS" as in a Via's sent-protocol.
std::string_view transportName(TransportKind kind);
/// Whether messages travel over a connection (framing by Content-Length, flows to reuse).
inline bool isStream(TransportKind kind) {
  return kind != TransportKind::Udp;
}
/// Whether the transport is encrypted (sips, port 5061 by default).
inline bool isSecure(TransportKind kind) {
  return kind == TransportKind::Tls || kind == TransportKind::Wss;
}

}  // namespace sb::sip
