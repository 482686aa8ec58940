#pragma once
/// @file
/// strictrtp: which source address a stream takes RTP from.

#include <chrono>
#include <cstdint>
#include <optional>

#include <boost/asio/ip/udp.hpp>

namespace sb::media {

/// Asterisk's strict RTP source learning (res_rtp_asterisk, STRICT_RTP_LEARN/CLOSED), without
/// its packet-flood timing check. After reset() (a new remote from SDP) the stream learns for
/// `learnWindow`:
/// - packets from the locked source are accepted, and restart any other source's probation
///   (a competitor can only take over once the current source goes quiet);
/// - packets from the SDP address are accepted and lock onto it at once;
/// - any other source is dropped until it has sent `probation` packets in a row with
///   consecutive sequence numbers; the last of them is accepted and locks onto it.
/// Once the window has passed with a source locked, only that source is accepted. With strict
/// off every packet is accepted and the last source is remembered. Not thread-safe: lives on
/// the media thread.
class SourceFilter {
 public:
  using Endpoint = boost::asio::ip::udp::endpoint;
  using Clock = std::chrono::steady_clock;

  /// Asterisk's STRICT_RTP_LEARN_TIMEOUT.
  static constexpr std::chrono::milliseconds kLearnWindow{5000};

  SourceFilter(bool strict, unsigned probation,
               std::chrono::milliseconds learnWindow = kLearnWindow)
      : strict_(strict), probation_(probation), learnWindow_(learnWindow) {}

  /// Starts learning afresh (new remote from SDP); `expected` is trusted when it sends.
  void reset(std::optional<Endpoint> expected, Clock::time_point now = Clock::now());

  /// Whether to accept an RTP packet from `source` with sequence number `sequence`.
  bool accept(const Endpoint& source, std::uint16_t sequence, Clock::time_point now);

  /// The source packets are currently accepted from, once one has been seen or learned.
  const std::optional<Endpoint>& source() const { return locked_; }

 private:
  void lock(const Endpoint& source);

  bool strict_;
  unsigned probation_;
  std::chrono::milliseconds learnWindow_;
  Clock::time_point learnStart_{};
  bool closed_ = false;
  std::optional<Endpoint> expected_;
  std::optional<Endpoint> locked_;
  std::optional<Endpoint> candidate_;
  std::uint16_t nextSequence_ = 0;
  unsigned sequential_ = 0;
};

}  // namespace sb::media
