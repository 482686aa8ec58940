// Application option strings (ast_app_parse_options) and Gosub targets (expand_gosub_args).
#include <gtest/gtest.h>

#include "pbx/dialplan/app_options.hpp"

namespace sb::pbx {
namespace {

constexpr std::string_view kDial = "AabBCcdDEefFgGhHiIjkKLmnNoOpPQrRSstTuUwWxXz";

TEST(AppOptions, LettersAndArguments) {
  auto parsed = parseAppOptions("gb(handler^addheader^1)rU(post^x)", kDial);
  ASSERT_TRUE(parsed.ok);
  EXPECT_TRUE(parsed.warnings.empty());
  EXPECT_TRUE(parsed.options.has('g'));
  EXPECT_TRUE(parsed.options.has('r'));
  EXPECT_EQ(parsed.options.argument('g'), "");
  EXPECT_EQ(parsed.options.argument('b'), "handler^addheader^1");
  EXPECT_EQ(parsed.options.argument('U'), "post^x");
  EXPECT_FALSE(parsed.options.argument('B'));
}

TEST(AppOptions, NestedParenthesesAndEscapes) {
  auto parsed = parseAppOptions("b(ctx^s^1(a^b))B(x\\)y)", kDial);
  ASSERT_TRUE(parsed.ok);
  EXPECT_EQ(parsed.options.argument('b'), "ctx^s^1(a^b)");
  EXPECT_EQ(parsed.options.argument('B'), "x)y");
}

TEST(AppOptions, QuotedArgumentKeepsParenthesesAndLosesItsQuotes) {
  auto parsed = parseAppOptions("b(\"a)b\")g", kDial);
  ASSERT_TRUE(parsed.ok);
  EXPECT_EQ(parsed.options.argument('b'), "a)b");
  EXPECT_TRUE(parsed.options.has('g'));
}

TEST(AppOptions, LaterLetterReplacesEarlierArgument) {
  auto parsed = parseAppOptions("b(one)b(two)", kDial);
  EXPECT_EQ(parsed.options.argument('b'), "two");
}

TEST(AppOptions, UnknownLettersAreWarnedAboutButKept) {
  auto parsed = parseAppOptions("gqy", kDial);
  ASSERT_TRUE(parsed.ok);
  EXPECT_EQ(parsed.warnings,
            (std::vector<std::string>{"Unrecognized option: 'q'", "Unrecognized option: 'y'"}));
  EXPECT_TRUE(parsed.options.has('q'));
}

TEST(AppOptions, MissingCloseParenthesisFails) {
  auto parsed = parseAppOptions("gb(handler^x", kDial);
  EXPECT_FALSE(parsed.ok);
  ASSERT_EQ(parsed.warnings.size(), 1u);
  EXPECT_EQ(parsed.warnings[0],
            "Missing closing parenthesis for argument 'b' in string 'handler^x'");
  EXPECT_TRUE(parsed.options.has('g'));
}

TEST(AppOptions, HostileStringsDoNotBreakIt) {
  const std::vector<std::string> hostile = {"(",
                                            ")",
                                            "b(",
                                            "b)",
                                            "\\",
                                            "b(\\",
                                            "b(\"",
                                            "b(\"\\",
                                            "b(((",
                                            "b())",
                                            "\"",
                                            "b(\"a\\\"b\")",
                                            std::string("b\0(x)", 5)};
  for (const auto& text : hostile) {
    auto parsed = parseAppOptions(text, kDial);
    for (const auto& [letter, argument] : parsed.options.given) {
      EXPECT_LE(argument.size(), text.size());
    }
  }
  EXPECT_TRUE(parseAppOptions("", kDial).options.given.empty());
}

TEST(AppOptions, SubargumentDelimiter) {
  EXPECT_EQ(replaceSubargumentDelimiter("ctx^exten^1(a^b)"), "ctx,exten,1(a,b)");
  EXPECT_EQ(replaceSubargumentDelimiter("plain"), "plain");
}

TEST(GosubTarget, SplitsLabelAndArguments) {
  auto call = splitGosubCall("ctx,s,1(a,(b),c)");
  EXPECT_EQ(call.label, "ctx,s,1");
  EXPECT_EQ(call.args, "a,(b),c");
  EXPECT_FALSE(call.missingCloseParen);
  call = splitGosubCall("ctx,s,1(a");
  EXPECT_EQ(call.args, "a");
  EXPECT_TRUE(call.missingCloseParen);
  EXPECT_FALSE(splitGosubCall("5").args);
}

TEST(GosubTarget, ExpandsShortFormsFromTheCallersLocation) {
  EXPECT_EQ(expandGosubTarget("5", "internal", "100"), "internal,100,5");
  EXPECT_EQ(expandGosubTarget("sub,1", "internal", "100"), "internal,sub,1");
  EXPECT_EQ(expandGosubTarget("handler,add,1", "internal", "100"), "handler,add,1");
  EXPECT_EQ(expandGosubTarget(",,1(x,y)", "internal", "100"), "internal,100,1(x,y)");
  EXPECT_EQ(expandGosubTarget("h,e,p,extra", "c", "x"), "h,e,p");
  EXPECT_EQ(expandGosubTarget("label()", "c", "x"), "c,x,label");
  EXPECT_EQ(expandGosubTarget("", "c", "x"), "c,x,");
}

}  // namespace
}  // namespace sb::pbx
