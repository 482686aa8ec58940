#include "modules/res_pjsip/trace/message_history.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sb::modules::res_pjsip {
namespace {

sip::SocketAddress at(const char* text) {
  return *sip::SocketAddress::parse(text);
}

std::string request(int n) {
  return "OPTIONS sip:peer@10.0.0.2 SIP/2.0\r\nCall-ID: call-" + std::to_string(n) +
         "\r\nCSeq: 1 OPTIONS\r\n\r\n";
}

TEST(MessageHistory, RecordsOnlyWhileEnabledAndOnlySipMessages) {
  MessageHistory history;
  history.record(false, at("10.0.0.2:5060"), at("10.0.0.1:5060"), request(0), 100);
  EXPECT_TRUE(history.entries().empty());
  history.setEnabled(true);
  history.record(false, at("10.0.0.2:5060"), at("10.0.0.1:5060"), "\r\n\r\n", 100);
  history.record(false, at("10.0.0.2:5060"), at("10.0.0.1:5060"), "garbage", 100);
  EXPECT_TRUE(history.entries().empty());
  history.record(false, at("10.0.0.2:5060"), at("10.0.0.1:5060"), request(0), 100);
  ASSERT_EQ(history.entries().size(), 1u);
  EXPECT_EQ(history.entries()[0].number, 0);
  EXPECT_EQ(history.entries()[0].remote(), at("10.0.0.2:5060"));
}

TEST(MessageHistory, KeepsAtMostItsEntryLimitAndNumbersStay) {
  MessageHistory history(MessageHistory::Limits{3, 1 << 20});
  history.setEnabled(true);
  for (int i = 0; i < 5; ++i) {
    history.record(true, at("10.0.0.1:5060"), at("10.0.0.2:5060"), request(i), 100 + i);
  }
  ASSERT_EQ(history.entries().size(), 3u);
  EXPECT_EQ(history.entries().front().number, 2);
  EXPECT_EQ(history.entries().back().number, 4);
  EXPECT_EQ(history.find(1), nullptr);
  ASSERT_NE(history.find(3), nullptr);
  EXPECT_EQ(history.find(3)->bytes, request(3));
  EXPECT_EQ(history.find(5), nullptr);
  EXPECT_EQ(history.find(-1), nullptr);
}

TEST(MessageHistory, KeepsAtMostItsByteLimit) {
  const auto size = request(0).size();
  MessageHistory history(MessageHistory::Limits{100, size * 2 + 1});
  history.setEnabled(true);
  for (int i = 0; i < 4; ++i) {
    history.record(true, at("10.0.0.1:5060"), at("10.0.0.2:5060"), request(i), 100);
  }
  EXPECT_EQ(history.entries().size(), 2u);
  EXPECT_EQ(history.keptBytes(), size * 2);
}

TEST(MessageHistory, ClearRestartsNumbering) {
  MessageHistory history;
  history.setEnabled(true);
  history.record(true, at("10.0.0.1:5060"), at("10.0.0.2:5060"), request(0), 100);
  history.record(true, at("10.0.0.1:5060"), at("10.0.0.2:5060"), request(1), 100);
  history.clear();
  EXPECT_TRUE(history.entries().empty());
  EXPECT_EQ(history.keptBytes(), 0u);
  history.record(true, at("10.0.0.1:5060"), at("10.0.0.2:5060"), request(2), 100);
  EXPECT_EQ(history.entries().front().number, 0);
}

TEST(MessageHistory, ListIsLaidOutAsResPjsipHistory) {
  MessageHistory history;
  history.setEnabled(true);
  history.record(false, at("127.0.0.1:5062"), at("127.0.0.1:5060"),
                 "INVITE sip:600@127.0.0.1:5060 SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n", 1700000000);
  history.record(true, at("127.0.0.1:5060"), at("[::1]:5062"),
                 "SIP/2.0 401 Unauthorized\r\nCSeq: 1 INVITE\r\n\r\n", 1700000001);
  std::vector<const HistoryEntry*> entries;
  for (const auto& entry : history.entries()) {
    entries.push_back(&entry);
  }
  EXPECT_EQ(
      formatHistoryList(entries),
      "No.   Timestamp  (Dir) Address                  SIP Message                        \n"
      "===== ========== ============================== ===================================\n"
      "00000 1700000000 * <== 127.0.0.1:5062           INVITE sip:600@127.0.0.1:5060 SIP/2.0\n"
      "00001 1700000001 * ==> [::1]:5062               SIP/2.0 401 Unauthorized\n");
  EXPECT_EQ(formatHistoryEntry(history.entries()[1]),
            "<--- History Entry 1 Sent to [::1]:5062 at 1700000001 --->\n"
            "SIP/2.0 401 Unauthorized\r\nCSeq: 1 INVITE\r\n\r\n\n");
}

}  // namespace
}  // namespace sb::modules::res_pjsip
