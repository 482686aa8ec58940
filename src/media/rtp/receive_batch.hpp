#pragma once
/// @file
/// Datagrams read from one UDP socket with a single recvmmsg: what is queued (up to kSize)
/// comes in one system call, and an empty queue costs nothing more, where reading one at a
/// time until EAGAIN costs a wasted call per wake-up. One batch per thread serves every
/// stream that thread runs (each packet is handled before the next read).

#include <sys/socket.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include <boost/asio/ip/udp.hpp>

namespace sb::media::detail {

class ReceiveBatch {
 public:
  static constexpr std::size_t kSize = 16;
  static constexpr std::size_t kBufferSize = 2048;

  /// The calling thread's batch.
  static ReceiveBatch& forThisThread();

  /// Reads what `fd` has queued without waiting; the number of datagrams read (0 when none,
  /// or on an error such as an ICMP report of an earlier send, which UDP does not mind).
  std::size_t receive(int fd);

  /// Datagram `i` of the last receive(): its bytes (writable: the relay rewrites in place).
  std::span<std::uint8_t> packet(std::size_t i) {
    return {buffers_[i].data(), static_cast<std::size_t>(headers_[i].msg_len)};
  }
  /// Who sent datagram `i`.
  boost::asio::ip::udp::endpoint sender(std::size_t i) const;

 private:
  ReceiveBatch();

  std::array<std::array<std::uint8_t, kBufferSize>, kSize> buffers_{};
  std::array<sockaddr_storage, kSize> senders_{};
  std::array<iovec, kSize> vectors_{};
  std::array<mmsghdr, kSize> headers_{};
};

}  // namespace sb::media::detail
