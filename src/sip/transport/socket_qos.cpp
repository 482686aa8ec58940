#include "sip/transport/socket_qos.hpp"

#include <netinet/in.h>
#include <sys/socket.h>

namespace sb::sip {

void applySocketQos(int fd, bool ipv6, unsigned tos, unsigned cos) {
  if (tos != 0) {
    const int value = static_cast<int>(tos);
    if (ipv6) {
      ::setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &value, sizeof value);
    } else {
      ::setsockopt(fd, IPPROTO_IP, IP_TOS, &value, sizeof value);
    }
  }
  if (cos != 0) {
    // Accepted sockets inherit the TOS byte from the listening socket but not the priority.
    const int value = static_cast<int>(cos);
    ::setsockopt(fd, SOL_SOCKET, SO_PRIORITY, &value, sizeof value);
  }
}

}  // namespace sb::sip
