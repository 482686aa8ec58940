// `dialplan show` output, byte for byte as Asterisk prints it.

#include <string>

#include <gtest/gtest.h>

#include "dialplan_test_support.hpp"
#include "pbx/dialplan/dialplan_show.hpp"

namespace sb::pbx::testing {
namespace {

const char* const kShowSample =
    "[default]\n"                            // 1
    "exten => 100,1,Answer()\n"              // 2
    " same => n(dial),Dial(PJSIP/100,30)\n"  // 3
    "exten => 100,hint,PJSIP/100\n"          // 4
    "exten => _2XX,1,NoOp()\n"               // 5
    "include => other\n"                     // 6
    "ignorepat => 9\n"                       // 7
    "\n"                                     // 8
    "[other]\n"                              // 9
    "exten => 300/555,1,NoOp(cid)\n";        // 10

TEST(DialplanShow, WholeDialplan) {
  const DialplanLoad load = loadDialplan(kShowSample);
  EXPECT_EQ(showDialplan(*load.dialplan),
            "[ Context 'other' created by 'pbx_config' ]\n"
            "  '300' (CID match '555') =>  1. NoOp(cid)                                  "
            "[extensions.conf:10]\n"
            "\n"
            "[ Context 'default' created by 'pbx_config' ]\n"
            "  '100' =>          hint: PJSIP/100                               "
            "[extensions.conf:4]\n"
            "                    1. Answer()                                   "
            "[extensions.conf:2]\n"
            "     [dial]         2. Dial(PJSIP/100,30)                         "
            "[extensions.conf:3]\n"
            "  '_2XX' =>         1. NoOp()                                     "
            "[extensions.conf:5]\n"
            "  Include =>        'other'                                       [pbx_config]\n"
            "  Ignore pattern => '9'                                           [pbx_config]\n"
            "\n"
            "-= 3 extensions (5 priorities) in 2 contexts. =-\n");
}

TEST(DialplanShow, OneExtension) {
  const DialplanLoad load = loadDialplan(kShowSample);
  EXPECT_EQ(showDialplan(*load.dialplan, "default", "100"),
            "[ Context 'default' created by 'pbx_config' ]\n"
            "  '100' =>          hint: PJSIP/100                               "
            "[extensions.conf:4]\n"
            "                    1. Answer()                                   "
            "[extensions.conf:2]\n"
            "     [dial]         2. Dial(PJSIP/100,30)                         "
            "[extensions.conf:3]\n"
            "\n"
            "-= 1 extension (3 priorities) in 1 context. =-\n");
}

TEST(DialplanShow, ExtensionFoundThroughAnInclude) {
  const DialplanLoad load = loadDialplan(kShowSample);
  EXPECT_EQ(showDialplan(*load.dialplan, "default", "300"),
            "[ Included context 'other' created by 'pbx_config' ]\n"
            "  '300' (CID match '555') =>  1. NoOp(cid)                                  "
            "[extensions.conf:10]\n"
            "\n"
            "-= 1 extension (1 priority) in 1 context. =-\n");
}

TEST(DialplanShow, OneContextAndMissingThings) {
  const DialplanLoad load = loadDialplan(kShowSample);
  EXPECT_EQ(showDialplan(*load.dialplan, "other"),
            "[ Context 'other' created by 'pbx_config' ]\n"
            "  '300' (CID match '555') =>  1. NoOp(cid)                                  "
            "[extensions.conf:10]\n"
            "\n"
            "-= 1 extension (1 priority) in 1 context. =-\n");
  EXPECT_EQ(showDialplan(*load.dialplan, "nosuch"), "There is no existence of 'nosuch' context\n");
  EXPECT_EQ(showDialplan(*load.dialplan, "default", "555"),
            "There is no existence of 555@default extension\n");
  EXPECT_EQ(showDialplan(*load.dialplan, {}, "555"),
            "There is no existence of '555' extension in all contexts\n");
  // As in Asterisk, a matching ignore pattern is listed even when no extension is.
  EXPECT_EQ(showDialplan(*load.dialplan, "default", "999"),
            "  Ignore pattern => '9'                                           [pbx_config]\n"
            "There is no existence of 999@default extension\n");
}

TEST(DialplanShow, EmptyDialplan) {
  const DialplanLoad load = loadDialplan("[general]\nstatic=yes\n");
  EXPECT_EQ(showDialplan(*load.dialplan), "-= 0 extensions (0 priorities) in 0 contexts. =-\n");
}

}  // namespace
}  // namespace sb::pbx::testing
