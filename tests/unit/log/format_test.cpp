#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/log/format.hpp"
#include "core/log/logger_config.hpp"

namespace sb::log {
namespace {

Record sample(Level level, int verbosity = 0) {
  Record record;
  record.level = level;
  record.verbosity = verbosity;
  record.when = std::chrono::system_clock::from_time_t(0);
  record.file = "/some/where/src/thing.cpp";
  record.line = 42;
  record.function = "doIt";
  record.thread = 1234;
  record.message = "hello";
  return record;
}

TEST(LogFormat, DefaultLayoutIsAsterisks) {
  const std::string line = formatDefault(sample(Level::Warning), "[%Y]");
  EXPECT_EQ(line.substr(line.find(']') + 1), "] WARNING[1234]: thing.cpp:42 doIt: hello\n");
}

TEST(LogFormat, PlainLayoutHasNoSourcePosition) {
  const std::string line = formatPlain(sample(Level::Error), "X");
  EXPECT_EQ(line, "[X] ERROR[1234]: hello\n");
}

TEST(LogFormat, ConsoleVerboseMarkers) {
  EXPECT_EQ(formatConsole(sample(Level::Verbose, 1), ""), "hello\n");
  EXPECT_EQ(formatConsole(sample(Level::Verbose, 2), ""), "  == hello\n");
  EXPECT_EQ(formatConsole(sample(Level::Verbose, 3), ""), "    -- hello\n");
  EXPECT_EQ(formatConsole(sample(Level::Verbose, 5), ""), "       > hello\n");
}

TEST(LogFormat, JsonCarriesSecurityFields) {
  auto record = sample(Level::Security);
  record.message = "";
  record.fields = {{"SecurityEvent", "InvalidPassword"}, {"AccountID", "6001"}};
  auto parsed = nlohmann::json::parse(formatJson(record, "pbx"));
  EXPECT_EQ(parsed["hostname"], "pbx");
  EXPECT_EQ(parsed["level"], "SECURITY");
  EXPECT_EQ(parsed["fields"]["SecurityEvent"], "InvalidPassword");
  EXPECT_EQ(parsed["fields"]["AccountID"], "6001");
  EXPECT_EQ(formatPlain(record, "X"),
            "[X] SECURITY[1234]: SecurityEvent=\"InvalidPassword\",AccountID=\"6001\"\n");
}

TEST(LoggerConfig, ParsesChannelsFormatsAndLevels) {
  auto parsed = config::parseConfigText("logger.conf",
                                        "[general]\ndateformat=%F\n[logfiles]\nconsole => "
                                        "notice,verbose(2)\nsec => [json]security\nall => *\n",
                                        {});
  auto built = buildLoggerConfig(parsed.file, "/var/log/x");
  EXPECT_TRUE(built.diagnostics.empty());
  ASSERT_EQ(built.config.channels.size(), 3u);
  const auto& console = built.config.channels[0];
  EXPECT_TRUE(console.isConsole());
  EXPECT_TRUE(console.has(Level::Notice));
  EXPECT_TRUE(console.has(Level::Verbose));
  EXPECT_FALSE(console.has(Level::Error));
  EXPECT_EQ(console.verboseLimit, 2);
  EXPECT_EQ(built.config.channels[1].format, Format::Json);
  EXPECT_TRUE(built.config.channels[1].has(Level::Security));
  EXPECT_TRUE(built.config.channels[2].has(Level::Dtmf));
  EXPECT_EQ(built.config.dateFormat, "%F");
}

TEST(LoggerConfig, ReportsBadLevelsAndFormatsWithLocation) {
  auto parsed = config::parseConfigText("logger.conf",
                                        "[logfiles]\na => [xml]notice\nb => notice,shouty\n", {});
  auto built = buildLoggerConfig(parsed.file, "/tmp");
  ASSERT_EQ(built.diagnostics.size(), 2u);
  EXPECT_EQ(built.diagnostics[0].where.str(), "logger.conf:2");
  EXPECT_NE(built.diagnostics[0].message.find("unknown log format 'xml'"), std::string::npos);
  EXPECT_EQ(built.diagnostics[1].where.str(), "logger.conf:3");
  EXPECT_NE(built.diagnostics[1].message.find("unknown log level 'shouty'"), std::string::npos);
}

TEST(LoggerConfig, WithoutLogfilesUsesAsterisksStockChannels) {
  auto parsed = config::parseConfigText("logger.conf", "[general]\n", {});
  auto built = buildLoggerConfig(parsed.file, "/tmp");
  ASSERT_EQ(built.config.channels.size(), 2u);
  EXPECT_EQ(built.config.channels[1].name, "messages");
}

TEST(Levels, NamesRoundTrip) {
  for (auto name : {"debug", "notice", "warning", "error", "verbose", "dtmf", "security"}) {
    auto level = parseLevel(name);
    ASSERT_TRUE(level) << name;
    EXPECT_EQ(levelName(*level), name);
  }
  EXPECT_EQ(parseLevel("NOTICE"), Level::Notice);
  EXPECT_FALSE(parseLevel("loud"));
}

}  // namespace
}  // namespace sb::log
