// AMI Originate header parsing and the permission checks of the call actions.
#include <gtest/gtest.h>

#include "core/events/event_bus.hpp"
#include "modules/manager_calls/call_actions.hpp"
#include "modules/manager_calls/originate_request.hpp"
#include "modules/manager_calls/permissions.hpp"

namespace sb::modules::manager_calls {
namespace {

manager::AmiMessage message(manager::AmiFields headers) {
  return manager::AmiMessage{std::move(headers)};
}

TEST(OriginateRequest, ExtensionTarget) {
  OriginateAction action;
  auto error = parseOriginate(message({{"Action", "Originate"},
                                       {"Channel", "PJSIP/alice"},
                                       {"Context", "internal"},
                                       {"Exten", "100"},
                                       {"Priority", "2"},
                                       {"Timeout", "15000"},
                                       {"CallerID", "Front Desk <555>"},
                                       {"Variable", "a=1,b=two"},
                                       {"Variable", "c"},
                                       {"Account", "acct"},
                                       {"Async", "yes"}}),
                              action);
  ASSERT_FALSE(error) << *error;
  EXPECT_EQ(action.request.tech, "PJSIP");
  EXPECT_EQ(action.request.resource, "alice");
  EXPECT_EQ(action.request.context, "internal");
  EXPECT_EQ(action.request.exten, "100");
  EXPECT_EQ(action.request.priority, 2);
  EXPECT_EQ(action.request.timeout, std::chrono::milliseconds(15000));
  EXPECT_EQ(action.request.callerName, "Front Desk");
  EXPECT_EQ(action.request.callerNumber, "555");
  EXPECT_EQ(action.request.account, "acct");
  EXPECT_TRUE(action.async);
  ASSERT_EQ(action.request.variables.size(), 3u);
  EXPECT_EQ(action.request.variables[1], std::make_pair(std::string("b"), std::string("two")));
  EXPECT_EQ(action.request.variables[2], std::make_pair(std::string("c"), std::string()));
}

TEST(OriginateRequest, ApplicationAndDefaults) {
  OriginateAction action;
  ASSERT_FALSE(parseOriginate(
      message({{"Channel", "PJSIP/bob"}, {"Application", "Wait"}, {"Data", "1"}}), action));
  EXPECT_EQ(action.request.app, "Wait");
  EXPECT_EQ(action.request.appData, "1");
  EXPECT_EQ(action.request.timeout, std::chrono::milliseconds(30000));
  EXPECT_EQ(action.request.priority, 0);
  EXPECT_FALSE(action.hasPriority);
  EXPECT_FALSE(action.async);
}

TEST(OriginateRequest, PriorityLabel) {
  OriginateAction action;
  ASSERT_FALSE(parseOriginate(message({{"Channel", "PJSIP/bob"}, {"Priority", "start"}}), action));
  EXPECT_TRUE(action.hasPriority);
  EXPECT_EQ(action.priorityLabel, "start");
}

TEST(OriginateRequest, Errors) {
  OriginateAction action;
  EXPECT_EQ(parseOriginate(message({}), action), "Channel not specified");
  EXPECT_EQ(parseOriginate(message({{"Channel", "alice"}}), action), "Invalid channel");
  EXPECT_EQ(parseOriginate(message({{"Channel", "PJSIP/a"}, {"Timeout", "soon"}}), action),
            "Invalid timeout");
  EXPECT_EQ(parseOriginate(message({{"Channel", "PJSIP/a"}, {"ChannelId", std::string(150, 'x')}}),
                           action),
            "Uniqueid length exceeds maximum of 149\n");
}

TEST(AmiTrue, Values) {
  EXPECT_TRUE(amiTrue("Yes"));
  EXPECT_TRUE(amiTrue("true"));
  EXPECT_TRUE(amiTrue("1"));
  EXPECT_TRUE(amiTrue("on"));
  EXPECT_FALSE(amiTrue("no"));
  EXPECT_FALSE(amiTrue(""));
}

TEST(CallPermissions, FunctionStrings) {
  EXPECT_TRUE(functionStringAllowed("CALLERID(num)", events::kCall));
  EXPECT_FALSE(functionStringAllowed("SHELL(ls)", events::kCall));
  EXPECT_FALSE(functionStringAllowed("x,EVAL(y)", events::kCall));
  EXPECT_TRUE(functionStringAllowed("SHELL(ls)", events::kSystem));
}

TEST(CallPermissions, OriginateApplications) {
  EXPECT_TRUE(originateAppPermitted("Wait", "1", events::kOriginate));
  EXPECT_FALSE(originateAppPermitted("System", "ls", events::kOriginate));
  EXPECT_FALSE(originateAppPermitted("  EXEC", "", events::kOriginate));
  EXPECT_TRUE(originateAppPermitted("System", "ls", events::kSystem | events::kOriginate));
  EXPECT_FALSE(originateAppPermitted("NoOp", "${SHELL(ls)}", events::kOriginate));
  // Data matches are case-sensitive.
  EXPECT_TRUE(originateAppPermitted("NoOp", "shell", events::kOriginate));
}

TEST(CoreShowChannelsDuration, HoursMinutesSeconds) {
  EXPECT_EQ(formatDuration(std::chrono::seconds(0)), "00:00:00");
  EXPECT_EQ(formatDuration(std::chrono::seconds(3725)), "01:02:05");
  EXPECT_EQ(formatDuration(std::chrono::seconds(-3)), "00:00:00");
}

}  // namespace
}  // namespace sb::modules::manager_calls
