#pragma once
/// @file
/// DTMF tones as G.711 audio (spandsp's DTMF generator), for endpoints whose dtmf_mode is
/// inband.

#include <cstdint>
#include <vector>

namespace sb::media {

/// `durationMs` of the tone pair of `digit` ('0'-'9', '*', '#', 'A'-'D'; 'a'-'d' too) at
/// 8 kHz, encoded as A-law or µ-law; empty for another character.
std::vector<std::uint8_t> dtmfToneG711(char digit, unsigned durationMs, bool alaw);

}  // namespace sb::media
