#include <vector>

#include <gtest/gtest.h>

#include "media/dtmf/event_receiver.hpp"
#include "media/dtmf/telephone_event.hpp"

namespace sb::media {
namespace {

constexpr std::uint32_t kSsrc = 0xabcdef01;

std::vector<std::uint8_t> payload(std::uint8_t event, bool end, std::uint16_t duration) {
  std::vector<std::uint8_t> out(4);
  writeTelephoneEvent(out, TelephoneEvent{event, end, 10, duration});
  return out;
}

DigitReport begin(char digit) {
  return DigitReport{digit, false, 0, DigitSignal::Rfc4733};
}

DigitReport end(char digit, unsigned ms) {
  return DigitReport{digit, true, ms, DigitSignal::Rfc4733};
}

// Feeds packets and keeps every report, in order.
class Receiver {
 public:
  explicit Receiver(unsigned timeout = 1200) : receiver_(timeout) {}

  std::vector<DigitReport> packet(std::uint16_t sequence, std::uint32_t timestamp,
                                  std::uint8_t event, bool isEnd, std::uint16_t duration,
                                  std::uint32_t ssrc = kSsrc) {
    std::vector<DigitReport> out;
    for (const auto& report :
         receiver_.onPacket(ssrc, sequence, timestamp, payload(event, isEnd, duration))) {
      out.push_back(report);
    }
    return out;
  }

