#include "modules/manager/event_filter.hpp"

#include <gtest/gtest.h>

namespace sb::modules::manager {
namespace {

const std::string kNewchannel =
    "Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/alice-00000001\r\n"
    "Context: internal\r\n";
const std::string kHangup =
    "Event: Hangup\r\nPrivilege: call,all\r\nChannel: SIP/bob-00000002\r\nCause: 16\r\n";
const std::string kNewexten =
    "Event: Newexten\r\nPrivilege: dialplan,all\r\nChannel: PJSIP/alice-00000001\r\n";

TEST(EventFilters, NoFiltersPassEverything) {
  EventFilters filters;
  EXPECT_TRUE(filters.passes(kNewchannel));
}

TEST(EventFilters, LegacyRegexIncludeAndExclude) {
  EventFilters filters;
  EXPECT_FALSE(filters.add("eventfilter", "Event: (Newchannel|Newexten)"));
  EXPECT_FALSE(filters.add("eventfilter", "!Channel: PJSIP/alice.*\r\nContext: internal"));
  EXPECT_FALSE(filters.passes(kNewchannel));  // included, then excluded
  EXPECT_TRUE(filters.passes(kNewexten));
  EXPECT_FALSE(filters.passes(kHangup));  // not included
}

TEST(EventFilters, AdvancedNameHeaderAndMethods) {
  EventFilters filters;
  EXPECT_FALSE(
      filters.add("eventfilter(name(Newchannel),header(Channel),method(starts_with))", "PJSIP/"));
  EXPECT_FALSE(filters.add("eventfilter(name(Hangup),header(Cause:),method(exact))", "16"));
  EXPECT_TRUE(filters.passes(kNewchannel));
  EXPECT_TRUE(filters.passes(kHangup));
  EXPECT_FALSE(filters.passes(kNewexten));  // another name
}

TEST(EventFilters, AdvancedExcludeByNameAlone) {
  EventFilters filters;
  EXPECT_FALSE(filters.add("eventfilter(action(exclude),name(Newexten))", ""));
  EXPECT_TRUE(filters.passes(kNewchannel));
  EXPECT_FALSE(filters.passes(kNewexten));
  EventFilters bang;
  EXPECT_FALSE(bang.add("eventfilter(name(Hangup),method(contains))", "!Cause: 16"));
  EXPECT_FALSE(bang.passes(kHangup));
  EXPECT_TRUE(bang.passes(kNewchannel));
}

TEST(EventFilters, EndsWithAndContains) {
  EventFilters filters;
  EXPECT_FALSE(filters.add("eventfilter(header(Channel),method(ends_with))", "-00000002"));
  EXPECT_TRUE(filters.passes(kHangup));
  EXPECT_FALSE(filters.passes(kNewchannel));
}

TEST(EventFilters, RefusalsSayWhyAsAsteriskDoes) {
  EventFilters filters;
  EXPECT_EQ(filters.add("eventfilter", "").value_or(""),
            "'eventfilter = ': Legacy filter with no filter pattern");
  EXPECT_EQ(filters.add("eventfilter(action(drop))", "x").value_or(""),
            "'eventfilter(action(drop)) = x': 'action' option 'drop' is unknown");
  EXPECT_EQ(filters.add("eventfilter(colour(red))", "x").value_or(""),
            "'eventfilter(colour(red)) = x': Filter option 'colour(red' is unknown");
  EXPECT_EQ(filters.add("eventfilter(method(exact))", "").value_or(""),
            "'eventfilter(method(exact)) = ': method can't be 'exact' with no filter pattern");
  EXPECT_EQ(filters.add("eventfilter(name(X))", "x").value_or(""),
            "'eventfilter(name(X)) = x': method can't be 'none' with a filter pattern");
  EXPECT_EQ(filters.add("eventfilter(action(include))", "").value_or(""),
            "'eventfilter(action(include)) = ': No name or header and no filter pattern");
  EXPECT_EQ(filters.add("eventfilter", "(unclosed").value_or(""),
            "Unable to compile regex filter for '(unclosed'");
  EXPECT_TRUE(filters.empty());
}

}  // namespace
}  // namespace sb::modules::manager
