// Line syntax: sections, assignments, comments, escapes, line endings and the errors they raise.

#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace sb::config::testing {
namespace {

TEST(ConfigSyntax, SectionsAndVariablesWithLocations) {
  const ParseResult result = parseText(
      "[general]\n"
      "foo = bar\n"
      "baz=qux\n"
      "\n"
      "[internal]\n"
      "exten => 100,1,Answer()\n");
  EXPECT_TRUE(result.ok());
  EXPECT_TRUE(result.found);
  EXPECT_EQ(result.file.name, "pjsip.conf");
  EXPECT_EQ(result.file.filesRead, Strings{"pjsip.conf"});
  ASSERT_EQ(sectionNames(result), (Strings{"general", "internal"}));
  EXPECT_EQ(result.file.sections[0].where, (SourceLocation{"pjsip.conf", 1}));
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"foo=bar@pjsip.conf:2", "baz=qux@pjsip.conf:3"}));
  EXPECT_EQ(result.file.sections[1].where, (SourceLocation{"pjsip.conf", 5}));
  EXPECT_EQ(describe(result.file.sections[1]), (Strings{"exten=100,1,Answer()@pjsip.conf:6 (=>)"}));
}

TEST(ConfigSyntax, BlanksAroundNamesAndValuesAreTrimmed) {
  const ParseResult result = parseText(
      "  \t[ spaced ]  \n"
      "\tkey\t=\t value  with  inner  spaces \t\n"
      "empty =\n"
      "obj=>   x  \n");
  ASSERT_EQ(sectionNames(result), Strings{"spaced"});
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"key=value  with  inner  spaces@pjsip.conf:2", "empty=@pjsip.conf:3",
                     "obj=x@pjsip.conf:4 (=>)"}));
}

TEST(ConfigSyntax, OnlyTheFirstEqualsSignSplits) {
  const ParseResult result = parseText("[s]\na = b=c\nd => e => f\ng==h\n");
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"a=b=c@pjsip.conf:2", "d=e => f@pjsip.conf:3 (=>)", "g==h@pjsip.conf:4"}));
}

TEST(ConfigSyntax, LineComments) {
  const ParseResult result = parseText(
      "; leading comment\n"
      "[s] ; after a header\n"
      "foo = bar ; trailing\n"
      "   ; indented comment\n"
      "baz = ;only a comment after '='\n");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"foo=bar@pjsip.conf:3", "baz=@pjsip.conf:5"}));
}

TEST(ConfigSyntax, EscapedSemicolonIsLiteral) {
  const ParseResult result = parseText(
      "[s]\n"
      "secret = ab\\;cd ; a comment\n"
      "pattern = \\;x\\;\n"
      "double = a\\\\;b\n");
  EXPECT_TRUE(result.ok());
  // `\\;` is a backslash then an escaped `;`: only the backslash touching the `;` goes.
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"secret=ab;cd@pjsip.conf:2", "pattern=;x;@pjsip.conf:3",
                     "double=a\\;b@pjsip.conf:4"}));
}

TEST(ConfigSyntax, BlockCommentInsideALineJoinsTheRest) {
  const ParseResult result = parseText("[s]\na = x;-- hidden --;y\nb = 1 ;-- c --; ; tail\n");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(describe(result.file.sections[0]), (Strings{"a=xy@pjsip.conf:2", "b=1@pjsip.conf:3"}));
}

TEST(ConfigSyntax, BlockCommentSpanningLines) {
  const ParseResult result = parseText(
      "[s]\n"
      "a = 1 ;-- starts here\n"
      "hidden = yes\n"
      "[hidden]\n"
      "#include nothing.conf\n"
      "still hidden --; b = 2\n"
      "c = 3\n");
  EXPECT_TRUE(result.ok()) << diagnostics(result).front();
  ASSERT_EQ(sectionNames(result), Strings{"s"});
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"a=1@pjsip.conf:2", "b=2@pjsip.conf:6", "c=3@pjsip.conf:7"}));
}

TEST(ConfigSyntax, BlockCommentsNest) {
  const ParseResult result = parseText(
      "[s]\n"
      ";-- outer\n"
      ";-- inner\n"
      "x = hidden\n"
      "--;\n"
      "y = still hidden\n"
      "--;\n"
      "z = visible\n");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(describe(result.file.sections[0]), Strings{"z=visible@pjsip.conf:8"});
}

