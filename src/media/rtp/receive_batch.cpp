#include "media/rtp/receive_batch.hpp"

#include <algorithm>
#include <cstring>

namespace sb::media::detail {

ReceiveBatch& ReceiveBatch::forThisThread() {
  thread_local ReceiveBatch batch;
  return batch;
}

ReceiveBatch::ReceiveBatch() {
  for (std::size_t i = 0; i < kSize; ++i) {
    vectors_[i] = iovec{buffers_[i].data(), kBufferSize};
    headers_[i].msg_hdr.msg_iov = &vectors_[i];
    headers_[i].msg_hdr.msg_iovlen = 1;
  }
}

std::size_t ReceiveBatch::receive(int fd) {
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

boost::asio::ip::udp::endpoint ReceiveBatch::sender(std::size_t i) const {
  boost::asio::ip::udp::endpoint endpoint;
  const auto length = std::min<std::size_t>(headers_[i].msg_hdr.msg_namelen, endpoint.capacity());
  std::memcpy(endpoint.data(), &senders_[i], length);
  endpoint.resize(length);
  return endpoint;
}

}  // namespace sb::media::detail
