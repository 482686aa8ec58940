// Templates, inheritance, `[name](+)` appends and `+=`.

#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace sb::config::testing {
namespace {

TEST(ConfigInheritance, TemplateValuesComeFirstThenOwnLines) {
  const ParseResult result = parseText(
      "[endpoint-basic](!)\n"
      "type = endpoint\n"
      "allow = ulaw\n"
      "allow = alaw\n"
      "context = default\n"
      "[6001](endpoint-basic)\n"
      "context = internal\n"
      "direct_media => no\n");
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(sectionNames(result), (Strings{"endpoint-basic(!)", "6001"}));
  const Section& endpoint = result.file.sections[1];
  EXPECT_EQ(endpoint.parents, Strings{"endpoint-basic"});
  EXPECT_EQ(endpoint.where.line, 6);
  EXPECT_EQ(
      describe(endpoint),
      (Strings{"type=endpoint@pjsip.conf:2 (inherited)", "allow=ulaw@pjsip.conf:3 (inherited)",
               "allow=alaw@pjsip.conf:4 (inherited)", "context=default@pjsip.conf:5 (inherited)",
               "context=internal@pjsip.conf:7", "direct_media=no@pjsip.conf:8 (=>)"}));
  EXPECT_EQ(endpoint.last("context"), "internal");
  EXPECT_EQ(endpoint.all("allow"), (std::vector<std::string_view>{"ulaw", "alaw"}));
  // The template itself is untouched.
  EXPECT_EQ(result.file.sections[0].last("context"), "default");
}

TEST(ConfigInheritance, ParentsAreCopiedInTheOrderListed) {
  const ParseResult result = parseText(
      "[a](!)\nx = 1\n"
      "[b](!)\ny = 2\n"
      "[c](b, a)\nz = 3\n");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.file.sections[2].parents, (Strings{"b", "a"}));
  EXPECT_EQ(describe(result.file.sections[2]),
            (Strings{"y=2@pjsip.conf:4 (inherited)", "x=1@pjsip.conf:2 (inherited)",
                     "z=3@pjsip.conf:6"}));
}

TEST(ConfigInheritance, OrdinarySectionsCanBeParents) {
  const ParseResult result = parseText("[base]\nx = 1\n[derived](base)\n");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(sectionNames(result), (Strings{"base", "derived"}));
  EXPECT_EQ(describe(result.file.sections[1]), Strings{"x=1@pjsip.conf:2 (inherited)"});
}

TEST(ConfigInheritance, TemplateThatInheritsCarriesItsParentsValues) {
  const ParseResult result = parseText(
      "[t1](!)\na = 1\n"
      "[t2](!,t1)\nb = 2\n"
      "[real](t2)\nc = 3\n");
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(sectionNames(result), (Strings{"t1(!)", "t2(!)", "real"}));
  EXPECT_EQ(result.file.sections[1].parents, Strings{"t1"});
  EXPECT_EQ(describe(result.file.sections[2]),
            (Strings{"a=1@pjsip.conf:2 (inherited)", "b=2@pjsip.conf:4 (inherited)",
                     "c=3@pjsip.conf:6"}));
}

TEST(ConfigInheritance, UnknownParentIsAnErrorButTheSectionIsKept) {
  const ParseResult result = parseText("[t](!)\nx = 1\n[s](t,nope)\ny = 2\n");
  EXPECT_EQ(
      diagnostics(result),
      Strings{"pjsip.conf:3: error: Inheritance requested, but section 'nope' does not exist"});
  EXPECT_EQ(result.file.sections[1].parents, (Strings{"t", "nope"}));
  EXPECT_EQ(describe(result.file.sections[1]),
            (Strings{"x=1@pjsip.conf:2 (inherited)", "y=2@pjsip.conf:4"}));
}

TEST(ConfigInheritance, ParentMustBeDefinedEarlier) {
  const ParseResult result = parseText("[child](later)\n[later](!)\nx = 1\n[self](self)\n");
  EXPECT_EQ(diagnostics(result),
            (Strings{"pjsip.conf:1: error: Inheritance requested, but section 'later' does not "
                     "exist",
                     "pjsip.conf:4: error: Inheritance requested, but section 'self' does not "
                     "exist"}));
}

TEST(ConfigInheritance, TheMostRecentSectionOfANameIsTheParent) {
  const ParseResult result = parseText("[t](!)\nx = old\n[t](!)\nx = new\n[u](T)\n");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(describe(result.file.sections[2]), Strings{"x=new@pjsip.conf:4 (inherited)"});
}

TEST(ConfigInheritance, ParentsSnapshotTheirValuesAtInheritanceTime) {
  const ParseResult result = parseText("[t](!)\nx = 1\n[u](t)\n[t](+)\ny = 2\n");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(describe(result.file.sections[1]), Strings{"x=1@pjsip.conf:2 (inherited)"});
  EXPECT_EQ(describe(result.file.sections[0]), (Strings{"x=1@pjsip.conf:2", "y=2@pjsip.conf:5"}));
}

