#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "media/rtp/g711.hpp"
#include "media/rtp/payload_map.hpp"
#include "media/rtp/rtp_packet.hpp"

namespace sb::media {
namespace {

TEST(RtpPacket, WritesAndParsesTheFixedHeader) {
  std::vector<std::uint8_t> packet(kRtpHeaderSize + 3, 0xAB);
  EXPECT_EQ(writeRtpHeader(packet, true, 8, 0xBEEF, 0x01020304, 0xCAFEBABE), kRtpHeaderSize);
  EXPECT_EQ(packet[0], 0x80);
  EXPECT_EQ(packet[1], 0x88);
  const auto header = parseRtp(packet);
  ASSERT_TRUE(header);
  EXPECT_TRUE(header->marker);
  EXPECT_EQ(header->payloadType, 8);
  EXPECT_EQ(header->sequence, 0xBEEF);
  EXPECT_EQ(header->timestamp, 0x01020304u);
  EXPECT_EQ(header->ssrc, 0xCAFEBABEu);
  EXPECT_EQ(header->payloadOffset, kRtpHeaderSize);
  EXPECT_EQ(header->payloadSize, 3u);
}

TEST(RtpPacket, SkipsCsrcsAndExtensionAndStripsPadding) {
  // 1 CSRC, an extension of 1 word, 2 payload bytes, 2 bytes of padding.
  std::vector<std::uint8_t> packet = {0xB1, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,  // header
                                      9,    9,    9, 9,                          // CSRC
                                      0xBE, 0xDE, 0, 1, 7, 7, 7, 7,              // extension
                                      0x55, 0x66,                                // payload
                                      0,    2};                                  // padding
  const auto header = parseRtp(packet);
  ASSERT_TRUE(header);
  EXPECT_EQ(header->csrcCount, 1);
  EXPECT_TRUE(header->extension);
  EXPECT_TRUE(header->padding);
  EXPECT_EQ(header->payloadOffset, 24u);
  EXPECT_EQ(header->payloadSize, 2u);
}

TEST(RtpPacket, RejectsJunk) {
  EXPECT_FALSE(parseRtp(std::vector<std::uint8_t>{}));
  EXPECT_FALSE(parseRtp(std::vector<std::uint8_t>(11, 0x80)));
  std::vector<std::uint8_t> packet(20, 0);
  packet[0] = 0x40;  // version 1
  EXPECT_FALSE(parseRtp(packet));
  packet[0] = 0x8F;  // 15 CSRCs do not fit in 20 bytes
  EXPECT_FALSE(parseRtp(packet));
  packet[0] = 0xA0;  // padding count 0 is invalid
  EXPECT_FALSE(parseRtp(packet));
  packet.back() = 30;  // padding longer than the payload
  EXPECT_FALSE(parseRtp(packet));
  packet[0] = 0x90;  // extension header cut off
  EXPECT_FALSE(parseRtp(std::vector<std::uint8_t>(packet.begin(), packet.begin() + 14)));
  const std::string text = "GET / HTTP/1.1\r\n\r\n";
  EXPECT_FALSE(parseRtp(std::vector<std::uint8_t>(text.begin(), text.end())));
}

TEST(RtpPacket, RecognisesRtcpAndKeepsItApartFromRtp) {
  std::vector<std::uint8_t> report = {0x80, 200, 0, 6, 1, 2, 3, 4};  // SR header
  EXPECT_TRUE(isRtcp(report));
  EXPECT_FALSE(parseRtp(report));
  for (int type = 200; type <= 204; ++type) {
    report[1] = std::uint8_t(type);
    EXPECT_TRUE(isRtcp(report)) << type;
  }
  report[1] = 205;
  EXPECT_FALSE(isRtcp(report));
  report[1] = 0;  // PCMU
  EXPECT_FALSE(isRtcp(report));
  EXPECT_FALSE(isRtcp(std::vector<std::uint8_t>{0x80, 200, 0, 1}));  // too short
}

TEST(RtpPacket, SetPayloadTypeKeepsTheMarker) {
  std::vector<std::uint8_t> packet(kRtpHeaderSize);
  writeRtpHeader(packet, true, 0, 1, 2, 3);
  setPayloadType(packet, 8);
  EXPECT_EQ(packet[1], 0x88);
  writeRtpHeader(packet, false, 0, 1, 2, 3);
  setPayloadType(packet, 101);
  EXPECT_EQ(packet[1], 101);
}

TEST(RtpG711, LinearRoundTripsThroughBothLaws) {
  EXPECT_EQ(g711::linearToUlaw(0), g711::kUlawSilence);
  EXPECT_EQ(g711::linearToAlaw(0), g711::kAlawSilence);
  EXPECT_EQ(g711::ulawToLinear(0x00), -32124);
  EXPECT_EQ(g711::ulawToLinear(0x80), 32124);
  EXPECT_EQ(g711::alawToLinear(0xAA), 32256);
  EXPECT_EQ(g711::alawToLinear(0x2A), -32256);
  for (int code = 0; code < 256; ++code) {
    // Every code decodes to a level that encodes back to itself (except µ-law's -0).
    const auto u = std::uint8_t(code);
    if (u != 0x7F) {
      EXPECT_EQ(g711::linearToUlaw(g711::ulawToLinear(u)), u) << code;
    }
    const auto a = std::uint8_t(code);
    if (g711::alawToLinear(a) >= 0) {
      EXPECT_EQ(g711::linearToAlaw(g711::alawToLinear(a)), a) << code;
    }
  }
  // Monotonic: a louder sample never gets a smaller level.
  int previous = -40000;
  for (int sample = -32768; sample <= 32767; sample += 7) {
    const int level = g711::ulawToLinear(g711::linearToUlaw(std::int16_t(sample)));
    EXPECT_GE(level, previous);
    previous = level;
  }
}

TEST(RtpG711, ConvertsBetweenLawsKeepingSignAndLevel) {
  std::vector<std::uint8_t> ulaw = {0xFF, 0x7F, 0x80, 0x00, 0xF0, 0x70};
  g711::ulawToAlaw(ulaw);
  // +0, -0, +max, -max, then a small positive and negative level.
  const std::vector<std::uint8_t> alaw = {
      0xD5,
      0x55,
      0xAA,
      0x2A,
      g711::linearToAlaw(g711::ulawToLinear(0xF0)),
      std::uint8_t(g711::linearToAlaw(g711::ulawToLinear(0xF0)) ^ 0x80)};
  EXPECT_EQ(ulaw, alaw);
  for (int code = 0; code < 256; ++code) {
    const auto u = std::uint8_t(code);
    const int before = g711::ulawToLinear(u);
    const int after = g711::alawToLinear(g711::ulawToAlaw(u));
    // Within one A-law step of the original level, same sign.
    EXPECT_LE(std::abs(after - before), std::max(16, std::abs(before) / 16)) << code;
    EXPECT_EQ((u & 0x80) != 0, (g711::ulawToAlaw(u) & 0x80) != 0) << code;
  }
  std::vector<std::uint8_t> back = {0xD5, 0x55, 0xAA, 0x2A};
  g711::alawToUlaw(back);
  EXPECT_EQ(back, (std::vector<std::uint8_t>{0xFE, 0x7E, 0x80, 0x00}));  // A-law has no 0
}

TEST(RtpPayloadMap, MapsRewritesAndDrops) {
  PayloadMap map;
  map.map(0, 8, Transcode::UlawToAlaw).map(101, 96);
  EXPECT_EQ(map.lookup(0)->payloadType, 8);
  EXPECT_EQ(map.lookup(0)->transcode, Transcode::UlawToAlaw);
  EXPECT_EQ(map.lookup(101)->payloadType, 96);
  EXPECT_EQ(map.lookup(101)->transcode, Transcode::None);
  EXPECT_EQ(map.lookup(18)->payloadType, 18);  // unmapped: unchanged
  map.dropUnmapped();
  EXPECT_FALSE(map.lookup(18));
  EXPECT_TRUE(map.lookup(0));
}

}  // namespace
}  // namespace sb::media
