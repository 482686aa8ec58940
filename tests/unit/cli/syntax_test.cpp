#include <gtest/gtest.h>

#include <stdexcept>

#include "cli_test_support.hpp"

namespace sb::cli {
namespace {

using test::echo;
using test::run;
using test::say;

Registration addCommand(CommandRegistry& registry, std::string syntax, Handler handler = say("")) {
  return registry.add({std::move(syntax), "synopsis", "", std::move(handler), {}});
}

class MalformedSyntax : public ::testing::TestWithParam<const char*> {};

TEST_P(MalformedSyntax, Throws) {
  CommandRegistry registry;
  EXPECT_THROW((void)addCommand(registry, GetParam()), std::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(
    CommandSyntax, MalformedSyntax,
    ::testing::Values("", "   ", "<name>", "[core] show", "{a|b} c", "core <name", "core <>",
                      "core <a b>", "core <n:float>", "core <rest>... more", "core [<a>...] [<b>]",
                      "core [x <a>", "core x]", "core []", "core [[x]]", "core [<a>] <b>",
                      "core {a|}", "core {a||b}", "core {a|A}", "core {=a|b}", "core {n=a",
                      "core <a> <a>", "core {a=x|y} <a>", "core<a>", "core <a>b", "core [<a>]x",
                      "core <n:uint>...", "co\"re", "core x|y", "core <a:>"));

TEST(CommandSyntax, MessageNamesTheDeclaration) {
  CommandRegistry registry;
  try {
    (void)addCommand(registry, "core show <oops");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("core show <oops"), std::string::npos) << e.what();
  }
}

TEST(CommandSyntax, MissingHandlerThrows) {
  CommandRegistry registry;
  EXPECT_THROW((void)registry.add({"core show version", "", "", nullptr, {}}),
               std::invalid_argument);
}

TEST(CommandSyntax, CompleterForUnknownArgumentThrows) {
  CommandRegistry registry;
  CommandSpec spec{"module unload <name>", "", "", say(""), {}};
  spec.completers["module"] = [](const Arguments&) { return std::vector<std::string>{}; };
  EXPECT_THROW((void)registry.add(std::move(spec)), std::invalid_argument);
}

class DuplicateSyntax : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST_P(DuplicateSyntax, Throws) {
  CommandRegistry registry;
  auto first = addCommand(registry, GetParam().first);
  EXPECT_THROW((void)addCommand(registry, GetParam().second), std::invalid_argument);
  // The failed add left the registry as it was.
  EXPECT_EQ(registry.list().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(
    CommandSyntax, DuplicateSyntax,
    ::testing::Values(std::pair{"core show version", "core show version"},
                      std::pair{"core show version", "CORE Show VERSION"},
                      std::pair{"pjsip show endpoint <id>", "pjsip show endpoint <name>"},
                      std::pair{"core set verbose <level:uint>", "core set verbose <file>"},
                      std::pair{"module reload [<name>]", "module reload"},
                      std::pair{"module reload [<name>]", "module reload <module>"},
                      std::pair{"core stop {now|gracefully}", "core stop now"},
                      std::pair{"debug {state=on|off}", "debug off"},
                      std::pair{"logger add <words>...", "logger add [<all>...]"},
                      std::pair{"module show [like <pattern>]", "module show like <x>"}));

TEST(CommandSyntax, SimilarButDistinctShapesAreAccepted) {
  CommandRegistry registry;
  auto a = addCommand(registry, "module show [like <pattern>]");
  auto b = addCommand(registry, "module show <name>");
  auto c = addCommand(registry, "config show");
  auto d = addCommand(registry, "config show <file>");
  auto e = addCommand(registry, "logger add <words>...");
  auto f = addCommand(registry, "logger add <one> <two>");
  EXPECT_EQ(registry.list().size(), 6u);
}

TEST(CommandSyntax, LiteralWords) {
  CommandRegistry registry;
  auto reg = addCommand(registry, "core show version", say("Switchboard 1.0\n"));
  const auto outcome = run(registry, "core show version");
  EXPECT_EQ(outcome.status, Status::Success);
  EXPECT_EQ(outcome.output, "Switchboard 1.0\n");
}

TEST(CommandSyntax, RequiredArgument) {
  CommandRegistry registry;
  auto reg = addCommand(registry, "pjsip show endpoint <id>", echo({"id"}));
  EXPECT_EQ(run(registry, "pjsip show endpoint alice").output, "id=alice\n");
  EXPECT_EQ(run(registry, R"(pjsip show endpoint "bob smith")").output, "id=bob smith\n");
  EXPECT_EQ(run(registry, "pjsip show endpoint").status, Status::ShowUsage);
}

TEST(CommandSyntax, OptionalArgument) {
  CommandRegistry registry;
  auto reg = addCommand(registry, "module reload [<name>]", echo({"name"}));
  EXPECT_EQ(run(registry, "module reload").output, "name absent\n");
  EXPECT_EQ(run(registry, "module reload res_pjsip").output, "name=res_pjsip\n");
  EXPECT_EQ(run(registry, "module reload a b").status, Status::ShowUsage);
}

TEST(CommandSyntax, OptionalGroupWithLiteral) {
  CommandRegistry registry;
  auto reg = addCommand(registry, "module show [like <pattern>]", echo({"pattern"}));
  EXPECT_EQ(run(registry, "module show").output, "pattern absent\n");
  EXPECT_EQ(run(registry, "module show like pjsip").output, "pattern=pjsip\n");
  EXPECT_EQ(run(registry, "module show LIKE pjsip").output, "pattern=pjsip\n");
  EXPECT_EQ(run(registry, "module show like").status, Status::ShowUsage);
  EXPECT_EQ(run(registry, "module show pjsip").status, Status::ShowUsage);
}

TEST(CommandSyntax, SeveralOptionalParts) {
  CommandRegistry registry;
  auto reg =
      addCommand(registry, "channel show [<name>] [limit <count:uint>]", echo({"name", "count"}));
  EXPECT_EQ(run(registry, "channel show").output, "name absent\ncount absent\n");
  EXPECT_EQ(run(registry, "channel show abc").output, "name=abc\ncount absent\n");
  EXPECT_EQ(run(registry, "channel show limit 5").output, "name absent\ncount=5\n");
  EXPECT_EQ(run(registry, "channel show abc limit 5").output, "name=abc\ncount=5\n");
  EXPECT_EQ(run(registry, "channel show abc limit x").status, Status::ShowUsage);
}

TEST(CommandSyntax, RestArgumentNeedsOneOrMoreWords) {
  CommandRegistry registry;
  auto reg =
      addCommand(registry, "logger add <words>...", [](const Arguments& args, ReplyPtr reply) {
        reply->write(*args.get("words") + "|" + std::to_string(args.list("words").size()) + "\n");
      });
  EXPECT_EQ(run(registry, "logger add one").output, "one|1\n");
  EXPECT_EQ(run(registry, R"(logger add one  two "three four")").output, "one two three four|3\n");
  EXPECT_EQ(run(registry, "logger add").status, Status::ShowUsage);
}

TEST(CommandSyntax, OptionalRestArgumentTakesZeroOrMoreWords) {
  CommandRegistry registry;
  auto reg =
      addCommand(registry, "module unload [<names>...]", [](const Arguments& args, ReplyPtr reply) {
        reply->write(std::to_string(args.list("names").size()) +
                     (args.has("names") ? " has\n" : " none\n"));
      });
  EXPECT_EQ(run(registry, "module unload").output, "0 none\n");
  EXPECT_EQ(run(registry, "module unload a b c").output, "3 has\n");
}

TEST(CommandSyntax, UnsignedArgument) {
  CommandRegistry registry;
  auto reg = addCommand(registry, "core set verbose <level:uint>",
                        [](const Arguments& args, ReplyPtr reply) {
                          reply->write(std::to_string(*args.integer("level")) + "\n");
                        });
  EXPECT_EQ(run(registry, "core set verbose 5").output, "5\n");
  EXPECT_EQ(run(registry, "core set verbose 007").output, "7\n");
  for (const char* bad :
       {"core set verbose -1", "core set verbose five", "core set verbose 5x",
        "core set verbose +5", "core set verbose 99999999999999999999", "core set verbose \"\""}) {
    const auto outcome = run(registry, bad);
    EXPECT_EQ(outcome.status, Status::ShowUsage) << bad;
    EXPECT_EQ(outcome.output, "Usage: core set verbose <level:uint>\n       synopsis\n") << bad;
  }
}

TEST(CommandSyntax, SignedArgument) {
  CommandRegistry registry;
  auto reg =
      addCommand(registry, "core adjust <delta:int>", [](const Arguments& args, ReplyPtr reply) {
        reply->write(std::to_string(*args.integer("delta")) + "\n");
      });
  EXPECT_EQ(run(registry, "core adjust -12").output, "-12\n");
  EXPECT_EQ(run(registry, "core adjust 12").output, "12\n");
  EXPECT_EQ(run(registry, "core adjust 1.5").status, Status::ShowUsage);
  EXPECT_EQ(run(registry, "core adjust -").status, Status::ShowUsage);
}

TEST(CommandSyntax, UnnamedChoiceIsPartOfTheCommand) {
  CommandRegistry registry;
  auto reg = addCommand(
      registry, "core stop {now|gracefully}",
      [](const Arguments& args, ReplyPtr reply) { reply->write(args.words()[2] + "\n"); });
  EXPECT_EQ(run(registry, "core stop now").output, "now\n");
  EXPECT_EQ(run(registry, "core stop Gracefully").output, "Gracefully\n");
  EXPECT_EQ(run(registry, "core stop later").status, Status::NoSuchCommand);
  EXPECT_EQ(registry.list().front().command, "core stop {now|gracefully}");
}

TEST(CommandSyntax, NamedChoiceStoresTheDeclaredWord) {
  CommandRegistry registry;
  auto reg = addCommand(registry, "pjsip set logger {state=on|off}", echo({"state"}));
  EXPECT_EQ(run(registry, "pjsip set logger on").output, "state=on\n");
  EXPECT_EQ(run(registry, "pjsip set logger OFF").output, "state=off\n");
  // A named choice is an argument, so a wrong word is a usage error.
  EXPECT_EQ(run(registry, "pjsip set logger maybe").status, Status::ShowUsage);
  EXPECT_EQ(registry.list().front().command, "pjsip set logger");
}

TEST(CommandSyntax, LiteralAfterArgument) {
  CommandRegistry registry;
  auto reg = addCommand(registry, "channel <name> hangup [now]", echo({"name"}));
  EXPECT_EQ(run(registry, "channel PJSIP/1 hangup").output, "name=PJSIP/1\n");
  EXPECT_EQ(run(registry, "channel PJSIP/1 hangup now").output, "name=PJSIP/1\n");
  EXPECT_EQ(run(registry, "channel PJSIP/1 stop").status, Status::ShowUsage);
}

TEST(CommandSyntax, CanonicalSpellingInListing) {
  CommandRegistry registry;
  auto reg = addCommand(registry, "  module   show [ like   <pattern> ]  ");
  const auto info = registry.list();
  ASSERT_EQ(info.size(), 1u);
  EXPECT_EQ(info[0].syntax, "module show [like <pattern>]");
  EXPECT_EQ(info[0].command, "module show");
  EXPECT_EQ(info[0].synopsis, "synopsis");
  EXPECT_EQ(info[0].usage, "Usage: module show [like <pattern>]\n       synopsis\n");
}

}  // namespace
}  // namespace sb::cli
