#include "modules/res_pjsip_messaging/message_content.hpp"

#include <gtest/gtest.h>

namespace sb::modules::res_pjsip_messaging {
namespace {

using Items = std::vector<std::pair<std::string, std::string>>;

std::vector<std::pair<std::string, std::string>> headers(const MessageContent& content) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& header : content.headers) {
    out.emplace_back(header.name, header.value);
  }
  return out;
}

TEST(MessageContent, DefaultsToTextPlainWithoutHeaders) {
  const auto content = buildMessageContent({});
  EXPECT_EQ(content.contentType, "text/plain");
  EXPECT_TRUE(content.headers.empty());
  EXPECT_FALSE(content.maxForwards);
  EXPECT_FALSE(content.maxForwardsExhausted);
}

TEST(MessageContent, VariablesBecomeHeadersAsMessageVariables) {
  const auto content = buildMessageContent(Items{{"X-A", "1"},
                                                 {"X-B", "2"},
                                                 {"x-a", "3"},  // replaces X-A's value
                                                 {"X-C", "4"},
                                                 {"X-C", ""}});  // removes X-C
  EXPECT_EQ(headers(content), (Items{{"X-A", "3"}, {"X-B", "2"}}));
}

TEST(MessageContent, HeadersTheStackOwnsAreDropped) {
  Items items;
  for (std::string name : {"To", "from", "Via", "Route", "Contact", "Call-ID", "CSeq", "Allow",
                           "Content-Length", "Request-URI"}) {
    items.emplace_back(name, "forged");
  }
  items.emplace_back("X-Kept", "yes");
  const auto content = buildMessageContent(items);
  EXPECT_EQ(headers(content), (Items{{"X-Kept", "yes"}}));
  EXPECT_TRUE(content.warnings.empty());
}

TEST(MessageContent, ContentTypeSetsTheBodyType) {
  auto content = buildMessageContent(Items{{"Content-Type", "application/json; charset=utf-8"}});
  EXPECT_EQ(content.contentType, "application/json");
  EXPECT_TRUE(content.headers.empty());
  content = buildMessageContent(Items{{"Content-Type", "garbage"}});
  EXPECT_EQ(content.contentType, "text/plain");
  ASSERT_EQ(content.warnings.size(), 1u);
  EXPECT_EQ(content.warnings[0], "Failed to parse 'garbage' as a content type. Using text/plain");
}

TEST(MessageContent, MaxForwardsIsDecremented) {
  auto content = buildMessageContent(Items{{"Max-Forwards", "10"}});
  EXPECT_EQ(content.maxForwards, 9u);
  EXPECT_TRUE(content.headers.empty());
  for (std::string value : {"1", "0", "-3", "many"}) {
    content = buildMessageContent(Items{{"Max-Forwards", value}});
    EXPECT_TRUE(content.maxForwardsExhausted) << value;
    EXPECT_EQ(content.warnings.at(0), "MESSAGE(Max-Forwards) reached zero.  MESSAGE not sent.");
  }
}

TEST(MessageContent, NamesAndValuesThatWouldBreakTheMessageAreRefused) {
  const auto content = buildMessageContent(
      Items{{"X Bad", "1"}, {"X-Bad:", "2"}, {"X-Value", "a\r\nVia: x"}, {"X-Good", "ok"}});
  EXPECT_EQ(headers(content), (Items{{"X-Good", "ok"}}));
  EXPECT_EQ(content.warnings.size(), 3u);
}

}  // namespace
}  // namespace sb::modules::res_pjsip_messaging
