// Asterisk's text forms of endpoint values: caller id split/merge, groups, codecs.
#include "modules/res_pjsip/endpoint_text.hpp"

#include <gtest/gtest.h>

#include "modules/res_pjsip/endpoint_config.hpp"

namespace sb::modules::res_pjsip {
namespace {

TEST(EndpointText, SplitsCallerIdAsAstCalleridSplit) {
  struct Case {
    const char* text;
    const char* name;
    const char* number;
  };
  for (const auto& c : std::initializer_list<Case>{
           {"\"Alice\" <6001>", "Alice", "6001"},
           {"Alice Smith <600-1>", "Alice Smith", "6001"},
           {"<6001>", "", "6001"},
           {"6001", "", "6001"},
           {"(555) 123.4", "", "5551234"},
           {"\"6001\"", "6001", ""},
           {"Alice", "Alice", ""},
           {"\"Al \\\"x\\\"\" <1>", "Al \"x\"", "1"},
           {"Bob <12", "Bob", "12"},
           {"", "", ""},
       }) {
    const auto parts = splitCallerId(c.text);
    EXPECT_EQ(parts.name, c.name) << c.text;
    EXPECT_EQ(parts.number, c.number) << c.text;
  }
}

TEST(EndpointText, MergesCallerIdAsAstCalleridMerge) {
  EXPECT_EQ(mergedCallerId("Alice <6001>", "<unknown>"), "\"Alice\" <6001>");
  EXPECT_EQ(mergedCallerId("\"A\\\"B\" <1>", "<unknown>"), "\"A\\\"B\" <1>");
  EXPECT_EQ(mergedCallerId("Alice", "<unknown>"), "Alice");
  EXPECT_EQ(mergedCallerId("6001", "<unknown>"), "6001");
  EXPECT_EQ(mergedCallerId("", "<unknown>"), "<unknown>");
  EXPECT_EQ(mergedCallerId("  ", "<unspecified>"), "<unspecified>");
}

TEST(EndpointText, PrintsGroupsAsAstPrintGroup) {
  EXPECT_EQ(printedGroups("1,3-5"), "1, 3, 4, 5");
  EXPECT_EQ(printedGroups("5, 1"), "1, 5");
  EXPECT_EQ(printedGroups("63,70,x,2-1"), "63");
  EXPECT_EQ(printedGroups(""), "");
}

TEST(EndpointText, CodecsFollowAllowAndDisallowInFileOrder) {
  EndpointConfig endpoint;
  endpoint.codecOps = {"-all", "+ulaw,alaw", "-ulaw", "+g722"};
  EXPECT_EQ(endpointCodecs(endpoint).str(), "(alaw|g722)");
  endpoint.codecOps = {};
  EXPECT_EQ(endpointCodecs(endpoint).str(), "(nothing)");
}

}  // namespace
}  // namespace sb::modules::res_pjsip
