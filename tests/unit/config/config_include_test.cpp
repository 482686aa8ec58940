// #include and #tryinclude through an in-memory folder: contexts, names, globs, cycles, limits.

#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace sb::config::testing {
namespace {

TEST(ConfigInclude, IncludedLinesJoinTheCurrentSection) {
  const ParseResult result = MemoryFiles()
                                 .add("pjsip.conf",
                                      "[global]\n"
                                      "a = 1\n"
                                      "#include extra.conf\n"
                                      "b = 2\n")
                                 .add("extra.conf",
                                      "; continues [global]\n"
                                      "c = 3\n"
                                      "[transport]\n"
                                      "d = 4\n")
                                 .parse();
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.file.filesRead, (Strings{"pjsip.conf", "extra.conf"}));
  ASSERT_EQ(sectionNames(result), (Strings{"global", "transport"}));
  // After the include the including file carries on in its own section, as in Asterisk.
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"a=1@pjsip.conf:2", "c=3@extra.conf:2", "b=2@pjsip.conf:4"}));
  EXPECT_EQ(result.file.sections[1].where, (SourceLocation{"extra.conf", 3}));
  EXPECT_EQ(describe(result.file.sections[1]), Strings{"d=4@extra.conf:4"});
}

TEST(ConfigInclude, QuotedAngledAndSubfolderNames) {
  const ParseResult result = MemoryFiles()
                                 .add("pjsip.conf",
                                      "[s]\n"
                                      "#include \"quoted.conf\"\n"
                                      "#include <angled.conf>\n"
                                      "#include sub/extra.conf\n"
                                      "#include ./sub/../dotted.conf\n")
                                 .add("quoted.conf", "q = 1\n")
                                 .add("angled.conf", "a = 2\n")
                                 .add("sub/extra.conf", "e = 3\n")
                                 .add("dotted.conf", "d = 4\n")
                                 .parse();
  EXPECT_TRUE(result.ok()) << diagnostics(result).front();
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"q=1@quoted.conf:1", "a=2@angled.conf:1", "e=3@sub/extra.conf:1",
                     "d=4@dotted.conf:1"}));
  EXPECT_EQ(result.file.filesRead,
            (Strings{"pjsip.conf", "quoted.conf", "angled.conf", "sub/extra.conf", "dotted.conf"}));
}

TEST(ConfigInclude, NestedIncludesResolveAgainstTheConfigFolder) {
  const ParseResult result = MemoryFiles()
                                 .add("pjsip.conf", "[s]\n#include sub/one.conf\n")
                                 .add("sub/one.conf", "one = 1\n#include sub/two.conf\n")
                                 .add("sub/two.conf", "[t]\ntwo = 2\n#include three.conf\n")
                                 .add("three.conf", "three = 3\n")
                                 .parse();
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(sectionNames(result), (Strings{"s", "t"}));
  EXPECT_EQ(describe(result.file.sections[0]), Strings{"one=1@sub/one.conf:1"});
  EXPECT_EQ(describe(result.file.sections[1]),
            (Strings{"two=2@sub/two.conf:2", "three=3@three.conf:1"}));
}

TEST(ConfigInclude, AbsolutePaths) {
  const ParseResult result = MemoryFiles()
                                 .add("pjsip.conf",
                                      "[s]\n"
                                      "#include /etc/asterisk/inside.conf\n"
                                      "#include /opt/shared/outside.conf\n"
                                      "#include ../elsewhere.conf\n")
                                 .add("inside.conf", "i = 1\n")
                                 .add("/opt/shared/outside.conf", "o = 2\n")
                                 .add("/etc/elsewhere.conf", "e = 3\n")
                                 .parse();
  EXPECT_TRUE(result.ok());
  // Inside the folder files are named relative to it; outside, as written.
  EXPECT_EQ(
      describe(result.file.sections[0]),
      (Strings{"i=1@inside.conf:1", "o=2@/opt/shared/outside.conf:1", "e=3@../elsewhere.conf:1"}));
}

TEST(ConfigInclude, MissingIncludeIsAnErrorAtTheIncludeLine) {
  const ParseResult result =
      MemoryFiles().add("pjsip.conf", "[s]\na = 1\n#include missing.conf\nb = 2\n").parse();
  EXPECT_EQ(diagnostics(result),
            Strings{"pjsip.conf:3: error: #include: file 'missing.conf' not found"});
  EXPECT_EQ(describe(result.file.sections[0]), (Strings{"a=1@pjsip.conf:2", "b=2@pjsip.conf:4"}));
}

TEST(ConfigInclude, MissingTryIncludeIsSilent) {
  const ParseResult result = MemoryFiles()
                                 .add("pjsip.conf",
                                      "[s]\n#tryinclude missing.conf\n#tryinclude \"opt/*.conf\"\n"
                                      "#tryinclude present.conf\n")
                                 .add("present.conf", "p = 1\n")
                                 .parse();
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(describe(result.file.sections[0]), Strings{"p=1@present.conf:1"});
  EXPECT_EQ(result.file.filesRead, (Strings{"pjsip.conf", "present.conf"}));
}

