#include "transaction_test_support.hpp"

namespace sb::sip::txtest {
namespace {

class ServerInviteTest : public TransactionTest {
 protected:
  /// Without the automatic 100, so that only the TU's responses are on the wire.
  void withoutTrying() {
    TransactionSettings settings;
    settings.autoTryingDelay = std::nullopt;
    reconfigure(settings);
  }
};

TEST_F(ServerInviteTest, SendsTryingAfter200MsWhenTheTuIsSilent) {
  auto invite = request("INVITE", "z9hG4bKinv");
  auto result = layer().onRequest(invite, udpFlow());
  ASSERT_EQ(result.disposition, RequestDisposition::NewTransaction);
  EXPECT_TRUE(result.transaction.isInvite());
  EXPECT_EQ(result.transaction.state(), TransactionState::Proceeding);
  run(milliseconds(190));
  EXPECT_TRUE(sent_.empty());
  run(milliseconds(10));
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_EQ(sent_[0].startLine(), "SIP/2.0 100 Trying");
  EXPECT_EQ(sent_[0].message().callId(), "call-1@192.0.2.1");
  EXPECT_EQ(sent_[0].message().vias().size(), 2u);
  run(seconds(5));
  EXPECT_EQ(sent_.size(), 1u);
}

TEST_F(ServerInviteTest, NoTryingWhenTheTuAnswersFirst) {
  auto invite = request("INVITE", "z9hG4bKinv");
  auto tx = layer().onRequest(invite, udpFlow()).transaction;
  run(milliseconds(100));
  ASSERT_TRUE(tx.respond(response(invite, 180, "t")));
  run(seconds(1));
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_EQ(sent_[0].startLine(), "SIP/2.0 180 Provisional");
}

TEST_F(ServerInviteTest, TryingDelayIsConfigurable) {
  TransactionSettings settings;
  settings.autoTryingDelay = Duration::zero();
  int decorated = 0;
  settings.decorateTrying = [&](Message& trying, const Message&, const Flow&) {
    ++decorated;
    trying.addHeader("Server", "test");
  };
  reconfigure(settings);
  auto tx = layer().onRequest(request("INVITE", "z9hG4bKinv"), udpFlow()).transaction;
  ASSERT_EQ(sent_.size(), 1u);  // at once, like pjsip
  EXPECT_EQ(decorated, 1);
  EXPECT_EQ(sent_[0].message().value("Server"), "test");
}

TEST_F(ServerInviteTest, RetransmittedInviteGetsTheLatestProvisionalAgain) {
  withoutTrying();
  auto invite = request("INVITE", "z9hG4bKinv");
  auto tx = layer().onRequest(invite, udpFlow()).transaction;
  EXPECT_EQ(layer().onRequest(invite, udpFlow()).disposition, RequestDisposition::Absorbed);
  EXPECT_TRUE(sent_.empty());  // nothing to repeat, and no automatic 100 configured
  ASSERT_TRUE(tx.respond(response(invite, 180, "t")));
  ASSERT_TRUE(tx.respond(response(invite, 183, "t")));
  EXPECT_EQ(layer().onRequest(invite, udpFlow()).disposition, RequestDisposition::Absorbed);
  ASSERT_EQ(sent_.size(), 3u);
  EXPECT_EQ(sent_[2].bytes, sent_[1].bytes);
  EXPECT_EQ(sent_[2].startLine(), "SIP/2.0 183 Provisional");
}

TEST_F(ServerInviteTest, RetransmittedInviteBeforeTheTryingDelaySendsTryingNow) {
  auto invite = request("INVITE", "z9hG4bKinv");
  auto tx = layer().onRequest(invite, udpFlow()).transaction;
  run(milliseconds(50));
  EXPECT_EQ(layer().onRequest(invite, udpFlow()).disposition, RequestDisposition::Absorbed);
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_EQ(sent_[0].startLine(), "SIP/2.0 100 Trying");
  run(seconds(1));
  EXPECT_EQ(sent_.size(), 1u);
}

TEST_F(ServerInviteTest, NonSuccessFinalIsRetransmittedOnTimerGUntilAck) {
  withoutTrying();
  auto invite = request("INVITE", "z9hG4bKinv");
  auto tx = layer().onRequest(invite, udpFlow()).transaction;
  ASSERT_TRUE(tx.respond(response(invite, 486, "busy")));
  EXPECT_EQ(tx.state(), TransactionState::Completed);
  run(seconds(16));
  // T1, 2T1, 4T1, then capped at T2 = 4 s.
  const std::vector<Duration> expected{seconds(0),         milliseconds(500),  milliseconds(1500),
                                       milliseconds(3500), milliseconds(7500), milliseconds(11500),
                                       milliseconds(15500)};
  EXPECT_EQ(sendTimes("SIP/2.0 486"), expected);
  for (const Sent& s : sent_)
    EXPECT_EQ(s.bytes, sent_[0].bytes);

  // A retransmitted INVITE gets the final at once as well.
  EXPECT_EQ(layer().onRequest(invite, udpFlow()).disposition, RequestDisposition::Absorbed);
  EXPECT_EQ(countSent("SIP/2.0 486"), 8u);

  auto ack = request("ACK", "z9hG4bKinv", 1, "busy");
  EXPECT_EQ(layer().onRequest(ack, udpFlow()).disposition, RequestDisposition::Absorbed);
  EXPECT_EQ(tx.state(), TransactionState::Confirmed);
  EXPECT_EQ(layer().onRequest(ack, udpFlow()).disposition, RequestDisposition::Absorbed);
  EXPECT_EQ(layer().onRequest(invite, udpFlow()).disposition, RequestDisposition::Absorbed);
  run(seconds(5) - milliseconds(10));
  EXPECT_EQ(countSent("SIP/2.0 486"), 8u);  // no more retransmissions once confirmed
  EXPECT_EQ(tx.state(), TransactionState::Confirmed);
  run(milliseconds(10));  // Timer I = T4
  EXPECT_EQ(tx.state(), TransactionState::Terminated);
  EXPECT_EQ(layer().serverCount(), 0u);
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST_F(ServerInviteTest, TimerHEndsItWithoutAckAndTellsTheTu) {
  withoutTrying();
  auto invite = request("INVITE", "z9hG4bKinv");
  auto tx = layer().onRequest(invite, udpFlow()).transaction;
  int timeouts = 0;
  tx.setCallbacks({.onTimeout = [&] { ++timeouts; }, .onTransportError = {}});
  ASSERT_TRUE(tx.respond(response(invite, 603, "no")));
  run(seconds(32) - milliseconds(10));
  EXPECT_EQ(timeouts, 0);
  EXPECT_EQ(tx.state(), TransactionState::Completed);
  run(milliseconds(10));
  EXPECT_EQ(timeouts, 1);
  EXPECT_EQ(tx.state(), TransactionState::Terminated);
  // 0, .5, 1.5, 3.5, 7.5, then every 4 s: 11.5 ... 31.5
  EXPECT_EQ(countSent("SIP/2.0 603"), 5u + 6u);
  EXPECT_EQ(layer().serverCount(), 0u);
  run(seconds(10));
  EXPECT_EQ(timeouts, 1);
}

TEST_F(ServerInviteTest, NoRetransmissionsOnTcpAndAckEndsItAtOnce) {
  withoutTrying();
  auto invite = request("INVITE", "z9hG4bKinv", 1, {}, "TCP");
  auto tx = layer().onRequest(invite, tcpFlow()).transaction;
  ASSERT_TRUE(tx.respond(response(invite, 486, "busy")));
  run(seconds(10));
  EXPECT_EQ(sent_.size(), 1u);
  auto ack = request("ACK", "z9hG4bKinv", 1, "busy", "TCP");
  EXPECT_EQ(layer().onRequest(ack, tcpFlow()).disposition, RequestDisposition::Absorbed);
  EXPECT_EQ(tx.state(), TransactionState::Terminated);
  EXPECT_EQ(layer().serverCount(), 0u);
}

TEST_F(ServerInviteTest, SuccessMovesToAcceptedWhichAbsorbsInvitesAndPassesAcks) {
  withoutTrying();
  auto invite = request("INVITE", "z9hG4bKinv");
  auto tx = layer().onRequest(invite, udpFlow()).transaction;
  auto ok = response(invite, 200, "ok");
  ASSERT_TRUE(tx.respond(ok));
  EXPECT_EQ(tx.state(), TransactionState::Accepted);
  // Lingering in Accepted keeps neither the request nor the response.
  EXPECT_FALSE(tx.request().has_value() && !tx.request()->headers().empty());
  run(seconds(5));
  EXPECT_EQ(sent_.size(), 1u);  // the transaction never retransmits a 2xx itself

  // The TU retransmits its 2xx through the transaction.
  EXPECT_TRUE(tx.respond(ok));
  EXPECT_EQ(sent_.size(), 2u);
  EXPECT_FALSE(tx.respond(response(invite, 486, "ok")));
  EXPECT_FALSE(tx.respond(response(invite, 180, "ok")));

  // INVITE retransmissions are absorbed without an answer (RFC 6026).
  EXPECT_EQ(layer().onRequest(invite, udpFlow()).disposition, RequestDisposition::Absorbed);
  EXPECT_EQ(sent_.size(), 2u);

  // The ACK for a 2xx is the TU's, whatever its branch.
  EXPECT_EQ(layer().onRequest(request("ACK", "z9hG4bKack", 1, "ok"), udpFlow()).disposition,
            RequestDisposition::PassToTu);
  EXPECT_EQ(layer().onRequest(request("ACK", "z9hG4bKinv", 1, "ok"), udpFlow()).disposition,
            RequestDisposition::PassToTu);
  EXPECT_EQ(tx.state(), TransactionState::Accepted);

  run(seconds(27) - milliseconds(10));  // Timer L = 64*T1 from the first 2xx
  EXPECT_EQ(tx.state(), TransactionState::Accepted);
  run(milliseconds(10));
  EXPECT_EQ(tx.state(), TransactionState::Terminated);
  EXPECT_EQ(layer().serverCount(), 0u);
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST_F(ServerInviteTest, AckMatchingNothingGoesToTheTu) {
  EXPECT_EQ(layer().onRequest(request("ACK", "z9hG4bKnone", 1, "x"), udpFlow()).disposition,
            RequestDisposition::PassToTu);
  EXPECT_EQ(layer().serverCount(), 0u);
}

TEST_F(ServerInviteTest, ResponsesOutOfOrderAreRefused) {
  withoutTrying();
  auto invite = request("INVITE", "z9hG4bKinv");
  auto tx = layer().onRequest(invite, udpFlow()).transaction;
  ASSERT_TRUE(tx.respond(response(invite, 486, "b")));
  EXPECT_FALSE(tx.respond(response(invite, 200, "b")));
  EXPECT_FALSE(tx.respond(response(invite, 180, "b")));
  EXPECT_EQ(sent_.size(), 1u);
}

TEST_F(ServerInviteTest, TransportErrorOnTheFinalEndsItAndTellsTheTu) {
  withoutTrying();
  auto invite = request("INVITE", "z9hG4bKinv", 1, {}, "TCP");
  auto tx = layer().onRequest(invite, tcpFlow()).transaction;
  std::vector<std::string> errors;
  int timeouts = 0;
  tx.setCallbacks({.onTimeout = [&] { ++timeouts; },
                   .onTransportError = [&](const std::string& e) { errors.push_back(e); }});
  failWith_ = "connection reset";
  ASSERT_TRUE(tx.respond(response(invite, 500, "x")));
  run(milliseconds(10));
  EXPECT_EQ(errors, std::vector<std::string>{"connection reset"});
  EXPECT_FALSE(tx.alive());
  run(seconds(40));
  EXPECT_EQ(timeouts, 0);
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST_F(ServerInviteTest, Rfc2543AckForASuccessGoesToTheTu) {
  withoutTrying();
  // An in-dialog re-INVITE from an RFC 2543 peer: its To already carries our tag.
  auto invite = request("INVITE", "old-reinvite", 2, "dlg");
  auto tx = layer().onRequest(invite, udpFlow()).transaction;
  ASSERT_TRUE(tx.respond(response(invite, 200, "dlg")));
  EXPECT_EQ(layer().onRequest(invite, udpFlow()).disposition, RequestDisposition::Absorbed);
  EXPECT_EQ(layer().onRequest(request("ACK", "old-reinvite", 2, "dlg"), udpFlow()).disposition,
            RequestDisposition::PassToTu);
  EXPECT_EQ(tx.state(), TransactionState::Accepted);
}

}  // namespace
}  // namespace sb::sip::txtest
