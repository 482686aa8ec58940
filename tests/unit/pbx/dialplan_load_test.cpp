// Loading extensions.conf (through the real configuration reader) and looking things up.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "dialplan_test_support.hpp"

namespace sb::pbx::testing {
namespace {

using Strings = std::vector<std::string>;

const char* const kSample =
    "[general]\n"                                             // 1
    "static=yes\n"                                            // 2
    "writeprotect=no\n"                                       // 3
    "autofallthrough=no\n"                                    // 4
    "clearglobalvars=yes\n"                                   // 5
    "colour=blue\n"                                           // 6
    "\n"                                                      // 7
    "[globals]\n"                                             // 8
    "TRUNK=PJSIP/trunk\n"                                     // 9
    "PREFIX=9\n"                                              // 10
    "TRUNK=PJSIP/other ; a later value replaces the first\n"  // 11
    "\n"                                                      // 12
    "[internal]\n"                                            // 13
    "exten => 100,1,Answer()\n"                               // 14
    " same => n(dial),Dial(PJSIP/100,30)\n"                   // 15
    " same => n,Hangup()\n"                                   // 16
    "exten => 100,hint,PJSIP/100&Custom:dnd100\n"             // 17
    "exten => _2XX,1,NoOp(${EXTEN})\n"                        // 18
    "exten => _2XX,2,Goto(dial)\n"                            // 19
    "exten => 200,1,NoOp(literal wins)\n"                     // 20
    "include => outbound\n"                                   // 21
    "ignorepat => 9\n"                                        // 22
    "\n"                                                      // 23
    "[outbound]\n"                                            // 24
    "exten => _${PREFIX}.,1,Dial(${TRUNK}/${EXTEN:1})\n"      // 25
    "exten => _X.,1,NoOp(anything)\n";                        // 26

TEST(DialplanLoad, GeneralAndGlobals) {
  const DialplanLoad load = loadDialplan(kSample);
  ASSERT_TRUE(load.dialplan);
  EXPECT_EQ(messages(load),
            Strings{"extensions.conf:6: warning: unknown [general] option 'colour' ignored"});
  const DialplanGeneral& general = load.dialplan->general();
  EXPECT_TRUE(general.staticConfig);
  EXPECT_FALSE(general.writeProtect);
  EXPECT_FALSE(general.autoFallthrough);
  EXPECT_TRUE(general.clearGlobalVars);
  EXPECT_FALSE(general.extenPatternMatchNew);
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(load.dialplan->globals(), (Pairs{{"TRUNK", "PJSIP/other"}, {"PREFIX", "9"}}));
}

TEST(DialplanLoad, ContextsExtensionsAndPriorities) {
  const DialplanLoad load = loadDialplan(kSample);
  const Dialplan& plan = *load.dialplan;
  std::vector<std::string> names;
  for (const Context* c : plan.contexts()) {
    names.push_back(c->name);
  }
  EXPECT_EQ(names, (Strings{"internal", "outbound"}));
  const Context* internal = plan.context("internal");
  ASSERT_NE(internal, nullptr);
  EXPECT_EQ(plan.context("Internal"), nullptr);  // context names are case-sensitive
  EXPECT_EQ(internal->where.str(), "extensions.conf:13");
  ASSERT_EQ(internal->extensions.size(), 3u);
  EXPECT_EQ(internal->extensions[0].name, "100");  // literals first, then patterns
  EXPECT_EQ(internal->extensions[1].name, "200");
  EXPECT_EQ(internal->extensions[2].name, "_2XX");
  const Extension& e100 = internal->extensions[0];
  ASSERT_EQ(e100.priorities.size(), 3u);
  EXPECT_EQ(e100.priorities[1].number, 2);
  EXPECT_EQ(e100.priorities[1].label, "dial");
  EXPECT_EQ(e100.priorities[1].app, "Dial");
  EXPECT_EQ(e100.priorities[1].data, "PJSIP/100,30");
  EXPECT_EQ(e100.priorities[1].where.str(), "extensions.conf:15");
  EXPECT_EQ(e100.priorities[2].number, 3);
  EXPECT_EQ(e100.priorities[2].app, "Hangup");
  EXPECT_EQ(e100.hint, "PJSIP/100&Custom:dnd100");
  EXPECT_EQ(internal->includes, Strings{"outbound"});
  EXPECT_EQ(internal->ignorePatterns, Strings{"9"});
  // Names are substituted with the globals at load time; application data is not.
  const Context* outbound = plan.context("outbound");
  ASSERT_NE(outbound, nullptr);
  EXPECT_EQ(outbound->extensions[0].name, "_9.");
  EXPECT_EQ(outbound->extensions[0].priorities[0].data, "${TRUNK}/${EXTEN:1}");
}

TEST(DialplanLoad, LookupsFollowAsteriskOrder) {
  const DialplanLoad load = loadDialplan(kSample);
  const Dialplan& plan = *load.dialplan;
  auto found = plan.find("internal", "200", 1);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->extension->name, "200");  // the literal beats _2XX
  EXPECT_EQ(found->priority->data, "literal wins");
  found = plan.find("internal", "201", 1);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->extension->name, "_2XX");
  // 200 has no priority 2, so the search goes on to _2XX (Asterisk's old matcher).
  found = plan.find("internal", "200", 2);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->extension->name, "_2XX");
  EXPECT_EQ(found->priority->app, "Goto");
  EXPECT_TRUE(plan.exists("internal", "100"));
  EXPECT_FALSE(plan.exists("internal", "100", 4));
  EXPECT_FALSE(plan.exists("nowhere", "100"));
  EXPECT_EQ(plan.findLabel("internal", "100", "dial"), 2);
  EXPECT_FALSE(plan.findLabel("internal", "100", "nolabel"));
  EXPECT_EQ(plan.hint("internal", "100"), "PJSIP/100&Custom:dnd100");
  EXPECT_FALSE(plan.hint("internal", "200"));
}

