// DTMF on the media engine: telephone-events and tones heard on a stream, relayed or not, and
// sent by a stream.
#include <mutex>
#include <vector>

#include <gtest/gtest.h>

#include "media/dtmf/inband_detector.hpp"
#include "media/dtmf/inband_generator.hpp"
#include "media/dtmf/telephone_event.hpp"
#include "media/rtp/media_engine.hpp"
#include "media/rtp/rtp_stream.hpp"
#include "rtp_test_support.hpp"

namespace sb::media {
namespace {

using namespace sb::media::testing;

constexpr std::uint8_t kEventType = 101;

// The reports of one stream, collected on the media thread.
class Heard {
 public:
  std::function<void(const DigitReport&)> sink() {
    return [this](const DigitReport& report) {
      std::lock_guard lock(mutex_);
      reports_.push_back(report);
    };
  }
  std::vector<DigitReport> reports() const {
    std::lock_guard lock(mutex_);
    return reports_;
  }
  bool waitFor(std::size_t count, std::chrono::milliseconds limit = 2000ms) const {
    return testing::waitFor([&] { return reports().size() >= count; }, limit);
  }

 private:
  mutable std::mutex mutex_;
  std::vector<DigitReport> reports_;
};

std::vector<std::uint8_t> eventPacket(std::uint16_t sequence, std::uint32_t timestamp,
                                      std::uint8_t event, bool end, std::uint16_t duration,
                                      bool marker = false) {
  std::vector<std::uint8_t> packet(kRtpHeaderSize + kTelephoneEventSize);
  writeRtpHeader(packet, marker, kEventType, sequence, timestamp, 0x5eed);
  writeTelephoneEvent(std::span(packet).subspan(kRtpHeaderSize),
                      TelephoneEvent{event, end, 10, duration});
  return packet;
}

class RtpDtmf : public ::testing::Test {
 protected:
  void start(std::uint16_t firstPort, unsigned dtmfTimeout = 1200) {
    RtpSettings settings;
    settings.start = firstPort;
    settings.end = std::uint16_t(firstPort + 19);
    settings.dtmfTimeout = dtmfTimeout;
    engine_ = std::make_unique<MediaEngine>(settings);
    a_ = engine_->allocate(kLoopback);
    b_ = engine_->allocate(kLoopback);
    ASSERT_TRUE(a_ && b_);
    a_->setRemote(phoneA_.endpoint());
    b_->setRemote(phoneB_.endpoint());
  }

  udp::endpoint rtpOf(const std::shared_ptr<RtpStream>& stream) const {
    return udp::endpoint(kLoopback, stream->localPort());
  }

  // Every datagram phone B receives until `quiet` passes without one.
  std::vector<std::vector<std::uint8_t>> drainB(std::chrono::milliseconds quiet = 300ms) {
    std::vector<std::vector<std::uint8_t>> out;
    while (auto packet = phoneB_.receive(quiet)) {
      out.push_back(std::move(*packet));
    }
    return out;
  }

