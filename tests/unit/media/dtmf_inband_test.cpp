#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "media/dtmf/inband_detector.hpp"
#include "media/dtmf/inband_generator.hpp"
#include "media/rtp/g711.hpp"

namespace sb::media {
namespace {

std::vector<DigitReport> detect(InbandDtmfDetector& detector,
                                const std::vector<std::uint8_t>& audio, std::size_t frame = 160) {
  std::vector<DigitReport> out;
  for (std::size_t at = 0; at < audio.size(); at += frame) {
    const std::size_t size = std::min(frame, audio.size() - at);
    for (const auto& report : detector.process(std::span(audio.data() + at, size))) {
      out.push_back(report);
    }
  }
  return out;
}

std::vector<std::uint8_t> silence(unsigned ms, bool alaw) {
  return std::vector<std::uint8_t>(ms * 8, alaw ? g711::kAlawSilence : g711::kUlawSilence);
}

TEST(InbandDtmf, GeneratedTonesAreDetectedWithTheirLength) {
  for (const bool alaw : {false, true}) {
    std::vector<std::uint8_t> audio = silence(100, alaw);
    for (const char digit : std::string("159#*0D")) {
      const auto tone = dtmfToneG711(digit, 200, alaw);
      ASSERT_EQ(tone.size(), 1600u);
      audio.insert(audio.end(), tone.begin(), tone.end());
      const auto gap = silence(100, alaw);
      audio.insert(audio.end(), gap.begin(), gap.end());
    }
    InbandDtmfDetector detector(alaw);
    const auto reports = detect(detector, audio);
    std::string begins;
    std::string ends;
    for (const auto& report : reports) {
      EXPECT_EQ(report.signal, DigitSignal::Inband);
      if (report.end) {
        ends += report.digit;
        // The detector confirms a tone a little after it starts and stops.
        EXPECT_GE(report.durationMs, 150u) << report.digit;
        EXPECT_LE(report.durationMs, 230u) << report.digit;
      } else {
        begins += report.digit;
      }
    }
    EXPECT_EQ(begins, "159#*0D") << (alaw ? "alaw" : "ulaw");
    EXPECT_EQ(ends, "159#*0D") << (alaw ? "alaw" : "ulaw");
  }
}

TEST(InbandDtmf, SilenceAndSpeechLikeNoiseAreNotDigits) {
  std::vector<std::uint8_t> audio = silence(500, false);
  for (int i = 0; i < 8000; ++i) {
    // A single 440 Hz tone: not a DTMF pair.
    const double sample = 8000 * std::sin(2 * 3.14159265358979 * 440 * i / 8000.0);
    audio.push_back(g711::linearToUlaw(std::int16_t(sample)));
  }
  InbandDtmfDetector detector(false);
  EXPECT_TRUE(detect(detector, audio).empty());
}

TEST(InbandDtmf, LargerFramesWork) {
  std::vector<std::uint8_t> audio = dtmfToneG711('7', 300, false);
  const auto gap = silence(200, false);
  audio.insert(audio.end(), gap.begin(), gap.end());
  InbandDtmfDetector detector(false);
  const auto reports = detect(detector, audio, 480);  // 60 ms packets
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0], (DigitReport{'7', false, 0, DigitSignal::Inband}));
  EXPECT_TRUE(reports[1].end);
}

TEST(InbandDtmf, UnknownDigitsMakeNoTone) {
  EXPECT_TRUE(dtmfToneG711('x', 100, false).empty());
  EXPECT_EQ(dtmfToneG711('a', 100, false), dtmfToneG711('A', 100, false));
}

}  // namespace
}  // namespace sb::media
