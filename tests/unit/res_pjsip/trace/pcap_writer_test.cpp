#include "modules/res_pjsip/trace/pcap_writer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <unistd.h>

namespace sb::modules::res_pjsip {
namespace {

/// The bytes of `value` as this host stores them (pcap's own headers are host-ordered).
template <class T>
std::string host(T value) {
  std::string out(sizeof(T), '\0');
  std::memcpy(out.data(), &value, sizeof(T));
  return out;
}

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values) {
    out.push_back(static_cast<char>(v));
  }
  return out;
}

sip::SocketAddress at(const char* text) {
  return *sip::SocketAddress::parse(text);
}

const auto kWhen = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000) +
                                                         std::chrono::microseconds(123456));

TEST(PcapWriter, FileHeaderIsClassicPcapForEthernet) {
  const auto header = pcapFileHeader();
  EXPECT_EQ(header, host<std::uint32_t>(0xa1b2c3d4) + host<std::uint16_t>(2) +
                        host<std::uint16_t>(4) + host<std::int32_t>(0) + host<std::uint32_t>(0) +
                        host<std::uint32_t>(65535) + host<std::uint32_t>(1));
}

TEST(PcapWriter, Ipv4RecordIsByteExact) {
  const std::string payload = "OPTIONS sip:x SIP/2.0\r\n\r\n";  // 25 bytes
  const auto record = pcapRecord(kWhen, at("10.0.0.1:5060"), at("192.168.1.20:5070"), payload);
  const std::size_t frame = 14 + 20 + 8 + payload.size();
  std::string expected = host<std::uint32_t>(1700000000) + host<std::uint32_t>(123456) +
                         host<std::uint32_t>(frame) + host<std::uint32_t>(frame);
  expected += std::string(12, '\0') + bytes({0x08, 0x00});
  // IPv4: 0x45, TOS 0, total 53, id 0, fragment 0, TTL 128, UDP, checksum 0x6efb (RFC 1071,
  // worked out by hand), addresses.
  expected += bytes({0x45, 0x00, 0x00, 53, 0x00, 0x00, 0x00, 0x00, 128, 17,
                     0x6e, 0xfb, 10,   0,  0,    1,    192,  168,  1,   20});
  // UDP: ports 5060 -> 5070, length 33, checksum none.
  expected += bytes({0x13, 0xC4, 0x13, 0xCE, 0x00, 33, 0x00, 0x00}) + payload;
  EXPECT_EQ(record, expected);
}

TEST(PcapWriter, Ipv4HeaderChecksumVerifies) {
  const auto record = pcapRecord(kWhen, at("10.0.0.1:5060"), at("192.168.1.20:5070"), "x");
  std::uint32_t sum = 0;
  for (std::size_t i = 30; i < 50; i += 2) {
    sum += (static_cast<std::uint8_t>(record[i]) << 8) | static_cast<std::uint8_t>(record[i + 1]);
  }
  while (sum >> 16) {
    sum = (sum & 0xFFFF) + (sum >> 16);
  }
  EXPECT_EQ(sum, 0xFFFFu);  // a correct header sums to all ones
}

TEST(PcapWriter, Ipv6RecordIsByteExact) {
  const std::string payload = "SIP/2.0 200 OK\r\n\r\n";  // 18 bytes
  const auto record = pcapRecord(kWhen, at("[2001:db8::1]:5060"), at("[::1]:40000"), payload);
  const std::size_t frame = 14 + 40 + 8 + payload.size();
  std::string expected = host<std::uint32_t>(1700000000) + host<std::uint32_t>(123456) +
                         host<std::uint32_t>(frame) + host<std::uint32_t>(frame);
  expected += std::string(12, '\0') + bytes({0x86, 0xDD});
  expected += bytes({0x60, 0, 0, 0, 0x00, 26, 17, 128});
  expected += bytes({0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  expected += bytes({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  expected += bytes({0x13, 0xC4, 0x9C, 0x40, 0x00, 26, 0x00, 0x00}) + payload;
  EXPECT_EQ(record, expected);
}

TEST(PcapWriter, MappedAddressesAreWrittenAsIpv4) {
  const auto record =
      pcapRecord(kWhen, at("[::ffff:127.0.0.1]:5060"), at("[::ffff:10.1.2.3]:5080"), "x");
  EXPECT_EQ(record.substr(28, 2), bytes({0x08, 0x00}));
  EXPECT_EQ(record.substr(42, 8), bytes({127, 0, 0, 1, 10, 1, 2, 3}));
}

TEST(PcapWriter, LongMessagesAreCutToTheSnapLength) {
  const std::string payload(70000, 'a');
  const auto record = pcapRecord(kWhen, at("10.0.0.1:5060"), at("10.0.0.2:5060"), payload);
  const std::size_t frame = 14 + 20 + 8 + payload.size();
  EXPECT_EQ(record.size(), 16 + kPcapSnapLength);
  EXPECT_EQ(record.substr(8, 4), host<std::uint32_t>(65535));
  EXPECT_EQ(record.substr(12, 4), host<std::uint32_t>(frame));
  EXPECT_EQ(record.substr(32, 2), bytes({0xFF, 0xFF}));  // IPv4 total length saturates
}

TEST(PcapWriter, WritesHeaderAndRecordsToAFile) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("pcap_writer_test_" + std::to_string(::getpid()) + ".pcap");
  {
    PcapWriter writer;
    ASSERT_TRUE(writer.open(path.string()));
    writer.write(kWhen, at("10.0.0.1:5060"), at("10.0.0.2:5060"), "one");
    writer.write(kWhen, at("10.0.0.2:5060"), at("10.0.0.1:5060"), "two");
  }
  std::ifstream in(path, std::ios::binary);
  const std::string content((std::istreambuf_iterator<char>(in)), {});
  std::filesystem::remove(path);
  EXPECT_EQ(content, pcapFileHeader() +
                         pcapRecord(kWhen, at("10.0.0.1:5060"), at("10.0.0.2:5060"), "one") +
                         pcapRecord(kWhen, at("10.0.0.2:5060"), at("10.0.0.1:5060"), "two"));
}

TEST(PcapWriter, OpenFailsForAnUnwritablePath) {
  PcapWriter writer;
  EXPECT_FALSE(writer.open("/nonexistent-dir/x.pcap"));
  EXPECT_FALSE(writer.isOpen());
}

}  // namespace
}  // namespace sb::modules::res_pjsip