  Peer phoneA_;
  Peer phoneB_;
  std::unique_ptr<MediaEngine> engine_;
  std::shared_ptr<RtpStream> a_;
  std::shared_ptr<RtpStream> b_;
};

TEST_F(RtpDtmf, TelephoneEventsAreReportedAndStillRelayed) {
  start(25700);
  Heard heard;
  a_->detectDigits(DigitDetection{kEventType, -1, false}, heard.sink());
  link(a_, b_, PayloadMap().map(kEventType, 96), {});
  phoneA_.send(eventPacket(1, 8000, 5, false, 400, true), rtpOf(a_));
  ASSERT_TRUE(heard.waitFor(1));
  EXPECT_EQ(heard.reports()[0], (DigitReport{'5', false, 0, DigitSignal::Rfc4733}));
  phoneA_.send(eventPacket(2, 8000, 5, false, 800), rtpOf(a_));
  for (std::uint16_t seq = 3; seq <= 5; ++seq) {
    phoneA_.send(eventPacket(seq, 8000, 5, true, 1000), rtpOf(a_));
  }
  ASSERT_TRUE(heard.waitFor(2));
  EXPECT_EQ(heard.reports()[1], (DigitReport{'5', true, 125, DigitSignal::Rfc4733}));
  // All five went on to B, with B's payload type.
  const auto relayed = drainB();
  ASSERT_EQ(relayed.size(), 5u);
  for (const auto& packet : relayed) {
    EXPECT_EQ(parseRtp(packet)->payloadType, 96);
  }
  EXPECT_EQ(heard.reports().size(), 2u);
}

TEST_F(RtpDtmf, EventsTheOtherLegDidNotNegotiateAreNotRelayed) {
  start(25720);
  Heard heard;
  a_->detectDigits(DigitDetection{kEventType, -1, false}, heard.sink());
  link(a_, b_, PayloadMap().drop(kEventType), {});
  phoneA_.send(eventPacket(1, 100, 9, false, 400), rtpOf(a_));
  phoneA_.send(eventPacket(2, 100, 9, true, 800), rtpOf(a_));
  phoneA_.send(rtpPacket(0, 3), rtpOf(a_));
  ASSERT_TRUE(heard.waitFor(2));
  const auto relayed = drainB();
  ASSERT_EQ(relayed.size(), 1u);  // the audio only
  EXPECT_EQ(parseRtp(relayed[0])->payloadType, 0);
}

TEST_F(RtpDtmf, ADigitWithoutEndEndsWithAudioPastTheTimeout) {
  start(25740);
  Heard heard;
  b_->detectDigits(DigitDetection{kEventType, -1, false}, heard.sink());
  phoneB_.send(eventPacket(1, 16000, 3, false, 400), rtpOf(b_));
  ASSERT_TRUE(heard.waitFor(1));
  // Audio within 400 + 1200 samples of the event does not end it; later audio does.
  phoneB_.send(rtpPacket(0, 2, {1, 2, 3, 4}, 0x5eed, 17600), rtpOf(b_));
  phoneB_.send(rtpPacket(0, 3, {1, 2, 3, 4}, 0x5eed, 17760), rtpOf(b_));
  ASSERT_TRUE(heard.waitFor(2));
  EXPECT_EQ(heard.reports()[1], (DigitReport{'3', true, 50, DigitSignal::Rfc4733}));
  EXPECT_TRUE(waitFor([&] { return b_->stats().packetsReceived == 3; }));
  EXPECT_EQ(heard.reports().size(), 2u);
}

TEST_F(RtpDtmf, ADigitWithoutEndOrAudioEndsAfterASecond) {
  start(25760);
  Heard heard;
  b_->detectDigits(DigitDetection{kEventType, -1, false}, heard.sink());
  const auto sent = std::chrono::steady_clock::now();
  phoneB_.send(eventPacket(1, 16000, 12, false, 400), rtpOf(b_));
  ASSERT_TRUE(heard.waitFor(2, 3000ms));
  EXPECT_GE(std::chrono::steady_clock::now() - sent, 900ms);
  EXPECT_EQ(heard.reports()[1], (DigitReport{'A', true, 50, DigitSignal::Rfc4733}));
}

TEST_F(RtpDtmf, SentDigitsAreWellFormedEvents) {
  start(25780);
  b_->sendDigit('7', 100, kEventType);
  b_->sendDigit('#', 100, kEventType);
  const auto packets = drainB();
  ASSERT_EQ(packets.size(), 10u);
  const auto first = *parseRtp(packets[0]);
  const auto second = *parseRtp(packets[5]);
  for (std::size_t i = 0; i < packets.size(); ++i) {
    const auto header = *parseRtp(packets[i]);
    EXPECT_EQ(packets[i].size(), 16u);
    EXPECT_EQ(header.payloadType, kEventType);
    EXPECT_EQ(header.marker, i == 0 || i == 5) << i;
    EXPECT_EQ(header.ssrc, first.ssrc);
    EXPECT_EQ(header.sequence, std::uint16_t(first.sequence + i));
    EXPECT_EQ(header.timestamp, i < 5 ? first.timestamp : second.timestamp);
  }
  // The second digit starts after the first one's 800 samples.
  EXPECT_EQ(second.timestamp, first.timestamp + 800);
  const auto payloadOf = [&](std::size_t i) {
    return std::vector<std::uint8_t>(packets[i].begin() + 12, packets[i].end());
  };
  EXPECT_EQ(payloadOf(0), (std::vector<std::uint8_t>{7, 0x0a, 0x01, 0x90}));
  EXPECT_EQ(payloadOf(1), (std::vector<std::uint8_t>{7, 0x0a, 0x03, 0x20}));
  for (std::size_t i = 2; i < 5; ++i) {
    EXPECT_EQ(payloadOf(i), (std::vector<std::uint8_t>{7, 0x8a, 0x03, 0x20}));
  }
  EXPECT_EQ(payloadOf(5), (std::vector<std::uint8_t>{11, 0x0a, 0x01, 0x90}));
  EXPECT_EQ(payloadOf(9), (std::vector<std::uint8_t>{11, 0x8a, 0x03, 0x20}));
}

TEST_F(RtpDtmf, SentDigitsComeBackAsDigits) {
  start(25800);
  // B's phone is A's stream: what B sends is heard by A.
  b_->setRemote(rtpOf(a_));
  Heard heard;
  a_->detectDigits(DigitDetection{kEventType, -1, false}, heard.sink());
  b_->sendDigit('D', 250, kEventType);
  ASSERT_TRUE(heard.waitFor(2));
  EXPECT_EQ(heard.reports()[0], (DigitReport{'D', false, 0, DigitSignal::Rfc4733}));
  EXPECT_EQ(heard.reports()[1], (DigitReport{'D', true, 250, DigitSignal::Rfc4733}));
}

TEST_F(RtpDtmf, TonesInTheAudioAreReported) {
  start(25820);
  Heard heard;
  a_->detectDigits(DigitDetection{-1, 8, true}, heard.sink());
  std::vector<std::uint8_t> audio = dtmfToneG711('4', 200, true);
  audio.resize(audio.size() + 1600, 0xd5);  // 200 ms of A-law silence
  for (std::size_t at = 0, seq = 0; at < audio.size(); at += 160, ++seq) {
    phoneA_.send(rtpPacket(8, std::uint16_t(seq),
                           std::vector<std::uint8_t>(audio.begin() + at, audio.begin() + at + 160),
                           0x77, std::uint32_t(at)),
                 rtpOf(a_));
  }
  ASSERT_TRUE(heard.waitFor(2));
  EXPECT_EQ(heard.reports()[0], (DigitReport{'4', false, 0, DigitSignal::Inband}));
  EXPECT_TRUE(heard.reports()[1].end);
  EXPECT_EQ(heard.reports()[1].digit, '4');
}

TEST_F(RtpDtmf, AToneReplacesRelayedAudioWhileItPlays) {
  start(25840);
  link(a_, b_, {}, {});
  b_->playDigitTone('1', 600, 0, false);
  // The first frame is out: the tone is playing, so audio from A is held back.
  const auto firstFrame = phoneB_.receive(1000ms);
  ASSERT_TRUE(firstFrame);
  phoneA_.send(rtpPacket(0, 40, std::vector<std::uint8_t>(160, 0x11)), rtpOf(a_));
  std::vector<std::vector<std::uint8_t>> frames{*firstFrame};
  for (auto more = drainB(); auto& packet : more) {
    frames.push_back(std::move(packet));
  }
  ASSERT_EQ(frames.size(), 30u);  // 600 ms of 20 ms frames, nothing else
  std::vector<std::uint8_t> tone;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const auto header = *parseRtp(frames[i]);
    EXPECT_EQ(header.payloadType, 0);
    EXPECT_EQ(header.marker, i == 0);
    tone.insert(tone.end(), frames[i].begin() + 12, frames[i].end());
  }
  EXPECT_EQ(tone, dtmfToneG711('1', 600, false));
  // Once the tone is over, A's audio goes through again.
  phoneA_.send(rtpPacket(0, 41, std::vector<std::uint8_t>(160, 0x22)), rtpOf(a_));
  const auto after = phoneB_.receive(1000ms);
  ASSERT_TRUE(after);
  EXPECT_EQ((*after)[12], 0x22);
}

TEST_F(RtpDtmf, ClosingStopsSendingDigits) {
  start(25860);
  b_->sendDigit('1', 2000, kEventType);
  ASSERT_TRUE(phoneB_.receive(1000ms));
  b_->close();
  EXPECT_FALSE(b_->isOpen());
  // An update may have left just before the close; the digit never ends.
  const auto late = drainB();
  EXPECT_LE(late.size(), 1u);
  for (const auto& packet : late) {
    EXPECT_EQ(packet[13] & 0x80, 0);
  }
}

}  // namespace
}  // namespace sb::media
