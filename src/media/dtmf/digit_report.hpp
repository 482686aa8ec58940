#pragma once
/// @file
/// What the media thread tells about a DTMF digit it heard on a stream.

#include <cstdint>

namespace sb::media {

/// How the digit reached the stream.
enum class DigitSignal : std::uint8_t {
  Rfc4733,  ///< telephone-event packets
  Inband,   ///< tones in the G.711 audio
};

/// The beginning or the end of one digit. An end may come without a begin (a digit whose
/// first packets were lost, or one another digit cut short).
struct DigitReport {
  char digit = '\0';        ///< '0'-'9', '*', '#', 'A'-'D'
  bool end = false;         ///< false: the digit began; true: it ended
  unsigned durationMs = 0;  ///< with `end`: how long the digit lasted
  DigitSignal signal = DigitSignal::Rfc4733;
  bool operator==(const DigitReport&) const = default;
};

}  // namespace sb::media