TEST(ConfigInheritance, AppendAddsToTheEarlierSection) {
  const ParseResult result = parseText(
      "[s]\na = 1\n"
      "[other]\nb = 2\n"
      "[s](+)\nc = 3\n");
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(sectionNames(result), (Strings{"s", "other"}));
  EXPECT_EQ(result.file.sections[0].where.line, 1);
  EXPECT_EQ(describe(result.file.sections[0]), (Strings{"a=1@pjsip.conf:2", "c=3@pjsip.conf:6"}));
}

TEST(ConfigInheritance, AppendGoesToTheMostRecentSectionOfThatName) {
  const ParseResult result = parseText(
      "[6001]\ntype = endpoint\n"
      "[6001]\ntype = aor\n"
      "[6001](+)\nmax_contacts = 1\n");
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.file.sections.size(), 2u);
  EXPECT_EQ(describe(result.file.sections[0]), Strings{"type=endpoint@pjsip.conf:2"});
  EXPECT_EQ(describe(result.file.sections[1]),
            (Strings{"type=aor@pjsip.conf:4", "max_contacts=1@pjsip.conf:6"}));
}

TEST(ConfigInheritance, AppendWithAFilterPicksTheMatchingSection) {
  const ParseResult result = parseText(
      "[6001]\ntype = endpoint\ncontext = a\n"
      "[6001]\ntype = aor\n"
      "[6001]\ntype = endpoint\ncontext = b\n"
      "[6001](+type=endpoint)\nallow = ulaw\n"
      "[6001](+type=endpoint&context=a)\nallow = alaw\n"
      "[6001](+ type = aor , max_contacts = 1)\n"
      "[6001](+type=aor)\nmax_contacts = 1\n");
  ASSERT_EQ(result.file.sections.size(), 3u);
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"type=endpoint@pjsip.conf:2", "context=a@pjsip.conf:3",
                     "allow=alaw@pjsip.conf:12"}));
  EXPECT_EQ(describe(result.file.sections[1]),
            (Strings{"type=aor@pjsip.conf:5", "max_contacts=1@pjsip.conf:15"}));
  EXPECT_EQ(describe(result.file.sections[2]),
            (Strings{"type=endpoint@pjsip.conf:7", "context=b@pjsip.conf:8",
                     "allow=ulaw@pjsip.conf:10"}));
  // The comma-separated filters did not match yet (max_contacts comes later).
  EXPECT_EQ(diagnostics(result),
            Strings{"pjsip.conf:13: error: Append requested, but no earlier section '6001' with "
                    "type=aor and max_contacts=1 exists"});
}

TEST(ConfigInheritance, FilterSeesValuesChangedByPlusEquals) {
  const ParseResult result = parseText(
      "[s]\ntype = aor\n"
      "[s](+type=aor)\n"
      "type +=x\n"
      "[s](+type=aor)\n"
      "[s](+type=aorx)\n"
      "ok = 1\n");
  EXPECT_EQ(diagnostics(result),
            Strings{"pjsip.conf:5: error: Append requested, but no earlier section 's' with "
                    "type=aor exists"});
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"type=aorx@pjsip.conf:2", "ok=1@pjsip.conf:7"}));
}

TEST(ConfigInheritance, FilterSeesSectionsAndLinesAddedLater) {
  const ParseResult result = parseText(
      "[a]\nk = 1\n"
      "[a](+k=1)\n"
      "[a]\nk = 2\n"
      "[a](+k=1)\n"
      "m = yes\n"
      "[a]\nk = 1\n"
      "[a](+m=yes)\n"
      "n = 1\n"
      "[a](+k=1)\n"
      "o = 1\n");
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.file.sections.size(), 3u);
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"k=1@pjsip.conf:2", "m=yes@pjsip.conf:7", "n=1@pjsip.conf:11"}));
  EXPECT_EQ(describe(result.file.sections[1]), Strings{"k=2@pjsip.conf:5"});
  EXPECT_EQ(describe(result.file.sections[2]), (Strings{"k=1@pjsip.conf:9", "o=1@pjsip.conf:13"}));
}

TEST(ConfigInheritance, FilterMatchesInheritedValuesAndIgnoresKeyCase) {
  const ParseResult result = parseText(
      "[t](!)\ntype = endpoint\n"
      "[6001](t)\n"
      "[6001]\ntype = aor\n"
      "[6001](+TYPE=endpoint)\n"
      "allow = ulaw\n");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(describe(result.file.sections[1]),
            (Strings{"type=endpoint@pjsip.conf:2 (inherited)", "allow=ulaw@pjsip.conf:7"}));
}

TEST(ConfigInheritance, AppendWithoutTargetIsAnErrorAndDropsItsLines) {
  const ParseResult result = parseText(
      "[s]\ntype = aor\n"
      "[missing](+)\na = 1\n"
      "[s](+type=endpoint)\nb = 2\n");
  EXPECT_EQ(diagnostics(result),
            (Strings{"pjsip.conf:3: error: Append requested, but no earlier section 'missing' "
                     "exists",
                     "pjsip.conf:5: error: Append requested, but no earlier section 's' with "
                     "type=endpoint exists"}));
  ASSERT_EQ(sectionNames(result), Strings{"s"});
  EXPECT_EQ(describe(result.file.sections[0]), Strings{"type=aor@pjsip.conf:2"});
}

