#include <gtest/gtest.h>

#include <stdexcept>

#include "cli_test_support.hpp"

namespace sb::cli {
namespace {

using test::echo;
using test::run;
using test::say;

class Dispatch : public ::testing::Test {
 protected:
  Registration add(std::string syntax, Handler handler, std::string usage = "") {
    return registry_.add({std::move(syntax), "synopsis", std::move(usage), std::move(handler), {}});
  }
  CommandRegistry registry_;
};

TEST_F(Dispatch, EmptyLineSucceedsSilently) {
  auto reg = add("core show version", say("v\n"));
  for (const char* line : {"", "   ", "\t\n"}) {
    const auto outcome = run(registry_, line);
    EXPECT_EQ(outcome.status, Status::Success);
    EXPECT_EQ(outcome.output, "");
    EXPECT_EQ(outcome.doneCalls, 1);
  }
}

TEST_F(Dispatch, LiteralsAreCaseInsensitive) {
  auto reg = add("core show version", say("v\n"));
  EXPECT_EQ(run(registry_, "CORE Show VeRsIoN").output, "v\n");
  EXPECT_EQ(run(registry_, "  core   show version  ").output, "v\n");
}

TEST_F(Dispatch, ArgumentsKeepTheirCase) {
  auto reg = add("pjsip show endpoint <id>", echo({"id"}));
  EXPECT_EQ(run(registry_, "PJSIP SHOW ENDPOINT Alice").output, "id=Alice\n");
}

TEST_F(Dispatch, WordsAreTheWholeLine) {
  auto reg = add("pjsip show endpoint <id>", [](const Arguments& args, ReplyPtr reply) {
    for (const auto& word : args.words()) {
      reply->write("[" + word + "]");
    }
  });
  EXPECT_EQ(run(registry_, R"(pjsip Show endpoint "a b")").output, "[pjsip][Show][endpoint][a b]");
}

TEST_F(Dispatch, LiteralBeatsArgumentAtTheSamePosition) {
  auto byName = add("module show <name>", say("by name\n"));
  auto like = add("module show like <pattern>", say("like\n"));
  EXPECT_EQ(run(registry_, "module show like pj").output, "like\n");
  EXPECT_EQ(run(registry_, "module show pj").output, "by name\n");
  // Only the argument form fits a lone "like".
  EXPECT_EQ(run(registry_, "module show like").output, "by name\n");
}

TEST_F(Dispatch, EarliestLiteralWins) {
  auto specific = add("pjsip show endpoint <id>", say("endpoint\n"));
  auto generic = add("pjsip show <what> <id>", say("generic\n"));
  EXPECT_EQ(run(registry_, "pjsip show endpoint alice").output, "endpoint\n");
  EXPECT_EQ(run(registry_, "pjsip show aor alice").output, "generic\n");
}

TEST_F(Dispatch, TypedArgumentBeatsUntypedAndFixedBeatsRest) {
  auto typed = add("queue <n:uint> <action>", say("typed\n"));
  auto untyped = add("queue <name> show", say("untyped\n"));
  auto rest = add("queue <a> <b>...", say("rest\n"));
  EXPECT_EQ(run(registry_, "queue 7 show").output, "typed\n");
  EXPECT_EQ(run(registry_, "queue sales show").output, "untyped\n");
  EXPECT_EQ(run(registry_, "queue sales stop").output, "rest\n");
  EXPECT_EQ(run(registry_, "queue 7 stop now").output, "rest\n");
}

TEST_F(Dispatch, OrderOfRegistrationDoesNotMatter) {
  auto like = add("module show like <pattern>", say("like\n"));
  auto byName = add("module show <name>", say("by name\n"));
  EXPECT_EQ(run(registry_, "module show like pj").output, "like\n");
}

TEST_F(Dispatch, NoSuchCommandUsesAsteriskWording) {
  auto reg = add("core show version", say("v\n"));
  auto outcome = run(registry_, "  foo bar  ");
  EXPECT_EQ(outcome.status, Status::NoSuchCommand);
  EXPECT_EQ(outcome.output,
            "No such command 'foo bar' (type 'core show help foo' for other possible commands)\n");

  outcome = run(registry_, "core shw version");
  EXPECT_EQ(outcome.output,
            "No such command 'core shw version' (type 'core show help core shw' for other "
            "possible commands)\n");

  // All words name part of a command, but not a whole one.
  outcome = run(registry_, "core show");
  EXPECT_EQ(outcome.status, Status::NoSuchCommand);
  EXPECT_EQ(outcome.output,
            "No such command 'core show' (type 'core show help core show' for other possible "
            "commands)\n");
}

TEST_F(Dispatch, NoSuchCommandWithoutAnyCommands) {
  const auto outcome = run(registry_, "core show version");
  EXPECT_EQ(outcome.status, Status::NoSuchCommand);
  EXPECT_EQ(outcome.output,
            "No such command 'core show version' (type 'core show help core' for other possible "
            "commands)\n");
}

TEST_F(Dispatch, WrongArgumentsShowUsage) {
  auto reg = add("core show version", say("v\n"));
  const auto outcome = run(registry_, "core show version please");
  EXPECT_EQ(outcome.status, Status::ShowUsage);
  EXPECT_EQ(outcome.output, "Usage: core show version\n       synopsis\n");
  EXPECT_EQ(outcome.doneCalls, 1);
}

TEST_F(Dispatch, CustomUsageGetsATrailingNewline) {
  auto withNewline = add("core set verbose <level:uint>", say(""),
                         "Usage: core set verbose <level>\n       Sets the level.\n");
  auto without = add("core set debug <level:uint>", say(""), "Usage: core set debug <level>");
  EXPECT_EQ(run(registry_, "core set verbose x").output,
            "Usage: core set verbose <level>\n       Sets the level.\n");
  EXPECT_EQ(run(registry_, "core set debug x").output, "Usage: core set debug <level>\n");
}

TEST_F(Dispatch, UsageComesFromTheLongestCommandName) {
  auto shorter = add("core show <what>", say(""));
  auto longer = add("core show channels [concise]", say(""));
  EXPECT_EQ(run(registry_, "core show channels verbose").output,
            "Usage: core show channels [concise]\n       synopsis\n");
}

TEST_F(Dispatch, CommandsSharingANameShowEveryUsage) {
  auto bare = add("config show", say(""), "Usage: config show [<file>]\n");
  auto withFile = add("config show <file>", say(""), "Usage: config show [<file>]\n");
  auto other = add("config list <a> <b>", say(""));
  EXPECT_EQ(run(registry_, "config show a b").output, "Usage: config show [<file>]\n");
  EXPECT_EQ(run(registry_, "config list a").output,
            "Usage: config list <a> <b>\n       synopsis\n");
}

TEST_F(Dispatch, HandlerStatusIsReported) {
  auto reg = add("core fail", [](const Arguments&, ReplyPtr reply) {
    reply->write("nope\n");
    reply->finish(Status::Failure);
  });
  const auto outcome = run(registry_, "core fail");
  EXPECT_EQ(outcome.status, Status::Failure);
  EXPECT_EQ(outcome.output, "nope\n");
  EXPECT_EQ(outcome.doneCalls, 1);
}

TEST_F(Dispatch, HandlerExceptionBecomesFailure) {
  auto reg = add("core crash", [](const Arguments&, ReplyPtr reply) {
    reply->write("partial\n");
    throw std::runtime_error("disk on fire");
  });
  const auto outcome = run(registry_, "core crash");
  EXPECT_EQ(outcome.status, Status::Failure);
  EXPECT_EQ(outcome.output, "partial\nCommand failed: disk on fire\n");
  EXPECT_EQ(outcome.doneCalls, 1);
}

TEST_F(Dispatch, NonStandardExceptionBecomesFailure) {
  auto reg = add("core crash", [](const Arguments&, ReplyPtr) { throw 42; });
  const auto outcome = run(registry_, "core crash");
  EXPECT_EQ(outcome.status, Status::Failure);
  EXPECT_EQ(outcome.output, "Command failed: unknown error\n");
}

TEST_F(Dispatch, ExceptionAfterFinishKeepsTheFirstResult) {
  auto reg = add("core crash", [](const Arguments&, ReplyPtr reply) {
    reply->write("done\n");
    reply->finish(Status::Success);
    throw std::runtime_error("late");
  });
  const auto outcome = run(registry_, "core crash");
  EXPECT_EQ(outcome.status, Status::Success);
  EXPECT_EQ(outcome.output, "done\n");
  EXPECT_EQ(outcome.doneCalls, 1);
}

TEST_F(Dispatch, AsynchronousFinish) {
  ReplyPtr pending;
  auto reg = add("core waitfullybooted", [&pending](const Arguments&, ReplyPtr reply) {
    reply->write("waiting\n");
    pending = std::move(reply);
  });
  test::Outcome outcome;
  registry_.execute("core waitfullybooted",
                    std::make_shared<BufferedReply>([&outcome](Status s, std::string out) {
                      outcome.status = s;
                      outcome.output = std::move(out);
                      ++outcome.doneCalls;
                    }));
  EXPECT_EQ(outcome.doneCalls, 0);
  ASSERT_TRUE(pending);
  pending->write("booted\n");
  pending->finish(Status::Failure);
  EXPECT_EQ(outcome.doneCalls, 1);
  EXPECT_EQ(outcome.status, Status::Failure);
  EXPECT_EQ(outcome.output, "waiting\nbooted\n");
  pending->finish(Status::Success);
  pending.reset();
  EXPECT_EQ(outcome.doneCalls, 1);
  EXPECT_EQ(outcome.status, Status::Failure);
}

TEST_F(Dispatch, DroppingAnUnfinishedReplyMeansSuccess) {
  ReplyPtr pending;
  auto reg = add("core later",
                 [&pending](const Arguments&, ReplyPtr reply) { pending = std::move(reply); });
  test::Outcome outcome;
  registry_.execute("core later", std::make_shared<BufferedReply>([&](Status s, std::string out) {
                      outcome.status = s;
                      outcome.output = std::move(out);
                      ++outcome.doneCalls;
                    }));
  EXPECT_EQ(outcome.doneCalls, 0);
  pending->write("ok\n");
  pending.reset();
  EXPECT_EQ(outcome.doneCalls, 1);
  EXPECT_EQ(outcome.status, Status::Success);
  EXPECT_EQ(outcome.output, "ok\n");
}

TEST_F(Dispatch, NullReplyIsTolerated) {
  int calls = 0;
  auto reg = add("core ping", [&calls](const Arguments&, ReplyPtr reply) {
    reply->write("pong\n");
    ++calls;
  });
  registry_.execute("core ping", nullptr);
  registry_.execute("core pong", nullptr);
  EXPECT_EQ(calls, 1);
}

TEST_F(Dispatch, HandlerMayRemoveItsOwnCommand) {
  Registration reg;
  std::string captured = "still alive";
  reg = add("core once", [&reg, captured](const Arguments&, ReplyPtr reply) {
    reg.reset();
    reply->write(captured + "\n");  // the handler's captures must survive its removal
  });
  EXPECT_EQ(run(registry_, "core once").output, "still alive\n");
  EXPECT_EQ(run(registry_, "core once").status, Status::NoSuchCommand);
}

TEST_F(Dispatch, HandlerMayAddCommands) {
  std::vector<Registration> added;
  auto reg = add("core grow", [this, &added](const Arguments&, ReplyPtr) {
    added.push_back(add("core grown", say("grown\n")));
  });
  run(registry_, "core grow");
  EXPECT_EQ(run(registry_, "core grown").output, "grown\n");
}

}  // namespace
}  // namespace sb::cli
