// chan_sip's SIPADDHEADER variables: slots, escapes, removal and the INVITE's headers.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "pbx_core/sip_header_printer.hpp"

#include "modules/pbx/sip_add_header.hpp"

namespace sb::modules::pbx {
namespace {

std::shared_ptr<Channel> makeChannel() {
  Channel::Identity identity;
  identity.name = "PJSIP/alice-00000001";
  identity.uniqueId = "1.1";
  return std::make_shared<Channel>(identity, nullptr, false);
}

/// What PbxService::setVariable stores for "__NAME": both forms.
void setInherited(Channel& channel, const std::string& name, const std::string& value) {
  channel.setVariable("__" + name, value);
  channel.storeVariable(name, value);
}

TEST(SipAddHeaderEscapes, DecodesAsAstGetEncodedStr) {
  std::string error;
  EXPECT_EQ(decodeEscapes("X-A: a\\tb\\x41\\x4a\\0101\\q", error), "X-A: a\tbAJAq");
  EXPECT_TRUE(error.empty());
  EXPECT_EQ(decodeEscapes("a\\x4", error), "a\x04");
  EXPECT_EQ(decodeEscapes("cut\\0here", error), "cut");
  EXPECT_EQ(decodeEscapes("tail\\", error), "tail");
  EXPECT_EQ(decodeEscapes("bad\\xZZ", error), "bad");
  EXPECT_EQ(error, "Illegal character 'Z' in hexadecimal string");
  error.clear();
  EXPECT_EQ(decodeEscapes("end\\x", error), "end");
  EXPECT_FALSE(error.empty());
}

TEST(SipAddHeaderSlots, FirstFreeUpToFiftyOne) {
  auto channel = makeChannel();
  EXPECT_EQ(freeSipAddHeaderSlot(*channel), "SIPADDHEADER01");
  setInherited(*channel, "SIPADDHEADER01", "X-A: 1");
  setInherited(*channel, "SIPADDHEADER03", "X-C: 3");
  EXPECT_EQ(freeSipAddHeaderSlot(*channel), "SIPADDHEADER02");
  for (int slot = 1; slot <= kMaxSipAddHeaders; ++slot) {
    setInherited(*channel, fmt::format("SIPADDHEADER{:02}", slot), "X: y");
  }
  EXPECT_FALSE(freeSipAddHeaderSlot(*channel));
}

TEST(SipAddHeaderRemoval, ByValuePrefixOrAll) {
  auto channel = makeChannel();
  setInherited(*channel, "SIPADDHEADER01", "P-Asserted-Identity: <sip:a@b>");
  setInherited(*channel, "SIPADDHEADER02", "P-Preferred-Identity: <sip:b@a>");
  setInherited(*channel, "SIPADDHEADER03", "X-Other: 1");
  EXPECT_EQ(removeSipAddHeaders(*channel, "p-asserted-identity:"), 1u);
  EXPECT_FALSE(channel->variable("SIPADDHEADER01"));
  EXPECT_FALSE(channel->variable("__SIPADDHEADER01"));
  EXPECT_EQ(removeSipAddHeaders(*channel, "P-"), 1u);
  EXPECT_EQ(removeSipAddHeaders(*channel, ""), 1u);
  EXPECT_TRUE(channel->variables().empty());
}

TEST(SipAddHeaderInvite, NewestFirstParsedAsChanSip) {
  auto channel = makeChannel();
  channel->setVariable("OTHER", "x");
  setInherited(*channel, "SIPADDHEADER01", "X-First: one");
  setInherited(*channel, "SIPADDHEADER02", "\"X-Quoted:   two\"");
  setInherited(*channel, "SIPADDHEADER03", "no colon here");
  channel->setVariable("SIPADDHEADER_custom", "X-Custom : three");
  EXPECT_EQ(
      sipAddHeaders(*channel),
      (std::vector<SipHeader>{{"X-Custom", "three"}, {"X-Quoted", "two"}, {"X-First", "one"}}));
  // Setting a variable again makes it the newest.
  setInherited(*channel, "SIPADDHEADER01", "X-First: again");
  EXPECT_EQ(sipAddHeaders(*channel).front(), (SipHeader{"X-First", "again"}));
}

TEST(ChannelVariables, NewestFirstAndRemoval) {
  auto channel = makeChannel();
  channel->setVariable("A", "1");
  channel->setVariable("B", "2");
  channel->storeVariable("C", "3");
  channel->setVariable("A", "4");
  const auto ordered = channel->variablesNewestFirst();
  ASSERT_EQ(ordered.size(), 3u);
  EXPECT_EQ(ordered[0], std::make_pair(std::string("A"), std::string("4")));
  EXPECT_EQ(ordered[1].first, "C");
  EXPECT_EQ(ordered[2].first, "B");
  EXPECT_TRUE(channel->removeVariable("C"));
  EXPECT_FALSE(channel->removeVariable("C"));
  EXPECT_EQ(channel->variablesNewestFirst().size(), 2u);
}

}  // namespace
}  // namespace sb::modules::pbx
