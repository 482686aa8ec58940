#pragma once
/// @file
/// Limits that keep connection-oriented transports from being exhausted by peers.

#include <chrono>
#include <cstddef>

#include "sip/message/parser.hpp"

namespace sb::sip {

struct StreamLimits {
  std::size_t maxConnections = 8192;         ///< per listener, inbound and outbound together
  std::size_t maxConnectionsPerSource = 64;  ///< inbound connections from one IP address
  /// A new inbound connection must deliver its first complete message within this time.
  std::chrono::milliseconds firstMessageTimeout{32000};
  /// A connection with no traffic at all for this long is closed (keep-alives count).
  std::chrono::milliseconds idleTimeout{900000};
  /// Bytes queued for sending on one connection before it is considered stuck and closed.
  std::size_t maxQueuedBytes = 4 * 1024 * 1024;
  ParserLimits parser;
};

}  // namespace sb::sip
