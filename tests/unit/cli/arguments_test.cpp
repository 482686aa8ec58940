#include <gtest/gtest.h>

#include "core/cli/command_registry.hpp"

namespace sb::cli {
namespace {

TEST(Arguments, Accessors) {
  Arguments args;
  args.set("id", {"alice"});
  args.set("level", {"-42"});
  args.set("rest", {"a", "b c", "d"});
  args.setWords({"x", "y"});

  EXPECT_EQ(args.get("id"), "alice");
  EXPECT_EQ(args.get("rest"), "a b c d");
  EXPECT_EQ(args.get("missing"), std::nullopt);
  EXPECT_TRUE(args.has("id"));
  EXPECT_FALSE(args.has("missing"));
  EXPECT_EQ(args.integer("level"), -42);
  EXPECT_EQ(args.integer("id"), std::nullopt);
  EXPECT_EQ(args.integer("missing"), std::nullopt);
  EXPECT_EQ(args.list("rest"), (std::vector<std::string>{"a", "b c", "d"}));
  EXPECT_EQ(args.list("id"), (std::vector<std::string>{"alice"}));
  EXPECT_TRUE(args.list("missing").empty());
  EXPECT_EQ(args.words(), (std::vector<std::string>{"x", "y"}));
}

TEST(Arguments, SetReplaces) {
  Arguments args;
  args.set("id", {"a"});
  args.set("id", {"b"});
  EXPECT_EQ(args.get("id"), "b");
}

}  // namespace
}  // namespace sb::cli
