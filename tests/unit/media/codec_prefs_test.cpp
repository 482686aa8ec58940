#include <gtest/gtest.h>

#include "media/codec/codec_prefs.hpp"

namespace sb::media {
namespace {

using Lines = std::vector<std::pair<bool, std::string>>;

std::vector<std::string> names(const CodecPrefs& p) {
  std::vector<std::string> out;
  for (const CodecPref& c : p.codecs())
    out.emplace_back(c.codec->name);
  return out;
}

TEST(CodecPrefs, NoLinesAllowsNothing) {
  CodecPrefs p = CodecPrefs::parse({});
  EXPECT_TRUE(p.empty());
  EXPECT_EQ(p.str(), "(nothing)");
}

TEST(CodecPrefs, KeepsAllowOrder) {
  CodecPrefs p = CodecPrefs::parse({{false, "all"}, {true, "alaw,ulaw"}, {true, "g722"}});
  EXPECT_EQ(names(p), (std::vector<std::string>{"alaw", "ulaw", "g722"}));
  EXPECT_EQ(p.str(), "(alaw|ulaw|g722)");
  EXPECT_TRUE(p.allows(*findCodec("ulaw")));
  EXPECT_FALSE(p.allows(*findCodec("gsm")));
}

TEST(CodecPrefs, AlreadyAllowedKeepsItsPlace) {
  CodecPrefs p = CodecPrefs::parse({{true, "ulaw,alaw"}, {true, "gsm, ulaw"}});
  EXPECT_EQ(names(p), (std::vector<std::string>{"ulaw", "alaw", "gsm"}));
}

TEST(CodecPrefs, DisallowRemoves) {
  CodecPrefs p = CodecPrefs::parse({{true, "ulaw,alaw,gsm"}, {false, "alaw"}});
  EXPECT_EQ(names(p), (std::vector<std::string>{"ulaw", "gsm"}));
  p = CodecPrefs::parse({{true, "ulaw,alaw"}, {false, "all"}, {true, "g722"}});
  EXPECT_EQ(names(p), (std::vector<std::string>{"g722"}));
}

TEST(CodecPrefs, BangInvertsTheVerb) {
  CodecPrefs p = CodecPrefs::parse({{true, "ulaw,alaw,!ulaw,gsm"}});
  EXPECT_EQ(names(p), (std::vector<std::string>{"alaw", "gsm"}));
  p = CodecPrefs::parse({{true, "ulaw"}, {true, "!all,alaw"}});
  EXPECT_EQ(names(p), (std::vector<std::string>{"alaw"}));
  p = CodecPrefs::parse({{false, "!g729"}});
  EXPECT_EQ(names(p), (std::vector<std::string>{"g729"}));
}

TEST(CodecPrefs, AllAddsEveryCodecInRegistrationOrder) {
  CodecPrefs p = CodecPrefs::parse({{true, "opus,all"}});
  ASSERT_EQ(p.codecs().size(), allCodecs().size());
  EXPECT_EQ(p.codecs()[0].codec->name, "opus");
  EXPECT_EQ(p.codecs()[1].codec->name, "g723");
  EXPECT_EQ(p.codecs(MediaKind::Video).front().codec->name, "h261");
  EXPECT_EQ(p.sdpCodecs("audio").front().codec->name, "opus");
  for (const CodecPref& c : p.sdpCodecs("audio"))
    EXPECT_TRUE(c.codec->inSdp());
}

TEST(CodecPrefs, UnknownCodecIsReportedAndSkipped) {
  std::vector<std::string> errors;
  CodecPrefs p = CodecPrefs::parse({{true, "ulaw,xyz"}, {false, "bogus"}}, &errors);
  EXPECT_EQ(names(p), (std::vector<std::string>{"ulaw"}));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], "Cannot allow unknown format 'xyz'");
  EXPECT_EQ(errors[1], "Cannot disallow unknown format 'bogus'");
}

TEST(CodecPrefs, FramingSuffix) {
  std::vector<std::string> errors;
  CodecPrefs p = CodecPrefs::parse({{true, "ulaw:30|alaw"}, {true, "gsm:x"}}, &errors);
  ASSERT_EQ(names(p), (std::vector<std::string>{"ulaw", "alaw"}));
  EXPECT_EQ(p.codecs()[0].framingMs, 30u);
  EXPECT_EQ(p.codecs()[0].effectiveFramingMs(), 30u);
  EXPECT_EQ(p.codecs()[1].effectiveFramingMs(), 20u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("gsm"), std::string::npos);
}

TEST(CodecPrefs, CaseAndBlanksAreIgnored) {
  CodecPrefs p = CodecPrefs::parse({{true, " ULaw , G722 ,"}});
  EXPECT_EQ(names(p), (std::vector<std::string>{"ulaw", "g722"}));
}

TEST(CodecPrefs, ParenthesizedListReplaces) {
  CodecPrefs p = CodecPrefs::parse({{true, "gsm"}, {true, "(ulaw|alaw)"}});
  EXPECT_EQ(names(p), (std::vector<std::string>{"ulaw", "alaw"}));
  EXPECT_EQ(CodecPrefs::parse({{true, p.str()}}), p);
}

TEST(CodecPrefs, ReplaceKindSwapsOneMediaKindOnly) {
  auto prefs = CodecPrefs::fromAllow("ulaw,h264,alaw");
  prefs.replaceKind(MediaKind::Audio, CodecPrefs::fromAllow("g722,vp8,ulaw"));
  EXPECT_EQ(prefs.str(), "(h264|g722|ulaw)");
  prefs.replaceKind(MediaKind::Video, CodecPrefs{});
  EXPECT_EQ(prefs.str(), "(g722|ulaw)");
}

}  // namespace
}  // namespace sb::media
