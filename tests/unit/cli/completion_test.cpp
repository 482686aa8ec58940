#include <gtest/gtest.h>

#include <stdexcept>

#include "cli_test_support.hpp"

namespace sb::cli {
namespace {

using test::say;
using Words = std::vector<std::string>;

class Completion : public ::testing::Test {
 protected:
  void SetUp() override {
    add({"core show version", "", "", say(""), {}});
    add({"core show uptime", "", "", say(""), {}});
    add({"core set verbose <level:uint>", "", "", say(""), {}});
    add({"core stop {now|gracefully}", "", "", say(""), {}});
    add({"config show [<file>]", "", "", say(""), {}});
    add({"module show [like <pattern>]", "", "", say(""), {}});
    CommandSpec reload{"module reload [<names>...]", "", "", say(""), {}};
    reload.completers["names"] = [this](const Arguments& typed) {
      lastTyped_ = typed.words();
      return Words{"res_pjsip", "res_pjsip_session", "chan_pjsip", "app_dial"};
    };
    add(std::move(reload));
    CommandSpec endpoint{"pjsip show endpoint <id> [detail]", "", "", say(""), {}};
    endpoint.completers["id"] = [](const Arguments&) { return Words{"bob", "alice", "Alan"}; };
    add(std::move(endpoint));
    CommandSpec channel{"channel request hangup <channel> <reason>", "", "", say(""), {}};
    channel.completers["channel"] = [](const Arguments&) { return Words{"PJSIP/1", "PJSIP/2"}; };
    channel.completers["reason"] = [](const Arguments& typed) {
      return Words{"normal-for-" + typed.get("channel").value_or("?")};
    };
    add(std::move(channel));
    add({"_hidden thing", "", "", say(""), {}});
  }

  void add(CommandSpec spec) { regs_.add(registry_.add(std::move(spec))); }

  CommandRegistry registry_;
  Registrations regs_;
  Words lastTyped_;
};

TEST_F(Completion, FirstWordFromEmptyLine) {
  EXPECT_EQ(registry_.complete(""), (Words{"channel", "config", "core", "module", "pjsip"}));
}

TEST_F(Completion, FirstWordPrefix) {
  EXPECT_EQ(registry_.complete("co"), (Words{"config", "core"}));
  EXPECT_EQ(registry_.complete("CO"), (Words{"config", "core"}));
  EXPECT_EQ(registry_.complete("  cor"), (Words{"core"}));
}

TEST_F(Completion, HiddenCommandsAreNotOffered) {
  EXPECT_EQ(registry_.complete("_"), Words{});
  EXPECT_EQ(registry_.complete("_hidden "), Words{});
}

TEST_F(Completion, SecondWordAfterSpace) {
  EXPECT_EQ(registry_.complete("core "), (Words{"set", "show", "stop"}));
  EXPECT_EQ(registry_.complete("core   s"), (Words{"set", "show", "stop"}));
  EXPECT_EQ(registry_.complete("core sh"), (Words{"show"}));
  EXPECT_EQ(registry_.complete("CORE SH"), (Words{"show"}));
}

TEST_F(Completion, ThirdWord) {
  EXPECT_EQ(registry_.complete("core show "), (Words{"uptime", "version"}));
  EXPECT_EQ(registry_.complete("core show v"), (Words{"version"}));
  EXPECT_EQ(registry_.complete("core Show V"), (Words{"version"}));
}

TEST_F(Completion, ChoiceAlternatives) {
  EXPECT_EQ(registry_.complete("core stop "), (Words{"gracefully", "now"}));
  EXPECT_EQ(registry_.complete("core stop g"), (Words{"gracefully"}));
}

TEST_F(Completion, NothingAfterACompleteCommand) {
  EXPECT_EQ(registry_.complete("core show version "), Words{});
  EXPECT_EQ(registry_.complete("core stop now "), Words{});
}

TEST_F(Completion, NothingForUnknownWords) {
  EXPECT_EQ(registry_.complete("foo "), Words{});
  EXPECT_EQ(registry_.complete("core shw "), Words{});
  EXPECT_EQ(registry_.complete("core x"), Words{});
}

TEST_F(Completion, ArgumentWithoutCompleterOffersNothing) {
  EXPECT_EQ(registry_.complete("core set verbose "), Words{});
  EXPECT_EQ(registry_.complete("config show "), Words{});
}

TEST_F(Completion, OptionalGroupLiteral) {
  EXPECT_EQ(registry_.complete("module show "), (Words{"like"}));
  EXPECT_EQ(registry_.complete("module show l"), (Words{"like"}));
  EXPECT_EQ(registry_.complete("module show like "), Words{});
}

TEST_F(Completion, CompleterValuesFilteredAndSorted) {
  EXPECT_EQ(registry_.complete("pjsip show endpoint "), (Words{"Alan", "alice", "bob"}));
  EXPECT_EQ(registry_.complete("pjsip show endpoint al"), (Words{"Alan", "alice"}));
  EXPECT_EQ(registry_.complete("pjsip show endpoint bob "), (Words{"detail"}));
}

TEST_F(Completion, CompleterSeesEarlierArguments) {
  EXPECT_EQ(registry_.complete("channel request hangup PJSIP/2 "), (Words{"normal-for-PJSIP/2"}));
  EXPECT_EQ(registry_.complete(R"(channel request hangup "PJSIP/2" n)"),
            (Words{"normal-for-PJSIP/2"}));
}

TEST_F(Completion, RestArgumentCompletesEveryWord) {
  EXPECT_EQ(registry_.complete("module reload "),
            (Words{"app_dial", "chan_pjsip", "res_pjsip", "res_pjsip_session"}));
  EXPECT_EQ(lastTyped_, (Words{"module", "reload", ""}));
  EXPECT_EQ(registry_.complete("module reload res_pjsip res"),
            (Words{"res_pjsip", "res_pjsip_session"}));
  EXPECT_EQ(lastTyped_, (Words{"module", "reload", "res_pjsip", "res"}));
  EXPECT_EQ(registry_.complete("module reload a b c "),
            (Words{"app_dial", "chan_pjsip", "res_pjsip", "res_pjsip_session"}));
}

TEST_F(Completion, CandidatesAreUnique) {
  auto extra = registry_.add({"core show settings", "", "", say(""), {}});
  auto other = registry_.add({"core show settings <section>", "", "", say(""), {}});
  EXPECT_EQ(registry_.complete("core show s"), (Words{"settings"}));
}

TEST_F(Completion, ThrowingCompleterOffersNothing) {
  CommandSpec spec{"dialplan show <context>", "", "", say(""), {}};
  spec.completers["context"] = [](const Arguments&) -> Words {
    throw std::runtime_error("no dialplan");
  };
  auto reg = registry_.add(std::move(spec));
  EXPECT_EQ(registry_.complete("dialplan show "), Words{});
}

TEST_F(Completion, QuotedWordBeingTyped) {
  CommandSpec spec{"say <text>", "", "", say(""), {}};
  spec.completers["text"] = [](const Arguments&) { return Words{"hello world", "hello there"}; };
  auto reg = registry_.add(std::move(spec));
  EXPECT_EQ(registry_.complete(R"(say "hello w)"), (Words{"hello world"}));
}

}  // namespace
}  // namespace sb::cli
