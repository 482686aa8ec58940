#include "media/rtp/g711.hpp"

#include <array>

namespace sb::media::g711 {
namespace {

// µ-law works on magnitude + 0x84 so that every segment boundary is a power of two.
constexpr int kUlawBias = 0x84;
constexpr int kUlawClip = 32635;
// A-law codes on the wire have their even bits inverted (G.711 section 2).
constexpr std::uint8_t kAlawInvert = 0x55;

// Index of the highest set bit (value > 0).
constexpr int highestBit(int value) {
  int bit = 0;
  while (value > 1) {
    value >>= 1;
    ++bit;
  }
  return bit;
}

// A sign and a magnitude (16-bit scale) as a µ-law code.
constexpr std::uint8_t ulawFromMagnitude(bool negative, int magnitude) {
  if (magnitude > kUlawClip) {
    magnitude = kUlawClip;
  }
  const int biased = magnitude + kUlawBias;     // 0x84 .. 0x7FFF
  const int exponent = highestBit(biased) - 7;  // 0 .. 7
  const int mantissa = (biased >> (exponent + 3)) & 0x0F;
  // Sent with every bit inverted, so a set sign bit on the wire means positive.
  const int code = (negative ? 0x80 : 0x00) | (exponent << 4) | mantissa;
  return std::uint8_t(~code);
}

// Magnitude (16-bit scale) of a µ-law code.
constexpr int ulawMagnitude(std::uint8_t code) {
  const int value = std::uint8_t(~code);
  const int exponent = (value >> 4) & 0x07;
  const int mantissa = value & 0x0F;
  return (((mantissa << 3) + kUlawBias) << exponent) - kUlawBias;
}

constexpr bool ulawNegative(std::uint8_t code) {
  return (code & 0x80) == 0;
}

// A-law on a 13-bit magnitude: segment 0 and 1 share a step of 2, then the step doubles.
constexpr std::uint8_t alawFromMagnitude(bool negative, int magnitude16) {
  int magnitude = magnitude16 >> 3;
  if (magnitude > 0x0FFF) {
    magnitude = 0x0FFF;
  }
  const int segment = magnitude < 0x20 ? 0 : highestBit(magnitude) - 4;  // 0 .. 7
  const int mantissa = segment == 0 ? (magnitude >> 1) & 0x0F : (magnitude >> segment) & 0x0F;
  const int code = (negative ? 0x00 : 0x80) | (segment << 4) | mantissa;
  return std::uint8_t(code ^ kAlawInvert);
}

// Magnitude (16-bit scale) of an A-law code: the middle of its quantisation interval.
constexpr int alawMagnitude(std::uint8_t code) {
  const int value = code ^ kAlawInvert;
  const int segment = (value >> 4) & 0x07;
  const int mantissa = value & 0x0F;
  int magnitude = (mantissa << 4) + 8;  // segment 0: no implicit leading bit
  if (segment > 0) {
    magnitude = ((mantissa << 4) + 0x108) << (segment - 1);
  }
  return magnitude;
}

constexpr bool alawNegative(std::uint8_t code) {
  return ((code ^ kAlawInvert) & 0x80) == 0;
}

constexpr std::array<std::uint8_t, 256> makeUlawToAlaw() {
  std::array<std::uint8_t, 256> table{};
  for (int code = 0; code < 256; ++code) {
    const auto u = std::uint8_t(code);
    table[code] = alawFromMagnitude(ulawNegative(u), ulawMagnitude(u));
  }
  return table;
}

constexpr std::array<std::uint8_t, 256> makeAlawToUlaw() {
  std::array<std::uint8_t, 256> table{};
  for (int code = 0; code < 256; ++code) {
    const auto a = std::uint8_t(code);
    table[code] = ulawFromMagnitude(alawNegative(a), alawMagnitude(a));
  }
  return table;
}

constexpr std::array<std::uint8_t, 256> kUlawToAlaw = makeUlawToAlaw();
constexpr std::array<std::uint8_t, 256> kAlawToUlaw = makeAlawToUlaw();

// Silence and full scale map onto each other, sign kept.
static_assert(kUlawToAlaw[0xFF] == 0xD5 && kUlawToAlaw[0x7F] == 0x55);
static_assert(kUlawToAlaw[0x80] == 0xAA && kUlawToAlaw[0x00] == 0x2A);
// A-law has no zero level: its smallest (±8) is µ-law's ±8, as in G.711's conversion table.
static_assert(kAlawToUlaw[0xD5] == 0xFE && kAlawToUlaw[0x55] == 0x7E);
static_assert(kAlawToUlaw[0xAA] == 0x80 && kAlawToUlaw[0x2A] == 0x00);

}  // namespace

std::uint8_t linearToUlaw(std::int16_t sample) {
  const int value = sample;
  return ulawFromMagnitude(value < 0, value < 0 ? -value : value);
}

std::int16_t ulawToLinear(std::uint8_t code) {
  const int magnitude = ulawMagnitude(code);
  return std::int16_t(ulawNegative(code) ? -magnitude : magnitude);
}

std::uint8_t linearToAlaw(std::int16_t sample) {
  const int value = sample;
  return alawFromMagnitude(value < 0, value < 0 ? -value : value);
}

std::int16_t alawToLinear(std::uint8_t code) {
  const int magnitude = alawMagnitude(code);
  return std::int16_t(alawNegative(code) ? -magnitude : magnitude);
}

std::uint8_t ulawToAlaw(std::uint8_t code) {
  return kUlawToAlaw[code];
}

std::uint8_t alawToUlaw(std::uint8_t code) {
  return kAlawToUlaw[code];
}

void ulawToAlaw(std::span<std::uint8_t> data) {
  for (std::uint8_t& byte : data) {
    byte = kUlawToAlaw[byte];
  }
}

void alawToUlaw(std::span<std::uint8_t> data) {
  for (std::uint8_t& byte : data) {
    byte = kAlawToUlaw[byte];
  }
}

}  // namespace sb::media::g711
