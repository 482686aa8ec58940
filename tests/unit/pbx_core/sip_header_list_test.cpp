// The header list behind PJSIP_HEADER / PJSIP_HEADERS / SIP_HEADERS.
#include <gtest/gtest.h>

#include "pbx_core/sip_header_printer.hpp"

#include "modules/pbx/sip_header_list.hpp"

namespace sb::modules::pbx {
namespace {

SipHeaderList inviteHeaders() {
  SipHeaderList list;
  list.assign({{"Via", "SIP/2.0/UDP a;branch=z9hG4bK1"},
               {"Via", "SIP/2.0/UDP b;branch=z9hG4bK2"},
               {"From", "<sip:alice@x>;tag=1"},
               {"X-Pair", "1"},
               {"x-pair", "2"},
               {"X-Single", "solo"},
               {"v", "compact"},
               {"v", "again"}});
  return list;
}

TEST(SipHeaderList, ReadsTheNthHeaderIgnoringCase) {
  const auto list = inviteHeaders();
  EXPECT_EQ(list.read("via", 2), "SIP/2.0/UDP b;branch=z9hG4bK2");
  EXPECT_EQ(list.read("X-PAIR", 1), "1");
  EXPECT_EQ(list.read("X-Pair", 2), "2");
  EXPECT_FALSE(list.read("X-Pair", 3));
  EXPECT_FALSE(list.read("Nope", 1));
}

TEST(SipHeaderList, StarPatternsMatchPrefixes) {
  const auto list = inviteHeaders();
  EXPECT_EQ(list.read("X-*", 3), "solo");
  EXPECT_EQ(list.read("*", 3), "<sip:alice@x>;tag=1");
  // Without the star the name must be whole.
  EXPECT_FALSE(list.read("X-", 1));
}

TEST(SipHeaderList, AddCreatesTheListAndAppends) {
  SipHeaderList list;
  EXPECT_FALSE(list.exists());
  EXPECT_FALSE(list.remove("X-A"));
  EXPECT_EQ(list.update("X-A", 1, "v"), SipHeaderList::UpdateResult::NoList);
  list.add("X-A", "1");
  list.add("X-B", "");
  EXPECT_TRUE(list.exists());
  EXPECT_EQ(list.headers(), (std::vector<SipHeader>{{"X-A", "1"}, {"X-B", ""}}));
}

TEST(SipHeaderList, UpdateTakesAnExactNameAndANumber) {
  SipHeaderList list;
  list.add("X-A", "1");
  list.add("X-A", "2");
  EXPECT_EQ(list.update("x-a", 2, "two"), SipHeaderList::UpdateResult::Updated);
  EXPECT_EQ(list.read("X-A", 2), "two");
  EXPECT_EQ(list.update("X-A", 3, "three"), SipHeaderList::UpdateResult::NoSuchHeader);
  EXPECT_EQ(list.update("X-*", 1, "star"), SipHeaderList::UpdateResult::NoSuchHeader);
}

TEST(SipHeaderList, RemoveCountsWhatWent) {
  auto list = inviteHeaders();
  EXPECT_EQ(list.remove("X-Pair"), 2u);
  EXPECT_EQ(list.remove("X-Pair"), 0u);
  EXPECT_EQ(list.remove("x-*"), 1u);
  EXPECT_EQ(list.remove("*"), 5u);
  EXPECT_TRUE(list.exists());
  EXPECT_TRUE(list.headers().empty());
}

TEST(SipHeaderList, PjsipNamesRepeatLongNamesAsAsteriskDoes) {
  const auto list = inviteHeaders();
  EXPECT_EQ(list.names("", HeaderNameList::Pjsip), "Via,Via,From,X-Pair,x-pair,X-Single,v");
  EXPECT_EQ(list.names("x-", HeaderNameList::Pjsip), "X-Pair,x-pair,X-Single");
  EXPECT_EQ(list.names("Nothing", HeaderNameList::Pjsip), "");
}

TEST(SipHeaderList, ChanSipNamesListEachNameOnceWithACaseSensitivePrefix) {
  const auto list = inviteHeaders();
  EXPECT_EQ(list.names("", HeaderNameList::ChanSip), "Via,From,X-Pair,x-pair,X-Single,v");
  EXPECT_EQ(list.names("*", HeaderNameList::ChanSip), "Via,From,X-Pair,x-pair,X-Single,v");
  EXPECT_EQ(list.names("X-", HeaderNameList::ChanSip), "X-Pair,X-Single");
  SipHeaderList suffixes;
  suffixes.assign({{"To", ""}, {"X-To", ""}, {"To", ""}});
  EXPECT_EQ(suffixes.names("", HeaderNameList::ChanSip), "To,X-To");
}

TEST(SipHeaderList, TakeEmptiesAndDropsTheList) {
  SipHeaderList list;
  list.add("X-A", "1");
  EXPECT_EQ(list.take(), (std::vector<SipHeader>{{"X-A", "1"}}));
  EXPECT_FALSE(list.exists());
  EXPECT_TRUE(list.headers().empty());
}

}  // namespace
}  // namespace sb::modules::pbx
