#include <atomic>
#include <chrono>
#include <vector>

#include <gtest/gtest.h>

#include "media/rtp/media_engine.hpp"
#include "media/rtp/rtp_packet.hpp"
#include "media/rtp/rtp_stream.hpp"
#include "rtp_test_support.hpp"

namespace sb::media {
namespace {

using namespace sb::media::testing;
using Clock = std::chrono::steady_clock;

// One leg whose phone is a test peer.
class RtpModes : public ::testing::Test {
 protected:
  void start(std::uint16_t firstPort) {
    RtpSettings settings;
    settings.start = firstPort;
    settings.end = std::uint16_t(firstPort + 9);
    engine_ = std::make_unique<MediaEngine>(settings);
    stream_ = engine_->allocate(kLoopback);
    ASSERT_TRUE(stream_);
    stream_->setRemote(phone_.endpoint());
  }

  udp::endpoint rtp() const { return udp::endpoint(kLoopback, stream_->localPort()); }

  Peer phone_;
  std::unique_ptr<MediaEngine> engine_;
  std::shared_ptr<RtpStream> stream_;
};

TEST_F(RtpModes, EchoSendsPacketsBack) {
  start(25400);
  stream_->echo();
  EXPECT_EQ(stream_->mode(), RtpStream::Mode::Echo);
  for (std::uint16_t sequence = 1; sequence <= 3; ++sequence) {
    const auto packet = rtpPacket(0, sequence, {std::uint8_t(sequence), 2, 3});
    phone_.send(packet, rtp());
    udp::endpoint from;
    EXPECT_EQ(phone_.receive(1000ms, &from), packet);
    EXPECT_EQ(from, rtp());
  }
  EXPECT_TRUE(waitFor([&] { return stream_->stats().packetsSent == 3; }));
  stream_->stop();
  phone_.send(rtpPacket(0, 4), rtp());
  EXPECT_FALSE(phone_.receive(30ms));
}

TEST_F(RtpModes, PlaySendsPacedFramesThenCallsOnDone) {
  start(25420);
  std::vector<std::uint8_t> audio(160 * 4 + 40);
  for (std::size_t i = 0; i < audio.size(); ++i) {
    audio[i] = std::uint8_t(i * 7);
  }
  std::atomic<bool> done{false};
  std::atomic<bool> doneOnMediaThread{false};
  stream_->play(audio, 8, [&] {
    doneOnMediaThread = engine_->onMediaThread();
    done = true;
  });
  EXPECT_EQ(stream_->mode(), RtpStream::Mode::Play);

  std::vector<RtpHeader> headers;
  std::vector<Clock::time_point> arrivals;
  std::vector<std::uint8_t> received;
  for (int frame = 0; frame < 5; ++frame) {
    const auto packet = phone_.receive();
    ASSERT_TRUE(packet) << "frame " << frame;
    arrivals.push_back(Clock::now());
    const auto header = parseRtp(*packet);
    ASSERT_TRUE(header);
    headers.push_back(*header);
    received.insert(received.end(), packet->begin() + header->payloadOffset, packet->end());
  }
  EXPECT_EQ(received, audio);
  EXPECT_TRUE(headers[0].marker);
  for (std::size_t i = 1; i < headers.size(); ++i) {
    EXPECT_FALSE(headers[i].marker);
    EXPECT_EQ(headers[i].payloadType, 8);
    EXPECT_EQ(headers[i].ssrc, headers[0].ssrc);
    EXPECT_EQ(std::uint16_t(headers[i].sequence - headers[i - 1].sequence), 1);
    EXPECT_EQ(headers[i].timestamp - headers[i - 1].timestamp, 160u);
  }
  // Four 20 ms gaps between five frames; generous upper bound for a loaded machine.
  const auto span = arrivals.back() - arrivals.front();
  EXPECT_GE(span, 70ms);
  EXPECT_LE(span, 400ms);
  EXPECT_TRUE(waitFor([&] { return done.load(); }));
  EXPECT_TRUE(doneOnMediaThread);
  EXPECT_EQ(stream_->mode(), RtpStream::Mode::Idle);
  EXPECT_FALSE(phone_.receive(30ms));
}

TEST_F(RtpModes, StopInterruptsPlaybackWithoutOnDone) {
  start(25440);
  std::atomic<bool> done{false};
  stream_->play(std::vector<std::uint8_t>(160 * 50, 0xFF), 0, [&] { done = true; });
  ASSERT_TRUE(phone_.receive());
  stream_->stop();
  while (phone_.receive(10ms)) {
  }
  EXPECT_FALSE(phone_.receive(60ms));
  EXPECT_FALSE(done);
}

TEST_F(RtpModes, TimeoutFiresWhenRtpStops) {
  start(25460);
  std::atomic<int> fired{0};
  const auto armed = Clock::now();
  stream_->setTimeout(150ms, 0ms, [&] { ++fired; });
  ASSERT_TRUE(waitFor([&] { return fired.load() == 1; }, 2000ms));
  EXPECT_GE(Clock::now() - armed, 140ms);
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(fired.load(), 1);  // once
}

TEST_F(RtpModes, TimeoutDoesNotFireWhileRtpFlows) {
  start(25480);
  std::atomic<int> fired{0};
  stream_->setTimeout(150ms, 0ms, [&] { ++fired; });
  for (std::uint16_t sequence = 1; sequence <= 20; ++sequence) {
    phone_.send(rtpPacket(0, sequence), rtp());
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_EQ(fired.load(), 0);
  EXPECT_TRUE(waitFor([&] { return stream_->stats().packetsReceived == 20; }));
  // Then the phone goes quiet.
  EXPECT_TRUE(waitFor([&] { return fired.load() == 1; }, 2000ms));
}

TEST_F(RtpModes, HoldUsesTheHoldTimeout) {
  start(25500);
  std::atomic<int> fired{0};
  stream_->setTimeout(100ms, 0ms, [&] { ++fired; });
  stream_->setHold(true);  // rtp_timeout_hold 0: no check on hold
  std::this_thread::sleep_for(250ms);
  EXPECT_EQ(fired.load(), 0);
  stream_->setHold(false);
  EXPECT_TRUE(waitFor([&] { return fired.load() == 1; }, 2000ms));
}

TEST_F(RtpModes, KeepaliveSendsComfortNoiseWhenSilent) {
  start(25520);
  stream_->setKeepalive(50ms);
  const auto packet = phone_.receive();
  ASSERT_TRUE(packet);
  const auto header = parseRtp(*packet);
  ASSERT_TRUE(header);
  EXPECT_EQ(header->payloadType, 13);
  EXPECT_FALSE(header->marker);  // ast_rtp_sendcng sets no marker
  ASSERT_EQ(header->payloadSize, 1u);
  EXPECT_EQ((*packet)[header->payloadOffset], 127);
  stream_->setKeepalive(0ms);
  while (phone_.receive(10ms)) {
  }
  EXPECT_FALSE(phone_.receive(120ms));
}

TEST_F(RtpModes, CallbacksMayCloseTheirOwnStream) {
  start(25540);
  std::atomic<bool> done{false};
  stream_->play(std::vector<std::uint8_t>(160, 0xFF), 0, [&] {
    stream_->close();  // on the media thread: runs inline
    done = true;
  });
  EXPECT_TRUE(waitFor([&] { return done.load(); }));
  EXPECT_FALSE(stream_->isOpen());
  EXPECT_EQ(engine_->stats().streamsOpen, 0u);

  // Same from a timeout callback, which also captures something to destroy.
  auto other = engine_->allocate(kLoopback);
  ASSERT_TRUE(other);
  auto flag = std::make_shared<std::atomic<bool>>(false);
  other->setTimeout(20ms, 0ms, [other = other.get(), flag] {
    other->close();
    *flag = true;
  });
  EXPECT_TRUE(waitFor([&] { return flag->load(); }));
  EXPECT_FALSE(other->isOpen());
  EXPECT_EQ(flag.use_count(), 1);  // the callback was released
}

}  // namespace
}  // namespace sb::media