TEST(ConfigInheritance, FilterNeedsAPlusAndAnEqualsSign) {
  const ParseResult result = parseText("[s]\n[s](type=aor)\n[s](+type)\n");
  EXPECT_EQ(diagnostics(result),
            (Strings{"pjsip.conf:2: error: filter 'type=aor' is only allowed when appending with "
                     "'+'",
                     "pjsip.conf:3: error: append filter 'type' is not of the form key=value"}));
  EXPECT_EQ(result.file.sections.size(), 1u);
}

TEST(ConfigInheritance, AppendCanAlsoInheritAndMarkTemplate) {
  const ParseResult result = parseText("[t](!)\nx = 1\n[s]\na = 1\n[s](+,t,!)\nb = 2\n");
  EXPECT_TRUE(result.ok());
  const Section& s = result.file.sections[1];
  EXPECT_TRUE(s.isTemplate);
  EXPECT_EQ(s.parents, Strings{"t"});
  EXPECT_EQ(describe(s),
            (Strings{"a=1@pjsip.conf:4", "x=1@pjsip.conf:2 (inherited)", "b=2@pjsip.conf:6"}));
}

TEST(ConfigInheritance, PlusEqualsAppendsTextAsAsteriskDoes) {
  const ParseResult result = parseText(
      "[s]\n"
      "a = foo\n"
      "a += bar\n"
      "b=foo\n"
      "b+=bar\n"
      "c += fresh\n"
      "d = x\n"
      "d += \n");
  EXPECT_TRUE(result.ok());
  // The text after `+=` is appended as written, leading blank included.
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"a=foo bar@pjsip.conf:2", "b=foobar@pjsip.conf:4", "c=fresh@pjsip.conf:6",
                     "d=x@pjsip.conf:7"}));
}

TEST(ConfigInheritance, PlusEqualsChangesTheLastValueOfTheName) {
  const ParseResult result = parseText("[s]\nallow = ulaw\nallow = alaw\nallow +=,g722\n");
  EXPECT_EQ(result.file.sections[0].all("allow"),
            (std::vector<std::string_view>{"ulaw", "alaw,g722"}));
}

TEST(ConfigInheritance, PlusEqualsMatchesTheNameExactly) {
  // Asterisk looks the name up with strcmp, so a different case starts a new variable.
  const ParseResult result = parseText("[s]\nAllow = ulaw\nallow += alaw\n");
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"Allow=ulaw@pjsip.conf:2", "allow=alaw@pjsip.conf:3"}));
  EXPECT_EQ(result.file.sections[0].last("ALLOW"), "alaw");
}

TEST(ConfigInheritance, PlusEqualsReachesInheritedValues) {
  const ParseResult result = parseText(
      "[t](!)\n"
      "codecs = ulaw\n"
      "[e](t)\n"
      "codecs +=,alaw\n"
      "[f](t)\n");
  EXPECT_TRUE(result.ok());
  // The variable keeps its original line, and is now the section's own value.
  EXPECT_EQ(describe(result.file.sections[1]), Strings{"codecs=ulaw,alaw@pjsip.conf:2"});
  EXPECT_EQ(describe(result.file.sections[0]), Strings{"codecs=ulaw@pjsip.conf:2"});
  EXPECT_EQ(describe(result.file.sections[2]), Strings{"codecs=ulaw@pjsip.conf:2 (inherited)"});
}

TEST(ConfigInheritance, PlusEqualsInAnAppendedSection) {
  const ParseResult result = parseText("[s]\nx = 1\n[o]\nx = 9\n[s](+)\nx += 2\n");
  EXPECT_EQ(describe(result.file.sections[0]), Strings{"x=1 2@pjsip.conf:2"});
  EXPECT_EQ(describe(result.file.sections[1]), Strings{"x=9@pjsip.conf:4"});
}

TEST(ConfigInheritance, LookupsIgnoreCase) {
  const ParseResult result = parseText("[Endpoint-Tpl](!)\nContext = x\n[6001](endpoint-tpl)\n");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.file.find("ENDPOINT-tpl").size(), 1u);
  EXPECT_EQ(result.file.sections[1].last("context"), "x");
}

TEST(ConfigInheritance, RunawayInheritanceIsStoppedByTheSizeLimit) {
  // Each level doubles the variables: 2^40 of them unless something stops it.
  std::string text = "[l0]\na = 1\nb = 2\n";
  for (int level = 1; level <= 40; ++level) {
    text += "[l" + std::to_string(level) + "](l" + std::to_string(level - 1) + ",l" +
            std::to_string(level - 1) + ")\n";
  }
  text += "[after]\nz = 1\n";
  ReaderOptions options = MemoryFiles().options();
  options.maxTotalSize = 1024 * 1024;
  const ParseResult result = parseConfigText("pjsip.conf", text, options);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].message,
            "configuration too large: files and inherited variables exceed 1048576 bytes");
  EXPECT_FALSE(result.ok());
  EXPECT_LT(result.file.sections.size(), 40u);
}

}  // namespace
}  // namespace sb::config::testing
