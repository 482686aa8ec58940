#pragma once
/// @file
/// `pjsip set logger pcap <file>`: SIP messages written as a classic pcap capture, as
/// res_pjsip_logger writes them. Every message becomes one Ethernet frame holding an IPv4 or
/// IPv6 packet with a UDP datagram whose payload is the message, whatever transport carried it
/// (TCP, TLS and WebSocket messages too, so that Wireshark decodes every one as SIP). The
/// addresses and ports are the message's real source and destination.

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/util/result.hpp"
#include "sip/transport/socket_address.hpp"

namespace sb::modules::res_pjsip {

/// The largest frame a record holds (the header's snaplen); longer messages are cut.
inline constexpr std::size_t kPcapSnapLength = 65535;

/// The 24-byte pcap global header in host byte order: magic 0xa1b2c3d4, version 2.4, zone
/// and accuracy 0, snaplen 65535, link type 1 (Ethernet, so IPv4 and IPv6 share one file).
std::string pcapFileHeader();

/// One pcap record (16-byte header in host byte order, then the frame in network order):
/// Ethernet (zero MACs, type 0x0800 or 0x86DD), IPv4 (no options, TTL 128, protocol 17,
/// header checksum computed) or IPv6 (hop limit 128, next header 17), UDP (checksum 0, which
/// means "none" and which Wireshark does not check by default), then `payload`. The family
/// is the destination's (IPv4-mapped IPv6 addresses count as IPv4); a source of the other
/// family is written as zeros. A frame longer than the snaplen is cut to it (its original
/// length stays in the record header).
std::string pcapRecord(std::chrono::system_clock::time_point when, const sip::SocketAddress& source,
                       const sip::SocketAddress& destination, std::string_view payload);

/// An open pcap file. Records go through a 64 KiB stdio buffer (nothing is synced to disk),
/// so a write rarely costs a system call; flush() hands the buffer to the kernel.
class PcapWriter {
 public:
  PcapWriter() = default;
  ~PcapWriter() { close(); }
  PcapWriter(const PcapWriter&) = delete;
  PcapWriter& operator=(const PcapWriter&) = delete;

  /// Creates (or truncates) `path` and writes the global header; any file open before is
  /// closed first.
  Result<void> open(const std::string& path);
  /// Appends one message; the first write error is logged once and the file then left alone.
  void write(std::chrono::system_clock::time_point when, const sip::SocketAddress& source,
             const sip::SocketAddress& destination, std::string_view payload);
  /// Hands what is buffered to the kernel.
  void flush();
  void close();

  bool isOpen() const { return file_ != nullptr; }
  /// True when records were written since the last flush.
  bool dirty() const { return dirty_; }
  const std::string& path() const { return path_; }

 private:
  std::FILE* file_ = nullptr;
  std::string path_;
  bool dirty_ = false;
  bool failed_ = false;
};

}  // namespace sb::modules::res_pjsip
