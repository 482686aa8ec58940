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

  // Receive side, from the sequence numbers and timestamps of the RTP accepted (RFC 3550
  // A.1, A.3, A.8). Cumulative over the stream's life, across changes of SSRC.
  std::uint64_t packetsExpected = 0;  ///< packets the sequence numbers say were sent to us
  /// Expected minus received: the packets that never came; negative when duplicates came.
  std::int64_t packetsLost = 0;
  /// Extended highest sequence number of the current source (cycles << 16 | sequence).
  std::uint32_t highestSequence = 0;
  /// Interarrival jitter in seconds: RTP timestamp units over the clock rate set with
  /// RtpStream::setClock (8000 by default).
  double jitter = 0;

  // Transmit side, from the report block the remote's last SR or RR holds about the RTP we
  // send it (its own reception figures), and the round trip to it.
  std::uint64_t remoteReports = 0;  ///< report blocks received; 0: the fields below are unset
  std::int64_t remoteLost = 0;      ///< its cumulative number of packets lost
  double remoteFractionLost = 0;    ///< its fraction lost over its last interval, 0 to 1
  double remoteJitter = 0;          ///< its interarrival jitter, in seconds (same clock)
  /// Round trips measured: an RR echoing (LSR) an SR we forwarded to the remote, arrival time
  /// minus the SR's forwarding time minus the remote's delay (DLSR).
  std::uint64_t rttSamples = 0;
  double rtt = 0;      ///< the latest round trip, in seconds
  double rttMean = 0;  ///< the mean of all round trips, in seconds
};

}  // namespace sb::media