TEST(DialplanLoad, IncludesAreSearchedInOrder) {
  const DialplanLoad load = loadDialplan(kSample);
  const Dialplan& plan = *load.dialplan;
  auto found = plan.find("internal", "95551234", 1);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->context->name, "outbound");
  EXPECT_EQ(found->extension->name, "_9.");  // before _X. in ext_cmp order
  found = plan.find("internal", "55", 1);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->extension->name, "_X.");
  EXPECT_FALSE(plan.exists("internal", "5"));  // '.' needs one more character
  EXPECT_TRUE(plan.canMatchMore("internal", "2"));
  EXPECT_TRUE(plan.canMatchMore("internal", "9"));
  EXPECT_TRUE(plan.exists("internal", "100", 2));
  EXPECT_FALSE(plan.exists("outbound", "100", 2));  // includes are not followed backwards
}

TEST(DialplanLoad, IncludeLoopsEnd) {
  const DialplanLoad load = loadDialplan(
      "[a]\ninclude => b\nexten => 1,1,NoOp(a)\n"
      "[b]\ninclude => a\ninclude => c\n"
      "[c]\nexten => 3,1,NoOp(c)\n");
  const Dialplan& plan = *load.dialplan;
  EXPECT_TRUE(plan.exists("a", "3"));
  EXPECT_TRUE(plan.exists("b", "1"));
  EXPECT_FALSE(plan.exists("a", "4"));
  EXPECT_FALSE(plan.canMatchMore("a", "4"));
  EXPECT_TRUE(load.diagnostics.empty()) << messages(load).front();
}

TEST(DialplanLoad, PriorityForms) {
  const DialplanLoad load = loadDialplan(
      "[p]\n"
      "exten => 500,1(start),NoOp(one)\n"
      " same => n,NoOp(two)\n"
      " same => n+2,NoOp(five)\n"
      " same => s+1,NoOp(six)\n"
      " same => start+10,NoOp(eleven)\n"
      "exten => 501,10,NoOp(ten)\n"
      "exten => 501,5,NoOp(five)\n"
      "exten => 600,1,Dial,PJSIP/600\n"
      "exten => 601,1,Answer\n");
  EXPECT_TRUE(load.diagnostics.empty()) << messages(load).front();
  const Context* p = load.dialplan->context("p");
  ASSERT_NE(p, nullptr);
  std::vector<int> numbers;
  for (const Priority& priority : p->extensions[0].priorities) {
    numbers.push_back(priority.number);
  }
  EXPECT_EQ(numbers, (std::vector<int>{1, 2, 5, 6, 11}));
  EXPECT_EQ(p->extensions[0].priorities[0].label, "start");
  EXPECT_EQ(p->extensions[1].priorities[0].number, 5);  // sorted by number
  EXPECT_EQ(p->extensions[1].priorities[1].number, 10);
  const Priority* legacy = p->extensions[2].priority(1);
  ASSERT_NE(legacy, nullptr);
  EXPECT_EQ(legacy->app, "Dial");  // the older App,args form
  EXPECT_EQ(legacy->data, "PJSIP/600");
  EXPECT_EQ(p->extensions[3].priorities[0].app, "Answer");
  EXPECT_EQ(p->extensions[3].priorities[0].data, "");
}

