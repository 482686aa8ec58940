#include <climits>

#include <gtest/gtest.h>

#include "pbx/dialplan/time_length.hpp"

namespace sb::pbx {
namespace {

TEST(TimeLength, NumbersTakeTheDefaultUnit) {
  EXPECT_EQ(parseTimeLength("250", TimeUnit::Milliseconds), 250);
  EXPECT_EQ(parseTimeLength("  80", TimeUnit::Milliseconds), 80);
  EXPECT_EQ(parseTimeLength("1.5", TimeUnit::Seconds), 1500);
  EXPECT_EQ(parseTimeLength("2", TimeUnit::Minutes), 120000);
  EXPECT_EQ(parseTimeLength("10.9", TimeUnit::Milliseconds), 10);  // truncated
}

TEST(TimeLength, UnitsOverrideTheDefault) {
  EXPECT_EQ(parseTimeLength("2s", TimeUnit::Milliseconds), 2000);
  EXPECT_EQ(parseTimeLength("2 S", TimeUnit::Milliseconds), 2000);
  EXPECT_EQ(parseTimeLength("300ms", TimeUnit::Seconds), 300);
  EXPECT_EQ(parseTimeLength("300MS", TimeUnit::Seconds), 300);
  EXPECT_EQ(parseTimeLength("1m", TimeUnit::Milliseconds), 60000);
  EXPECT_EQ(parseTimeLength("1h", TimeUnit::Milliseconds), 3600000);
}

TEST(TimeLength, BadTextIsRefused) {
  EXPECT_FALSE(parseTimeLength("", TimeUnit::Milliseconds));
  EXPECT_FALSE(parseTimeLength("abc", TimeUnit::Milliseconds));
  EXPECT_FALSE(parseTimeLength("5x", TimeUnit::Milliseconds));
  EXPECT_FALSE(parseTimeLength("5 msec", TimeUnit::Milliseconds));
  EXPECT_FALSE(parseTimeLength("nan", TimeUnit::Milliseconds));
}

TEST(TimeLength, HugeValuesAreCapped) {
  EXPECT_EQ(parseTimeLength("1e12", TimeUnit::Milliseconds), INT_MAX);
  EXPECT_EQ(parseTimeLength("-5", TimeUnit::Milliseconds), -5);
}

}  // namespace
}  // namespace sb::pbx
