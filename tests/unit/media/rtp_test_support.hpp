#pragma once
// Helpers for the RTP engine tests: a plain UDP peer on loopback and bounded waits.
// Each test gets its own port range within 25000-25999: below the ephemeral ports (32768 and
// up, where the peers bind) and apart from each other, so ctest may run them in parallel.

#include <poll.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "media/rtp/rtp_packet.hpp"

namespace sb::media::testing {

using boost::asio::ip::udp;
using namespace std::chrono_literals;

inline const boost::asio::ip::address kLoopback = boost::asio::ip::make_address("127.0.0.1");

/// Polls `condition` every millisecond for at most `limit`.
inline bool waitFor(const std::function<bool()>& condition,
                    std::chrono::milliseconds limit = 2000ms) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

/// An RTP packet with a 12-byte header and `payload`.
inline std::vector<std::uint8_t> rtpPacket(std::uint8_t payloadType, std::uint16_t sequence,
                                           std::vector<std::uint8_t> payload = {1, 2, 3, 4},
                                           std::uint32_t ssrc = 0x11223344,
                                           std::uint32_t timestamp = 1000) {
  std::vector<std::uint8_t> packet(kRtpHeaderSize);
  writeRtpHeader(packet, false, payloadType, sequence, timestamp, ssrc);
  packet.insert(packet.end(), payload.begin(), payload.end());
  return packet;
}

/// A blocking UDP socket playing the remote phone.
class Peer {
 public:
  explicit Peer(boost::asio::ip::address address = kLoopback) : socket_(context_) {
    socket_.open(address.is_v6() ? udp::v6() : udp::v4());
    socket_.bind(udp::endpoint(address, 0));
  }

  udp::endpoint endpoint() const { return socket_.local_endpoint(); }

  void send(const std::vector<std::uint8_t>& data, const udp::endpoint& to) {
    socket_.send_to(boost::asio::buffer(data), to);
  }

  /// The next datagram, or nullopt after `limit`.
  std::optional<std::vector<std::uint8_t>> receive(std::chrono::milliseconds limit = 1000ms,
                                                   udp::endpoint* from = nullptr) {
    pollfd fd{socket_.native_handle(), POLLIN, 0};
    if (::poll(&fd, 1, static_cast<int>(limit.count())) != 1) {
      return std::nullopt;
    }
    std::vector<std::uint8_t> data(2048);
    udp::endpoint sender;
    data.resize(socket_.receive_from(boost::asio::buffer(data), sender));
    if (from != nullptr) {
      *from = sender;
    }
    return data;
  }

 private:
  boost::asio::io_context context_;
  udp::socket socket_;
};

}  // namespace sb::media::testing
