#include <gtest/gtest.h>

#include "core/console/frame.hpp"

namespace sb::console {
namespace {

TEST(Frame, RoundTripsByteByByte) {
  const std::string stream = encodeFrame(FrameType::Command, "core show version") +
                             encodeFrame(FrameType::End, "0") + encodeFrame(FrameType::Output, "");
  FrameDecoder decoder;
  std::vector<Frame> frames;
  for (char c : stream) {
    decoder.feed(std::string_view(&c, 1));
    while (auto frame = decoder.next()) {
      frames.push_back(*frame);
    }
  }
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0].type, FrameType::Command);
  EXPECT_EQ(frames[0].payload, "core show version");
  EXPECT_EQ(frames[1].payload, "0");
  EXPECT_EQ(frames[2].type, FrameType::Output);
  EXPECT_TRUE(frames[2].payload.empty());
}

TEST(Frame, RejectsOversizedAndUnknownFrames) {
  FrameDecoder oversized;
  oversized.feed(std::string("C\x7f\xff\xff\xff", 5));
  EXPECT_FALSE(oversized.next());
  EXPECT_TRUE(oversized.failed());
  FrameDecoder unknown;
  unknown.feed(std::string("Z\0\0\0\0", 5));
  EXPECT_FALSE(unknown.next());
  EXPECT_TRUE(unknown.failed());
}

}  // namespace
}  // namespace sb::console
