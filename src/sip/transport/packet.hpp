#pragma once
/// @file
/// What a transport hands up: the bytes of one datagram (UDP) or one framed message
/// (streams), with where it came from and which flow it belongs to.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "sip/transport/socket_address.hpp"

namespace sb::sip {

/// Identifies the path a message took, so that replies and later requests to the same UA
/// go back the same way (RFC 3261 §18.2.2, RFC 5626 flows).
struct Flow {
  TransportKind kind = TransportKind::Udp;
  std::string listener;  ///< name of the local transport (pjsip.conf section)
  SocketAddress local;
  SocketAddress remote;
  std::uint64_t connection = 0;  ///< 0 for UDP; otherwise the connection's id

  friend bool operator==(const Flow&, const Flow&) = default;
};

struct InboundPacket {
  Flow flow;
  std::string data;
  std::chrono::steady_clock::time_point received;
};

/// Called on the reactor thread for every received packet.
using PacketHandler = std::function<void(InboundPacket)>;

/// Outcome of a send: empty on success, else why it failed (for failover and logging).
using SendDone = std::function<void(const std::string& error)>;

}  // namespace sb::sip
