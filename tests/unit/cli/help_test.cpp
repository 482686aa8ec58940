#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace sb::cli {
namespace {

using test::say;

class Help : public ::testing::Test {
 protected:
  void SetUp() override {
    add({"core show version", "Display version info", "", say(""), {}});
    add({"core set verbose <level:uint>", "Set level of verbose chattiness", "", say(""), {}});
    add({"Config show [<file>]", "Show configuration", "", say(""), {}});
    add({"core stop {now|gracefully}", "Shut down", "", say(""), {}});
    add({"module show [like <pattern>]",
         "List modules and info",
         "Usage: module show [like keyword]\n       Shows Switchboard modules.\n",
         say(""),
         {}});
    add({"pjsip show endpoint <id>", "", "", say(""), {}});
    add({"a very long command name that overflows", "Long", "", say(""), {}});
    add({"_internal command", "Hidden", "", say(""), {}});
  }
  void add(CommandSpec spec) { regs_.add(registry_.add(std::move(spec))); }

  CommandRegistry registry_;
  Registrations regs_;
};

TEST_F(Help, ListsEverythingInAsteriskFormat) {
  EXPECT_EQ(registry_.help(""),
            "a very long command name that overflows -- Long\n"
            "Config show                    -- Show configuration\n"
            "core set verbose               -- Set level of verbose chattiness\n"
            "core show version              -- Display version info\n"
            "core stop {now|gracefully}     -- Shut down\n"
            "module show                    -- List modules and info\n"
            "pjsip show endpoint            -- <no description available>\n");
}

TEST_F(Help, PrefixSelectsCommands) {
  EXPECT_EQ(registry_.help("core"),
            "core set verbose               -- Set level of verbose chattiness\n"
            "core show version              -- Display version info\n"
            "core stop {now|gracefully}     -- Shut down\n");
  EXPECT_EQ(registry_.help("CORE S"), registry_.help("core"));
  EXPECT_EQ(registry_.help("core sh"), "core show version              -- Display version info\n");
  EXPECT_EQ(registry_.help("co"), registry_.help("config") + registry_.help("core"));
  EXPECT_EQ(registry_.help("core show"),
            "core show version              -- Display version info\n");
}

TEST_F(Help, ExactCommandGivesUsage) {
  EXPECT_EQ(registry_.help("core show version"),
            "Usage: core show version\n       Display version info\n");
  EXPECT_EQ(registry_.help("  CORE  show  Version "), registry_.help("core show version"));
  EXPECT_EQ(registry_.help("module show"),
            "Usage: module show [like keyword]\n       Shows Switchboard modules.\n");
  EXPECT_EQ(registry_.help("core set verbose"),
            "Usage: core set verbose <level:uint>\n       Set level of verbose chattiness\n");
  EXPECT_EQ(registry_.help("pjsip show endpoint"), "Usage: pjsip show endpoint <id>\n");
  EXPECT_EQ(registry_.help("core stop now"),
            "Usage: core stop {now|gracefully}\n       Shut down\n");
}

TEST_F(Help, HiddenCommandsOnlyByExactName) {
  EXPECT_EQ(registry_.help("_"), "");
  EXPECT_EQ(registry_.help("_internal command"), "Usage: _internal command\n       Hidden\n");
}

TEST_F(Help, NothingMatches) {
  EXPECT_EQ(registry_.help("foo"), "");
  EXPECT_EQ(registry_.help("core show version extra"), "");
  EXPECT_EQ(registry_.help("pjsip show endpoint alice"), "");
}

TEST_F(Help, ListIsSortedAndComplete) {
  const auto info = registry_.list();
  ASSERT_EQ(info.size(), 8u);
  EXPECT_EQ(info[0].command, "_internal command");
  EXPECT_EQ(info[1].command, "a very long command name that overflows");
  EXPECT_EQ(info[2].command, "Config show");
  EXPECT_EQ(info[2].syntax, "Config show [<file>]");
  EXPECT_EQ(info[2].usage, "Usage: Config show [<file>]\n       Show configuration\n");
  EXPECT_EQ(info[3].command, "core set verbose");
  EXPECT_EQ(info[3].synopsis, "Set level of verbose chattiness");
  EXPECT_EQ(info[6].usage,
            "Usage: module show [like keyword]\n       Shows Switchboard modules.\n");
  EXPECT_EQ(info[7].command, "pjsip show endpoint");
}

}  // namespace
}  // namespace sb::cli
