// The small accessors of the configuration model.

#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace sb::config::testing {
namespace {

TEST(ConfigModel, LocationAndDiagnosticText) {
  EXPECT_EQ((SourceLocation{"pjsip.conf", 12}).str(), "pjsip.conf:12");
  const Diagnostic error{Diagnostic::Severity::Error, {"sub/a.conf", 3}, "bad thing"};
  const Diagnostic warning{Diagnostic::Severity::Warning, {"a.conf", 1}, "odd thing"};
  EXPECT_EQ(error.str(), "sub/a.conf:3: error: bad thing");
  EXPECT_EQ(warning.str(), "a.conf:1: warning: odd thing");
}

TEST(ConfigModel, OkIgnoresWarnings) {
  ParseResult result;
  EXPECT_TRUE(result.ok());
  result.diagnostics.push_back({Diagnostic::Severity::Warning, {"a.conf", 1}, "w"});
  EXPECT_TRUE(result.ok());
  result.diagnostics.push_back({Diagnostic::Severity::Error, {"a.conf", 2}, "e"});
  EXPECT_FALSE(result.ok());
}

TEST(ConfigModel, LastAndAll) {
  const ParseResult result = parseText("[s]\nallow = ulaw\nAllow = alaw\ncontext = x\n");
  const Section& section = result.file.sections.at(0);
  EXPECT_EQ(section.last("allow"), "alaw");
  EXPECT_EQ(section.all("ALLOW"), (std::vector<std::string_view>{"ulaw", "alaw"}));
  EXPECT_EQ(section.last("missing"), std::nullopt);
  EXPECT_TRUE(section.all("missing").empty());
}

TEST(ConfigModel, FindReturnsEverySectionOfTheNameInOrder) {
  const ParseResult result = parseText("[a]\nx = 1\n[b]\n[A]\nx = 2\n");
  const auto found = result.file.find("a");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0]->last("x"), "1");
  EXPECT_EQ(found[1]->last("x"), "2");
  EXPECT_TRUE(result.file.find("c").empty());
}

}  // namespace
}  // namespace sb::config::testing
