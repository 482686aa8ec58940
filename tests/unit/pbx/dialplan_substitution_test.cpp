// ${...} and $[...] substitution: variables, substrings, functions, nesting and limits.

#include <cctype>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pbx/dialplan/substitution.hpp"

namespace sb::pbx {
namespace {

/// Variables from a list; functions LEN(x) and UPPER(x); counts function calls.
class TestSource : public VariableSource {
 public:
  std::optional<std::string> variable(std::string_view name) override {
    for (const auto& [key, value] : variables) {
      if (key == name) {
        return value;
      }
    }
    return std::nullopt;
  }
  std::optional<std::string> function(std::string_view name, std::string_view args,
                                      std::string& error) override {
    ++calls;
    lastArgs = std::string(args);
    if (name == "LEN") {
      return std::to_string(args.size());
    }
    if (name == "UPPER") {
      std::string out(args);
      for (char& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      return out;
    }
    error = "unknown function " + std::string(name);
    return std::nullopt;
  }

  std::vector<std::pair<std::string, std::string>> variables = {
      {"EXTEN", "918005551234"}, {"NAME", "EXTEN"}, {"X", "41"}, {"EMPTY", ""}, {"W", "hello"}};
  int calls = 0;
  std::string lastArgs;
};

std::string sub(const std::string& text) {
  TestSource source;
  return substitute(text, source);
}

TEST(DialplanSubstitution, Variables) {
  EXPECT_EQ(sub("plain text"), "plain text");
  EXPECT_EQ(sub("${EXTEN}"), "918005551234");
  EXPECT_EQ(sub("to ${W}!"), "to hello!");
  EXPECT_EQ(sub("[${UNSET}]"), "[]");
  EXPECT_EQ(sub("[${EMPTY}]"), "[]");
  EXPECT_EQ(sub("${W}${W}"), "hellohello");
  EXPECT_EQ(sub("cost $5 and $"), "cost $5 and $");  // lone '$' is copied
}

TEST(DialplanSubstitution, Substrings) {
  EXPECT_EQ(sub("${EXTEN:1}"), "18005551234");
  EXPECT_EQ(sub("${EXTEN:-4}"), "1234");
  EXPECT_EQ(sub("${EXTEN:1:3}"), "180");
  EXPECT_EQ(sub("${EXTEN:0:-4}"), "91800555");
  EXPECT_EQ(sub("${EXTEN:-4:2}"), "12");
  EXPECT_EQ(sub("${EXTEN:2:-2}"), "80055512");
  EXPECT_EQ(sub("${EXTEN:100}"), "");
  EXPECT_EQ(sub("${EXTEN:-100}"), "918005551234");
  EXPECT_EQ(sub("${W:1:-10}"), "");
  EXPECT_EQ(sub("${W::2}"), "hello");  // as sscanf("%d:%d") in Asterisk: no offset, no cut
}

TEST(DialplanSubstitution, FunctionsGetSubstitutedArguments) {
  TestSource source;
  EXPECT_EQ(substitute("${LEN(${W})}", source), "5");
  EXPECT_EQ(source.lastArgs, "hello");
  EXPECT_EQ(substitute("${UPPER(a,b)}", source), "A,B");
  EXPECT_EQ(substitute("${UPPER(${W}):1:2}", source), "EL");
  std::vector<std::string> errors;
  EXPECT_EQ(substitute("[${NOPE(1)}]", source, &errors), "[]");
  EXPECT_EQ(errors, std::vector<std::string>{"unknown function NOPE"});
}

TEST(DialplanSubstitution, NestingAndExpressions) {
  EXPECT_EQ(sub("${${NAME}}"), "918005551234");
  EXPECT_EQ(sub("${${NAME}:-4}"), "1234");
  EXPECT_EQ(sub("$[${X} + 1]"), "42");
  EXPECT_EQ(sub("$[$[1 + 1] * 3]"), "6");
  EXPECT_EQ(sub("$[ ${LEN(${W})} > 3 ]"), "1");
  EXPECT_EQ(sub("${EXTEN:$[1+1]:3}"), "800");
  EXPECT_EQ(sub("a$[1+1]b${X}c"), "a2b41c");
  EXPECT_EQ(sub("$[${W} = hello ? yes :: no]"), "yes");
}

TEST(DialplanSubstitution, UnbalancedBracesAreReported) {
  TestSource source;
  std::vector<std::string> errors;
  // As Asterisk: the rest of the text becomes the name ("missing '}'").
  EXPECT_EQ(substitute("x${W", source, &errors), "xhello");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("missing '}'"), std::string::npos);
  errors.clear();
  EXPECT_EQ(substitute("$[1+1", source, &errors), "2");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(sub("a}b]c{d"), "a}b]c{d");
  EXPECT_EQ(sub("${"), "");
}

TEST(DialplanSubstitution, ExpressionErrorsAreReported) {
  TestSource source;
  std::vector<std::string> errors;
  EXPECT_EQ(substitute("$[1/0]", source, &errors), "2147483647");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "in $[1/0]: division by zero");
}

TEST(DialplanSubstitution, DepthAndSizeAreBounded) {
  TestSource source;
  std::vector<std::string> errors;
  std::string deep;
  for (int i = 0; i < 40; ++i) {
    deep += "${";
  }
  deep += "W";
  for (int i = 0; i < 40; ++i) {
    deep += "}";
  }
  EXPECT_EQ(substitute(deep, source, &errors), "");
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors[0].find("depth"), std::string::npos);

  source.variables.emplace_back("BIG", std::string(40000, 'x'));
  errors.clear();
  const std::string big = substitute("${BIG}${BIG}${BIG}", source, &errors);
  EXPECT_EQ(big.size(), kMaxSubstitutionSize);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("truncated"), std::string::npos);
}

/// EVAL substitutes its argument again, as Asterisk's does; SELF refers to itself.
class EvalSource : public VariableSource {
 public:
  std::optional<std::string> variable(std::string_view name) override {
    if (name == "SELF") {
      return "${EVAL(${SELF})}";
    }
    if (name == "X") {
      return "v";
    }
    return std::nullopt;
  }
  std::optional<std::string> function(std::string_view, std::string_view args,
                                      std::string&) override {
    ++calls;
    return substitute(args, *this);
  }
  int calls = 0;
};

TEST(DialplanSubstitution, DepthIsCountedAcrossFunctionsThatSubstitute) {
  EvalSource source;
  EXPECT_EQ(substitute("${EVAL(${X})}", source), "v");
  EXPECT_EQ(substitute("[${EVAL(${SELF})}]", source), "[]");  // ends instead of recursing
  EXPECT_LT(source.calls, 20);
}

TEST(DialplanSubstitution, MapVariableSource) {
  MapVariableSource globals(
      std::vector<std::pair<std::string, std::string>>{{"TRUNK", "PJSIP/trunk"}});
  std::vector<std::string> errors;
  EXPECT_EQ(substitute("${TRUNK}/${X}${LEN(a)}", globals, &errors), "PJSIP/trunk/");
  EXPECT_EQ(errors.size(), 1u);
}

}  // namespace
}  // namespace sb::pbx
