#include "transaction_test_support.hpp"

namespace sb::sip::txtest {
namespace {

class ServerNonInviteTest : public TransactionTest {};

TEST_F(ServerNonInviteTest, NewRequestCreatesATransactionInTrying) {
  auto result = layer().onRequest(request("OPTIONS", "z9hG4bKa"), udpFlow());
  ASSERT_EQ(result.disposition, RequestDisposition::NewTransaction);
  EXPECT_EQ(result.transaction.state(), TransactionState::Trying);
  EXPECT_FALSE(result.transaction.isInvite());
  EXPECT_EQ(layer().serverCount(), 1u);
  EXPECT_TRUE(sent_.empty());
}

TEST_F(ServerNonInviteTest, RetransmissionBeforeAnyResponseIsAbsorbedSilently) {
  auto req = request("OPTIONS", "z9hG4bKa");
  auto tx = layer().onRequest(req, udpFlow()).transaction;
  EXPECT_EQ(layer().onRequest(req, udpFlow()).disposition, RequestDisposition::Absorbed);
  EXPECT_TRUE(sent_.empty());
  EXPECT_EQ(layer().serverCount(), 1u);
}

TEST_F(ServerNonInviteTest, RetransmissionInProceedingResendsTheProvisional) {
  auto req = request("REGISTER", "z9hG4bKa");
  auto tx = layer().onRequest(req, udpFlow()).transaction;
  ASSERT_TRUE(tx.respond(response(req, 183)));
  EXPECT_EQ(tx.state(), TransactionState::Proceeding);
  EXPECT_EQ(layer().onRequest(req, udpFlow()).disposition, RequestDisposition::Absorbed);
  ASSERT_EQ(sent_.size(), 2u);
  EXPECT_EQ(sent_[0].bytes, sent_[1].bytes);
  EXPECT_EQ(sent_[1].flow, udpFlow());
}

TEST_F(ServerNonInviteTest, RetransmissionAfterTheFinalResendsTheFinal) {
  auto req = request("OPTIONS", "z9hG4bKa");
  auto tx = layer().onRequest(req, udpFlow()).transaction;
  ASSERT_TRUE(tx.respond(response(req, 200, "totag")));
  // Completed lives on as the layer's compact record; the handle sees the object gone.
  EXPECT_EQ(tx.state(), TransactionState::Terminated);
  EXPECT_EQ(layer().lingering().size(), 1u);
  EXPECT_EQ(layer().serverCount(), 1u);
  Flow elsewhere = udpFlow();
  elsewhere.remote.port = 5070;
  EXPECT_EQ(layer().onRequest(req, udpFlow()).disposition, RequestDisposition::Absorbed);
  EXPECT_EQ(layer().onRequest(req, elsewhere).disposition, RequestDisposition::Absorbed);
  ASSERT_EQ(sent_.size(), 3u);
  EXPECT_EQ(sent_[1].bytes, sent_[0].bytes);
  EXPECT_EQ(sent_[2].bytes, sent_[0].bytes);
  EXPECT_EQ(sent_[2].flow, udpFlow());  // where the final first went
  EXPECT_EQ(sent_[0].startLine(), "SIP/2.0 200 Final");
  // No retransmission of its own: only requests make it resend.
  run(seconds(10));
  EXPECT_EQ(sent_.size(), 3u);
}

TEST_F(ServerNonInviteTest, TheRecordAnswersOnlyItsOwnRequest) {
  auto req = request("REGISTER", "z9hG4bKa");
  auto tx = layer().onRequest(req, udpFlow()).transaction;
  ASSERT_TRUE(tx.respond(response(req, 200, "t")));
  EXPECT_EQ(layer().onRequest(request("REGISTER", "z9hG4bKb", 2), udpFlow()).disposition,
            RequestDisposition::NewTransaction);
  EXPECT_EQ(layer().onRequest(request("OPTIONS", "z9hG4bKa"), udpFlow()).disposition,
            RequestDisposition::NewTransaction);
  EXPECT_EQ(sent_.size(), 1u);
}

TEST_F(ServerNonInviteTest, NoResponseAfterTheFinal) {
  auto req = request("OPTIONS", "z9hG4bKa");
  auto tx = layer().onRequest(req, udpFlow()).transaction;
  ASSERT_TRUE(tx.respond(response(req, 404, "t")));
  EXPECT_FALSE(tx.respond(response(req, 200, "t")));
  EXPECT_FALSE(tx.respond(response(req, 100)));
  EXPECT_EQ(sent_.size(), 1u);
}

TEST_F(ServerNonInviteTest, TimerJRemovesItOnUdp) {
  auto req = request("OPTIONS", "z9hG4bKa");
  auto tx = layer().onRequest(req, udpFlow()).transaction;
  ASSERT_TRUE(tx.respond(response(req, 200, "t")));
  EXPECT_GT(layer().lingering().bytes(), sent_[0].bytes.size());  // key and response
  run(seconds(32) - milliseconds(10));
  EXPECT_EQ(layer().onRequest(req, udpFlow()).disposition, RequestDisposition::Absorbed);
  EXPECT_EQ(sent_.size(), 2u);
  run(milliseconds(10));
  EXPECT_FALSE(tx.alive());
  EXPECT_EQ(layer().serverCount(), 0u);
  EXPECT_EQ(layer().lingering().size(), 0u);
  EXPECT_EQ(layer().lingering().bytes(), 0u);
  EXPECT_EQ(wheel_.pending(), 0u);
  // A late retransmission is now a new request.
  EXPECT_EQ(layer().onRequest(req, udpFlow()).disposition, RequestDisposition::NewTransaction);
}

TEST_F(ServerNonInviteTest, RecordsExpireInOrderAndFreeTheirMemory) {
  // One every 10 ms for 1 s: each is kept at least Timer J, and at most a sweep period more.
  std::vector<Message> requests;
  for (int i = 0; i < 100; ++i) {
    requests.push_back(request("REGISTER", "z9hG4bK" + std::to_string(i), 1));
    auto tx = layer().onRequest(requests.back(), udpFlow()).transaction;
    ASSERT_TRUE(tx.respond(response(requests.back(), 200, "t")));
    run(milliseconds(10));
  }
  EXPECT_EQ(layer().lingering().size(), 100u);
  run(seconds(32) - seconds(1));  // the first one's Timer J
  EXPECT_LT(layer().lingering().size(), 100u);
  EXPECT_EQ(wheel_.pending(), 1u);  // one sweep timer, not one timer per record
  const std::size_t left = layer().lingering().size();
  // Whatever is still kept still answers.
  EXPECT_EQ(layer().onRequest(requests.back(), udpFlow()).disposition,
            RequestDisposition::Absorbed);
  run(milliseconds(500));
  EXPECT_LT(layer().lingering().size(), left);
  run(seconds(1));
  EXPECT_EQ(layer().lingering().size(), 0u);
  EXPECT_EQ(layer().lingering().bytes(), 0u);
  EXPECT_EQ(wheel_.pending(), 0u);
  // Later ones start a new quiet period and expire on time again.
  auto req = request("REGISTER", "z9hG4bKlate");
  ASSERT_TRUE(layer().onRequest(req, udpFlow()).transaction.respond(response(req, 200, "t")));
  run(seconds(32));
  EXPECT_EQ(layer().lingering().size(), 0u);
}

TEST_F(ServerNonInviteTest, ATuThatSetCallbacksKeepsTheFullTransaction) {
  auto req = request("OPTIONS", "z9hG4bKa");
  auto tx = layer().onRequest(req, udpFlow()).transaction;
  tx.setCallbacks({});
  ASSERT_TRUE(tx.respond(response(req, 200, "t")));
  EXPECT_EQ(tx.state(), TransactionState::Completed);
  EXPECT_EQ(layer().lingering().size(), 0u);
  EXPECT_EQ(layer().onRequest(req, udpFlow()).disposition, RequestDisposition::Absorbed);
  EXPECT_EQ(sent_.size(), 2u);
  run(seconds(32) - milliseconds(10));
  EXPECT_EQ(tx.state(), TransactionState::Completed);
  run(milliseconds(10));
  EXPECT_EQ(tx.state(), TransactionState::Terminated);
  EXPECT_EQ(layer().serverCount(), 0u);
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST_F(ServerNonInviteTest, DestroyingTheLayerDropsTheRecords) {
  auto req = request("OPTIONS", "z9hG4bKa");
  ASSERT_TRUE(layer().onRequest(req, udpFlow()).transaction.respond(response(req, 200, "t")));
  layer_.reset();
  EXPECT_EQ(wheel_.pending(), 0u);
}

TEST_F(ServerNonInviteTest, RemovedAtOnceOnTcp) {
  auto req = request("OPTIONS", "z9hG4bKa", 1, {}, "TCP");
  auto tx = layer().onRequest(req, tcpFlow()).transaction;
  ASSERT_TRUE(tx.respond(response(req, 200, "t")));
  EXPECT_EQ(tx.state(), TransactionState::Terminated);
  EXPECT_EQ(layer().serverCount(), 0u);
  EXPECT_EQ(wheel_.pending(), 0u);
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_EQ(sent_[0].flow, tcpFlow());
}

TEST_F(ServerNonInviteTest, DifferentMethodOrSentByIsADifferentTransaction) {
  auto options = request("OPTIONS", "z9hG4bKa");
  auto tx = layer().onRequest(options, udpFlow()).transaction;
  EXPECT_EQ(layer().onRequest(request("INFO", "z9hG4bKa"), udpFlow()).disposition,
            RequestDisposition::NewTransaction);
  auto otherHost = parse(options.serialize().replace(options.serialize().find("192.0.2.1:5060"), 14,
                                                     "192.0.2.2:5060"));
  EXPECT_EQ(layer().onRequest(otherHost, udpFlow()).disposition,
            RequestDisposition::NewTransaction);
  EXPECT_EQ(layer().serverCount(), 3u);
}

TEST_F(ServerNonInviteTest, TransportErrorTerminatesAndTellsTheTu) {
  auto req = request("OPTIONS", "z9hG4bKa");
  auto tx = layer().onRequest(req, udpFlow()).transaction;
  std::vector<std::string> errors;
  tx.setCallbacks(
      {.onTimeout = {}, .onTransportError = [&](const std::string& e) { errors.push_back(e); }});
  failWith_ = "unreachable";
  ASSERT_TRUE(tx.respond(response(req, 200, "t")));
  EXPECT_TRUE(errors.empty());  // reported from a fresh call, not from inside respond()
  run(milliseconds(10));
  EXPECT_EQ(errors, std::vector<std::string>{"unreachable"});
  EXPECT_FALSE(tx.alive());
  EXPECT_EQ(layer().serverCount(), 0u);
}

TEST_F(ServerNonInviteTest, HandleOutlivesTheTransactionSafely) {
  auto req = request("OPTIONS", "z9hG4bKa", 1, {}, "TCP");
  auto tx = layer().onRequest(req, tcpFlow()).transaction;
  ASSERT_TRUE(tx.respond(response(req, 200, "t")));
  EXPECT_FALSE(tx.respond(response(req, 200, "t")));
  EXPECT_FALSE(tx.request().has_value());
  tx.setCallbacks({});
  EXPECT_EQ(tx.state(), TransactionState::Terminated);
}

}  // namespace
}  // namespace sb::sip::txtest
