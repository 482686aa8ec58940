#pragma once
/// @file
/// Plans the RFC 4733 packets of one outgoing DTMF digit of known duration: a first packet
/// (the RTP marker goes on it), an update every 50 ms whose duration covers the time until the
/// next one, and at the end three packets with the end bit and the whole duration (RFC 4733
/// 2.5.1.4), all of them with the event's one timestamp. Plain data: the stream sends the
/// packets and keeps the time.

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>

#include "media/dtmf/telephone_event.hpp"

namespace sb::media {

class TelephoneEventSender {
 public:
  /// Time between updates.
  static constexpr std::chrono::milliseconds kInterval{50};
  /// Asterisk's volume for the DTMF it sends (-10 dBm0).
  static constexpr std::uint8_t kVolume = 10;
  /// Durations are 16 bits: a digit lasts at most this long (about 8.2 s).
  static constexpr unsigned kMaxDurationMs = 0xffff / kEventSamplesPerMs;

  /// The packets due at one moment.
  struct Step {
    std::array<TelephoneEvent, 3> packets{};
    std::size_t count = 0;
    bool first = false;  ///< the event's first packet: it carries the RTP marker
    /// When the next step is due, counted from the event's start; nullopt after the end.
    std::optional<std::chrono::milliseconds> next;
  };

  /// `event` 0-15; `durationMs` at least 1 (longer than kMaxDurationMs is cut to it).
  TelephoneEventSender(std::uint8_t event, unsigned durationMs);

  /// The packets due now; call again at the returned `next`.
  Step step();
  /// True once the end packets were planned.
  bool done() const { return done_; }
  /// The event's whole duration in samples (what the end packets carry).
  std::uint16_t totalSamples() const { return std::uint16_t(totalMs_ * kEventSamplesPerMs); }

 private:
  std::uint8_t event_;
  unsigned totalMs_;
  unsigned atMs_ = 0;  // when the step about to be planned is due
  bool done_ = false;
};

}  // namespace sb::media
