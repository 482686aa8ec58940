#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace sb::cli {
namespace {

using test::run;
using test::say;

TEST(CommandRegistration, CommandGoesAwayWithItsHandle) {
  CommandRegistry registry;
  {
    auto reg = registry.add({"core show version", "", "", say("v\n"), {}});
    EXPECT_EQ(run(registry, "core show version").status, Status::Success);
    EXPECT_EQ(registry.list().size(), 1u);
  }
  EXPECT_EQ(run(registry, "core show version").status, Status::NoSuchCommand);
  EXPECT_TRUE(registry.list().empty());
  EXPECT_EQ(registry.help(""), "");
  EXPECT_TRUE(registry.complete("co").empty());
}

TEST(CommandRegistration, SameDeclarationCanBeAddedAgainAfterRemoval) {
  CommandRegistry registry;
  auto first = registry.add({"core show version", "", "", say("1\n"), {}});
  first.reset();
  auto second = registry.add({"core show version", "", "", say("2\n"), {}});
  EXPECT_EQ(run(registry, "core show version").output, "2\n");
  // Resetting the old handle again must not remove the new command.
  first.reset();
  EXPECT_EQ(run(registry, "core show version").output, "2\n");
}

TEST(CommandRegistration, MovedHandleKeepsTheCommand) {
  CommandRegistry registry;
  Registration kept;
  {
    auto reg = registry.add({"core show version", "", "", say("v\n"), {}});
    kept = std::move(reg);
  }
  EXPECT_EQ(run(registry, "core show version").output, "v\n");
  kept.reset();
  EXPECT_EQ(run(registry, "core show version").status, Status::NoSuchCommand);
}

TEST(CommandRegistration, RemovingOneKeepsTheOthers) {
  CommandRegistry registry;
  auto a = registry.add({"core show version", "", "", say("a\n"), {}});
  auto b = registry.add({"core show uptime", "", "", say("b\n"), {}});
  a.reset();
  EXPECT_EQ(run(registry, "core show uptime").output, "b\n");
  EXPECT_EQ(registry.list().size(), 1u);
}

TEST(CommandRegistration, RegistryMayDieFirst) {
  Registration reg;
  {
    CommandRegistry registry;
    reg = registry.add({"core show version", "", "", say("v\n"), {}});
  }
  EXPECT_TRUE(reg.active());
  reg.reset();  // must not touch the destroyed registry
  EXPECT_FALSE(reg.active());
}

TEST(CommandRegistration, RegistryMayDieDuringAnAsynchronousCommand) {
  ReplyPtr pending;
  Status status = Status::Success;
  Registration reg;
  {
    CommandRegistry registry;
    reg = registry.add({"core later",
                        "",
                        "",
                        [&pending](const Arguments&, ReplyPtr reply) { pending = reply; },
                        {}});
    registry.execute("core later", std::make_shared<BufferedReply>(
                                       [&status](Status s, std::string) { status = s; }));
  }
  pending->finish(Status::Failure);
  EXPECT_EQ(status, Status::Failure);
}

}  // namespace
}  // namespace sb::cli
