#include <chrono>
#include <string>

#include "transaction_test_support.hpp"

namespace sb::sip::txtest {
namespace {

// Replaces every "BRANCH" in the template with the branch of transaction i.
Message numbered(const std::string& templ, std::size_t i) {
  std::string text = templ;
  const std::string branch = "z9hG4bK" + std::to_string(i);
  for (auto at = text.find("BRANCH"); at != std::string::npos; at = text.find("BRANCH"))
    text.replace(at, 6, branch);
  return parse(text);
}

TEST(TransactionScale, HundredThousandAliveAtOnceAllTerminate) {
  ManualClock clock;
  TimerWheel wheel{clock, milliseconds(10)};
  std::size_t sends = 0;
  std::size_t bytes = 0;
  TransactionLayer layer{wheel, [&](const Flow&, std::string data, SendDone) {
                           ++sends;
                           bytes += data.size();
                         }};
  constexpr std::size_t kEach = 25'000;  // four kinds: 100 000 transactions
  const std::string inviteText = request("INVITE", "BRANCH").serialize();
  const std::string optionsText = request("OPTIONS", "BRANCH").serialize();
  std::size_t finals = 0;
  std::size_t timeouts = 0;
  ClientCallbacks cb;
  cb.onFinal = [&](const Message&) { ++finals; };
  cb.onTimeout = [&] { ++timeouts; };

  std::vector<ClientTransactionHandle> clients;
  std::vector<Message> clientRequests;
  clients.reserve(2 * kEach);
  clientRequests.reserve(2 * kEach);
  std::vector<ServerTransactionHandle> servers;
  servers.reserve(2 * kEach);
  for (std::size_t i = 0; i < kEach; ++i) {
    clientRequests.push_back(numbered(inviteText, i));
    clients.push_back(layer.sendRequest(clientRequests.back(), udpFlow(), cb));
    clientRequests.push_back(numbered(optionsText, i));
    clients.push_back(layer.sendRequest(clientRequests.back(), udpFlow(), cb));
    servers.push_back(layer.onRequest(numbered(inviteText, kEach + i), udpFlow()).transaction);
    servers.push_back(layer.onRequest(numbered(optionsText, kEach + i), udpFlow()).transaction);
  }
  EXPECT_EQ(layer.clientCount(), 2 * kEach);
  EXPECT_EQ(layer.serverCount(), 2 * kEach);

  // Half the clients get a final response (486: ACKed by the layer; 200 to OPTIONS); the rest
  // time out. Every server transaction is answered; INVITE 486s are never ACKed (Timer H).
  for (std::size_t i = 0; i < clients.size(); i += 4) {
    const Message& req = clientRequests[i];
    EXPECT_EQ(layer.onResponse(response(req, 486, "t"), udpFlow()), ResponseDisposition::Matched);
    const Message& opt = clientRequests[i + 1];
    EXPECT_EQ(layer.onResponse(response(opt, 200, "t"), udpFlow()), ResponseDisposition::Matched);
  }
  for (std::size_t i = 0; i < servers.size(); ++i) {
    auto req = servers[i].request();
    ASSERT_TRUE(req.has_value());
    EXPECT_TRUE(servers[i].respond(*makeResponse(*req, i % 2 == 0 ? 486 : 200, "R", "t")));
  }
  EXPECT_EQ(finals, kEach);
  const std::size_t timersAtPeak = wheel.pending();
  EXPECT_LE(timersAtPeak, 4 * kEach * 3);

  for (int step = 0; step < 4000 && (layer.clientCount() + layer.serverCount()) > 0; ++step) {
    clock.advance(milliseconds(10));
    wheel.advance();
  }
  EXPECT_EQ(layer.clientCount(), 0u);
  EXPECT_EQ(layer.serverCount(), 0u);
  EXPECT_EQ(wheel.pending(), 0u);
  EXPECT_EQ(timeouts, kEach);
  EXPECT_EQ(finals, kEach);
  for (const auto& h : clients)
    EXPECT_FALSE(h.alive());
  for (const auto& h : servers)
    EXPECT_FALSE(h.alive());
  // Timer nodes are pooled: the pool never grew past the peak of pending timers by much.
  EXPECT_LE(wheel.capacity(), timersAtPeak + 2 * 1024 + 4 * kEach);
  EXPECT_GT(sends, 4 * kEach);
  (void)bytes;
}

}  // namespace
}  // namespace sb::sip::txtest
