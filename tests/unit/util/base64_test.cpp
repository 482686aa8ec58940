#include "core/util/base64.hpp"

#include <gtest/gtest.h>

namespace sb::util {
namespace {

TEST(Base64, DecodesPaddedAndUnpadded) {
  EXPECT_EQ(decodeBase64(""), "");
  EXPECT_EQ(decodeBase64("Zg=="), "f");
  EXPECT_EQ(decodeBase64("Zg"), "f");
  EXPECT_EQ(decodeBase64("Zm8="), "fo");
  EXPECT_EQ(decodeBase64("Zm9v"), "foo");
  EXPECT_EQ(decodeBase64("bGluZSBvbmUKbGluZSB0d28K"), "line one\nline two\n");
  EXPECT_EQ(decodeBase64("+/8A"), std::string("\xfb\xff\x00", 3));
}

TEST(Base64, RefusesWhatIsNotBase64) {
  EXPECT_FALSE(decodeBase64("not*base64!"));
  EXPECT_FALSE(decodeBase64("Zm9v YmFy"));  // whitespace
  EXPECT_FALSE(decodeBase64("Z"));          // a lone sextet is no byte
  EXPECT_FALSE(decodeBase64("Zm9vY"));
  EXPECT_FALSE(decodeBase64("Zg="));    // padding that does not complete the group
  EXPECT_FALSE(decodeBase64("Zm9v="));  // padding after a whole group
  EXPECT_FALSE(decodeBase64("Z=g="));   // padding inside
  EXPECT_FALSE(decodeBase64("Zg==="));
  EXPECT_FALSE(decodeBase64("-_8A"));  // the URL alphabet
}

}  // namespace
}  // namespace sb::util
