#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/config/config_file.hpp"
#include "pbx/features/feature_matcher.hpp"
#include "pbx/features/features_config.hpp"

namespace sb::pbx {
namespace {

using Outcome = FeatureMatcher::Outcome;

struct Parsed {
  FeaturesConfig config;
  std::vector<config::Diagnostic> diagnostics;
};

Parsed parse(const std::string& text) {
  config::ReaderOptions options;
  options.configDir = "/etc/asterisk";
  options.readFile = [](const std::filesystem::path&) { return std::nullopt; };
  const config::ParseResult result = config::parseConfigText("features.conf", text, options);
  EXPECT_TRUE(result.ok());
  Parsed parsed;
  parsed.config = parseFeaturesConf(result.file, parsed.diagnostics);
  return parsed;
}

FeatureMatcher transferAndDisconnect() {
  return FeatureMatcher({{"blindxfer", "#1"}, {"disconnect", "*0"}, {"atxfer", ""}});
}

TEST(FeaturesConfig, DefaultsAreAsterisksBuiltInOnes) {
  const Parsed parsed = parse("");
  EXPECT_EQ(parsed.config.blindXfer, "#");
  EXPECT_EQ(parsed.config.disconnect, "*");
  EXPECT_EQ(parsed.config.atxfer, "");
  EXPECT_EQ(parsed.config.featureDigitTimeout.count(), 1000);
  EXPECT_EQ(parsed.config.transferDigitTimeout, 3u);
  EXPECT_EQ(parsed.config.transferDialAttempts, 3u);
  EXPECT_EQ(parsed.config.transferAnnounceSound, "pbx-transfer");
  EXPECT_EQ(parsed.config.transferRetrySound, "pbx-invalid");
  EXPECT_EQ(parsed.config.transferInvalidSound, "privacy-incorrect");
  EXPECT_EQ(parsed.config.atxferComplete, "*2");
  EXPECT_EQ(parsed.config.pickupExten, "*8");
  EXPECT_TRUE(parsed.diagnostics.empty());
}

TEST(FeaturesConfig, ReadsGeneralAndFeaturemap) {
  const Parsed parsed = parse(
      "[general]\nfeaturedigittimeout = 1500\nTransferDigitTimeout = 5\nxfersound = ding\n"
      "atxferdropcall = yes\ntransferannouncesound =\n"
      "[featuremap]\nblindxfer => #1\ndisconnect => *0\natxfer => *2\nparkcall => #72\n");
  EXPECT_EQ(parsed.config.featureDigitTimeout.count(), 1500);
  EXPECT_EQ(parsed.config.transferDigitTimeout, 5u);
  EXPECT_EQ(parsed.config.xferSound, "ding");
  EXPECT_TRUE(parsed.config.atxferDropCall);
  EXPECT_EQ(parsed.config.transferAnnounceSound, "");
  EXPECT_EQ(parsed.config.blindXfer, "#1");
  EXPECT_EQ(parsed.config.disconnect, "*0");
  EXPECT_EQ(parsed.config.atxfer, "*2");
  EXPECT_EQ(parsed.config.parkCall, "#72");
  EXPECT_TRUE(parsed.diagnostics.empty());
}

TEST(FeaturesConfig, BadValuesKeepTheDefaultAndNameTheLine) {
  const Parsed parsed = parse(
      "[general]\nfeaturedigittimeout = soon\nnosuchoption = 1\n[featuremap]\nblindxfer = #x\n"
      "[applicationmap]\nmonkeys => *9,peer,Playback,tt-monkeys\n");
  EXPECT_EQ(parsed.config.featureDigitTimeout.count(), 1000);
  EXPECT_EQ(parsed.config.blindXfer, "#");
  ASSERT_EQ(parsed.diagnostics.size(), 4u);
  EXPECT_EQ(parsed.diagnostics[0].where.line, 2);
  EXPECT_NE(parsed.diagnostics[0].message.find("featuredigittimeout"), std::string::npos);
  EXPECT_EQ(parsed.diagnostics[1].where.line, 3);
  EXPECT_NE(parsed.diagnostics[1].message.find("unknown option 'nosuchoption'"), std::string::npos);
  EXPECT_EQ(parsed.diagnostics[2].where.line, 5);
  EXPECT_EQ(parsed.diagnostics[3].where.line, 6);
  EXPECT_NE(parsed.diagnostics[3].message.find("[applicationmap]"), std::string::npos);
}

TEST(FeaturesConfig, FeaturesShowHasAsterisksLayout) {
  FeaturesConfig config;
  config.blindXfer = "#1";
  const std::string out = formatFeaturesShow(config);
  EXPECT_TRUE(
      out.starts_with("Builtin Feature           Default Current\n"
                      "---------------           ------- -------\n"
                      "Pickup                    *8      *8     \n"))
      << out;
  EXPECT_NE(out.find("Blind Transfer            #       #1     \n"), std::string::npos);
  EXPECT_NE(out.find("Attended Transfer                        \n"), std::string::npos);
  EXPECT_NE(out.find("\nFeature Groups:\n---------------\n(none)\n"), std::string::npos);
}

TEST(FeatureMatcher, ACompleteCodeTriggers) {
  auto matcher = transferAndDisconnect();
  EXPECT_EQ(matcher.feed('#').outcome, Outcome::Withhold);
  EXPECT_TRUE(matcher.pending());
  const auto step = matcher.feed('1');
  EXPECT_EQ(step.outcome, Outcome::Trigger);
  EXPECT_EQ(step.feature, "blindxfer");
  EXPECT_FALSE(matcher.pending());
}

TEST(FeatureMatcher, DigitsThatCannotBecomeACodePassTogether) {
  auto matcher = transferAndDisconnect();
  EXPECT_EQ(matcher.feed('5').digits, "5");
  EXPECT_EQ(matcher.feed('#').outcome, Outcome::Withhold);
  const auto step = matcher.feed('2');
  EXPECT_EQ(step.outcome, Outcome::Pass);
  EXPECT_EQ(step.digits, "#2");
  EXPECT_FALSE(matcher.pending());
  // A code's second digit alone is nothing.
  EXPECT_EQ(matcher.feed('1').digits, "1");
}

TEST(FeatureMatcher, TimeoutPassesAnUnfinishedCode) {
  auto matcher = transferAndDisconnect();
  matcher.feed('*');
  const auto step = matcher.timeout();
  EXPECT_EQ(step.outcome, Outcome::Pass);
  EXPECT_EQ(step.digits, "*");
  EXPECT_FALSE(matcher.pending());
}

TEST(FeatureMatcher, ACodeThatBeginsALongerOneWaitsForTheTimeout) {
  FeatureMatcher matcher({{"blindxfer", "#"}, {"atxfer", "#2"}});
  EXPECT_EQ(matcher.feed('#').outcome, Outcome::Withhold);
  const auto step = matcher.timeout();
  EXPECT_EQ(step.outcome, Outcome::Trigger);
  EXPECT_EQ(step.feature, "blindxfer");
  matcher.feed('#');
  EXPECT_EQ(matcher.feed('2').feature, "atxfer");
}

TEST(FeatureMatcher, CodesWithoutDigitsAreLeftOut) {
  const std::vector<FeatureMatcher::Code> codes{{"atxfer", ""}};
  EXPECT_TRUE(FeatureMatcher(codes).empty());
  FeatureMatcher none(codes);
  EXPECT_EQ(none.feed('*').outcome, Outcome::Pass);
}

}  // namespace
}  // namespace sb::pbx
