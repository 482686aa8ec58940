#include <array>
#include <vector>

#include <gtest/gtest.h>

#include "media/dtmf/telephone_event.hpp"

namespace sb::media {
namespace {

TEST(TelephoneEvent, ReadsEventEndVolumeAndDuration) {
  const std::vector<std::uint8_t> payload{11, 0x8a, 0x03, 0x20};
  const auto event = parseTelephoneEvent(payload);
  ASSERT_TRUE(event);
  EXPECT_EQ(*event, (TelephoneEvent{11, true, 10, 800}));
  // Reserved bit (0x40) set: still read, not part of the volume.
  const std::vector<std::uint8_t> reserved{3, 0x7f, 0xff, 0xff};
  EXPECT_EQ(*parseTelephoneEvent(reserved), (TelephoneEvent{3, false, 63, 0xffff}));
}

TEST(TelephoneEvent, ShortPayloadIsNotAnEvent) {
  const std::vector<std::uint8_t> payload{1, 2, 3};
  EXPECT_FALSE(parseTelephoneEvent(payload));
  EXPECT_FALSE(parseTelephoneEvent({}));
}

TEST(TelephoneEvent, WritesTheFourBytes) {
  std::array<std::uint8_t, 4> out{};
  EXPECT_EQ(writeTelephoneEvent(out, TelephoneEvent{5, false, 10, 400}), 4u);
  EXPECT_EQ(out, (std::array<std::uint8_t, 4>{0x05, 0x0a, 0x01, 0x90}));
  writeTelephoneEvent(out, TelephoneEvent{15, true, 10, 0x1234});
  EXPECT_EQ(out, (std::array<std::uint8_t, 4>{0x0f, 0x8a, 0x12, 0x34}));
}

TEST(TelephoneEvent, DigitsOfEventsZeroToFifteen) {
  const std::string digits = "0123456789*#ABCD";
  for (std::uint8_t event = 0; event < 16; ++event) {
    EXPECT_EQ(digitOfEvent(event), digits[event]);
    EXPECT_EQ(eventOfDigit(digits[event]), event);
  }
  EXPECT_EQ(digitOfEvent(16), '\0');  // hook flash
  EXPECT_EQ(digitOfEvent(255), '\0');
  EXPECT_EQ(eventOfDigit('a'), 12);
  EXPECT_EQ(eventOfDigit('d'), 15);
  EXPECT_FALSE(eventOfDigit('E'));
  EXPECT_FALSE(eventOfDigit('!'));
  EXPECT_FALSE(eventOfDigit('w'));
}

}  // namespace
}  // namespace sb::media
