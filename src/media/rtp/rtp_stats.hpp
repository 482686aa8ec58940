#pragma once
/// @file
/// Counters of one RTP stream, as returned by RtpStream::stats().

#include <chrono>
#include <cstdint>
#include <optional>

#include <boost/asio/ip/udp.hpp>

namespace sb::media {

/// A snapshot of one stream's counters. RTP and RTCP are counted apart.
struct RtpStreamStats {
  std::uint64_t packetsReceived = 0;  ///< valid RTP packets accepted (strictrtp passed)
  std::uint64_t packetsSent = 0;      ///< RTP packets sent out of this stream's RTP port
  std::uint64_t bytesReceived = 0;    ///< UDP payload bytes of packetsReceived
  std::uint64_t bytesSent = 0;        ///< UDP payload bytes of packetsSent
  /// Packets not used: not RTP, from a source on probation, unmapped payload type, no
  /// destination known, relay target closed, or the send failed (socket buffer full).
  std::uint64_t packetsDropped = 0;
  std::uint64_t rtcpReceived = 0;  ///< RTCP packets received (either port)
  std::uint64_t rtcpSent = 0;      ///< RTCP packets sent from the RTCP port
  /// When the last RTP packet was accepted; nullopt before the first.
  std::optional<std::chrono::steady_clock::time_point> lastReceived;
  /// Where RTP is sent now: the latched source with symmetric RTP, else the SDP address.
  std::optional<boost::asio::ip::udp::endpoint> remote;
};

}  // namespace sb::media
