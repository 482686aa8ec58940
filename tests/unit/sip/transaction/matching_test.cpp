#include <set>

#include "sip/transaction/transaction_key.hpp"
#include "transaction_test_support.hpp"

namespace sb::sip::txtest {
namespace {

class TransactionMatchingTest : public TransactionTest {
 protected:
  TransactionMatchingTest() {
    TransactionSettings settings;
    settings.autoTryingDelay = std::nullopt;
    reconfigure(settings);
  }
};

TEST_F(TransactionMatchingTest, CancelHasItsOwnTransactionAndFindsTheInvite) {
  auto invite = request("INVITE", "z9hG4bKinv");
  auto inv = layer().onRequest(invite, udpFlow()).transaction;
  auto cancel = request("CANCEL", "z9hG4bKinv");
  auto result = layer().onRequest(cancel, udpFlow());
  ASSERT_EQ(result.disposition, RequestDisposition::NewTransaction);
  EXPECT_FALSE(result.transaction.isInvite());
  EXPECT_EQ(layer().serverCount(), 2u);

  auto found = layer().findInviteForCancel(cancel);
  ASSERT_TRUE(found.alive());
  EXPECT_TRUE(found.isInvite());
  // The TU answers the CANCEL and ends the INVITE with a 487.
  EXPECT_TRUE(result.transaction.respond(response(cancel, 200, "t")));
  EXPECT_TRUE(found.respond(response(invite, 487, "t")));
  EXPECT_EQ(inv.state(), TransactionState::Completed);
  // A retransmitted CANCEL gets its 200 again.
  EXPECT_EQ(layer().onRequest(cancel, udpFlow()).disposition, RequestDisposition::Absorbed);
  EXPECT_EQ(countSent("SIP/2.0 200"), 2u);
}

TEST_F(TransactionMatchingTest, CancelForAnUnknownInviteFindsNothing) {
  auto inv = layer().onRequest(request("INVITE", "z9hG4bKinv"), udpFlow()).transaction;
  EXPECT_FALSE(layer().findInviteForCancel(request("CANCEL", "z9hG4bKother")).alive());
  // A CANCEL never matches a non-INVITE transaction.
  auto options = layer().onRequest(request("OPTIONS", "z9hG4bKopt"), udpFlow()).transaction;
  EXPECT_FALSE(layer().findInviteForCancel(request("CANCEL", "z9hG4bKopt")).alive());
}

TEST_F(TransactionMatchingTest, Rfc2543InviteRetransmissionAndAckMatch) {
  auto invite = request("INVITE", "old-style-1");  // no magic cookie
  auto tx = layer().onRequest(invite, udpFlow()).transaction;
  ASSERT_TRUE(tx.alive());
  EXPECT_EQ(layer().onRequest(invite, udpFlow()).disposition, RequestDisposition::Absorbed);
  ASSERT_TRUE(tx.respond(response(invite, 486, "srv")));
  EXPECT_EQ(layer().onRequest(invite, udpFlow()).disposition, RequestDisposition::Absorbed);
  EXPECT_EQ(countSent("SIP/2.0 486"), 2u);

  // An ACK whose To tag is not ours belongs elsewhere.
  EXPECT_EQ(layer().onRequest(request("ACK", "old-style-1", 1, "other"), udpFlow()).disposition,
            RequestDisposition::PassToTu);
  // The RFC 2543 ACK repeats the INVITE's Via and carries our To tag.
  EXPECT_EQ(layer().onRequest(request("ACK", "old-style-1", 1, "srv"), udpFlow()).disposition,
            RequestDisposition::Absorbed);
  EXPECT_EQ(tx.state(), TransactionState::Confirmed);
  run(seconds(5));
  EXPECT_FALSE(tx.alive());
  EXPECT_EQ(layer().serverCount(), 0u);
}

TEST_F(TransactionMatchingTest, Rfc2543WithoutAnyBranch) {
  std::string text = request("INVITE", "x").serialize();
  text.replace(text.find(";branch=x"), 9, "");
  auto invite = parse(text);
  auto tx = layer().onRequest(invite, udpFlow()).transaction;
  ASSERT_TRUE(tx.alive());
  EXPECT_EQ(layer().onRequest(invite, udpFlow()).disposition, RequestDisposition::Absorbed);
  // Another CSeq is another transaction.
  std::string next = text;
  next.replace(next.find("CSeq: 1"), 7, "CSeq: 2");
  EXPECT_EQ(layer().onRequest(parse(next), udpFlow()).disposition,
            RequestDisposition::NewTransaction);
  // A CANCEL with the same fields finds it.
  std::string cancel = text;
  cancel.replace(0, 6, "CANCEL");
  cancel.replace(cancel.find("1 INVITE"), 8, "1 CANCEL");
  EXPECT_TRUE(layer().findInviteForCancel(parse(cancel)).alive());
}

TEST_F(TransactionMatchingTest, Rfc2543FieldsAllCount) {
  auto tx = layer().onRequest(request("INVITE", "old"), udpFlow()).transaction;
  EXPECT_EQ(layer()
                .onRequest(request("INVITE", "old", 1, {}, "UDP", "other-call"), udpFlow())
                .disposition,
            RequestDisposition::NewTransaction);
  EXPECT_EQ(layer().onRequest(request("INVITE", "old", 1, "tagged"), udpFlow()).disposition,
            RequestDisposition::NewTransaction);
  EXPECT_EQ(layer().serverCount(), 3u);
}

TEST_F(TransactionMatchingTest, StrayResponsesAreReturnedUnmatched) {
  auto invite = request("INVITE", "z9hG4bKnobody");
  EXPECT_EQ(layer().onResponse(response(invite, 200, "x"), udpFlow()),
            ResponseDisposition::Unmatched);
  EXPECT_EQ(layer().onResponse(response(invite, 180, "x"), udpFlow()),
            ResponseDisposition::Unmatched);
  // Same branch, other method: not the same transaction.
  Recorder rec;
  auto tx = layer().sendRequest(request("OPTIONS", "z9hG4bKnobody"), udpFlow(), rec.callbacks());
  EXPECT_EQ(layer().onResponse(response(invite, 200, "x"), udpFlow()),
            ResponseDisposition::Unmatched);
  EXPECT_TRUE(rec.finals.empty());
  // A request handed to onResponse is not a response.
  EXPECT_EQ(layer().onResponse(invite, udpFlow()), ResponseDisposition::Unmatched);
}

TEST(TransactionKey, BranchesAreFreshAndCompliant) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string branch = newBranch();
    EXPECT_TRUE(branch.starts_with(kBranchMagicCookie));
    EXPECT_EQ(branch.size(), kBranchMagicCookie.size() + 32);
    EXPECT_TRUE(seen.insert(branch).second);
  }
}

TEST(TransactionKey, AckAndCancelMapToTheInviteKey) {
  auto invite = request("INVITE", "z9hG4bKk");
  auto ack = request("ACK", "z9hG4bKk", 1, "t");
  auto cancel = request("CANCEL", "z9hG4bKk");
  EXPECT_EQ(serverKey(invite, "INVITE"), serverKey(ack, "INVITE"));
  EXPECT_EQ(serverKey(invite, "INVITE"), serverKey(cancel, "INVITE"));
  EXPECT_NE(serverKey(invite, "INVITE"), serverKey(cancel, "CANCEL"));
  EXPECT_EQ(clientKey(invite), clientKey(response(invite, 200, "t")));
  EXPECT_NE(clientKey(invite), clientKey(cancel));
}

}  // namespace
}  // namespace sb::sip::txtest
