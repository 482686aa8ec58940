// Application argument splitting (ast_app_separate_args), App(args), Goto and GotoIf.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pbx/dialplan/app_args.hpp"

namespace sb::pbx {
namespace {

using Strings = std::vector<std::string>;

TEST(DialplanAppArgs, SplitsAtSeparators) {
  EXPECT_EQ(splitAppArgs("PJSIP/100,30,tT"), (Strings{"PJSIP/100", "30", "tT"}));
  EXPECT_EQ(splitAppArgs(""), Strings{});
  EXPECT_EQ(splitAppArgs("a,"), (Strings{"a", ""}));
  EXPECT_EQ(splitAppArgs(",b"), (Strings{"", "b"}));
  EXPECT_EQ(splitAppArgs("a,,b"), (Strings{"a", "", "b"}));
  EXPECT_EQ(splitAppArgs(" a , b "), (Strings{" a ", " b "}));  // whitespace kept
  EXPECT_EQ(splitAppArgs("a|b", '|'), (Strings{"a", "b"}));
}

TEST(DialplanAppArgs, QuotesEscapesAndNesting) {
  EXPECT_EQ(splitAppArgs(R"("a,b",c)"), (Strings{"a,b", "c"}));
  EXPECT_EQ(splitAppArgs(R"(a\,b,c)"), (Strings{"a,b", "c"}));
  EXPECT_EQ(splitAppArgs(R"(a\\b)"), (Strings{R"(a\b)"}));
  EXPECT_EQ(splitAppArgs("${IF($[1=1]?a,b:c)},d"), (Strings{"${IF($[1=1]?a,b:c)}", "d"}));
  EXPECT_EQ(splitAppArgs("x[1,2],y"), (Strings{"x[1,2]", "y"}));
  EXPECT_EQ(splitAppArgs(R"("")"), (Strings{""}));
}

TEST(DialplanAppArgs, AppCall) {
  AppCall call = parseAppCall("Dial(PJSIP/100,30)");
  EXPECT_EQ(call.app, "Dial");
  EXPECT_EQ(call.data, "PJSIP/100,30");
  call = parseAppCall("Answer");
  EXPECT_EQ(call.app, "Answer");
  EXPECT_EQ(call.data, "");
  call = parseAppCall("Set(X=$[(1+2)*3])");
  EXPECT_EQ(call.data, "X=$[(1+2)*3]");
  call = parseAppCall("NoOp(unclosed");
  EXPECT_EQ(call.data, "unclosed");
}

TEST(DialplanAppArgs, GotoTargets) {
  auto target = parseGotoTarget("5");
  ASSERT_TRUE(target);
  EXPECT_FALSE(target->context);
  EXPECT_FALSE(target->exten);
  EXPECT_EQ(target->priority, "5");
  target = parseGotoTarget("200,start");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->exten, "200");
  EXPECT_EQ(target->priority, "start");
  target = parseGotoTarget("default,s,1");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->context, "default");
  EXPECT_EQ(target->exten, "s");
  EXPECT_EQ(target->priority, "1");
  EXPECT_FALSE(parseGotoTarget(""));
  EXPECT_FALSE(parseGotoTarget("a,b,c,d"));
}

TEST(DialplanAppArgs, GotoIf) {
  GotoIfArgs args = parseGotoIf("$[${X}=1]?yes:no");
  EXPECT_EQ(args.condition, "$[${X}=1]");
  EXPECT_EQ(args.ifTrue, "yes");
  EXPECT_EQ(args.ifFalse, "no");
  args = parseGotoIf("1?ctx,s,1");
  EXPECT_EQ(args.ifTrue, "ctx,s,1");
  EXPECT_FALSE(args.ifFalse);
  args = parseGotoIf("0?:out");
  EXPECT_FALSE(args.ifTrue);
  EXPECT_EQ(args.ifFalse, "out");
  args = parseGotoIf("1");
  EXPECT_EQ(args.condition, "1");
  EXPECT_FALSE(args.ifTrue);
}

}  // namespace
}  // namespace sb::pbx
