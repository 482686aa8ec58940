#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/config/config_file.hpp"
#include "media/rtp/rtp_settings.hpp"

namespace sb::media {
namespace {

struct Parsed {
  RtpSettings settings;
  std::vector<config::Diagnostic> diagnostics;
};

Parsed parse(const std::string& text) {
  config::ReaderOptions options;
  options.configDir = "/etc/asterisk";
  options.readFile = [](const std::filesystem::path&) { return std::nullopt; };
  const config::ParseResult result = config::parseConfigText("rtp.conf", text, options);
  EXPECT_TRUE(result.ok());
  Parsed parsed;
  parsed.settings = parseRtpConf(result.file, parsed.diagnostics);
  return parsed;
}

TEST(RtpSettings, DefaultsMatchAsterisk) {
  const Parsed parsed = parse("");
  EXPECT_EQ(parsed.settings.start, 5000);
  EXPECT_EQ(parsed.settings.end, 31000);
  EXPECT_TRUE(parsed.settings.strictRtp);
  EXPECT_EQ(parsed.settings.probation, 4u);
  EXPECT_TRUE(parsed.settings.checksums);
  EXPECT_EQ(parsed.settings.dtmfTimeout, 1200u);
  EXPECT_TRUE(parsed.diagnostics.empty());
}

TEST(RtpSettings, ReadsTheGeneralSection) {
  const Parsed parsed = parse(
      "[general]\n"
      "rtpstart=10000\n"
      "rtpend=20000\n"
      "strictrtp=no\n"
      "probation=8\n"
      "rtpchecksums=no\n"
      "dtmftimeout=3000\n"
      "icesupport=yes\n"
      "stunaddr=stun.example.com\n");
  EXPECT_EQ(parsed.settings.start, 10000);
  EXPECT_EQ(parsed.settings.end, 20000);
  EXPECT_FALSE(parsed.settings.strictRtp);
  EXPECT_EQ(parsed.settings.probation, 8u);
  EXPECT_FALSE(parsed.settings.checksums);
  EXPECT_EQ(parsed.settings.dtmfTimeout, 3000u);
  EXPECT_TRUE(parsed.diagnostics.empty()) << parsed.diagnostics.front().str();
}

TEST(RtpSettings, SeqnoIsStrictAndOddStartIsMadeEven) {
  const Parsed parsed = parse("[general]\nrtpstart=10001\nrtpend=10010\nstrictrtp=seqno\n");
  EXPECT_EQ(parsed.settings.start, 10002);
  EXPECT_TRUE(parsed.settings.strictRtp);
  EXPECT_TRUE(parsed.settings.strictSeqno);
  ASSERT_EQ(parsed.diagnostics.size(), 1u);  // Asterisk warns about the odd start too
  EXPECT_EQ(parsed.diagnostics[0].where.line, 2);
}

TEST(RtpSettings, StartNotBelowEndKeepsTheDefaultsWithFileAndLine) {
  const Parsed parsed = parse("[general]\nrtpstart=20000\nrtpend=10000\n");
  EXPECT_EQ(parsed.settings.start, 5000);
  EXPECT_EQ(parsed.settings.end, 31000);
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].where.file, "rtp.conf");
  EXPECT_EQ(parsed.diagnostics[0].where.line, 3);
  EXPECT_NE(parsed.diagnostics[0].message.find("rtpstart"), std::string::npos);
}

TEST(RtpSettings, BadValuesWarnAndKeepDefaults) {
  const Parsed parsed = parse(
      "[general]\n"
      "rtpstart=abc\n"       // 2
      "rtpend=70000\n"       // 3: clamped to 65535
      "strictrtp=maybe\n"    // 4
      "probation=1\n"        // 5
      "rtpchecksums=sure\n"  // 6
      "dtmftimeout=-5\n");   // 7
  EXPECT_EQ(parsed.settings.start, 5000);
  EXPECT_EQ(parsed.settings.end, 65535);
  EXPECT_FALSE(parsed.settings.strictRtp);  // Asterisk: not true and not seqno means no
  EXPECT_EQ(parsed.settings.probation, 4u);
  EXPECT_TRUE(parsed.settings.checksums);
  EXPECT_EQ(parsed.settings.dtmfTimeout, 1200u);
  std::vector<int> lines;
  for (const config::Diagnostic& diagnostic : parsed.diagnostics) {
    EXPECT_EQ(diagnostic.severity, config::Diagnostic::Severity::Warning);
    EXPECT_EQ(diagnostic.where.file, "rtp.conf");
    lines.push_back(diagnostic.where.line);
  }
  EXPECT_EQ(lines, (std::vector<int>{2, 3, 4, 5, 6, 7}));
}

TEST(RtpSettings, LowPortsAreRaisedTo1024) {
  const Parsed parsed = parse("[general]\nrtpstart=100\nrtpend=2000\n");
  EXPECT_EQ(parsed.settings.start, 1024);
  EXPECT_EQ(parsed.settings.end, 2000);
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].where.line, 2);
}

}  // namespace
}  // namespace sb::media