  TelephoneEventReceiver receiver_;
};

using Reports = std::vector<DigitReport>;

TEST(TelephoneEventReceiver, BeginOnTheFirstPacketEndOnTheFirstEndPacket) {
  Receiver r;
  EXPECT_EQ(r.packet(100, 8000, 5, false, 400), Reports{begin('5')});
  EXPECT_TRUE(r.receiver_.inProgress());
  EXPECT_EQ(r.packet(101, 8000, 5, false, 800), Reports{});
  EXPECT_EQ(r.packet(102, 8000, 5, false, 1200), Reports{});
  EXPECT_EQ(r.packet(103, 8000, 5, true, 1600), Reports{end('5', 200)});
  EXPECT_FALSE(r.receiver_.inProgress());
  // The end is repeated twice more: ignored.
  EXPECT_EQ(r.packet(104, 8000, 5, true, 1600), Reports{});
  EXPECT_EQ(r.packet(105, 8000, 5, true, 1600), Reports{});
}

TEST(TelephoneEventReceiver, RetransmittedOrLatePacketsOfAnEndedDigitAreIgnored) {
  Receiver r;
  r.packet(10, 1000, 1, false, 400);
  EXPECT_EQ(r.packet(11, 1000, 1, true, 800), Reports{end('1', 100)});
  // A start retransmitted after the end, and an older event: no second digit.
  EXPECT_EQ(r.packet(12, 1000, 1, false, 400), Reports{});
  EXPECT_EQ(r.packet(13, 500, 1, false, 400), Reports{});
  // The same digit pressed again has a later timestamp: a new digit.
  EXPECT_EQ(r.packet(14, 3000, 1, false, 400), Reports{begin('1')});
  EXPECT_EQ(r.packet(15, 3000, 1, true, 480), Reports{end('1', 60)});
}

TEST(TelephoneEventReceiver, AnEndWithoutBeginIsReportedAlone) {
  Receiver r;
  EXPECT_EQ(r.packet(7, 2000, 11, true, 960), Reports{end('#', 120)});
  EXPECT_EQ(r.packet(8, 2000, 11, true, 960), Reports{});
}

TEST(TelephoneEventReceiver, ANewDigitEndsOneWhoseEndWasLost) {
  Receiver r;
  r.packet(1, 1000, 2, false, 400);
  r.packet(2, 1000, 2, false, 800);
  EXPECT_EQ(r.packet(3, 2000, 3, false, 400), (Reports{end('2', 100), begin('3')}));
  // The lost end of '2' arriving late changes nothing.
  EXPECT_EQ(r.packet(4, 1000, 2, true, 800), Reports{});
  EXPECT_EQ(r.packet(5, 2000, 3, true, 800), Reports{end('3', 100)});
}

TEST(TelephoneEventReceiver, AnEndOfAnotherDigitEndsBoth) {
  Receiver r;
  r.packet(1, 1000, 2, false, 400);
  EXPECT_EQ(r.packet(2, 2000, 9, true, 800), (Reports{end('2', 50), end('9', 100)}));
}

TEST(TelephoneEventReceiver, PacketsOutOfOrderAreDropped) {
  Receiver r;
  r.packet(200, 4000, 4, false, 400);
  r.packet(202, 4000, 4, false, 1200);
  EXPECT_EQ(r.packet(201, 4000, 4, false, 800), Reports{});
  EXPECT_EQ(r.packet(203, 4000, 4, true, 1600), Reports{end('4', 200)});
}

TEST(TelephoneEventReceiver, SequenceNumbersWrap) {
  Receiver r;
  EXPECT_EQ(r.packet(65535, 100, 6, false, 400), Reports{begin('6')});
  EXPECT_EQ(r.packet(0, 100, 6, false, 800), Reports{});
  EXPECT_EQ(r.packet(1, 100, 6, true, 1200), Reports{end('6', 150)});
}

TEST(TelephoneEventReceiver, TimestampsWrap) {
  Receiver r;
  r.packet(1, 0xffffff00u, 7, false, 400);
  EXPECT_EQ(r.packet(2, 0xffffff00u, 7, true, 800), Reports{end('7', 100)});
  // 0x100 comes after 0xffffff00 in RTP time.
  EXPECT_EQ(r.packet(3, 0x100, 8, false, 400), Reports{begin('8')});
}

TEST(TelephoneEventReceiver, AudioPastTheTimeoutEndsADigitWithoutEnd) {
  Receiver r(1200);
  r.packet(1, 10000, 0, false, 400);
  r.packet(2, 10000, 0, false, 800);
  // Ends at 10000 + 800 + 1200 = 12000: audio up to there does not end it.
  EXPECT_FALSE(r.receiver_.onAudio(11000));
  EXPECT_FALSE(r.receiver_.onAudio(12000));
  EXPECT_EQ(r.receiver_.onAudio(12160), end('0', 100));
  EXPECT_FALSE(r.receiver_.inProgress());
  EXPECT_FALSE(r.receiver_.onAudio(13000));
  // Its late end is then a duplicate.
  EXPECT_EQ(r.packet(3, 10000, 0, true, 1600), Reports{});
}

TEST(TelephoneEventReceiver, ExpireEndsTheDigitInProgress) {
  Receiver r;
  EXPECT_FALSE(r.receiver_.expire());
  r.packet(1, 500, 13, false, 400);
  EXPECT_EQ(r.receiver_.expire(), end('B', 50));
  EXPECT_FALSE(r.receiver_.expire());
  EXPECT_EQ(r.packet(2, 500, 13, false, 800), Reports{});
}

TEST(TelephoneEventReceiver, LongDigitsUnfoldTheSixteenBitDuration) {
  Receiver r;
  r.packet(1, 0, 1, false, 60000);
  r.packet(2, 0, 1, false, 65000);
  r.packet(3, 0, 1, false, 464);  // 65536 + 464 = 66000 samples
  EXPECT_EQ(r.packet(4, 0, 1, true, 4000), Reports{end('1', (65536 + 4000) / 8)});
}

TEST(TelephoneEventReceiver, FlashAndShortPayloadsAreNotDigits) {
  Receiver r;
  EXPECT_EQ(r.packet(1, 100, 16, false, 400), Reports{});
  EXPECT_EQ(r.packet(2, 100, 16, true, 800), Reports{});
  const std::vector<std::uint8_t> shortPayload{1, 0x0a};
  EXPECT_TRUE(r.receiver_.onPacket(kSsrc, 3, 100, shortPayload).empty());
  EXPECT_FALSE(r.receiver_.inProgress());
}

TEST(TelephoneEventReceiver, ANewSsrcStartsAfresh) {
  Receiver r;
  r.packet(500, 90000, 1, false, 400);
  // Another source with older numbers: the old digit ends, the new one counts.
  EXPECT_EQ(r.packet(3, 100, 2, false, 400, 0x42), (Reports{end('1', 50), begin('2')}));
  EXPECT_EQ(r.packet(4, 100, 2, true, 800, 0x42), Reports{end('2', 100)});
}

TEST(TelephoneEventReceiver, ResetForgetsEverything) {
  Receiver r;
  r.packet(1, 1000, 1, false, 400);
  r.receiver_.reset();
  EXPECT_FALSE(r.receiver_.inProgress());
  EXPECT_EQ(r.packet(1, 1000, 1, false, 400), Reports{begin('1')});
}

}  // namespace
}  // namespace sb::media
