#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "media/rtp/g711.hpp"
#include "media/rtp/media_engine.hpp"
#include "media/rtp/rtp_stream.hpp"
#include "rtcp_test_support.hpp"
#include "rtp_test_support.hpp"

namespace sb::media {
namespace {

using namespace sb::media::testing;

// Two legs A and B on one engine, each with a phone (peer) that SDP named.
class RtpRelay : public ::testing::Test {
 protected:
  void start(std::uint16_t firstPort, bool strict = true) {
    RtpSettings settings;
    settings.start = firstPort;
    settings.end = std::uint16_t(firstPort + 19);
    settings.strictRtp = strict;
    engine_ = std::make_unique<MediaEngine>(settings);
    a_ = engine_->allocate(kLoopback);
    b_ = engine_->allocate(kLoopback);
    ASSERT_TRUE(a_ && b_);
    a_->setRemote(phoneA_.endpoint());
    b_->setRemote(phoneB_.endpoint(), phoneBRtcp_.endpoint());
  }

  udp::endpoint rtpOf(const std::shared_ptr<RtpStream>& stream) const {
    return udp::endpoint(kLoopback, stream->localPort());
  }

  Peer phoneA_;
  Peer phoneB_;
  Peer phoneBRtcp_;
  std::unique_ptr<MediaEngine> engine_;
  std::shared_ptr<RtpStream> a_;
  std::shared_ptr<RtpStream> b_;
};

TEST_F(RtpRelay, RelaysBothWaysAndCounts) {
  start(25200);
  link(a_, b_, {}, {});
  EXPECT_EQ(a_->mode(), RtpStream::Mode::Relay);
  const auto fromA = rtpPacket(0, 10, {1, 2, 3});
  phoneA_.send(fromA, rtpOf(a_));
  udp::endpoint from;
  EXPECT_EQ(phoneB_.receive(1000ms, &from), fromA);
  EXPECT_EQ(from, rtpOf(b_));  // out of B's own port

  const auto fromB = rtpPacket(0, 500, {9, 8, 7, 6, 5}, 0x55667788);
  phoneB_.send(fromB, rtpOf(b_));
  EXPECT_EQ(phoneA_.receive(1000ms, &from), fromB);
  EXPECT_EQ(from, rtpOf(a_));

  // Counters move just after the send: wait for them rather than race the media thread.
  ASSERT_TRUE(waitFor(
      [&] { return a_->stats().packetsSent == 1 && engine_->stats().packetsRelayed == 2; }));
  const RtpStream::Stats statsA = a_->stats();
  EXPECT_EQ(statsA.packetsReceived, 1u);
  EXPECT_EQ(statsA.bytesReceived, fromA.size());
  EXPECT_EQ(statsA.packetsSent, 1u);
  EXPECT_EQ(statsA.bytesSent, fromB.size());
  EXPECT_EQ(statsA.packetsDropped, 0u);
  EXPECT_TRUE(statsA.lastReceived.has_value());
  EXPECT_EQ(statsA.remote, phoneA_.endpoint());
  EXPECT_EQ(b_->stats().packetsReceived, 1u);
  EXPECT_EQ(b_->stats().packetsSent, 1u);
  EXPECT_EQ(engine_->stats().packetsRelayed, 2u);
  EXPECT_EQ(engine_->stats().streamsOpen, 2u);

  // unlink: both Idle, packets are counted and no longer relayed.
  unlink(a_, b_);
  EXPECT_EQ(a_->mode(), RtpStream::Mode::Idle);
  phoneA_.send(rtpPacket(0, 11), rtpOf(a_));
  EXPECT_TRUE(waitFor([&] { return a_->stats().packetsReceived == 2; }));
  EXPECT_FALSE(phoneB_.receive(50ms));
}

TEST_F(RtpRelay, RewritesPayloadTypeAndTranscodesG711) {
  start(25220);
  PayloadMap aToB;
  aToB.map(0, 8, Transcode::UlawToAlaw).map(101, 96);
  PayloadMap bToA;
  bToA.map(8, 0, Transcode::AlawToUlaw).dropUnmapped();
  link(a_, b_, aToB, bToA);

  const std::vector<std::uint8_t> ulaw = {0xFF, 0x7F, 0x80, 0x00, 0xF0, 0x70};
  auto packet = rtpPacket(0, 77, ulaw, 0xA1B2C3D4, 123456);
  packet[1] |= 0x80;  // marker
  phoneA_.send(packet, rtpOf(a_));
  const auto relayed = phoneB_.receive();
  ASSERT_TRUE(relayed);
  auto expected = packet;
  expected[1] = 0x80 | 8;  // marker kept, PT 0 -> 8
  std::vector<std::uint8_t> alaw = ulaw;
  g711::ulawToAlaw(alaw);
  EXPECT_EQ(alaw[0], 0xD5);
  EXPECT_EQ(alaw[3], 0x2A);
  std::copy(alaw.begin(), alaw.end(), expected.begin() + kRtpHeaderSize);
  EXPECT_EQ(*relayed, expected);

  // Telephone events: PT rewritten, payload untouched.
  const auto event = rtpPacket(101, 78, {1, 0x0A, 0, 160});
  phoneA_.send(event, rtpOf(a_));
  auto expectedEvent = event;
  expectedEvent[1] = 96;
  EXPECT_EQ(phoneB_.receive(), expectedEvent);

  // The other way: A-law back to µ-law; unmapped PT 18 dropped.
  phoneB_.send(rtpPacket(18, 1), rtpOf(b_));
  phoneB_.send(rtpPacket(8, 2, {0xD5, 0xAA}), rtpOf(b_));
  const auto back = phoneA_.receive();
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, rtpPacket(0, 2, {0xFE, 0x80}));
  EXPECT_EQ(b_->stats().packetsDropped, 1u);
}

TEST_F(RtpRelay, RelaysRtcpUnchangedBetweenRtcpPorts) {
  start(25240);
  link(a_, b_, {}, {});
  Peer phoneARtcp;
  // A report from A's phone to A's RTCP port goes out of B's RTCP port to B's RTCP address.
  const std::vector<std::uint8_t> report = {0x80, 201, 0, 1, 0xDE, 0xAD, 0xBE, 0xEF};
  phoneARtcp.send(report, udp::endpoint(kLoopback, std::uint16_t(a_->localPort() + 1)));
  udp::endpoint from;
  EXPECT_EQ(phoneBRtcp_.receive(1000ms, &from), report);
  EXPECT_EQ(from.port(), b_->localPort() + 1);
  EXPECT_EQ(a_->stats().rtcpReceived, 1u);
  EXPECT_TRUE(waitFor([&] { return b_->stats().rtcpSent == 1; }));
  // Junk on the RTCP port is dropped, not relayed.
  phoneARtcp.send({1, 2, 3}, udp::endpoint(kLoopback, std::uint16_t(a_->localPort() + 1)));
  EXPECT_TRUE(waitFor([&] { return a_->stats().packetsDropped == 1; }));
  EXPECT_FALSE(phoneBRtcp_.receive(50ms));
}

TEST_F(RtpRelay, DropsJunkAndPacketsForAClosedLeg) {
  start(25260);
  link(a_, b_, {}, {});
  phoneA_.send({'h', 'e', 'l', 'l', 'o'}, rtpOf(a_));
  EXPECT_TRUE(waitFor([&] { return a_->stats().packetsDropped == 1; }));
  b_->close();
  phoneA_.send(rtpPacket(0, 1), rtpOf(a_));
  EXPECT_TRUE(waitFor([&] { return a_->stats().packetsDropped == 2; }));
  EXPECT_EQ(a_->stats().packetsReceived, 1u);
  EXPECT_FALSE(phoneB_.receive(30ms));
}

TEST_F(RtpRelay, SymmetricRtpLatchesOntoTheSource) {
  start(25280, /*strict=*/false);
  Peer sdpAddress;  // where A's SDP said to send; the phone really sends from phoneA_
  a_->setRemote(sdpAddress.endpoint());
  link(a_, b_, {}, {});

  // Not symmetric: replies go to the SDP address.
  phoneA_.send(rtpPacket(0, 1), rtpOf(a_));
  ASSERT_TRUE(phoneB_.receive());
  phoneB_.send(rtpPacket(0, 1), rtpOf(b_));
  EXPECT_TRUE(sdpAddress.receive());
  EXPECT_EQ(a_->stats().remote, sdpAddress.endpoint());

  a_->setSymmetric(true);
  phoneA_.send(rtpPacket(0, 2), rtpOf(a_));
  ASSERT_TRUE(phoneB_.receive());
  EXPECT_EQ(a_->stats().remote, phoneA_.endpoint());
  const auto reply = rtpPacket(0, 2);
  phoneB_.send(reply, rtpOf(b_));
  EXPECT_EQ(phoneA_.receive(), reply);
  EXPECT_FALSE(sdpAddress.receive(30ms));
}

TEST_F(RtpRelay, StrictRtpDropsAnotherSourceUntilProbationPasses) {
  start(25300);  // strict, probation 4
  a_->setSymmetric(true);
  link(a_, b_, {}, {});
  // The SDP address is trusted at once.
  phoneA_.send(rtpPacket(0, 1), rtpOf(a_));
  ASSERT_TRUE(phoneB_.receive());

  Peer intruder;
  // Out of sequence: never qualifies.
  for (std::uint16_t sequence : {100, 102, 104, 106, 108}) {
    intruder.send(rtpPacket(0, sequence), rtpOf(a_));
  }
  EXPECT_TRUE(waitFor([&] { return a_->stats().packetsDropped == 5; }));
  EXPECT_FALSE(phoneB_.receive(30ms));

  // Three in a row are still dropped; the fourth passes probation and is relayed.
  for (std::uint16_t sequence : {200, 201, 202}) {
    intruder.send(rtpPacket(0, sequence), rtpOf(a_));
  }
  EXPECT_TRUE(waitFor([&] { return a_->stats().packetsDropped == 8; }));
  EXPECT_FALSE(phoneB_.receive(30ms));
  intruder.send(rtpPacket(0, 203), rtpOf(a_));
  EXPECT_EQ(phoneB_.receive(), rtpPacket(0, 203));
  EXPECT_EQ(a_->stats().remote, intruder.endpoint());  // symmetric follows the new source

  // A third source is dropped: the locked one is kept.
  Peer other;
  other.send(rtpPacket(0, 7), rtpOf(a_));
  EXPECT_TRUE(waitFor([&] { return a_->stats().packetsDropped == 9; }));
  EXPECT_FALSE(phoneB_.receive(30ms));

  // While learning, the SDP address is preferred and taken back at once (as in Asterisk).
  phoneA_.send(rtpPacket(0, 2), rtpOf(a_));
  EXPECT_EQ(phoneB_.receive(), rtpPacket(0, 2));
  EXPECT_EQ(a_->stats().remote, phoneA_.endpoint());
}

TEST_F(RtpRelay, WithoutStrictRtpAnySourceIsAccepted) {
  start(25320, /*strict=*/false);
  link(a_, b_, {}, {});
  Peer other;
  other.send(rtpPacket(0, 9), rtpOf(a_));
  EXPECT_EQ(phoneB_.receive(), rtpPacket(0, 9));
}

TEST_F(RtpRelay, MeasuresLossAndRoundTripFromTheReportsItRelays) {
  start(25340);
  link(a_, b_, {}, {});
  // A's phone sends 20 packets (SSRC 0x11223344) of which 105 and 106 never leave.
  for (std::uint16_t sequence = 100; sequence < 122; ++sequence) {
    if (sequence != 105 && sequence != 106) {
      phoneA_.send(rtpPacket(0, sequence, {1, 2, 3, 4}, 0x11223344, 160u * sequence), rtpOf(a_));
    }
  }
  ASSERT_TRUE(waitFor([&] { return b_->stats().packetsSent == 20; }));
  const RtpStream::Stats receivedA = a_->stats();
  EXPECT_EQ(receivedA.packetsExpected, 22u);
  EXPECT_EQ(receivedA.packetsLost, 2);
  EXPECT_EQ(receivedA.highestSequence, 121u);

  // A's phone sends an SR; B forwards it to B's phone, which answers 100 ms later with an RR
  // about the SSRC B sends (A's), saying it held the SR for 50 ms (DLSR 3277/65536 s).
  Peer phoneARtcp;
  const std::uint64_t ntp = 0xE0000000'12345678ULL;
  phoneARtcp.send(compound({senderReport(0x11223344, ntp, 1000), sdesCname(0x11223344, "a")}),
                  udp::endpoint(kLoopback, std::uint16_t(a_->localPort() + 1)));
  ASSERT_TRUE(phoneBRtcp_.receive());
  std::this_thread::sleep_for(100ms);
  phoneBRtcp_.send(
      compound({receiverReport(0x55667788, {reportBlock(0x11223344, 26, 3, 121, 80,
                                                        std::uint32_t(ntp >> 16), 3277)}),
                sdesCname(0x55667788, "b")}),
      udp::endpoint(kLoopback, std::uint16_t(b_->localPort() + 1)));
  ASSERT_TRUE(waitFor([&] { return b_->stats().remoteReports == 1; }));
  const RtpStream::Stats sentB = b_->stats();
  EXPECT_EQ(sentB.remoteLost, 3);
  EXPECT_NEAR(sentB.remoteFractionLost, 26 / 256.0, 1e-9);
  EXPECT_DOUBLE_EQ(sentB.remoteJitter, 0.010);  // 80 units of 8 kHz
  EXPECT_EQ(sentB.rttSamples, 1u);
  EXPECT_GE(sentB.rtt, 0.049);  // at least the 100 ms held minus the 50 ms claimed
  EXPECT_LT(sentB.rtt, 1.0);
  EXPECT_DOUBLE_EQ(sentB.rttMean, sentB.rtt);
  // The RR goes on to A's phone unchanged, for its own round trip over both legs.
  EXPECT_TRUE(waitFor([&] { return a_->stats().rtcpSent == 1; }));
}

}  // namespace
}  // namespace sb::media
