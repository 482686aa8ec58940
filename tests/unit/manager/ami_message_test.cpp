#include "modules/manager/ami_message.hpp"

#include <gtest/gtest.h>

#include <string>

#include "modules/manager/manager_service.hpp"

namespace sb::modules::manager {
namespace {

TEST(AmiParser, ParsesCrlfMessagesWithCaseInsensitiveKeys) {
  AmiParser parser;
  parser.feed("Action: Login\r\nUsername: admin\r\nsecret:  pw \r\n\r\n");
  auto message = parser.next();
  ASSERT_TRUE(message);
  EXPECT_EQ(message->get("action"), "Login");
  EXPECT_EQ(message->get("USERNAME"), "admin");
  EXPECT_EQ(message->get("Secret"), "pw");
  EXPECT_EQ(message->get("Missing"), "");
  EXPECT_FALSE(message->find("Missing"));
  EXPECT_FALSE(parser.next());
}

TEST(AmiParser, AcceptsBareLinefeedsAndPartialInput) {
  AmiParser parser;
  parser.feed("Action: Ping\nAction");
  EXPECT_FALSE(parser.next());
  parser.feed("ID: 1\n\nAction: Ping\r\n");
  auto first = parser.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->get("ActionID"), "1");
  EXPECT_FALSE(parser.next());
  parser.feed("\r\n");
  auto second = parser.next();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->get("Action"), "Ping");
  EXPECT_EQ(parser.buffered(), 0u);
}

TEST(AmiParser, KeepsRepeatedHeadersInOrder) {
  AmiParser parser;
  parser.feed("Action: Originate\r\nVariable: a=1\r\nvariable: b=2\r\nVARIABLE: c=3\r\n\r\n");
  auto message = parser.next();
  ASSERT_TRUE(message);
  EXPECT_EQ(message->all("Variable"), (std::vector<std::string>{"a=1", "b=2", "c=3"}));
  EXPECT_EQ(message->get("Variable"), "a=1");
}

TEST(AmiParser, ABlankLineAloneIsAnEmptyMessage) {
  AmiParser parser;
  parser.feed("\r\n");
  auto message = parser.next();
  ASSERT_TRUE(message);
  EXPECT_TRUE(message->headers.empty());
}

TEST(AmiParser, LinesWithoutColonAreIgnored) {
  AmiParser parser;
  parser.feed("garbage\r\nAction: Ping\r\n\r\n");
  auto message = parser.next();
  ASSERT_TRUE(message);
  ASSERT_EQ(message->headers.size(), 1u);
  EXPECT_EQ(message->get("Action"), "Ping");
}

TEST(AmiParser, ValuesMayContainColons) {
  AmiParser parser;
  parser.feed("Action: Command\r\nCommand: core show uptime: now\r\n\r\n");
  EXPECT_EQ(parser.next()->get("Command"), "core show uptime: now");
}

TEST(AmiParser, TooLargeMessagesFail) {
  AmiParser parser(AmiLimits{.maxMessageBytes = 64, .maxHeaders = 256});
  parser.feed("Action: " + std::string(100, 'x'));
  EXPECT_FALSE(parser.next());
  EXPECT_TRUE(parser.failed());
  parser.feed("\r\n\r\n");
  EXPECT_FALSE(parser.next());
}

TEST(AmiParser, TooManyHeadersFail) {
  AmiParser parser(AmiLimits{.maxMessageBytes = 65536, .maxHeaders = 3});
  parser.feed("A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n");
  EXPECT_FALSE(parser.next());
  EXPECT_TRUE(parser.failed());
}

TEST(AmiParser, DefaultLimitsAre64KiBAnd256Headers) {
  AmiParser parser;
  std::string message;
  for (int i = 0; i < 256; ++i) {
    message += "H" + std::to_string(i) + ": v\r\n";
  }
  parser.feed(message + "\r\n");
  ASSERT_TRUE(parser.next());
  parser.feed(message + "Extra: 1\r\n\r\n");
  EXPECT_FALSE(parser.next());
  EXPECT_TRUE(parser.failed());
}

TEST(AmiSerialize, WritesCrlfLinesAndNeutralizesInjection) {
  EXPECT_EQ(serializeAmi({{"Response", "Success"}, {"Message", "a\r\nEvent: x"}}),
            "Response: Success\r\nMessage: a  Event: x\r\n\r\n");
}

TEST(AmiRequest, RepliesEchoActionIdInAsteriskOrder) {
  std::string sent;
  AmiMessage message{{{"Action", "Ping"}, {"ActionID", "7"}}};
  auto request = std::make_shared<AmiRequest>(message, [&sent](std::string text) { sent += text; });
  request->success("ok", {{"Ping", "Pong"}});
  EXPECT_EQ(sent, "Response: Success\r\nActionID: 7\r\nMessage: ok\r\nPing: Pong\r\n\r\n");
  sent.clear();
  request->error("bad");
  EXPECT_EQ(sent, "Response: Error\r\nActionID: 7\r\nMessage: bad\r\n\r\n");
}

TEST(AmiRequest, EventListFraming) {
  std::string sent;
  AmiMessage message{{{"Action", "PJSIPShowEndpoints"}, {"ActionID", "l"}}};
  auto request = std::make_shared<AmiRequest>(message, [&sent](std::string text) { sent += text; });
  request->listStart("A listing of Endpoints follows, presented as EndpointList events");
  request->listItem("EndpointList", {{"ObjectName", "6001"}});
  request->listItem("EndpointList", {{"ObjectName", "6002"}});
  request->listComplete("EndpointListComplete");
  EXPECT_EQ(sent,
            "Response: Success\r\nActionID: l\r\nEventList: start\r\n"
            "Message: A listing of Endpoints follows, presented as EndpointList events\r\n\r\n"
            "Event: EndpointList\r\nActionID: l\r\nObjectName: 6001\r\n\r\n"
            "Event: EndpointList\r\nActionID: l\r\nObjectName: 6002\r\n\r\n"
            "Event: EndpointListComplete\r\nActionID: l\r\nEventList: Complete\r\n"
            "ListItems: 2\r\n\r\n");
}

TEST(ManagerService, ActionsAreCaseInsensitiveAndUnregister) {
  ManagerService service;
  {
    auto registration = service.addAction("PJSIPQualify", 1, "Qualify.", [](AmiRequest&) {});
    ASSERT_NE(service.find("pjsipqualify"), nullptr);
    EXPECT_EQ(service.find("PJSIPQUALIFY")->name, "PJSIPQualify");
    EXPECT_THROW((void)service.addAction("pjsipqualify", 0, "", [](AmiRequest&) {}),
                 std::invalid_argument);
  }
  EXPECT_EQ(service.find("PJSIPQualify"), nullptr);
}

}  // namespace
}  // namespace sb::modules::manager