TEST(ConfigSyntax, ThreeDashesAreAPlainComment) {
  // `;---` is not a block comment in Asterisk, and `--;` outside one just starts a comment.
  const ParseResult result = parseText("[s]\n;--- banner ---\na = 1\nb = x--;y\n");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(describe(result.file.sections[0]), (Strings{"a=1@pjsip.conf:3", "b=x--@pjsip.conf:4"}));
}

TEST(ConfigSyntax, UnterminatedBlockCommentWarnsWhereItStarted) {
  const ParseResult result = parseText("[s]\na = 1\n;-- never closed\nb = 2\n");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(diagnostics(result),
            Strings{"pjsip.conf:3: warning: block comment ';--' is never closed with '--;' (runs "
                    "to the end of the file)"});
  EXPECT_EQ(describe(result.file.sections[0]), Strings{"a=1@pjsip.conf:2"});
}

TEST(ConfigSyntax, UnterminatedNestedCommentNamesTheInnermost) {
  const ParseResult result = parseText("[s]\n;-- one\n;-- two\n--;\n");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].where, (SourceLocation{"pjsip.conf", 2}));
  EXPECT_EQ(result.diagnostics[0].severity, Diagnostic::Severity::Warning);
}

TEST(ConfigSyntax, CrlfBomTabsAndNoFinalNewline) {
  const ParseResult result = parseText("\xEF\xBB\xBF[s]\r\n\ta\t=\t1\r\n\r\nb = 2 ; c\r\nc = 3");
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(sectionNames(result), Strings{"s"});
  EXPECT_EQ(result.file.sections[0].where.line, 1);
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"a=1@pjsip.conf:2", "b=2@pjsip.conf:4", "c=3@pjsip.conf:5"}));
}

TEST(ConfigSyntax, EmptyAndCommentOnlyFiles) {
  EXPECT_TRUE(parseText("").file.sections.empty());
  EXPECT_TRUE(parseText("").ok());
  const ParseResult comments = parseText("; nothing\n\n   \n;-- block --;\n");
  EXPECT_TRUE(comments.ok());
  EXPECT_TRUE(comments.file.sections.empty());
}

TEST(ConfigSyntax, VariableBeforeAnySectionIsAnError) {
  const ParseResult result = parseText("; header comment\nfoo = bar\n[s]\nok = 1\n");
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(
      diagnostics(result),
      Strings{"pjsip.conf:2: error: no section for this line: it comes before any [section]"});
  EXPECT_EQ(describe(result.file.sections.at(0)), Strings{"ok=1@pjsip.conf:4"});
}

TEST(ConfigSyntax, LineWithoutEqualsIsAnError) {
  const ParseResult result = parseText("[s]\njust some words\nb = 2\n");
  EXPECT_EQ(diagnostics(result),
            Strings{"pjsip.conf:2: error: expected 'name = value' but found no '='"});
  EXPECT_EQ(describe(result.file.sections[0]), Strings{"b=2@pjsip.conf:3"});
}

TEST(ConfigSyntax, EmptyNameIsAnError) {
  const ParseResult result = parseText("[s]\n = value\n=> x\n+= y\n");
  EXPECT_EQ(diagnostics(result),
            (Strings{"pjsip.conf:2: error: missing variable name before '='",
                     "pjsip.conf:3: error: missing variable name before '='",
                     "pjsip.conf:4: error: missing variable name before '='"}));
  EXPECT_TRUE(result.file.sections[0].variables.empty());
}

TEST(ConfigSyntax, LeadingBackslashEscapesTheFirstCharacter) {
  const ParseResult result = parseText("[s]\n\\[x] = 1\n\\#y = 2\n\\== 3\n\\+= 4\n\\;z = 5\n");
  EXPECT_TRUE(result.ok()) << diagnostics(result).front();
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"[x]=1@pjsip.conf:2", "#y=2@pjsip.conf:3", "==3@pjsip.conf:4",
                     "+=4@pjsip.conf:5", ";z=5@pjsip.conf:6"}));
}

