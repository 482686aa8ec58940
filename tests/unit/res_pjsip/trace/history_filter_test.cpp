#include "modules/res_pjsip/trace/history_filter.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace sb::modules::res_pjsip {
namespace {

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string word; in >> word;) {
    out.push_back(word);
  }
  return out;
}

HistoryFields entry(long long number, std::optional<std::string_view> method = "INVITE",
                    std::string_view callId = "abc123@host") {
  HistoryFields fields;
  fields.number = number;
  fields.timestamp = 1700000000 + number;
  fields.address = *sip::SocketAddress::parse("192.168.0.3:5060");
  fields.method = method;
  fields.callId = callId;
  return fields;
}

/// The outcome of `expression` for `fields`; "error: <message>" when it fails.
std::string eval(const std::string& expression, const HistoryFields& fields) {
  auto filter = HistoryFilter::parse(words(expression));
  if (!filter) {
    return "error: " + filter.error().message;
  }
  auto result = filter->matches(fields);
  if (!result) {
    return "error: " + result.error().message;
  }
  return *result ? "true" : "false";
}

TEST(HistoryFilter, NumbersCompare) {
  EXPECT_EQ(eval("number = 5", entry(5)), "true");
  EXPECT_EQ(eval("number == 5", entry(4)), "false");
  EXPECT_EQ(eval("number != 5", entry(4)), "true");
  EXPECT_EQ(eval("number > 5", entry(6)), "true");
  EXPECT_EQ(eval("number > 5", entry(5)), "false");
  EXPECT_EQ(eval("number >= 5", entry(5)), "true");
  EXPECT_EQ(eval("number < 5", entry(5)), "false");
  EXPECT_EQ(eval("number <= 5", entry(5)), "true");
  EXPECT_EQ(eval("NUMBER = 5", entry(5)), "true");
}

TEST(HistoryFilter, TimestampsCompareInSeconds) {
  EXPECT_EQ(eval("timestamp >= 1700000003", entry(3)), "true");
  EXPECT_EQ(eval("timestamp > 1700000003", entry(3)), "false");
  EXPECT_EQ(eval("timestamp = 1700000003", entry(3)), "true");
  EXPECT_EQ(eval("timestamp < yesterday", entry(3)),
            "error: Unable to extract field 'yesterday': not a timestamp");
}

TEST(HistoryFilter, StringsMatchExactlyOrByRegex) {
  EXPECT_EQ(eval("sip.msg.request.method = INVITE", entry(1)), "true");
  EXPECT_EQ(eval("sip.msg.request.method = invite", entry(1)), "false");
  EXPECT_EQ(eval("sip.msg.request.method != BYE", entry(1)), "true");
  EXPECT_EQ(eval("sip.msg.call-id like ^abc", entry(1)), "true");
  EXPECT_EQ(eval("sip.msg.call-id like 12.@", entry(1)), "true");
  EXPECT_EQ(eval("sip.msg.call-id like ^xyz", entry(1)), "false");
  EXPECT_EQ(eval("sip.msg.call-id = abc123@host", entry(1)), "true");
}

TEST(HistoryFilter, AResponseHasNoRequestMethod) {
  EXPECT_EQ(eval("sip.msg.request.method = INVITE", entry(1, std::nullopt)), "false");
  EXPECT_EQ(eval("sip.msg.request.method != INVITE", entry(1, std::nullopt)), "false");
}

TEST(HistoryFilter, AddressesCompareWithOrWithoutPort) {
  EXPECT_EQ(eval("addr = 192.168.0.3:5060", entry(1)), "true");
  EXPECT_EQ(eval("addr = 192.168.0.3", entry(1)), "true");
  EXPECT_EQ(eval("addr = 192.168.0.3:5061", entry(1)), "false");
  EXPECT_EQ(eval("addr != 192.168.0.4", entry(1)), "true");
  EXPECT_EQ(eval("addr like ^192\\.168\\.", entry(1)), "true");
  EXPECT_EQ(eval("addr = somehost", entry(1)),
            "error: Unable to convert field 'somehost': not an IPv4 or IPv6 address");
}

TEST(HistoryFilter, AndBindsTighterThanOr) {
  // (number = 1 and number = 2) or number = 3
  EXPECT_EQ(eval("number = 1 and number = 2 or number = 3", entry(3)), "true");
  // number = 3 or (number = 1 and number = 2)
  EXPECT_EQ(eval("number = 3 or number = 1 and number = 2", entry(3)), "true");
  EXPECT_EQ(eval("number = 3 and number = 1 or number = 2", entry(3)), "false");
  EXPECT_EQ(eval("number > 1 && number < 5 || number = 9", entry(9)), "true");
  EXPECT_EQ(eval("number > 1 AND number < 5", entry(9)), "false");
}

TEST(HistoryFilter, ParenthesesGroup) {
  EXPECT_EQ(eval("number = 3 and ( number = 1 or number = 3 )", entry(3)), "true");
  EXPECT_EQ(eval("number = 3 and (number = 1 or number = 2)", entry(3)), "false");
  EXPECT_EQ(eval("((number = 3))", entry(3)), "true");
  EXPECT_EQ(eval("number > 1 and (addr = 192.168.0.3:5060 or addr = 192.168.0.5:5060)", entry(3)),
            "true");
  EXPECT_EQ(eval("number = 3 )", entry(3)), "error: Unbalanced ')' parentheses in expression!");
}

TEST(HistoryFilter, NotNegatesAComparisonOrAGroup) {
  EXPECT_EQ(eval("not number = 3", entry(3)), "false");
  EXPECT_EQ(eval("! number = 3", entry(4)), "true");
  EXPECT_EQ(eval("not ( number = 3 or number = 4 )", entry(4)), "false");
  EXPECT_EQ(eval("not number = 3 and number = 4", entry(4)), "true");
}

TEST(HistoryFilter, ErrorsAreResPjsipHistorysWarnings) {
  EXPECT_EQ(eval("color = red", entry(1)), "error: Unknown or unrecognized field: color");
  EXPECT_EQ(eval("number = five", entry(1)),
            "error: Unable to extract field 'five': not an integer");
  EXPECT_EQ(eval("sip.msg.call-id < abc", entry(1)),
            "error: Cannot evaluate field 'abc': invalid type for operator '<'");
  EXPECT_EQ(eval("number like 1", entry(1)),
            "error: Cannot evaluate: invalid operand type for operator 'like'");
  EXPECT_EQ(eval("number =", entry(1)),
            "error: Unable to evaluate expression operator '=': not enough operands");
  EXPECT_EQ(eval("( number = 1 ) ( number = 2 )", entry(1)),
            "error: Expression was unbalanced: 2 results remained after evaluation");
  EXPECT_EQ(eval("number", entry(1)), "error: Expression did not create a usable result");
  EXPECT_EQ(eval("not number", entry(1)),
            "error: Unable to evaluate 'not': operand is not the result of an operation");
  EXPECT_EQ(eval("number = 1 number = 2", entry(1)), "error: Unknown or unrecognized field: 1");
  EXPECT_EQ(eval("sip.msg.call-id like [a", entry(1)).rfind("error: Failed to compile", 0), 0u);
  EXPECT_EQ(eval("sip.msg.call-id like \\1", entry(1)).rfind("error: Failed to compile", 0), 0u);
  EXPECT_EQ(eval("", entry(1)), "error: Expression did not create a usable result");
}

}  // namespace
}  // namespace sb::modules::res_pjsip
