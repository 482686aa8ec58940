#include <gtest/gtest.h>

#include "core/cli/command_registry.hpp"

namespace sb::cli {
namespace {

using Words = std::vector<std::string>;

TEST(SplitWords, SplitsOnAnyWhitespace) {
  EXPECT_EQ(splitWords("  core\tshow   version \r\n"), (Words{"core", "show", "version"}));
}

TEST(SplitWords, EmptyAndBlankLinesHaveNoWords) {
  EXPECT_TRUE(splitWords("").empty());
  EXPECT_TRUE(splitWords(" \t ").empty());
}

TEST(SplitWords, DoubleQuotesGroupWords) {
  EXPECT_EQ(splitWords(R"(config show "my file.conf" x)"),
            (Words{"config", "show", "my file.conf", "x"}));
}

TEST(SplitWords, QuotesInsideAWordJoinIt) {
  EXPECT_EQ(splitWords(R"(ab"c d"e)"), (Words{"abc de"}));
}

TEST(SplitWords, EmptyQuotesAreAnEmptyWord) {
  EXPECT_EQ(splitWords(R"(a "" b)"), (Words{"a", "", "b"}));
}

TEST(SplitWords, BackslashEscapesTheNextCharacter) {
  EXPECT_EQ(splitWords(R"(a\ b \"c\" d\\e)"), (Words{"a b", "\"c\"", "d\\e"}));
}

TEST(SplitWords, UnterminatedQuoteRunsToTheEndOfTheLine) {
  EXPECT_EQ(splitWords(R"(say "hello   world)"), (Words{"say", "hello   world"}));
}

}  // namespace
}  // namespace sb::cli