TEST(DialplanLoad, CallerIdMatching) {
  const DialplanLoad load = loadDialplan(
      "[cid]\n"
      "exten => 700,1,NoOp(anyone)\n"
      "exten => 700/5551212,1,NoOp(vip)\n"
      "exten => 701/_55X,1,NoOp(fives)\n"
      "exten => 702/(555) 12-12,1,NoOp(shrunk)\n");
  const Dialplan& plan = *load.dialplan;
  const Context* cid = plan.context("cid");
  ASSERT_NE(cid, nullptr);
  EXPECT_EQ(cid->extensions[0].callerIdMatch, "5551212");  // caller-ID ones sort first
  EXPECT_EQ(cid->extensions[3].callerIdMatch, "5551212");
  EXPECT_EQ(plan.find("cid", "700", 1, "5551212")->priority->data, "vip");
  EXPECT_EQ(plan.find("cid", "700", 1, "123")->priority->data, "anyone");
  EXPECT_EQ(plan.find("cid", "700", 1)->priority->data, "anyone");
  EXPECT_TRUE(plan.exists("cid", "701", 1, "557"));
  EXPECT_FALSE(plan.exists("cid", "701", 1, "567"));
  EXPECT_FALSE(plan.exists("cid", "701", 1));
}

TEST(DialplanLoad, RepeatedAndAppendedContextsMerge) {
  const DialplanLoad load = loadDialplan(
      "[a]\nexten => 1,1,NoOp(first)\n"
      "[b]\nexten => 2,1,NoOp()\n"
      "[a]\nexten => 1,2,NoOp(second)\n"
      "[a](+)\nexten => 1,3,NoOp(third)\n");
  const Dialplan& plan = *load.dialplan;
  EXPECT_EQ(plan.contexts().size(), 2u);
  EXPECT_EQ(plan.find("a", "1", 2)->priority->data, "second");
  EXPECT_EQ(plan.find("a", "1", 3)->priority->data, "third");
  EXPECT_EQ(plan.context("a")->extensions.size(), 1u);
}

