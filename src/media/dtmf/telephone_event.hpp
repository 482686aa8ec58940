#pragma once
/// @file
/// The RFC 4733 telephone-event payload (4 bytes: event, E/R/volume, 16-bit duration) and the
/// DTMF digits of events 0-15.

#include <cstdint>
#include <optional>
#include <span>

namespace sb::media {

/// Size of one telephone-event payload.
inline constexpr std::size_t kTelephoneEventSize = 4;
/// RFC 4733 timestamps and durations count samples at 8000 Hz for DTMF.
inline constexpr unsigned kEventSamplesPerMs = 8;

/// One telephone-event payload.
struct TelephoneEvent {
  std::uint8_t event = 0;      ///< 0-9, 10 '*', 11 '#', 12-15 'A'-'D', 16 flash, ...
  bool end = false;            ///< E bit: the last packets of the event
  std::uint8_t volume = 0;     ///< power level, 0 to 63 meaning 0 to -63 dBm0
  std::uint16_t duration = 0;  ///< samples since the event began
  bool operator==(const TelephoneEvent&) const = default;
};

/// Reads the first event of a payload; nullopt when shorter than 4 bytes.
std::optional<TelephoneEvent> parseTelephoneEvent(std::span<const std::uint8_t> payload);

/// Writes `event` as 4 bytes at the start of `out` (which must hold them). Returns 4.
std::size_t writeTelephoneEvent(std::span<std::uint8_t> out, const TelephoneEvent& event);

/// The DTMF digit of events 0-15 ('0'-'9', '*', '#', 'A'-'D'); '\0' for other events.
char digitOfEvent(std::uint8_t event);

/// The event of a DTMF digit ('a'-'d' as 'A'-'D'); nullopt for anything else.
std::optional<std::uint8_t> eventOfDigit(char digit);

}  // namespace sb::media
