#include "modules/res_pjsip/trace/dialog_history.hpp"

#include <gtest/gtest.h>

#include <string>

#include "modules/res_pjsip/trace/message_summary.hpp"

namespace sb::modules::res_pjsip {
namespace {

using namespace std::chrono_literals;

const DialogHistory::Clock::time_point kStart{};

std::string invite(const std::string& callId, int cseq = 102) {
  return "INVITE sip:600@127.0.0.1:5060 SIP/2.0\r\nCall-ID: " + callId +
         "\r\nCSeq: " + std::to_string(cseq) + " INVITE\r\n\r\n";
}

void record(DialogHistory& history, bool transmitted, const std::string& message,
            DialogHistory::Clock::time_point when = kStart) {
  history.recordMessage(transmitted, *summarizeMessage(message), when);
}

/// chan_sip's history line for `message` sent (`transmitted`) or received.
std::string lineFor(bool transmitted, const std::string& message) {
  return messageHistoryLine(transmitted, *summarizeMessage(message));
}

TEST(DialogHistory, LinesAreChanSips) {
  EXPECT_EQ(lineFor(false, invite("abc")),
            "Rx              INVITE / 102 INVITE / sip:600@127.0.0.1:5060");
  EXPECT_EQ(lineFor(true, invite("abc")), "TxReqRel        INVITE / 102 INVITE - INVITE");
  EXPECT_EQ(lineFor(true, "ACK sip:a@b SIP/2.0\r\nCSeq: 102 ACK\r\n\r\n"),
            "TxReq           ACK / 102 ACK - ACK");
  const std::string trying = "SIP/2.0 100 Trying\r\nCSeq: 102 INVITE\r\n\r\n";
  EXPECT_EQ(lineFor(true, trying), "TxResp          SIP/2.0 / 102 INVITE - 100 Trying");
  EXPECT_EQ(lineFor(false, trying), "Rx              SIP/2.0 / 102 INVITE / 100 Trying");
  EXPECT_EQ(lineFor(true, "SIP/2.0 200 OK\r\nCSeq: 102 INVITE\r\n\r\n"),
            "TxRespRel       SIP/2.0 / 102 INVITE - 200 OK");
  EXPECT_EQ(lineFor(true, "SIP/2.0 200 OK\r\nCSeq: 103 BYE\r\n\r\n"),
            "TxResp          SIP/2.0 / 103 BYE - 200 OK");
  EXPECT_EQ(lineFor(true, "SIP/2.0 180 Ringing\r\nCSeq: 1 INVITE\r\nRSeq: 1\r\n\r\n"),
            "TxRespRel       SIP/2.0 / 1 INVITE - 180 Ringing");
}

TEST(DialogHistory, LinesAreCutLikeChanSipsBuffer) {
  EXPECT_EQ(historyLine("Hangup", "Cause Normal Clearing"),
            "Hangup          Cause Normal Clearing");
  EXPECT_EQ(historyLine("Rx", std::string(100, 'x')).size(), 79u);
  EXPECT_EQ(historyLine("Masq", "Old channel\nrest"), "Masq            Old channel");
}

TEST(DialogHistory, OnlyInvitesStartAHistoryAndNothingIsKeptWhileOff) {
  DialogHistory history;
  record(history, false, invite("off"));
  history.note("off", "Hangup", "x", kStart);
  EXPECT_TRUE(history.empty());
  history.setEnabled(true);
  record(history, false, "OPTIONS sip:x@y SIP/2.0\r\nCall-ID: ping\r\nCSeq: 1 OPTIONS\r\n\r\n");
  record(history, true, "SIP/2.0 200 OK\r\nCall-ID: ping\r\nCSeq: 1 OPTIONS\r\n\r\n");
  EXPECT_TRUE(history.empty());
  record(history, false, invite("call-1"));
  record(history, true, "SIP/2.0 100 Trying\r\nCall-ID: call-1\r\nCSeq: 102 INVITE\r\n\r\n");
  history.note("call-1", "Hangup", "Cause Normal Clearing", kStart);
  const auto found = history.startingWith("CALL");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->events.size(), 3u);
  EXPECT_EQ(found[0]->events[2], "Hangup          Cause Normal Clearing");
  EXPECT_TRUE(history.startingWith("other").empty());
}

TEST(DialogHistory, KeepsTheLastFiftyEventsOfADialog) {
  DialogHistory history;
  history.setEnabled(true);
  for (int i = 1; i <= 60; ++i) {
    record(history, false, invite("long", i));
  }
  const auto found = history.startingWith("long");
  ASSERT_EQ(found.size(), 1u);
  ASSERT_EQ(found[0]->events.size(), DialogHistory::kMaxEvents);
  EXPECT_EQ(found[0]->events.front(),
            "Rx              INVITE / 11 INVITE / sip:600@127.0.0.1:5060");
}

TEST(DialogHistory, KeepsAtMostTheDialogLimitDroppingTheOldest) {
  DialogHistory history;
  history.setEnabled(true);
  for (std::size_t i = 0; i <= DialogHistory::kMaxDialogs; ++i) {
    record(history, false, invite("d" + std::to_string(i)));
  }
  EXPECT_EQ(history.size(), DialogHistory::kMaxDialogs);
  EXPECT_TRUE(history.startingWith("d0").empty());
  EXPECT_EQ(history.startingWith("d1").size(), 1u + 10 + 100 + 1000);  // d1, d10.., d100.., d1000..
}

TEST(DialogHistory, EndedCallsLingerThenGoLiveOnesStay) {
  DialogHistory history;
  history.setEnabled(true);
  record(history, false, invite("ended"), kStart);
  record(history, false, invite("live"), kStart);
  record(history, false, invite("recent"), kStart + 20s);
  const auto live = [](std::string_view callId) { return callId == "live"; };
  history.expire(live, kStart + 31s);
  EXPECT_EQ(history.size(), 3u);
  history.expire(live, kStart + 32s);
  EXPECT_EQ(history.size(), 2u);
  EXPECT_TRUE(history.startingWith("ended").empty());
  history.expire(live, kStart + 1h);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history.startingWith("")[0]->callId, "live");
}

TEST(DialogHistory, ShowHistoryIsLaidOutAsChanSip) {
  DialogHistory history;
  history.setEnabled(true);
  record(history, false, invite("abc"));
  history.note("abc", "Hangup", "Cause Normal Clearing", kStart);
  EXPECT_EQ(formatSipShowHistory(true, "ab", history.startingWith("ab"), {}),
            "\n  * SIP Call\n"
            "1. Rx              INVITE / 102 INVITE / sip:600@127.0.0.1:5060\n"
            "2. Hangup          Cause Normal Clearing\n");
  EXPECT_EQ(formatSipShowHistory(false, "zz", {}, {}),
            "\n***Note: History recording is currently DISABLED.  Use 'sip set history on' to "
            "ENABLE.\nNo such SIP Call ID starting with 'zz'\n");
  EXPECT_EQ(formatSipShowHistory(true, "q", {}, {"q1"}),
            "\n  * SIP Call\nCall 'q1' has no history\n");
}

}  // namespace
}  // namespace sb::modules::res_pjsip
