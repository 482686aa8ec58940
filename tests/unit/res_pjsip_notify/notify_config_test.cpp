#include "modules/res_pjsip_notify/notify_config.hpp"

#include <gtest/gtest.h>

namespace sb::modules::res_pjsip_notify {
namespace {

NotifyOptions parse(std::string_view text) {
  auto parsed = config::parseConfigText("pjsip_notify.conf", text, {});
  EXPECT_TRUE(parsed.ok());
  return parseNotifyConfig(parsed.file);
}

std::vector<std::pair<std::string, std::string>> pairs(const std::vector<NotifyItem>& items) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& item : items) {
    out.emplace_back(item.name, item.value);
  }
  return out;
}

constexpr std::string_view kSample =
    "; rfc3842\n"
    "[general]\n"
    "something=1\n"
    "\n"
    "[clear-mwi]\n"
    "Event=>message-summary\n"
    "Content-type=>application/simple-message-summary\n"
    "Content=>Messages-Waiting: no\n"
    "Content=>Message-Account: sip:asterisk@127.0.0.1\n"
    "Content=>Voice-Message: 0/0 (0/0)\n"
    "Content=>\n"
    "\n"
    "[snom-reboot]\n"
    "Event=>check-sync\\;reboot=true\n"
    "\n"
    "[base](!)\n"
    "X-Vendor=acme\n"
    "[acme-reboot](base)\n"
    "Event=reboot\n";

TEST(NotifyConfig, SectionsBecomeTypesExceptGeneralAndTemplates) {
  const auto options = parse(kSample);
  EXPECT_EQ(options.names(), (std::vector<std::string>{"clear-mwi", "snom-reboot", "acme-reboot"}));
  EXPECT_EQ(options.find("general"), nullptr);
  EXPECT_EQ(options.find("base"), nullptr);
}

TEST(NotifyConfig, ItemsKeepTheirOrderAndInheritedOnesComeFirst) {
  const auto options = parse(kSample);
  const auto* mwi = options.find("clear-mwi");
  ASSERT_NE(mwi, nullptr);
  EXPECT_EQ(pairs(mwi->items), (std::vector<std::pair<std::string, std::string>>{
                                   {"Event", "message-summary"},
                                   {"Content-type", "application/simple-message-summary"},
                                   {"Content", "Messages-Waiting: no"},
                                   {"Content", "Message-Account: sip:asterisk@127.0.0.1"},
                                   {"Content", "Voice-Message: 0/0 (0/0)"},
                                   {"Content", ""}}));
  const auto* acme = options.find("acme-reboot");
  ASSERT_NE(acme, nullptr);
  EXPECT_EQ(pairs(acme->items), (std::vector<std::pair<std::string, std::string>>{
                                    {"X-Vendor", "acme"}, {"Event", "reboot"}}));
}

TEST(NotifyConfig, EscapedSemicolonIsKeptInTheValue) {
  const auto options = parse(kSample);
  const auto* snom = options.find("snom-reboot");
  ASSERT_NE(snom, nullptr);
  ASSERT_EQ(snom->items.size(), 1u);
  EXPECT_EQ(snom->items[0].value, "check-sync;reboot=true");
}

TEST(NotifyConfig, TypeLookupIgnoresCase) {
  const auto options = parse(kSample);
  EXPECT_EQ(options.find("CLEAR-MWI"), options.find("clear-mwi"));
  EXPECT_EQ(options.find("unknown"), nullptr);
}

TEST(NotifyConfig, SectionsWithTheSameNameAddToTheFirst) {
  const auto options = parse("[a]\nEvent=x\n[b]\nEvent=y\n[a]\nX-More=1\n");
  ASSERT_EQ(options.options.size(), 2u);
  EXPECT_EQ(pairs(options.find("a")->items),
            (std::vector<std::pair<std::string, std::string>>{{"Event", "x"}, {"X-More", "1"}}));
}

TEST(NotifyConfig, EmptyFileHasNoTypes) {
  EXPECT_TRUE(parse("").options.empty());
  EXPECT_TRUE(parse("[general]\nfoo=bar\n").options.empty());
}

