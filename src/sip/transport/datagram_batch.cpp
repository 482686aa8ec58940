#include "sip/transport/datagram_batch.hpp"

#include <netinet/in.h>

#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/address_v6.hpp>
#include <cstring>

namespace sb::sip {

DatagramBatch::DatagramBatch() : buffer_(new char[kSize * kSlot]) {
  for (std::size_t i = 0; i < kSize; ++i) {
    vectors_[i] = iovec{slot(i), kSlot};
    headers_[i].msg_hdr.msg_iov = &vectors_[i];
    headers_[i].msg_hdr.msg_iovlen = 1;
  }
}

std::size_t DatagramBatch::receive(int fd) {
  // recvmmsg rewrites the lengths: restore them for every slot.
  for (std::size_t i = 0; i < kSize; ++i) {
    headers_[i].msg_hdr.msg_name = &senders_[i];
    headers_[i].msg_hdr.msg_namelen = sizeof(sockaddr_storage);
    headers_[i].msg_hdr.msg_control = nullptr;
    headers_[i].msg_hdr.msg_controllen = 0;
    headers_[i].msg_hdr.msg_flags = 0;
    headers_[i].msg_len = 0;
  }
  const int count = ::recvmmsg(fd, headers_.data(), kSize, MSG_DONTWAIT, nullptr);
  return count > 0 ? static_cast<std::size_t>(count) : 0;
}

SocketAddress DatagramBatch::sender(std::size_t i) const {
  namespace ip = boost::asio::ip;
  const sockaddr_storage& from = senders_[i];
  if (from.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(from);
    ip::address_v6::bytes_type bytes;
    std::memcpy(bytes.data(), v6.sin6_addr.s6_addr, bytes.size());
    return {ip::address_v6(bytes, v6.sin6_scope_id), ntohs(v6.sin6_port)};
  }
  const auto& v4 = reinterpret_cast<const sockaddr_in&>(from);
  return {ip::address_v4(ntohl(v4.sin_addr.s_addr)), ntohs(v4.sin_port)};
}

}  // namespace sb::sip
