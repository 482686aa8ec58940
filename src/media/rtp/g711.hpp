#pragma once
/// @file
/// G.711 companding: 16-bit linear PCM to and from µ-law and A-law, and µ-law/A-law
/// conversion without going through a buffer of linear samples (for relay transcoding).

#include <cstdint>
#include <span>

namespace sb::media::g711 {

/// Encodes a 16-bit linear sample as µ-law (clipped at ±32635 as G.711 does).
std::uint8_t linearToUlaw(std::int16_t sample);
/// Decodes a µ-law byte to 16-bit linear.
std::int16_t ulawToLinear(std::uint8_t code);
/// Encodes a 16-bit linear sample as A-law (even bits inverted, as sent on the wire).
std::uint8_t linearToAlaw(std::int16_t sample);
/// Decodes an A-law byte to 16-bit linear.
std::int16_t alawToLinear(std::uint8_t code);

/// µ-law byte to the A-law byte of the nearest level, sign kept (so -0 stays -0).
std::uint8_t ulawToAlaw(std::uint8_t code);
/// A-law byte to the µ-law byte of the nearest level, sign kept.
std::uint8_t alawToUlaw(std::uint8_t code);

/// Converts a buffer in place; a table lookup per byte.
void ulawToAlaw(std::span<std::uint8_t> data);
/// Converts a buffer in place; a table lookup per byte.
void alawToUlaw(std::span<std::uint8_t> data);

/// The code of silence (+0) in each law, for padding and comfort noise.
inline constexpr std::uint8_t kUlawSilence = 0xFF;
inline constexpr std::uint8_t kAlawSilence = 0xD5;

}  // namespace sb::media::g711
