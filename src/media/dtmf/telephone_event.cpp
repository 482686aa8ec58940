#include "media/dtmf/telephone_event.hpp"

namespace sb::media {
namespace {

constexpr std::uint8_t kEndBit = 0x80;
constexpr std::uint8_t kVolumeMask = 0x3f;
constexpr char kDigits[] = "0123456789*#ABCD";

}  // namespace

std::optional<TelephoneEvent> parseTelephoneEvent(std::span<const std::uint8_t> payload) {
  if (payload.size() < kTelephoneEventSize) {
    return std::nullopt;
  }
  TelephoneEvent event;
  event.event = payload[0];
  event.end = (payload[1] & kEndBit) != 0;
  event.volume = payload[1] & kVolumeMask;
  event.duration = std::uint16_t((payload[2] << 8) | payload[3]);
  return event;
}

std::size_t writeTelephoneEvent(std::span<std::uint8_t> out, const TelephoneEvent& event) {
  out[0] = event.event;
  out[1] = std::uint8_t((event.end ? kEndBit : 0) | (event.volume & kVolumeMask));
  out[2] = std::uint8_t(event.duration >> 8);
  out[3] = std::uint8_t(event.duration);
  return kTelephoneEventSize;
}

char digitOfEvent(std::uint8_t event) {
  return event < 16 ? kDigits[event] : '\0';
}

std::optional<std::uint8_t> eventOfDigit(char digit) {
  if (digit >= '0' && digit <= '9') {
    return std::uint8_t(digit - '0');
  }
  if (digit >= 'a' && digit <= 'd') {
    digit = char(digit - 'a' + 'A');
  }
  for (std::uint8_t event = 10; event < 16; ++event) {
    if (kDigits[event] == digit) {
      return event;
    }
  }
  return std::nullopt;
}

}  // namespace sb::media
