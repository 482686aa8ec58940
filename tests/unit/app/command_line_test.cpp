#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/command_line.hpp"
#include "app/main_config.hpp"

namespace sb::app {
namespace {

std::optional<CommandLine> parse(std::vector<std::string> words, std::string* error = nullptr) {
  std::vector<char*> argv;
  static std::string program = "switchboard";
  argv.push_back(program.data());
  for (auto& word : words) {
    argv.push_back(word.data());
  }
  argv.push_back(nullptr);
  std::string ignored;
  return parseCommandLine(static_cast<int>(argv.size() - 1), argv.data(), error ? *error : ignored);
}

TEST(CommandLine, AsterisksCombinedSwitches) {
  auto line = parse({"-rx", "core show version"});
  ASSERT_TRUE(line);
  EXPECT_TRUE(line->remote);
  EXPECT_EQ(line->execute, "core show version");

  auto console = parse({"-cvvvdd", "-C", "/etc/x.conf"});
  ASSERT_TRUE(console);
  EXPECT_TRUE(console->console);
  EXPECT_TRUE(console->foreground);
  EXPECT_EQ(console->verbose, 3);
  EXPECT_EQ(console->debug, 2);
  EXPECT_EQ(console->mainConfig, "/etc/x.conf");

  auto compat = parse({"-f", "-n", "-g", "-m", "-q"});
  ASSERT_TRUE(compat);
  EXPECT_TRUE(compat->foreground);
  EXPECT_TRUE(compat->quiet);

  auto check = parse({"--check-config"});
  ASSERT_TRUE(check);
  EXPECT_TRUE(check->checkConfig);
}

TEST(CommandLine, XAloneImpliesRemote) {
  auto line = parse({"-x", "help"});
  ASSERT_TRUE(line);
  EXPECT_TRUE(line->remote);
}

TEST(CommandLine, ErrorsAreExplained) {
  std::string error;
  EXPECT_FALSE(parse({"-C"}, &error));
  EXPECT_EQ(error, "option -C needs an argument");
  EXPECT_FALSE(parse({"-Z"}, &error));
  EXPECT_EQ(error, "unknown option -Z");
  EXPECT_FALSE(parse({"stray"}, &error));
  EXPECT_EQ(error, "unexpected argument 'stray'");
}

TEST(MainConfig, ResolvesFoldersRelativeToTheFile) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("sb-main-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "etc");
  std::ofstream(dir / "etc" / "asterisk.conf")
      << "[directories]\n"
         "astetcdir => /srv/etc\n"
         "astlogdir => ../log\n"
         "astrundir => /run/sb\n"
         "[options]\nverbose = 4\nsystemname = pbx1\nmaxcalls = 10\nwhat = 1\n";
  auto config = loadMainConfig(dir / "etc" / "asterisk.conf");
  EXPECT_TRUE(config.found);
  EXPECT_EQ(config.paths.log, dir / "log");
  EXPECT_EQ(config.paths.run, "/run/sb");
  EXPECT_EQ(config.paths.etc, "/srv/etc");
  EXPECT_EQ(config.verbose, 4);
  EXPECT_EQ(config.systemName, "pbx1");
  ASSERT_EQ(config.diagnostics.size(), 1u);
  EXPECT_EQ(config.diagnostics[0].str(),
            "asterisk.conf:9: warning: unknown [options] option 'what'");
  EXPECT_EQ(config.paths.controlSocket(), "/run/sb/switchboard.ctl");
  std::filesystem::remove_all(dir);
}

TEST(MainConfig, MissingFileMeansDefaults) {
  auto config = loadMainConfig("/nonexistent/switchboard.conf");
  EXPECT_FALSE(config.found);
  EXPECT_EQ(config.paths.etc, "/nonexistent");
  EXPECT_EQ(config.paths.run, "/var/run/switchboard");
}

}  // namespace
}  // namespace sb::app
