// Extension patterns: matching, "match more" and Asterisk's ext_cmp ordering.

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pbx/dialplan/pattern.hpp"

namespace sb::pbx {
namespace {

ExtensionPattern pattern(const std::string& text) {
  std::string error;
  auto parsed = ExtensionPattern::parse(text, &error);
  EXPECT_TRUE(parsed.has_value()) << text << ": " << error;
  return parsed.value_or(ExtensionPattern());
}

TEST(DialplanPattern, LiteralsMatchWholeNames) {
  EXPECT_TRUE(pattern("100").matches("100"));
  EXPECT_FALSE(pattern("100").matches("1000"));
  EXPECT_FALSE(pattern("100").matches("10"));
  EXPECT_TRUE(pattern("s").matches("s"));
  EXPECT_FALSE(pattern("s").matches("S"));  // case-sensitive
  EXPECT_TRUE(pattern("*86").matches("*86"));
  EXPECT_TRUE(pattern("+123").matches("+123"));
  EXPECT_TRUE(pattern("555-1212").matches("5551212"));  // '-' is eye candy
  EXPECT_FALSE(pattern("100").isPattern());
}

TEST(DialplanPattern, PatternCharacters) {
  EXPECT_TRUE(pattern("_XXX").matches("012"));
  EXPECT_FALSE(pattern("_XXX").matches("01"));
  EXPECT_FALSE(pattern("_XXX").matches("01a"));
  EXPECT_TRUE(pattern("_ZXX").matches("100"));
  EXPECT_FALSE(pattern("_ZXX").matches("010"));
  EXPECT_TRUE(pattern("_NXX").matches("200"));
  EXPECT_FALSE(pattern("_NXX").matches("100"));
  EXPECT_TRUE(pattern("_nxx").matches("299"));  // letters work in either case
  EXPECT_TRUE(pattern("_[1-5a]X").matches("a0"));
  EXPECT_TRUE(pattern("_[1-5a]X").matches("50"));
  EXPECT_FALSE(pattern("_[1-5a]X").matches("60"));
  EXPECT_TRUE(pattern("_NXX-XXXX").matches("2125551"));
  EXPECT_TRUE(pattern("_9*X").matches("9*1"));
  EXPECT_TRUE(pattern("_1[]2").matches("12"));  // an empty set is ignored
}

TEST(DialplanPattern, DotAndBang) {
  EXPECT_TRUE(pattern("_9.").matches("91"));
  EXPECT_TRUE(pattern("_9.").matches("9123456"));
  EXPECT_FALSE(pattern("_9.").matches("9"));  // '.' needs at least one character
  EXPECT_TRUE(pattern("_9!").matches("9"));
  EXPECT_TRUE(pattern("_9!").matches("9123"));
  EXPECT_TRUE(pattern("_X.").matches("1abc"));
}

TEST(DialplanPattern, CanMatchMore) {
  EXPECT_TRUE(pattern("_NXXXXXX").canMatchMore("212"));
  EXPECT_FALSE(pattern("_NXXXXXX").canMatchMore("2125551"));  // complete: nothing more
  EXPECT_FALSE(pattern("_NXXXXXX").canMatchMore("112"));
  EXPECT_TRUE(pattern("_9.").canMatchMore("9"));
  EXPECT_TRUE(pattern("_9.").canMatchMore("9555"));  // '.' always takes more
  EXPECT_FALSE(pattern("_9!").canMatchMore("9"));    // '!' never waits
  EXPECT_TRUE(pattern("1000").canMatchMore("10"));
  EXPECT_TRUE(pattern("1000").canMatchMore(""));
  EXPECT_FALSE(pattern("1000").canMatchMore("1000"));
  EXPECT_FALSE(pattern("1000").canMatchMore("11"));
  EXPECT_TRUE(pattern("_XX").canMatch("12"));
  EXPECT_TRUE(pattern("_XX").canMatch("1"));
}

TEST(DialplanPattern, ParseErrors) {
  std::string error;
  EXPECT_FALSE(ExtensionPattern::parse("", &error));
  EXPECT_EQ(error, "empty extension name");
  EXPECT_FALSE(ExtensionPattern::parse("_[12", &error));
  EXPECT_NE(error.find("unterminated '['"), std::string::npos);
  EXPECT_TRUE(ExtensionPattern::parse("[12", nullptr));  // literals may hold brackets
}

TEST(DialplanPattern, OrderingFollowsExtCmp) {
  EXPECT_LT(pattern("999").compare(pattern("_X")), 0);  // literals first
  EXPECT_GT(pattern("_X").compare(pattern("999")), 0);
  EXPECT_LT(pattern("100").compare(pattern("101")), 0);
  EXPECT_EQ(pattern("555-1212").compare(pattern("5551212")), 0);
  EXPECT_LT(pattern("_1").compare(pattern("_N")), 0);  // one char before 8
  EXPECT_LT(pattern("_N").compare(pattern("_Z")), 0);  // 8 chars before 9
  EXPECT_LT(pattern("_Z").compare(pattern("_X")), 0);  // 9 before 10
  // '.' sorts before '!', and both before the end of a pattern (ext_cmp's 0x18000,
  // 0x28000 and 0x30000), so `_X.` comes before `_X`.
  EXPECT_LT(pattern("_X.").compare(pattern("_X!")), 0);
  EXPECT_LT(pattern("_X!").compare(pattern("_X")), 0);
  EXPECT_LT(pattern("_[12]").compare(pattern("_[123]")), 0);
  EXPECT_LT(pattern("_[12]").compare(pattern("_[34]")), 0);  // same size: lower first
  EXPECT_EQ(pattern("_[1-3]").compare(pattern("_[123]")), 0);

  std::vector<std::string> names = {"_X.", "_NXXXXXX", "_9!", "s", "_1XX", "100", "_[1-3]XX"};
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return compareExtensionNames(a, b) < 0;
  });
  // By the first position: '1' and '9' (one character each), then [1-3], N, X.
  EXPECT_EQ(names,
            (std::vector<std::string>{"100", "s", "_1XX", "_9!", "_[1-3]XX", "_NXXXXXX", "_X."}));
}

TEST(DialplanPattern, PatternAsDataMatchesItself) {
  EXPECT_TRUE(pattern("_X.").matches("_X."));  // as Asterisk's ast_extension_match
  EXPECT_FALSE(pattern("_X.").matches("_N."));
}

}  // namespace
}  // namespace sb::pbx
