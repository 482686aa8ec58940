#pragma once
/// @file
/// Marks a socket's packets with the transport's `tos` (DSCP/TOS byte, IPv6 traffic class)
/// and `cos` (802.1p priority, through SO_PRIORITY as pjlib does).

namespace sb::sip {

/// Applies `tos` and `cos` to the socket `fd` of address family IPv6 (`ipv6`) or IPv4. Zero
/// values leave the kernel's defaults. Failures are ignored: marking is a hint to the network.
void applySocketQos(int fd, bool ipv6, unsigned tos, unsigned cos);

}  // namespace sb::sip
