// $[...] expressions: precedence, numbers versus strings, regexes, ternary, functions, errors.

#include <string>

#include <gtest/gtest.h>

#include "pbx/dialplan/expression.hpp"
#include "pbx/dialplan/substitution.hpp"

namespace sb::pbx {
namespace {

std::string eval(const std::string& text) {
  return evaluateExpression(text).value;
}

TEST(DialplanExpression, ArithmeticAndPrecedence) {
  EXPECT_EQ(eval("1 + 2 * 3"), "7");
  EXPECT_EQ(eval("(1 + 2) * 3"), "9");
  EXPECT_EQ(eval("2-5"), "-3");
  EXPECT_EQ(eval("10 - 2 - 3"), "5");  // left-associative
  EXPECT_EQ(eval("7 % 3"), "1");
  EXPECT_EQ(eval("-5 + 2"), "-3");
  EXPECT_EQ(eval("- 2 * 3"), "-6");
  EXPECT_EQ(eval("3 * 1.5"), "4.5");
  EXPECT_EQ(eval("10 / 4"), "2.5");
  EXPECT_EQ(eval("10 / 3"), "3.33333333333333333");  // "%.18Lg" as Asterisk
  EXPECT_EQ(eval("1 + 2 = 3"), "1");
  EXPECT_EQ(eval("1 = 1 & 2 = 3"), "0");
  EXPECT_EQ(eval("1 = 2 | 5"), "5");
  EXPECT_EQ(eval("  42  "), "42");
  EXPECT_EQ(eval(""), "");
}

TEST(DialplanExpression, OrAndReturnOperands) {
  EXPECT_EQ(eval("0 | 5"), "5");
  EXPECT_EQ(eval("7 | 5"), "7");
  EXPECT_EQ(eval("abc | 5"), "abc");
  EXPECT_EQ(eval("3 & 4"), "3");
  EXPECT_EQ(eval("3 & 0"), "0");
  EXPECT_EQ(eval("1 || 0"), "1");
  EXPECT_EQ(eval("1 && 0"), "0");
  EXPECT_EQ(eval("010 | 1"), "10");  // the truth test made it a number
}

TEST(DialplanExpression, NumericVersusStringComparison) {
  EXPECT_EQ(eval("10 = 10.0"), "1");
  EXPECT_EQ(eval("010 == 10"), "1");
  EXPECT_EQ(eval("10 < 9"), "0");   // numbers
  EXPECT_EQ(eval("10 < 9a"), "1");  // strings: "10" < "9a"
  EXPECT_EQ(eval("abc = abc"), "1");
  EXPECT_EQ(eval("abc != abd"), "1");
  EXPECT_EQ(eval("abc < abd"), "1");
  EXPECT_EQ(eval("b >= a"), "1");
  EXPECT_EQ(eval("2 <= 2"), "1");
  EXPECT_EQ(eval("\"abc\" = \"abc\""), "1");
  EXPECT_EQ(eval("\"abc\" = abc"), "0");  // quotes are part of the string
  EXPECT_EQ(eval("\"hello world\""), "\"hello world\"");
}

TEST(DialplanExpression, Unary) {
  EXPECT_EQ(eval("!0"), "1");
  EXPECT_EQ(eval("!5"), "0");
  EXPECT_EQ(eval("!abc"), "1");  // atoi("abc") is 0
  EXPECT_EQ(eval("!\"\""), "1");
  EXPECT_EQ(eval("- -3"), "3");
  EXPECT_EQ(eval("!1 + 1"), "1");  // ! binds tighter than +
}

TEST(DialplanExpression, Regex) {
  EXPECT_EQ(eval("123abc : \"[0-9]+\""), "3");   // length of the match
  EXPECT_EQ(eval("abc123 : \"[0-9]+\""), "0");   // ':' is anchored at the start
  EXPECT_EQ(eval("abc123 =~ \"[0-9]+\""), "3");  // '=~' is not
  EXPECT_EQ(eval("abc123 =~ 12"), "2");
  EXPECT_EQ(eval("123abc : [0-9]+"), "0");            // unquoted, '[' is no token: a syntax error
  EXPECT_EQ(eval("\"foo-bar\" : \"(fo+)\""), "foo");  // the first group
  EXPECT_EQ(eval("\"xyz\" : \"(fo+)\""), "");         // no match with a group: empty
  EXPECT_EQ(eval("\"5551234\" =~ \"55(.)1\""), "5");
  EXPECT_EQ(eval("abc : a = 1"), "1");  // ':' binds tighter than '='
  EXPECT_EQ(eval("- 12 : 1"), "-1");    // and tighter than unary minus
  ExprResult bad = evaluateExpression("abc : \"a(\"");
  EXPECT_EQ(bad.value, "");
  ASSERT_TRUE(bad.error);
  EXPECT_NE(bad.error->find("regcomp"), std::string::npos);
}

TEST(DialplanExpression, TernaryAndConcatenation) {
  EXPECT_EQ(eval("1 ? yes :: no"), "yes");
  EXPECT_EQ(eval("0 ? yes :: no"), "no");
  EXPECT_EQ(eval("1 > 2 ? big :: small"), "small");
  EXPECT_EQ(eval("abc ? yes :: no"), "yes");
  EXPECT_EQ(eval("\"\" ? yes :: no"), "no");
  EXPECT_EQ(eval("0 ? a :: 1 ? b :: c"), "b");
  EXPECT_EQ(eval("1 ? 2 + 3 :: 4"), "5");
  EXPECT_EQ(eval("foo ~~ bar"), "foobar");
  EXPECT_EQ(eval("\"a b\" ~~ c"), "a bc");
}

TEST(DialplanExpression, MathFunctions) {
  EXPECT_EQ(eval("SQRT(16)"), "4");
  EXPECT_EQ(eval("POW(2, 10)"), "1024");
  EXPECT_EQ(eval("FLOOR(2.7) + CEIL(2.1)"), "5");
  EXPECT_EQ(eval("ROUND(2.5)"), "3");
  EXPECT_EQ(eval("TRUNC(3.9)"), "3");
  EXPECT_EQ(eval("COS(0)"), "1");
  EXPECT_EQ(eval("ATAN2(0,1)"), "0");
  EXPECT_EQ(eval("LOG10(1000)"), "3");
  EXPECT_EQ(eval("EXP2(3)"), "8");
  EXPECT_EQ(eval("REMAINDER(10,4)"), "2");
  ExprResult wrong = evaluateExpression("POW(2)");
  EXPECT_EQ(wrong.value, "0");
  EXPECT_TRUE(wrong.error);
}

class UpperSource : public VariableSource {
 public:
  std::optional<std::string> variable(std::string_view) override { return std::nullopt; }
  std::optional<std::string> function(std::string_view name, std::string_view args,
                                      std::string& error) override {
    if (name == "LEN") {
      return std::to_string(args.size());
    }
    error = "no function " + std::string(name);
    return std::nullopt;
  }
};

TEST(DialplanExpression, DialplanFunctions) {
  UpperSource source;
  EXPECT_EQ(evaluateExpression("LEN(hello) + 1", &source).value, "6");
  EXPECT_EQ(evaluateExpression("LEN(a,b)", &source).value, "3");  // args joined by ','
  ExprResult missing = evaluateExpression("NOPE(1)", &source);
  EXPECT_EQ(missing.value, "0");
  EXPECT_EQ(missing.error, "no function NOPE");
  ExprResult noSource = evaluateExpression("LEN(x)");
  EXPECT_EQ(noSource.value, "0");
  EXPECT_TRUE(noSource.error);
}

TEST(DialplanExpression, Errors) {
  ExprResult division = evaluateExpression("1 / 0");
  EXPECT_EQ(division.value, "2147483647");  // Asterisk's INT_MAX answer
  EXPECT_EQ(division.error, "division by zero");
  EXPECT_EQ(eval("5 % 0"), "0");
  ExprResult syntax = evaluateExpression("1 +");
  EXPECT_EQ(syntax.value, "0");
  EXPECT_TRUE(syntax.error);
  EXPECT_EQ(eval("(1"), "0");
  EXPECT_EQ(eval("* 2"), "0");
  EXPECT_EQ(eval("1 2"), "0");
  EXPECT_EQ(eval("1 ? 2"), "0");
  ExprResult nonNumeric = evaluateExpression("abc + 1");
  EXPECT_EQ(nonNumeric.value, "1");
  EXPECT_EQ(nonNumeric.error, "non-numeric argument");
  EXPECT_FALSE(evaluateExpression("1 + 1").error);
}

TEST(DialplanExpression, DeepNestingIsRefused) {
  const std::string deep = std::string(5000, '(') + "1" + std::string(5000, ')');
  ExprResult result = evaluateExpression(deep);
  EXPECT_EQ(result.value, "0");
  EXPECT_EQ(result.error, "expression nested too deeply");
  EXPECT_EQ(evaluateExpression(std::string(5000, '-') + "1").value, "0");
  EXPECT_EQ(eval(std::string(50, '(') + "2" + std::string(50, ')')), "2");
}

TEST(DialplanExpression, RegexBlowUpsAreRefused) {
  ExprResult backref = evaluateExpression("aa : \"(a)\\1\"");
  EXPECT_EQ(backref.value, "");
  EXPECT_TRUE(backref.error);
  ExprResult repeats = evaluateExpression("a : \"((a{1,100}){1,100}){1,100}\"");
  EXPECT_EQ(repeats.value, "");
  EXPECT_TRUE(repeats.error);
  // Stacked and nested `+` double the compiled tree each time (found by the fuzzer).
  ExprResult stacked = evaluateExpression("8 : \"8" + std::string(60, '+') + "\"");
  EXPECT_EQ(stacked.value, "");
  EXPECT_TRUE(stacked.error);
  ExprResult nested = evaluateExpression("a : \"" + std::string(30, '(') + "a" + [] {
    std::string s;
    for (int i = 0; i < 30; ++i)
      s += ")+";
    return s;
  }() + "\"");
  EXPECT_TRUE(nested.error);
  // Repeats of repeats make glibc's epsilon closure exponential even when small: "9+" then
  // ten '?' and six '+' took 35 s in regcomp (found by the fuzzer), nested "(...)?+" eight
  // deep 95 s. Refused at once.
  for (const std::string& pattern :
       {"9+" + std::string(31, '?') + "++++++", std::string("((((((((9?)?+)?+)?+)?+)?+)?+)?+)?+"),
        std::string("a+?+?+")}) {
    ExprResult refused = evaluateExpression("9 : \"" + pattern + "\"");
    EXPECT_EQ(refused.value, "") << pattern;
    EXPECT_EQ(refused.error.value_or(""), "regular expression repeats nested too deeply")
        << pattern;
  }
  // Ordinary patterns are still fine, a lazy-looking ".*?" and two nested levels included.
  EXPECT_EQ(evaluateExpression("abc123 : \"([a-z]+)[0-9]+\"").value, "abc");
  EXPECT_EQ(evaluateExpression("abcabc : \"(a(b|c)*)+\"").value, "abc");
  EXPECT_EQ(evaluateExpression("abc : \"a.*?c\"").value, "3");
  EXPECT_EQ(evaluateExpression("x5 =~ \"x[0-9]{1,3}\"").value, "2");
}

}  // namespace
}  // namespace sb::pbx
