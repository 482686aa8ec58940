#pragma once
/// @file
/// Datagrams read from one UDP socket with a single recvmmsg: what is queued (up to kSize)
/// comes in one system call instead of one recvfrom each plus a wasted one per wake-up.

#include <sys/socket.h>

#include <array>
#include <cstddef>
#include <memory>
#include <string_view>

#include "sip/transport/socket_address.hpp"

namespace sb::sip {

class DatagramBatch {
 public:
  static constexpr std::size_t kSize = 16;
  /// Room for the largest UDP payload. Pages the kernel never writes stay unallocated, so
  /// the resident cost is about what the datagrams use.
  static constexpr std::size_t kSlot = 65536;

  DatagramBatch();
  DatagramBatch(const DatagramBatch&) = delete;
  DatagramBatch& operator=(const DatagramBatch&) = delete;

  /// Reads what `fd` has queued without waiting; the number of datagrams read (0 when none,
  /// or on an error such as an ICMP report of an earlier send, which UDP does not mind).
  std::size_t receive(int fd);

  /// Datagram `i` of the last receive().
  std::string_view data(std::size_t i) const {
    return {slot(i), static_cast<std::size_t>(headers_[i].msg_len)};
  }
  /// Who sent datagram `i`.
  SocketAddress sender(std::size_t i) const;

 private:
  char* slot(std::size_t i) const { return buffer_.get() + i * kSlot; }

  std::unique_ptr<char[]> buffer_;  // not value-initialised: untouched pages cost nothing
  std::array<sockaddr_storage, kSize> senders_{};
  std::array<iovec, kSize> vectors_{};
  std::array<mmsghdr, kSize> headers_{};
};

}  // namespace sb::sip
