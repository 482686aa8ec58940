#pragma once
/// @file
/// Turns received RFC 4733 telephone-event packets into digit begins and ends, as Asterisk's
/// res_rtp_asterisk reads them: a begin on the first packet of an event, an end on its first
/// end packet; redundant end packets, retransmitted or late packets of an ended event (same or
/// older timestamp) and packets out of order are ignored; a digit whose end packets are lost
/// ends when audio arrives past its last reported duration plus rtp.conf dtmftimeout, or when
/// expire() is called. Plain data: no allocation, no clock.

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "media/dtmf/digit_report.hpp"

namespace sb::media {

class TelephoneEventReceiver {
 public:
  /// At most two reports come of one packet: the end of a digit a new one cut short, then the
  /// new digit's begin (or end).
  struct Reports {
    std::array<DigitReport, 2> items{};
    std::size_t count = 0;
    const DigitReport* begin() const { return items.data(); }
    const DigitReport* end() const { return items.data() + count; }
    bool empty() const { return count == 0; }
  };

  /// `timeoutSamples`: rtp.conf dtmftimeout (samples at 8 kHz).
  explicit TelephoneEventReceiver(unsigned timeoutSamples = 1200) : timeout_(timeoutSamples) {}

  /// One packet of the telephone-event payload type. A new SSRC starts afresh (ending the
  /// digit in progress): its sequence numbers and timestamps are unrelated to the last one's.
  Reports onPacket(std::uint32_t ssrc, std::uint16_t sequence, std::uint32_t timestamp,
                   std::span<const std::uint8_t> payload);
  /// An audio packet with this RTP timestamp: ends a digit whose end never came once the
  /// audio is past the digit's last reported duration plus the timeout.
  std::optional<DigitReport> onAudio(std::uint32_t timestamp);
  /// Ends the digit in progress now (no packet came for too long); later packets of that
  /// event are then ignored.
  std::optional<DigitReport> expire();
  /// True between a digit's begin and its end.
  bool inProgress() const { return digit_ != '\0'; }
  /// Forgets everything (a new payload type or a new source).
  void reset() { *this = TelephoneEventReceiver(timeout_); }

 private:
  DigitReport endOfCurrent();
  void noteEnded(std::uint32_t timestamp) {
    lastEndTimestamp_ = timestamp;
    endSeen_ = true;
  }
  bool endedAlready(std::uint32_t timestamp) const;

  unsigned timeout_;
  char digit_ = '\0';            // the digit in progress
  std::uint32_t timestamp_ = 0;  // its RTP timestamp
  std::uint32_t duration_ = 0;   // its duration so far, samples (16-bit wraps unfolded)
  std::uint32_t deadline_ = 0;   // audio past this RTP time ends it
  bool sequenceSeen_ = false;
  std::uint32_t ssrc_ = 0;          // of the last event packet used
  std::uint16_t lastSequence_ = 0;  // of the last event packet used
  bool endSeen_ = false;
  std::uint32_t lastEndTimestamp_ = 0;  // of the last event that ended
};

}  // namespace sb::media
