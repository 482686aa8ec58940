// `core show functions` rows and `core show function` text.
#include "modules/pbx/function_commands.hpp"

#include <gtest/gtest.h>

namespace sb::modules::pbx {
namespace {

TEST(FunctionCommands, RowsCutNameAndSyntaxAsAsterisk) {
  FunctionInfo info;
  info.synopsis = "Return a dial string for dialing all contacts on an AOR.";
  info.syntax = "PJSIP_DIAL_CONTACTS(endpoint[,aor[,request_user]])";
  EXPECT_EQ(functionRow("PJSIP_DIAL_CONTACTS", info),
            "PJSIP_DIAL_CONTACTS   PJSIP_DIAL_CONTACTS(endpoint[,aor[,  Return a dial string for "
            "dialing all contacts on an AOR.\n");
  FunctionInfo bare;
  bare.synopsis = "Check for an expression.";
  EXPECT_EQ(functionRow("IF", bare),
            "IF                    IF()                                 Check for an "
            "expression.\n");
}

TEST(FunctionCommands, DetailListsEverySectionInAsterisksOrder) {
  FunctionInfo info;
  info.synopsis = "Get information about a PJSIP AOR";
  info.syntax = "PJSIP_AOR(name,field)";
  info.since = "13.2.0";
  const auto text = functionDetail("PJSIP_AOR", info);
  EXPECT_EQ(text,
            "\n  -= Info about Function 'PJSIP_AOR' =- \n\n"
            "[Synopsis]\nGet information about a PJSIP AOR\n\n"
            "[Provided By]\nNot available\n\n"
            "[Since]\n13.2.0\n\n"
            "[Description]\nNot available\n\n"
            "[Syntax]\nPJSIP_AOR(name,field)\n\n"
            "[Arguments]\nNot available\n\n"
            "[See Also]\nNot available\n\n");
}

}  // namespace
}  // namespace sb::modules::pbx