TEST(ConfigInclude, GlobsExpandInSortedOrder) {
  const ParseResult result = MemoryFiles()
                                 .add("pjsip.conf", "[s]\n#include conf.d/*.conf\n")
                                 .add("conf.d/20-b.conf", "b = 2\n")
                                 .add("conf.d/10-a.conf", "a = 1\n")
                                 .add("conf.d/notes.txt", "not = included\n")
                                 .parse();
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"a=1@conf.d/10-a.conf:1", "b=2@conf.d/20-b.conf:1"}));
}

TEST(ConfigInclude, GlobWithoutMatchIsAnErrorForInclude) {
  const ParseResult result =
      MemoryFiles().add("pjsip.conf", "[s]\n#include conf.d/*.conf\n").parse();
  EXPECT_EQ(diagnostics(result),
            Strings{"pjsip.conf:2: error: #include: no file matches 'conf.d/*.conf'"});
}

TEST(ConfigInclude, IncludingItselfIsACycle) {
  const ParseResult result =
      MemoryFiles().add("pjsip.conf", "[s]\na = 1\n#include pjsip.conf\nb = 2\n").parse();
  EXPECT_EQ(diagnostics(result),
            Strings{"pjsip.conf:3: error: include cycle: pjsip.conf -> pjsip.conf"});
  EXPECT_EQ(describe(result.file.sections[0]), (Strings{"a=1@pjsip.conf:2", "b=2@pjsip.conf:4"}));
}

TEST(ConfigInclude, IndirectCycleIsReportedWhereItCloses) {
  const ParseResult result = MemoryFiles()
                                 .add("pjsip.conf", "[s]\n#include a.conf\n")
                                 .add("a.conf", "a = 1\n#include b.conf\n")
                                 .add("b.conf", "b = 2\n\n#include \"a.conf\"\n")
                                 .parse();
  EXPECT_EQ(diagnostics(result),
            Strings{"b.conf:3: error: include cycle: a.conf -> b.conf -> a.conf"});
  EXPECT_EQ(describe(result.file.sections[0]), (Strings{"a=1@a.conf:1", "b=2@b.conf:1"}));
}

TEST(ConfigInclude, GlobThatMatchesTheIncluderIsACycle) {
  const ParseResult result = MemoryFiles()
                                 .add("pjsip.conf", "[s]\n#include *.conf\n")
                                 .add("other.conf", "o = 1\n")
                                 .parse();
  EXPECT_EQ(diagnostics(result),
            Strings{"pjsip.conf:2: error: include cycle: pjsip.conf -> pjsip.conf"});
  EXPECT_EQ(describe(result.file.sections[0]), Strings{"o=1@other.conf:1"});
}

TEST(ConfigInclude, SameFileTwiceIsNotACycle) {
  const ParseResult result =
      MemoryFiles()
          .add("pjsip.conf", "[a]\n#include common.conf\n[b]\n#include common.conf\n")
          .add("common.conf", "x = 1\n")
          .parse();
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(describe(result.file.sections[0]), Strings{"x=1@common.conf:1"});
  EXPECT_EQ(describe(result.file.sections[1]), Strings{"x=1@common.conf:1"});
  EXPECT_EQ(result.file.filesRead, (Strings{"pjsip.conf", "common.conf"}));
}

TEST(ConfigInclude, DepthLimit) {
  MemoryFiles files;
  files.add("pjsip.conf", "[s]\n#include l1.conf\n")
      .add("l1.conf", "one = 1\n#include l2.conf\n")
      .add("l2.conf", "two = 2\n#include l3.conf\n")
      .add("l3.conf", "three = 3\n");
  ReaderOptions options = files.options();
  options.maxIncludeDepth = 2;
  const ParseResult result = parseConfig("pjsip.conf", options);
  EXPECT_EQ(diagnostics(result),
            Strings{"l2.conf:2: error: #include of 'l3.conf' nested deeper than 2 levels"});
  EXPECT_EQ(describe(result.file.sections[0]), (Strings{"one=1@l1.conf:1", "two=2@l2.conf:1"}));
}

TEST(ConfigInclude, IncludedFileBeforeAnySection) {
  const ParseResult result = MemoryFiles()
                                 .add("pjsip.conf", "#include head.conf\nz = 9\n")
                                 .add("head.conf", "x = 1\n[s]\ny = 2\n")
                                 .parse();
  // The including file has no section of its own, so `z` has none either (as in Asterisk).
  EXPECT_EQ(diagnostics(result),
            (Strings{"head.conf:1: error: no section for this line: it comes before any [section]",
                     "pjsip.conf:2: error: no section for this line: it comes before any "
                     "[section]"}));
  EXPECT_EQ(describe(result.file.sections.at(0)), Strings{"y=2@head.conf:3"});
}

