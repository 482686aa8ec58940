#pragma once
/// @file
/// DTMF tone detection in 8 kHz G.711 audio (spandsp's DTMF receiver), for endpoints whose
/// dtmf_mode is inband. Reports each digit's begin and end; runs on the media thread and
/// allocates only when made.

#include <array>
#include <cstdint>
#include <span>

#include "media/dtmf/digit_report.hpp"

struct dtmf_rx_state_s;

namespace sb::media {

class InbandDtmfDetector {
 public:
  /// The begins and ends found in one packet's audio.
  struct Reports {
    std::array<DigitReport, 4> items{};
    std::size_t count = 0;
    const DigitReport* begin() const { return items.data(); }
    const DigitReport* end() const { return items.data() + count; }
    bool empty() const { return count == 0; }
  };

  /// `alaw`: the audio is A-law (else µ-law).
  explicit InbandDtmfDetector(bool alaw);
  ~InbandDtmfDetector();
  InbandDtmfDetector(const InbandDtmfDetector&) = delete;
  InbandDtmfDetector& operator=(const InbandDtmfDetector&) = delete;

  /// Runs the detector over one packet's G.711 payload.
  Reports process(std::span<const std::uint8_t> g711);

 private:
  static void onTone(void* self, int code, int level, int delay);

  dtmf_rx_state_s* state_;
  bool alaw_;
  std::uint64_t samples_ = 0;     // audio samples seen so far
  char digit_ = '\0';             // the tone heard now
  std::uint64_t digitStart_ = 0;  // in samples_
  Reports* pending_ = nullptr;    // where onTone reports during process()
};

}  // namespace sb::media
