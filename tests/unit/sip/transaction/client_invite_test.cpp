#include "transaction_test_support.hpp"

namespace sb::sip::txtest {
namespace {

class ClientInviteTest : public TransactionTest {
 protected:
  Message invite_ = request("INVITE", "z9hG4bKinv");
  Recorder rec_;
};

TEST_F(ClientInviteTest, TimerARetransmitsDoublingUntilTimerB) {
  auto tx = layer().sendRequest(invite_, udpFlow(), rec_.callbacks());
  ASSERT_TRUE(tx.alive());
  EXPECT_TRUE(tx.isInvite());
  EXPECT_EQ(tx.state(), TransactionState::Calling);
  run(seconds(32) - milliseconds(10));
  const std::vector<Duration> expected{seconds(0),         milliseconds(500),  milliseconds(1500),
                                       milliseconds(3500), milliseconds(7500), milliseconds(15500),
                                       milliseconds(31500)};
  EXPECT_EQ(sendTimes("INVITE "), expected);
  EXPECT_EQ(rec_.timeouts, 0);
  run(milliseconds(10));  // Timer B = 64*T1
  EXPECT_EQ(rec_.timeouts, 1);
  EXPECT_FALSE(tx.alive());
  run(seconds(60));
  EXPECT_EQ(rec_.timeouts, 1);
  EXPECT_EQ(sent_.size(), 7u);
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST_F(ClientInviteTest, NoRetransmissionsOnTcp) {
  auto invite = request("INVITE", "z9hG4bKinv", 1, {}, "TCP");
  auto tx = layer().sendRequest(invite, tcpFlow(), rec_.callbacks());
  run(seconds(33));
  EXPECT_EQ(sent_.size(), 1u);
  EXPECT_EQ(rec_.timeouts, 1);
}

TEST_F(ClientInviteTest, ProvisionalStopsRetransmissionsAndTimerB) {
  auto tx = layer().sendRequest(invite_, udpFlow(), rec_.callbacks());
  run(milliseconds(700));
  EXPECT_EQ(layer().onResponse(response(invite_, 180, "callee"), udpFlow()),
            ResponseDisposition::Matched);
  EXPECT_EQ(tx.state(), TransactionState::Proceeding);
  EXPECT_EQ(rec_.provisional, std::vector<int>{180});
  run(seconds(120));
  EXPECT_EQ(sent_.size(), 2u);
  EXPECT_EQ(rec_.timeouts, 0);
  EXPECT_EQ(tx.state(), TransactionState::Proceeding);  // the TU decides when to give up
}

TEST_F(ClientInviteTest, NonSuccessFinalIsAckedByTheTransaction) {
  auto tx = layer().sendRequest(invite_, udpFlow(), rec_.callbacks());
  EXPECT_EQ(layer().onResponse(response(invite_, 180, "callee"), udpFlow()),
            ResponseDisposition::Matched);
  auto busy = response(invite_, 486, "callee");
  EXPECT_EQ(layer().onResponse(busy, udpFlow()), ResponseDisposition::Matched);
  EXPECT_EQ(tx.state(), TransactionState::Completed);
  EXPECT_EQ(rec_.finals, std::vector<int>{486});

  ASSERT_EQ(countSent("ACK "), 1u);
  Message ack = sent_.back().message();
  EXPECT_EQ(ack.startLine(), "ACK sip:bob@example.com SIP/2.0");
  EXPECT_EQ(sent_.back().flow, udpFlow());
  ASSERT_EQ(ack.vias().size(), 1u);
  EXPECT_EQ(ack.vias()[0].raw, invite_.topVia()->raw);
  EXPECT_EQ(ack.to()->tag(), "callee");
  EXPECT_EQ(ack.to()->uri.raw, "sip:bob@example.com");
  EXPECT_EQ(ack.from()->tag(), "fromtag");
  EXPECT_EQ(ack.callId(), invite_.callId());
  EXPECT_EQ(ack.cseq()->number, 1u);
  EXPECT_EQ(ack.cseq()->method, Method::Ack);
  EXPECT_EQ(ack.values(HeaderId::Route), invite_.values(HeaderId::Route));
  EXPECT_EQ(ack.maxForwards(), 70u);
  EXPECT_EQ(ack.count(HeaderId::Contact), 0u);

  // A retransmitted 486 gets the same ACK; the TU hears nothing more.
  const std::string firstAck = sent_.back().bytes;
  EXPECT_EQ(layer().onResponse(busy, udpFlow()), ResponseDisposition::Matched);
  EXPECT_EQ(countSent("ACK "), 2u);
  EXPECT_EQ(sent_.back().bytes, firstAck);
  EXPECT_EQ(rec_.finals, std::vector<int>{486});

  run(seconds(32) - milliseconds(10));  // Timer D
  EXPECT_EQ(tx.state(), TransactionState::Completed);
  EXPECT_EQ(countSent("INVITE "), 1u);
  run(milliseconds(10));
  EXPECT_FALSE(tx.alive());
  EXPECT_EQ(layer().onResponse(busy, udpFlow()), ResponseDisposition::Unmatched);
}

TEST_F(ClientInviteTest, NonSuccessFinalOnTcpEndsAtOnce) {
  auto invite = request("INVITE", "z9hG4bKinv", 1, {}, "TCP");
  auto tx = layer().sendRequest(invite, tcpFlow(), rec_.callbacks());
  EXPECT_EQ(layer().onResponse(response(invite, 404, "x"), tcpFlow()),
            ResponseDisposition::Matched);
  EXPECT_EQ(countSent("ACK "), 1u);
  EXPECT_FALSE(tx.alive());
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST_F(ClientInviteTest, EverySuccessGoesToTheTuUntilTimerM) {
  auto tx = layer().sendRequest(invite_, udpFlow(), rec_.callbacks());
  auto ok = response(invite_, 200, "fork-a");
  EXPECT_EQ(layer().onResponse(ok, udpFlow()), ResponseDisposition::Matched);
  EXPECT_EQ(tx.state(), TransactionState::Accepted);
  EXPECT_EQ(layer().onResponse(ok, udpFlow()), ResponseDisposition::Matched);  // retransmission
  EXPECT_EQ(layer().onResponse(response(invite_, 200, "fork-b"), udpFlow()),
            ResponseDisposition::Matched);  // another fork
  EXPECT_EQ(rec_.finals, (std::vector<int>{200, 200, 200}));
  EXPECT_EQ(rec_.finalToTags, (std::vector<std::string>{"fork-a", "fork-a", "fork-b"}));
  // Late provisionals and non-2xx finals change nothing.
  EXPECT_EQ(layer().onResponse(response(invite_, 180, "fork-c"), udpFlow()),
            ResponseDisposition::Matched);
  EXPECT_EQ(layer().onResponse(response(invite_, 486, "fork-c"), udpFlow()),
            ResponseDisposition::Matched);
  EXPECT_TRUE(rec_.provisional.empty());
  EXPECT_EQ(rec_.finals.size(), 3u);
  EXPECT_EQ(countSent("ACK "), 0u);  // the TU ACKs 2xx itself
  run(seconds(2));
  EXPECT_EQ(countSent("INVITE "), 1u);  // no Timer A in Accepted

  run(seconds(30) - milliseconds(10));  // Timer M = 64*T1
  EXPECT_EQ(tx.state(), TransactionState::Accepted);
  run(milliseconds(10));
  EXPECT_FALSE(tx.alive());
  EXPECT_EQ(layer().onResponse(ok, udpFlow()), ResponseDisposition::Unmatched);
  EXPECT_EQ(rec_.timeouts, 0);
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST_F(ClientInviteTest, CancelIsHeldUntilTheFirstProvisional) {
  auto tx = layer().sendRequest(invite_, udpFlow(), rec_.callbacks());
  EXPECT_TRUE(layer().cancel(tx));
  EXPECT_FALSE(layer().cancel(tx));  // once is enough
  run(milliseconds(200));
  EXPECT_EQ(countSent("CANCEL "), 0u);
  EXPECT_EQ(layer().onResponse(response(invite_, 180, "callee"), udpFlow()),
            ResponseDisposition::Matched);
  ASSERT_EQ(countSent("CANCEL "), 1u);
  EXPECT_EQ(layer().clientCount(), 2u);

  Message cancel = sent_.back().message();
  EXPECT_EQ(cancel.startLine(), "CANCEL sip:bob@example.com SIP/2.0");
  ASSERT_EQ(cancel.vias().size(), 1u);
  EXPECT_EQ(cancel.vias()[0].raw, invite_.topVia()->raw);
  EXPECT_EQ(cancel.value(HeaderId::To), invite_.value(HeaderId::To));
  EXPECT_EQ(cancel.value(HeaderId::From), invite_.value(HeaderId::From));
  EXPECT_EQ(cancel.callId(), invite_.callId());
  EXPECT_EQ(cancel.cseq()->number, 1u);
  EXPECT_EQ(cancel.cseq()->method, Method::Cancel);
  EXPECT_EQ(cancel.values(HeaderId::Route), invite_.values(HeaderId::Route));

  // The CANCEL is a non-INVITE transaction: retransmitted on Timer E until answered.
  run(milliseconds(500));
  EXPECT_EQ(countSent("CANCEL "), 2u);
  EXPECT_EQ(layer().onResponse(response(cancel, 200, "callee"), udpFlow()),
            ResponseDisposition::Matched);
  EXPECT_EQ(layer().onResponse(response(invite_, 487, "callee"), udpFlow()),
            ResponseDisposition::Matched);
  EXPECT_EQ(rec_.finals, std::vector<int>{487});
  EXPECT_EQ(countSent("ACK "), 1u);
  run(seconds(40));
  EXPECT_EQ(countSent("CANCEL "), 2u);
  EXPECT_EQ(layer().clientCount(), 0u);
  EXPECT_EQ(rec_.timeouts, 0);
}

TEST_F(ClientInviteTest, HeldCancelIsDroppedWhenAFinalComesFirst) {
  auto tx = layer().sendRequest(invite_, udpFlow(), rec_.callbacks());
  EXPECT_TRUE(layer().cancel(tx));
  EXPECT_EQ(layer().onResponse(response(invite_, 200, "callee"), udpFlow()),
            ResponseDisposition::Matched);
  EXPECT_EQ(layer().onResponse(response(invite_, 180, "callee"), udpFlow()),
            ResponseDisposition::Matched);
  run(seconds(40));
  EXPECT_EQ(countSent("CANCEL "), 0u);
  EXPECT_EQ(rec_.finals, std::vector<int>{200});
  EXPECT_FALSE(layer().cancel(tx));
}

TEST_F(ClientInviteTest, CancelAfterAFinalIsRefused) {
  auto tx = layer().sendRequest(invite_, udpFlow(), rec_.callbacks());
  EXPECT_EQ(layer().onResponse(response(invite_, 480, "x"), udpFlow()),
            ResponseDisposition::Matched);
  EXPECT_FALSE(layer().cancel(tx));
  auto options = layer().sendRequest(request("OPTIONS", "z9hG4bKo"), udpFlow(), {});
  EXPECT_FALSE(layer().cancel(options));
  EXPECT_FALSE(layer().cancel(ClientTransactionHandle{}));
  EXPECT_EQ(countSent("CANCEL "), 0u);
}

TEST_F(ClientInviteTest, CancelWithoutAFinalTimesOutAfter64T1) {
  auto tx = layer().sendRequest(invite_, udpFlow(), rec_.callbacks());
  EXPECT_EQ(layer().onResponse(response(invite_, 183, "x"), udpFlow()),
            ResponseDisposition::Matched);
  run(seconds(10));
  EXPECT_TRUE(layer().cancel(tx));
  EXPECT_EQ(countSent("CANCEL "), 1u);
  run(seconds(32) - milliseconds(10));
  EXPECT_EQ(rec_.timeouts, 0);
  run(milliseconds(10));
  EXPECT_EQ(rec_.timeouts, 1);
  EXPECT_FALSE(tx.alive());
}

TEST_F(ClientInviteTest, ReleasingTheHandleInACallbackStopsFurtherCallbacks) {
  ClientTransactionHandle tx;
  int provisionals = 0;
  int finals = 0;
  ClientCallbacks cb;
  cb.onProvisional = [&](const Message&) {
    ++provisionals;
    tx.release();
  };
  cb.onFinal = [&](const Message&) { ++finals; };
  tx = layer().sendRequest(invite_, udpFlow(), std::move(cb));
  EXPECT_EQ(layer().onResponse(response(invite_, 180, "x"), udpFlow()),
            ResponseDisposition::Matched);
  EXPECT_EQ(layer().onResponse(response(invite_, 486, "x"), udpFlow()),
            ResponseDisposition::Matched);
  EXPECT_EQ(provisionals, 1);
  EXPECT_EQ(finals, 0);
  EXPECT_EQ(countSent("ACK "), 1u);  // the transaction still does its job
}

TEST_F(ClientInviteTest, DestroyingTheLayerIsSilent) {
  auto tx = layer().sendRequest(invite_, udpFlow(), rec_.callbacks());
  layer_.reset();
  EXPECT_FALSE(tx.alive());
  EXPECT_EQ(wheel_.pending(), 0u);
  run(seconds(40));
  EXPECT_EQ(rec_.timeouts, 0);
}

TEST_F(ClientInviteTest, TransportErrorWhileCallingIsReportedOnce) {
  failWith_ = "no route";
  auto tx = layer().sendRequest(invite_, udpFlow(), rec_.callbacks());
  run(seconds(40));
  EXPECT_EQ(rec_.transportErrors, std::vector<std::string>{"no route"});
  EXPECT_EQ(rec_.timeouts, 0);
  EXPECT_EQ(countSent("INVITE "), 1u);  // no retransmission after the failure was reported
  EXPECT_FALSE(tx.alive());
}

TEST_F(ClientInviteTest, SuccessRacingACancelStillReachesTheTu) {
  auto tx = layer().sendRequest(invite_, udpFlow(), rec_.callbacks());
  EXPECT_EQ(layer().onResponse(response(invite_, 180, "x"), udpFlow()),
            ResponseDisposition::Matched);
  EXPECT_TRUE(layer().cancel(tx));  // sent at once: a provisional has arrived
  EXPECT_EQ(countSent("CANCEL "), 1u);
  EXPECT_EQ(layer().onResponse(response(invite_, 200, "x"), udpFlow()),
            ResponseDisposition::Matched);
  EXPECT_EQ(tx.state(), TransactionState::Accepted);
  EXPECT_EQ(rec_.finals, std::vector<int>{200});
  run(seconds(40));
  EXPECT_EQ(rec_.timeouts, 0);  // the CANCEL's guard went with the 2xx
}

}  // namespace
}  // namespace sb::sip::txtest
