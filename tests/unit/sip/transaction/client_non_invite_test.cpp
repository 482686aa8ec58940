#include <memory>

#include "transaction_test_support.hpp"

namespace sb::sip::txtest {
namespace {

class ClientNonInviteTest : public TransactionTest {};

TEST_F(ClientNonInviteTest, TimerERetransmitsWithBackoffCappedAtT2) {
  Recorder rec;
  auto req = request("OPTIONS", "z9hG4bKc1");
  auto tx = layer().sendRequest(req, udpFlow(), rec.callbacks());
  ASSERT_TRUE(tx.alive());
  EXPECT_EQ(tx.state(), TransactionState::Trying);
  run(seconds(16));
  // Intervals 500 ms, 1 s, 2 s, 4 s, 4 s ...
  const std::vector<Duration> expected{seconds(0),         milliseconds(500),  milliseconds(1500),
                                       milliseconds(3500), milliseconds(7500), milliseconds(11500),
                                       milliseconds(15500)};
  EXPECT_EQ(sendTimes("OPTIONS "), expected);
  for (const Sent& s : sent_) {
    EXPECT_EQ(s.bytes, req.serialize());
    EXPECT_EQ(s.flow, udpFlow());
  }
}

TEST_F(ClientNonInviteTest, TimerFTimesOutOnceAndNoRetransmissionsOnTcp) {
  Recorder rec;
  auto tx = layer().sendRequest(request("OPTIONS", "z9hG4bKc1", 1, {}, "TCP"), tcpFlow(),
                                rec.callbacks());
  run(seconds(32) - milliseconds(10));
  EXPECT_EQ(sent_.size(), 1u);
  EXPECT_EQ(rec.timeouts, 0);
  run(milliseconds(10));
  EXPECT_EQ(rec.timeouts, 1);
  EXPECT_FALSE(tx.alive());
  EXPECT_EQ(layer().clientCount(), 0u);
  run(seconds(60));
  EXPECT_EQ(rec.timeouts, 1);
  EXPECT_EQ(sent_.size(), 1u);
}

TEST_F(ClientNonInviteTest, TimerFOnUdpAfterElevenSends) {
  Recorder rec;
  auto tx = layer().sendRequest(request("OPTIONS", "z9hG4bKc1"), udpFlow(), rec.callbacks());
  run(seconds(40));
  EXPECT_EQ(rec.timeouts, 1);
  EXPECT_EQ(sent_.size(), 11u);  // 0, .5, 1.5, 3.5, 7.5, then every 4 s up to 31.5
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST_F(ClientNonInviteTest, ProvisionalThenFinalThenTimerKAbsorbsRetransmissions) {
  Recorder rec;
  auto req = request("REGISTER", "z9hG4bKc1");
  auto tx = layer().sendRequest(req, udpFlow(), rec.callbacks());
  run(milliseconds(600));
  EXPECT_EQ(layer().onResponse(response(req, 100), udpFlow()), ResponseDisposition::Matched);
  EXPECT_EQ(tx.state(), TransactionState::Proceeding);
  EXPECT_EQ(rec.provisional, std::vector<int>{100});
  run(seconds(6));
  // E was due at 1.5 s; in Proceeding it then runs every T2.
  const std::vector<Duration> expected{seconds(0), milliseconds(500), milliseconds(1500),
                                       milliseconds(5500)};
  EXPECT_EQ(sendTimes("REGISTER "), expected);

  auto ok = response(req, 200, "t");
  EXPECT_EQ(layer().onResponse(ok, udpFlow()), ResponseDisposition::Matched);
  EXPECT_EQ(tx.state(), TransactionState::Completed);
  EXPECT_EQ(rec.finals, std::vector<int>{200});
  EXPECT_EQ(layer().onResponse(ok, udpFlow()), ResponseDisposition::Matched);
  EXPECT_EQ(layer().onResponse(response(req, 180), udpFlow()), ResponseDisposition::Matched);
  EXPECT_EQ(rec.finals, std::vector<int>{200});
  EXPECT_EQ(rec.provisional, std::vector<int>{100});
  run(seconds(5) - milliseconds(10));
  EXPECT_EQ(tx.state(), TransactionState::Completed);
  EXPECT_EQ(sendTimes("REGISTER ").size(), 4u);  // no retransmission after the final
  run(milliseconds(10));                         // Timer K = T4
  EXPECT_EQ(tx.state(), TransactionState::Terminated);
  EXPECT_EQ(layer().onResponse(ok, udpFlow()), ResponseDisposition::Unmatched);
  EXPECT_EQ(rec.timeouts, 0);
}

TEST_F(ClientNonInviteTest, FinalOnTcpEndsItAtOnce) {
  Recorder rec;
  auto req = request("OPTIONS", "z9hG4bKc1", 1, {}, "TCP");
  auto tx = layer().sendRequest(req, tcpFlow(), rec.callbacks());
  EXPECT_EQ(layer().onResponse(response(req, 200, "t"), tcpFlow()), ResponseDisposition::Matched);
  EXPECT_EQ(rec.finals, std::vector<int>{200});
  EXPECT_FALSE(tx.alive());
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST_F(ClientNonInviteTest, TransportErrorIsReportedOnceFromAFreshCall) {
  Recorder rec;
  failWith_ = "connection refused";
  auto tx = layer().sendRequest(request("OPTIONS", "z9hG4bKc1", 1, {}, "TCP"), tcpFlow(),
                                rec.callbacks());
  EXPECT_TRUE(tx.alive());
  EXPECT_TRUE(rec.transportErrors.empty());
  run(milliseconds(10));
  EXPECT_EQ(rec.transportErrors, std::vector<std::string>{"connection refused"});
  EXPECT_FALSE(tx.alive());
  run(seconds(40));
  EXPECT_EQ(rec.timeouts, 0);
  EXPECT_EQ(layer().clientCount(), 0u);
}

TEST_F(ClientNonInviteTest, ReleasedHandleGetsNoCallbacks) {
  Recorder rec;
  auto req = request("OPTIONS", "z9hG4bKc1");
  auto tx = layer().sendRequest(req, udpFlow(), rec.callbacks());
  tx.release();
  EXPECT_FALSE(tx.alive());
  EXPECT_EQ(layer().onResponse(response(req, 200, "t"), udpFlow()), ResponseDisposition::Matched);
  EXPECT_TRUE(rec.finals.empty());
  {
    auto other = layer().sendRequest(request("OPTIONS", "z9hG4bKc2"), udpFlow(), rec.callbacks());
  }  // destroyed: same as release()
  run(seconds(40));
  EXPECT_EQ(rec.timeouts, 0);
  EXPECT_EQ(layer().clientCount(), 0u);
}

TEST_F(ClientNonInviteTest, CallbackMayDestroyItsOwnHandle) {
  auto req = request("OPTIONS", "z9hG4bKc1");
  auto holder = std::make_unique<ClientTransactionHandle>();
  int finals = 0;
  ClientCallbacks cb;
  std::string big(200, 'x');  // make the callback's captures live on the heap
  cb.onFinal = [&, big](const Message&) {
    holder.reset();
    ++finals;
    EXPECT_EQ(big.size(), 200u);
  };
  *holder = layer().sendRequest(req, udpFlow(), std::move(cb));
  EXPECT_EQ(layer().onResponse(response(req, 500, "t"), udpFlow()), ResponseDisposition::Matched);
  EXPECT_EQ(finals, 1);
  EXPECT_FALSE(holder);
}

TEST_F(ClientNonInviteTest, RefusesAckDuplicatesAndRequestsWithoutBranch) {
  Recorder rec;
  EXPECT_FALSE(layer().sendRequest(request("ACK", "z9hG4bKa"), udpFlow(), {}).alive());
  auto first = layer().sendRequest(request("OPTIONS", "z9hG4bKa"), udpFlow(), rec.callbacks());
  EXPECT_TRUE(first.alive());
  EXPECT_FALSE(layer().sendRequest(request("OPTIONS", "z9hG4bKa"), udpFlow(), {}).alive());
  std::string text = request("OPTIONS", "x").serialize();
  text.replace(text.find(";branch=x"), 9, "");
  EXPECT_FALSE(layer().sendRequest(parse(text), udpFlow(), {}).alive());
  EXPECT_EQ(sent_.size(), 1u);
  EXPECT_EQ(layer().clientCount(), 1u);
}

}  // namespace
}  // namespace sb::sip::txtest