TEST(ConfigSyntax, BackslashBeforeABlankIsAnError) {
  const ParseResult result = parseText("[s]\n\\ x = 1\n");
  EXPECT_EQ(diagnostics(result),
            Strings{"pjsip.conf:2: error: invalid escape: '\\' must be followed by a visible "
                    "character"});
}

TEST(ConfigSyntax, MalformedHeadersDropTheirLines) {
  const ParseResult result = parseText(
      "[ok]\na = 1\n"
      "[broken\nb = 2\n"
      "[]\nc = 3\n"
      "[open](!\nd = 4\n"
      "[ok2]\ne = 5\n");
  EXPECT_EQ(diagnostics(result),
            (Strings{"pjsip.conf:3: error: section header has no closing ']'",
                     "pjsip.conf:5: error: empty section name",
                     "pjsip.conf:7: error: section options have no closing ')'"}));
  ASSERT_EQ(sectionNames(result), (Strings{"ok", "ok2"}));
  EXPECT_EQ(describe(result.file.sections[0]), Strings{"a=1@pjsip.conf:2"});
  EXPECT_EQ(describe(result.file.sections[1]), Strings{"e=5@pjsip.conf:10"});
}

TEST(ConfigSyntax, DroppedSectionStillReportsLineErrors) {
  const ParseResult result = parseText("[broken\nno equals here\n");
  EXPECT_EQ(diagnostics(result),
            (Strings{"pjsip.conf:1: error: section header has no closing ']'",
                     "pjsip.conf:2: error: expected 'name = value' but found no '='"}));
}

TEST(ConfigSyntax, TextAfterHeaderIsIgnoredWithAWarning) {
  const ParseResult result = parseText("[a] (!)\nx = 1\n[b] junk\n[c](!) more\n");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(diagnostics(result),
            (Strings{"pjsip.conf:1: warning: section options must follow ']' directly; '(!)' "
                     "ignored",
                     "pjsip.conf:3: warning: text after ']' ignored: 'junk'",
                     "pjsip.conf:4: warning: text after ')' ignored: 'more'"}));
  // Like Asterisk, `[a] (!)` is not a template.
  EXPECT_EQ(sectionNames(result), (Strings{"a", "b", "c(!)"}));
}

TEST(ConfigSyntax, EmptyOptionEntriesAreIgnored) {
  const ParseResult result = parseText("[t](!)\n[a]()\n[b](!,)\n");
  EXPECT_EQ(diagnostics(result),
            Strings{"pjsip.conf:3: warning: empty entry in section options ignored"});
  EXPECT_EQ(sectionNames(result), (Strings{"t(!)", "a", "b(!)"}));
}

TEST(ConfigSyntax, DirectivesOtherThanIncludes) {
  const ParseResult result =
      parseText("[s]\n#exec /usr/bin/make-config\n#frobnicate x\n#\n#include\na = 1\n");
  EXPECT_EQ(diagnostics(result),
            (Strings{"pjsip.conf:2: warning: #exec is not supported; line ignored",
                     "pjsip.conf:3: error: unknown directive '#frobnicate'",
                     "pjsip.conf:4: error: unknown directive '#'",
                     "pjsip.conf:5: warning: #include needs a file name; line ignored"}));
  EXPECT_EQ(describe(result.file.sections[0]), Strings{"a=1@pjsip.conf:6"});
}

TEST(ConfigSyntax, DirectiveNamesIgnoreCase) {
  const ParseResult result = parseText("[s]\n#EXEC foo\n#TryInclude missing.conf\n");
  EXPECT_EQ(diagnostics(result),
            Strings{"pjsip.conf:2: warning: #exec is not supported; line ignored"});
}

TEST(ConfigSyntax, SectionsMayShareAName) {
  const ParseResult result = parseText(
      "[6001]\ntype=endpoint\n"
      "[6001]\ntype=aor\nmax_contacts=1\n"
      "[6001]\ntype=auth\nusername=6001\n");
  EXPECT_TRUE(result.ok());
  const auto found = result.file.find("6001");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0]->last("type"), "endpoint");
  EXPECT_EQ(found[1]->last("type"), "aor");
  EXPECT_EQ(found[2]->last("type"), "auth");
  EXPECT_EQ(found[2]->where.line, 6);
}

}  // namespace
}  // namespace sb::config::testing