TEST(DialplanLoad, DiagnosticsNameFileAndLine) {
  const DialplanLoad load = loadDialplan(
      "[bad]\n"                               // 1
      "exten => 100,n,NoOp(x)\n"              // 2
      "exten => 100,1,NoOp(a)\n"              // 3
      "exten => 100,1,NoOp(dup)\n"            // 4
      "exten => 100,x1,NoOp()\n"              // 5
      "exten => 100,0,NoOp()\n"               // 6
      "exten => 100,2(lab,NoOp()\n"           // 7
      "same => n,NoOp(ok)\n"                  // 8
      "exten => _1[2,1,NoOp()\n"              // 9
      "include => other|08:00-17:00,*,*,*\n"  // 10
      "switch => DUNDi/e164\n"                // 11
      "foo => bar\n"                          // 12
      "exten => 300,1,Dial(x\n"               // 13
      "[first]\n"                             // 14
      "same => 1,NoOp()\n"                    // 15
      "exten => 1,2147483647,NoOp()\n"        // 16
      "exten => 1,1,NoOp()\n"                 // 17
      "same => n+2147483647,NoOp()\n");       // 18
  EXPECT_EQ(messages(load),
            (Strings{
                "extensions.conf:2: error: can't use 'next' priority on the first entry",
                "extensions.conf:4: warning: unable to register extension '100' priority 1 in "
                "'bad', already in use (at extensions.conf:3)",
                "extensions.conf:5: error: invalid priority/label 'x1'",
                "extensions.conf:6: error: invalid priority '0'",
                "extensions.conf:7: error: label missing trailing ')'",
                "extensions.conf:9: error: invalid extension '_1[2,1,NoOp()': unterminated '[' "
                "in extension pattern '_1[2,1,NoOp()'",
                "extensions.conf:10: warning: time condition '08:00-17:00,*,*,*' of include "
                "'other' is not supported; the include always applies",
                "extensions.conf:11: warning: alternative switches are not supported; "
                "'switch => DUNDi/e164' ignored",
                "extensions.conf:12: warning: unknown directive 'foo' ignored",
                "extensions.conf:13: warning: no closing parenthesis found in 'Dial(x'",
                "extensions.conf:15: error: 'same' with no previous extension in context 'first'",
                "extensions.conf:16: error: priority 2147483647 out of range",
                "extensions.conf:18: error: priority 2147483649 out of range",
                "extensions.conf:10: warning: context 'bad' includes unknown context 'other'",
            }));
  const Dialplan& plan = *load.dialplan;
  EXPECT_EQ(plan.find("bad", "100", 1)->priority->data, "a");  // the first one is kept
  EXPECT_EQ(plan.find("bad", "100", 2)->priority->data, "ok");
  EXPECT_EQ(plan.find("bad", "300", 1)->priority->data, "x");
  EXPECT_EQ(plan.context("bad")->includeDetails.at(0).condition, "08:00-17:00,*,*,*");
}

TEST(DialplanLoad, DuplicateLabelsAndHints) {
  const DialplanLoad load = loadDialplan(
      "[d]\n"
      "exten => 1,1(x),NoOp()\n"
      "exten => 1,2(x),NoOp()\n"
      "exten => 1,hint,PJSIP/1\n"
      "exten => 1,hint,PJSIP/2\n");
  EXPECT_EQ(messages(load),
            (Strings{"extensions.conf:3: warning: extension '1' priority 2 in 'd', label 'x' "
                     "already in use at priority 1",
                     "extensions.conf:5: warning: extension '1' in 'd' already has a hint (at "
                     "extensions.conf:4); this one is ignored"}));
  EXPECT_EQ(load.dialplan->findLabel("d", "1", "x"), 1);
  EXPECT_EQ(load.dialplan->hint("d", "1"), "PJSIP/1");
}

TEST(DialplanLoad, HintsKeepPresenceAndFollowIncludes) {
  const DialplanLoad load = loadDialplan(
      "[phones]\n"
      "exten => 2,hint,PJSIP/2&Custom:dnd2,CustomPresence:lamp2\n"
      "exten => _3X,hint,PJSIP/${EXTEN}\n"
      "[from-internal]\n"
      "include => phones\n"
      "exten => _.,1,NoOp()\n");
  EXPECT_EQ(messages(load),
            (Strings{"extensions.conf:6: warning: the use of '_.' for an extension is strongly "
                     "discouraged and can have unexpected behavior; use '_X.' instead"}));
  const Dialplan& plan = *load.dialplan;
  EXPECT_EQ(plan.hint("from-internal", "2"), "PJSIP/2&Custom:dnd2,CustomPresence:lamp2");
  EXPECT_EQ(plan.hint("phones", "31"), "PJSIP/${EXTEN}");  // substituted by the caller
  EXPECT_FALSE(plan.hint("phones", "4"));
  EXPECT_FALSE(plan.exists("phones", "2"));  // a hint is not a priority
}

TEST(DialplanLoad, IncludedFilesKeepTheirNames) {
  TempConfigDir dir;
  dir.write("extensions.conf", "[from-phones]\n#include phones/ext.conf\n");
  dir.write("phones/ext.conf", "exten => 6001,1,Dial(PJSIP/6001)\n");
  const config::ParseResult parsed = dir.parse();
  ASSERT_TRUE(parsed.ok());
  const DialplanLoad load = Dialplan::load(parsed.file);
  const auto found = load.dialplan->find("from-phones", "6001", 1);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->priority->where.str(), "phones/ext.conf:1");
}

}  // namespace
}  // namespace sb::pbx::testing