TEST(NotifyContent, ContentLinesAreJoinedByCrlfAndATrailingEmptyLineEndsTheBody) {
  const auto options = parse(kSample);
  const auto* mwi = options.find("clear-mwi");
  ASSERT_NE(mwi, nullptr);
  const auto content = buildNotifyContent(mwi->items);
  ASSERT_TRUE(content.contentType.has_value());
  EXPECT_EQ(*content.contentType, "application/simple-message-summary");
  EXPECT_EQ(content.body,
            "Messages-Waiting: no\r\nMessage-Account: sip:asterisk@127.0.0.1\r\n"
            "Voice-Message: 0/0 (0/0)\r\n");
  EXPECT_EQ(pairs(content.headers),
            (std::vector<std::pair<std::string, std::string>>{{"Event", "message-summary"}}));
  EXPECT_TRUE(content.warnings.empty());
}

TEST(NotifyContent, LeadingEmptyContentAddsNothing) {
  const auto content = buildNotifyContent({{"Content", ""}, {"Content", "a"}, {"Content", "b"}});
  EXPECT_EQ(content.body, "a\r\nb");
  EXPECT_FALSE(content.contentType.has_value());
}

TEST(NotifyContent, LastContentTypeWinsWhateverItsCase) {
  const auto content =
      buildNotifyContent({{"content-TYPE", "text/plain"}, {"Content-Type", "application/xml"}});
  EXPECT_EQ(content.contentType, "application/xml");
  EXPECT_TRUE(content.headers.empty());
}

TEST(NotifyContent, StackOwnedHeadersAreRefusedWithAsterisksWarning) {
  const auto content = buildNotifyContent({{"Call-ID", "x"},
                                           {"contact", "<sip:evil@example.com>"},
                                           {"CSeq", "1 NOTIFY"},
                                           {"To", "x"},
                                           {"From", "x"},
                                           {"Record-Route", "x"},
                                           {"Route", "x"},
                                           {"Request-URI", "x"},
                                           {"Via", "x"},
                                           {"X-Ok", "1"}});
  EXPECT_EQ(pairs(content.headers),
            (std::vector<std::pair<std::string, std::string>>{{"X-Ok", "1"}}));
  ASSERT_EQ(content.warnings.size(), 9u);
  EXPECT_EQ(content.warnings[0], "Cannot specify Call-ID header, ignoring");
  EXPECT_EQ(content.warnings[1], "Cannot specify contact header, ignoring");
}

TEST(NotifyContent, OnlyOneEventHeaderOtherHeadersMayRepeat) {
  const auto content =
      buildNotifyContent({{"Event", "a"}, {"X-Tag", "1"}, {"event", "b"}, {"X-Tag", "2"}});
  EXPECT_EQ(pairs(content.headers), (std::vector<std::pair<std::string, std::string>>{
                                        {"Event", "a"}, {"X-Tag", "1"}, {"X-Tag", "2"}}));
  ASSERT_EQ(content.warnings.size(), 1u);
  EXPECT_EQ(content.warnings[0],
            "Only one 'event' header can be added to a NOTIFY, ignoring \"event: b\"");
}

TEST(NotifyContent, ContentLengthIsIgnored) {
  const auto content = buildNotifyContent({{"Content-Length", "12"}, {"Event", "x"}});
  EXPECT_EQ(pairs(content.headers),
            (std::vector<std::pair<std::string, std::string>>{{"Event", "x"}}));
  ASSERT_EQ(content.warnings.size(), 1u);
  EXPECT_EQ(content.warnings[0], "It is not necessary to specify Content-Length, ignoring.");
}

TEST(NotifyContent, NamesThatAreNotTokensAndValuesWithLineBreaksAreRefused) {
  const auto content = buildNotifyContent({{"Bad Name", "x"},
                                           {"X-Inject", "a\r\nVia: evil"},
                                           {"Content", std::string("nul\0", 4)},
                                           {"", "empty"},
                                           {"X-Fine", "ok"}});
  EXPECT_EQ(pairs(content.headers),
            (std::vector<std::pair<std::string, std::string>>{{"X-Fine", "ok"}}));
  EXPECT_EQ(content.body, "");
  EXPECT_EQ(content.warnings.size(), 4u);
}

}  // namespace
}  // namespace sb::modules::res_pjsip_notify
