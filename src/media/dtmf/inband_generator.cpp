#include "media/dtmf/inband_generator.hpp"

#include <spandsp.h>

#include "media/dtmf/telephone_event.hpp"
#include "media/rtp/g711.hpp"

namespace sb::media {

std::vector<std::uint8_t> dtmfToneG711(char digit, unsigned durationMs, bool alaw) {
  const std::optional<std::uint8_t> event = eventOfDigit(digit);
  dtmf_tx_state_t* generator = event ? dtmf_tx_init(nullptr) : nullptr;
  if (generator == nullptr) {
    return {};
  }
  if (digit >= 'a' && digit <= 'd') {
    digit = char(digit - 'a' + 'A');
  }
  // One digit, as long as asked, with no pause after it.
  dtmf_tx_set_timing(generator, int(durationMs), 0);
  dtmf_tx_put(generator, &digit, 1);
  std::vector<std::int16_t> linear(std::size_t(durationMs) * kEventSamplesPerMs);
  const int made = dtmf_tx(generator, linear.data(), int(linear.size()));
  dtmf_tx_free(generator);
  std::vector<std::uint8_t> out(linear.size(), alaw ? g711::kAlawSilence : g711::kUlawSilence);
  for (int i = 0; i < made; ++i) {
    out[std::size_t(i)] = alaw ? g711::linearToAlaw(linear[std::size_t(i)])
                               : g711::linearToUlaw(linear[std::size_t(i)]);
  }
  return out;
}

}  // namespace sb::media
