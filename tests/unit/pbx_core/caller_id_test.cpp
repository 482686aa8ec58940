// Caller id presentation and the CALLERID()/CONNECTEDLINE() items (func_callerid's rules).
#include "modules/pbx/caller_id.hpp"

#include <gtest/gtest.h>

namespace sb::modules::pbx {
namespace {

TEST(CallerPresentation, NamesAndDescriptionsFromAsterisksTable) {
  EXPECT_EQ(parseCallerPresentation("allowed_not_screened"), 0);
  EXPECT_EQ(parseCallerPresentation("PROHIB"), 0x23);
  EXPECT_EQ(parseCallerPresentation("unavailable"), 0x43);  // the first row of the name
  EXPECT_EQ(parseCallerPresentation("nonsense"), -1);
  EXPECT_EQ(describeCallerPresentation(0), "Presentation Allowed, Not Screened");
  EXPECT_EQ(describeCallerPresentation(0x21), "Presentation Prohibited, Passed Screen");
  EXPECT_EQ(describeCallerPresentation(0x41), "Number Unavailable");
  EXPECT_EQ(describeCallerPresentation(7), "unknown");
  EXPECT_EQ(namedCallerPresentation(0x03), "allowed");
  EXPECT_EQ(namedCallerPresentation(0x99), "unknown");
}

TEST(CallerPresentation, CombinesNameAndNumberAsAstPartyIdPresentation) {
  PartyId id;
  EXPECT_EQ(partyPresentation(id), 0x43);  // nothing given: Number Unavailable
  id.number = "100";
  EXPECT_EQ(partyPresentation(id), 0);
  id.numberPresentation = 0x01;  // allowed, passed screen: the screening comes along
  EXPECT_EQ(partyPresentation(id), 0x01);
  id.name = "Alice";
  id.namePresentation = 0x20;  // a restricted name beats an allowed number
  EXPECT_EQ(partyPresentation(id), 0x21);
  id.number.clear();
  EXPECT_EQ(partyPresentation(id), 0x20);
}

TEST(PartyItems, ReadAsCalleridDoes) {
  PartyId id{"Alice", "100", 0x20, 0};
  EXPECT_EQ(readPartyItem(id, "name"), "Alice");
  EXPECT_EQ(readPartyItem(id, "num"), "100");
  EXPECT_EQ(readPartyItem(id, "NUMBER"), "100");
  EXPECT_EQ(readPartyItem(id, "all"), "\"Alice\" <100>");
  EXPECT_EQ(readPartyItem(id, "pres"), "prohib_not_screened");
  EXPECT_EQ(readPartyItem(id, "name-pres"), "prohib_not_screened");
  EXPECT_EQ(readPartyItem(id, "num-presentation"), "allowed_not_screened");
  EXPECT_EQ(readPartyItem(id, "num-valid"), "1");
  EXPECT_EQ(readPartyItem(PartyId{}, "all"), "\"\" <>");
  EXPECT_EQ(readPartyItem(id, "colour"), std::nullopt);
  EXPECT_EQ(readPartyItem(id, "name-colour"), std::nullopt);
}

TEST(PartyItems, WriteAsCalleridDoes) {
  PartyId id;
  std::string error;
  EXPECT_EQ(writePartyItem(id, "num", "  200  ", error), PartyWrite::Valid);
  EXPECT_EQ(id.number, "200");
  EXPECT_EQ(writePartyItem(id, "name", "Bob ", error), PartyWrite::Valid);
  EXPECT_EQ(id.name, "Bob");
  EXPECT_EQ(writePartyItem(id, "all", "\"Carol C\" <(555) 123-4567>", error), PartyWrite::Valid);
  EXPECT_EQ(id.name, "Carol C");
  EXPECT_EQ(id.number, "5551234567");
  EXPECT_EQ(writePartyItem(id, "all", "300", error), PartyWrite::Valid);
  EXPECT_EQ(id.name, "");
  EXPECT_EQ(id.number, "300");
  EXPECT_EQ(writePartyItem(id, "pres", "prohib", error), PartyWrite::Valid);
  EXPECT_EQ(id.namePresentation, 0x23);
  EXPECT_EQ(id.numberPresentation, 0x23);
  EXPECT_EQ(writePartyItem(id, "num-pres", "1", error), PartyWrite::Valid);
  EXPECT_EQ(id.numberPresentation, 1);

  EXPECT_EQ(writePartyItem(id, "pres", "sometimes", error), PartyWrite::Invalid);
  EXPECT_EQ(error, "Unknown combined presentation 'sometimes', value unchanged");
  EXPECT_EQ(writePartyItem(id, "name-pres", "x", error), PartyWrite::Invalid);
  EXPECT_EQ(error, "Unknown name presentation 'x', value unchanged");
  EXPECT_EQ(id.namePresentation, 0x23);
  EXPECT_EQ(writePartyItem(id, "colour", "red", error), PartyWrite::Unknown);
}

}  // namespace
}  // namespace sb::modules::pbx