TEST(ConfigInclude, NextIncludeStartsInTheLatestSection) {
  // Asterisk's "current category" is global: the second include starts in [t], opened by the
  // first one, while the including file's own lines stay in [s].
  const ParseResult result =
      MemoryFiles()
          .add("pjsip.conf", "[s]\n#include one.conf\n#include two.conf\nmine = s\n")
          .add("one.conf", "[t]\n")
          .add("two.conf", "theirs = t\n")
          .parse();
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(describe(result.file.sections[0]), Strings{"mine=s@pjsip.conf:4"});
  EXPECT_EQ(describe(result.file.sections[1]), Strings{"theirs=t@two.conf:1"});
}

TEST(ConfigInclude, IncludedFilesAppendAndInherit) {
  const ParseResult result = MemoryFiles()
                                 .add("pjsip.conf",
                                      "#include templates.conf\n"
                                      "[6001](endpoint-tpl)\n"
                                      "#include 6001-extra.conf\n")
                                 .add("templates.conf", "[endpoint-tpl](!)\ntype = endpoint\n")
                                 .add("6001-extra.conf", "[6001](+type=endpoint)\nallow += ,g722\n")
                                 .parse();
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(sectionNames(result), (Strings{"endpoint-tpl(!)", "6001"}));
  EXPECT_EQ(
      describe(result.file.sections[1]),
      (Strings{"type=endpoint@templates.conf:2 (inherited)", "allow=,g722@6001-extra.conf:2"}));
}

TEST(ConfigInclude, BlockCommentStateIsPerFile) {
  const ParseResult result = MemoryFiles()
                                 .add("pjsip.conf", "[s]\n#include open.conf\nafter = 1\n")
                                 .add("open.conf", "x = 1\n;-- never closed\ny = 2\n")
                                 .parse();
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(diagnostics(result),
            Strings{"open.conf:2: warning: block comment ';--' is never closed with '--;' (runs to "
                    "the end of the file)"});
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"x=1@open.conf:1", "after=1@pjsip.conf:3"}));
}

TEST(ConfigInclude, ErrorsInsideIncludedFilesNameThatFile) {
  const ParseResult result = MemoryFiles()
                                 .add("pjsip.conf", "[s]\n#include sub/bad.conf\n")
                                 .add("sub/bad.conf", "\n\nnot an assignment\n[x](nope)\n")
                                 .parse();
  EXPECT_EQ(diagnostics(result),
            (Strings{"sub/bad.conf:3: error: expected 'name = value' but found no '='",
                     "sub/bad.conf:4: error: Inheritance requested, but section 'nope' does not "
                     "exist"}));
}

TEST(ConfigInclude, MissingMainFile) {
  const ParseResult result = MemoryFiles().parse("nothere.conf");
  EXPECT_FALSE(result.found);
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.file.name, "nothere.conf");
  EXPECT_TRUE(result.file.filesRead.empty());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].where, (SourceLocation{"nothere.conf", 0}));
  EXPECT_EQ(result.diagnostics[0].message, "nothere.conf: file not found");
}

TEST(ConfigInclude, ParseTextResolvesIncludesThroughTheReader) {
  MemoryFiles files;
  files.add("extra.conf", "e = 1\n");
  const ParseResult result = parseConfigText("/etc/asterisk/manager.conf",
                                             "[general]\n#include extra.conf\n", files.options());
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.file.name, "/etc/asterisk/manager.conf");
  EXPECT_EQ(result.file.filesRead, (Strings{"manager.conf", "extra.conf"}));
  EXPECT_EQ(result.file.sections[0].where.file, "manager.conf");
}

TEST(ConfigInclude, ParseTextDetectsSelfInclusionByName) {
  const ParseResult result =
      parseConfigText("pjsip.conf", "[s]\n#include ./pjsip.conf\n", MemoryFiles().options());
  EXPECT_EQ(diagnostics(result),
            Strings{"pjsip.conf:2: error: include cycle: pjsip.conf -> pjsip.conf"});
}

TEST(ConfigInclude, FileSizeLimit) {
  MemoryFiles files;
  files.add("pjsip.conf", "[s]\n#include big.conf\n#include small.conf\n")
      .add("big.conf", "value = 0123456789012345678901234567890123456789\n")
      .add("small.conf", "v = 1\n");
  ReaderOptions options = files.options();
  options.maxFileSize = 45;
  const ParseResult result = parseConfig("pjsip.conf", options);
  EXPECT_EQ(
      diagnostics(result),
      Strings{"pjsip.conf:2: error: #include: 'big.conf' is larger than the limit of 45 bytes"});
  EXPECT_EQ(describe(result.file.sections[0]), Strings{"v=1@small.conf:1"});

  options.maxFileSize = 10;
  const ParseResult main = parseConfig("pjsip.conf", options);
  EXPECT_TRUE(main.found);
  EXPECT_EQ(diagnostics(main),
            Strings{"pjsip.conf:0: error: 'pjsip.conf' is larger than the limit of 10 bytes"});
  EXPECT_TRUE(main.file.sections.empty());
}

}  // namespace
}  // namespace sb::config::testing
