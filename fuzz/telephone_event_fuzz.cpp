// libFuzzer target for the RFC 4733 receiver and sender: any sequence of telephone-event
// packets, audio timestamps and silences yields well-formed reports (digits only, a begin
// only when no digit is in progress, ends carrying the digit that began), and any digit length
// plans a first packet, updates that never shrink and three end packets.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "media/dtmf/event_receiver.hpp"
#include "media/dtmf/event_sender.hpp"
#include "media/dtmf/telephone_event.hpp"

namespace {

void check(bool condition) {
  if (!condition) {
    std::abort();
  }
}

std::uint32_t read(const std::uint8_t* data, std::size_t bytes) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    value = (value << 8) | data[i];
  }
  return value;
}

// Follows the reports and checks them against what a listener expects.
struct Listener {
  char current = '\0';
  void heard(const sb::media::DigitReport& report) {
    check(sb::media::eventOfDigit(report.digit).has_value());
    if (report.end) {
      check(current == '\0' || current == report.digit);
      current = '\0';
    } else {
      check(current == '\0');
      current = report.digit;
    }
  }
};

void planDigit(std::uint8_t event, unsigned durationMs) {
  sb::media::TelephoneEventSender sender(event, durationMs);
  unsigned packets = 0;
  unsigned ends = 0;
  std::uint16_t last = 0;
  for (unsigned guard = 0; !sender.done() && guard < 1000; ++guard) {
    const auto step = sender.step();
    check(step.first == (packets == 0));
    for (std::size_t i = 0; i < step.count; ++i) {
      check(step.packets[i].duration >= last);
      last = step.packets[i].duration;
      ends += step.packets[i].end ? 1 : 0;
      ++packets;
    }
  }
  check(sender.done() && ends == 3 && last == sender.totalSamples());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size >= 3) {
    planDigit(data[0] % 16, read(data + 1, 2));
  }
  sb::media::TelephoneEventReceiver receiver(1200);
  Listener listener;
  // Records of 12 bytes: kind, SSRC byte, sequence (2), timestamp (4), payload (4).
  for (std::size_t at = 0; at + 12 <= size; at += 12) {
    const std::uint8_t* record = data + at;
    switch (record[0] % 3) {
      case 0:
        for (const auto& report :
             receiver.onPacket(record[1], std::uint16_t(read(record + 2, 2)), read(record + 4, 4),
                               std::span(record + 8, 4))) {
          listener.heard(report);
        }
        break;
      case 1:
        if (const auto report = receiver.onAudio(read(record + 4, 4))) {
          listener.heard(*report);
        }
        break;
      default:
        if (const auto report = receiver.expire()) {
          listener.heard(*report);
        }
        break;
    }
    check(receiver.inProgress() == (listener.current != '\0'));
  }
  return 0;
}
