#include "modules/res_pjsip/trace/pcap_writer.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "core/log/logger.hpp"

namespace sb::modules::res_pjsip {
namespace {

constexpr std::size_t kEthernetHeader = 14;
constexpr std::size_t kIpv4Header = 20;
constexpr std::size_t kIpv6Header = 40;
constexpr std::size_t kUdpHeader = 8;
constexpr std::uint8_t kUdpProtocol = 17;
constexpr std::uint8_t kHopLimit = 128;  // what Asterisk puts in its IPv4 TTL

/// Appends `value` as it lies in memory (pcap's own headers are in host order).
template <class T>
void putHost(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

void put16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value >> 8));
  out.push_back(static_cast<char>(value & 0xFF));
}

/// The address as the frame's family wants it; zeros when it is of the other family.
template <std::size_t N>
std::array<unsigned char, N> addressBytes(const boost::asio::ip::address& address) {
  std::array<unsigned char, N> out{};
  if constexpr (N == 4) {
    if (address.is_v4()) {
      out = address.to_v4().to_bytes();
    } else if (address.to_v6().is_v4_mapped()) {
      out =
          boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6()).to_bytes();
    }
  } else if (address.is_v6()) {
    out = address.to_v6().to_bytes();
  }
  return out;
}

bool isV4(const boost::asio::ip::address& address) {
  return address.is_v4() || address.to_v6().is_v4_mapped();
}

std::uint16_t ipv4Checksum(std::string_view header) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < header.size(); i += 2) {
    sum += (static_cast<std::uint8_t>(header[i]) << 8) | static_cast<std::uint8_t>(header[i + 1]);
  }
  while (sum >> 16) {
    sum = (sum & 0xFFFF) + (sum >> 16);
  }
  return static_cast<std::uint16_t>(~sum);
}

std::uint16_t clamp16(std::size_t value) {
  return static_cast<std::uint16_t>(std::min<std::size_t>(value, 0xFFFF));
}

}  // namespace

std::string pcapFileHeader() {
  std::string out;
  putHost<std::uint32_t>(out, 0xa1b2c3d4);
  putHost<std::uint16_t>(out, 2);
  putHost<std::uint16_t>(out, 4);
  putHost<std::int32_t>(out, 0);
  putHost<std::uint32_t>(out, 0);
  putHost<std::uint32_t>(out, kPcapSnapLength);
  putHost<std::uint32_t>(out, 1);
  return out;
}

std::string pcapRecord(std::chrono::system_clock::time_point when, const sip::SocketAddress& source,
                       const sip::SocketAddress& destination, std::string_view payload) {
  const bool v4 = isV4(destination.address);
  const std::size_t ipHeader = v4 ? kIpv4Header : kIpv6Header;
  const std::size_t frame = kEthernetHeader + ipHeader + kUdpHeader + payload.size();
  const std::size_t kept = std::min(frame, kPcapSnapLength);

  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(when.time_since_epoch()).count();
  std::string out;
  out.reserve(16 + kept);
  putHost<std::uint32_t>(out, static_cast<std::uint32_t>(micros / 1000000));
  putHost<std::uint32_t>(out, static_cast<std::uint32_t>(micros % 1000000));
  putHost<std::uint32_t>(out, static_cast<std::uint32_t>(kept));
  putHost<std::uint32_t>(out, static_cast<std::uint32_t>(frame));

  out.append(12, '\0');  // destination and source MAC addresses
  put16(out, v4 ? 0x0800 : 0x86DD);

  const std::size_t udpLength = kUdpHeader + payload.size();
  if (v4) {
    const std::size_t start = out.size();
    out.push_back(0x45);  // version 4, five 32-bit words of header
    out.push_back(0);     // TOS
    put16(out, clamp16(kIpv4Header + udpLength));
    put16(out, 0);  // identification
    put16(out, 0);  // flags, fragment offset
    out.push_back(static_cast<char>(kHopLimit));
    out.push_back(static_cast<char>(kUdpProtocol));
    put16(out, 0);  // checksum, filled in below
    for (auto byte : addressBytes<4>(source.address)) {
      out.push_back(static_cast<char>(byte));
    }
    for (auto byte : addressBytes<4>(destination.address)) {
      out.push_back(static_cast<char>(byte));
    }
    const auto sum = ipv4Checksum(std::string_view(out).substr(start, kIpv4Header));
    out[start + 10] = static_cast<char>(sum >> 8);
    out[start + 11] = static_cast<char>(sum & 0xFF);
  } else {
    out.push_back(0x60);  // version 6, traffic class and flow label 0
    out.append(3, '\0');
    put16(out, clamp16(udpLength));
    out.push_back(static_cast<char>(kUdpProtocol));
    out.push_back(static_cast<char>(kHopLimit));
    for (auto byte : addressBytes<16>(source.address)) {
      out.push_back(static_cast<char>(byte));
    }
    for (auto byte : addressBytes<16>(destination.address)) {
      out.push_back(static_cast<char>(byte));
    }
  }
  put16(out, source.port);
  put16(out, destination.port);
  put16(out, clamp16(udpLength));
  put16(out, 0);  // checksum: none
  out.append(payload.substr(0, kept - (frame - payload.size())));
  return out;
}

Result<void> PcapWriter::open(const std::string& path) {
  close();
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    return Error{std::strerror(errno)};
  }
  // Fully buffered: the reactor writes to memory and the kernel sees 64 KiB at a time.
  std::setvbuf(file_, nullptr, _IOFBF, 64 * 1024);
  path_ = path;
  failed_ = false;
  const auto header = pcapFileHeader();
  std::fwrite(header.data(), 1, header.size(), file_);
  dirty_ = true;
  return {};
}

void PcapWriter::write(std::chrono::system_clock::time_point when, const sip::SocketAddress& source,
                       const sip::SocketAddress& destination, std::string_view payload) {
  if (file_ == nullptr || failed_) {
    return;
  }
  const auto record = pcapRecord(when, source, destination, payload);
  if (std::fwrite(record.data(), 1, record.size(), file_) != record.size()) {
    failed_ = true;
    SB_WARNING("Writing to pcap file '{}' failed: {}", path_, std::strerror(errno));
  }
  dirty_ = true;
}

void PcapWriter::flush() {
  if (file_ != nullptr && dirty_) {
    std::fflush(file_);
  }
  dirty_ = false;
}

void PcapWriter::close() {
  if (file_ != nullptr) {
    std::fclose(file_);
    file_ = nullptr;
  }
  dirty_ = false;
}

}  // namespace sb::modules::res_pjsip
