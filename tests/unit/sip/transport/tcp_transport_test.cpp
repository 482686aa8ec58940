#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "sip/transport/tcp_listener.hpp"
#include "sip/transport/transport_manager.hpp"

namespace sb::sip {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

const std::string kOptions =
    "OPTIONS sip:s@127.0.0.1 SIP/2.0\r\n"
    "Via: SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bK-1\r\n"
    "Max-Forwards: 70\r\nTo: <sip:s@127.0.0.1>\r\nFrom: <sip:c@127.0.0.1>;tag=1\r\n"
    "Call-ID: tcp-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

struct TcpFixture : ::testing::Test {
  asio::io_context io;
  std::vector<InboundPacket> received;
  TransportManager manager{
      io, [this](InboundPacket packet) {
        received.push_back(packet);
        if (echo) {
          manager.find(packet.flow.listener)->send(packet.flow, "echo\r\n", nullptr);
        }
        io.stop();
      }};
  bool echo = true;

  SocketAddress listen(const std::string& bind, StreamLimits limits = {}) {
    manager.setStreamLimits(limits);
    auto result =
        manager.apply({ListenerSpec{"tcp", TransportKind::Tcp, *SocketAddress::parse(bind), 0}});
    EXPECT_TRUE(result.errors.empty());
    return manager.find("tcp")->localAddress();
  }
  tcp::socket connectTo(const SocketAddress& address) {
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(address.address, address.port));
    return socket;
  }
  void runFor(std::chrono::milliseconds limit) {
    io.restart();
    io.run_for(limit);
  }
  /// Runs the loop until `done` holds (or 10 s pass, failing the test): no timing guesses.
  template <class Predicate>
  void runUntil(Predicate done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done()) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "condition not reached";
      io.restart();
      io.run_for(std::chrono::milliseconds(5));
    }
  }
  TcpListener& listener() { return static_cast<TcpListener&>(*manager.find("tcp")); }
};

TEST_F(TcpFixture, FramesMessagesSplitAcrossSegmentsAndRepliesOnTheSameConnection) {
  for (const std::string bind : {"127.0.0.1:0", "[::1]:0"}) {
    received.clear();
    const auto local = listen(bind);
    auto client = connectTo(local);
    asio::write(client, asio::buffer(kOptions.substr(0, 30)));
    runFor(std::chrono::milliseconds(50));
    EXPECT_TRUE(received.empty());
    asio::write(client, asio::buffer(kOptions.substr(30)));
    runFor(std::chrono::seconds(5));
    ASSERT_EQ(received.size(), 1u) << bind;
    EXPECT_EQ(received[0].data, kOptions);
    EXPECT_EQ(received[0].flow.kind, TransportKind::Tcp);
    EXPECT_NE(received[0].flow.connection, 0u);
    std::string reply(6, '\0');
    runUntil([&] { return client.available() >= reply.size(); });
    asio::read(client, asio::buffer(reply));
    EXPECT_EQ(reply, "echo\r\n");
    manager.closeAll();
  }
}

TEST_F(TcpFixture, AnswersKeepAlivePingsWithAPong) {
  const auto local = listen("127.0.0.1:0");
  auto client = connectTo(local);
  asio::write(client, asio::buffer(std::string("\r\n\r\n")));
  runUntil([&] { return client.available() >= 2; });
  std::string pong(2, '\0');
  asio::read(client, asio::buffer(pong));
  EXPECT_EQ(pong, "\r\n");
}

TEST_F(TcpFixture, AFramingErrorClosesOnlyThatConnection) {
  const auto local = listen("127.0.0.1:0");
  auto bad = connectTo(local);
  auto good = connectTo(local);
  runUntil([&] { return listener().connectionCount() == 2; });
  asio::write(bad,
              asio::buffer(std::string("OPTIONS sip:x SIP/2.0\r\nContent-Length: -5\r\n\r\n")));
  runUntil([&] { return listener().connectionCount() == 1; });
  char byte;
  boost::system::error_code error;
  bad.read_some(asio::buffer(&byte, 1), error);
  EXPECT_EQ(error, asio::error::eof);
  asio::write(good, asio::buffer(kOptions));
  runFor(std::chrono::seconds(5));
  EXPECT_EQ(received.size(), 1u);
}

TEST_F(TcpFixture, SilentConnectionsAreDroppedAfterTheFirstMessageTimeout) {
  StreamLimits limits;
  limits.firstMessageTimeout = std::chrono::milliseconds(100);
  const auto local = listen("127.0.0.1:0", limits);
  auto silent = connectTo(local);
  runUntil([&] { return listener().connectionCount() == 1; });
  runUntil([&] { return listener().connectionCount() == 0; });
  char byte;
  boost::system::error_code error;
  silent.read_some(asio::buffer(&byte, 1), error);
  EXPECT_EQ(error, asio::error::eof);
}

TEST_F(TcpFixture, PerSourceLimitRefusesExtraConnections) {
  StreamLimits limits;
  limits.maxConnectionsPerSource = 3;
  const auto local = listen("127.0.0.1:0", limits);
  std::vector<tcp::socket> sockets;
  for (int i = 0; i < 5; ++i) {
    sockets.push_back(connectTo(local));
  }
  runUntil([&] { return listener().connectionCount() == 3; });
  // The refused ones see their connection closed; the accepted ones stay open.
  for (int i = 3; i < 5; ++i) {
    char byte;
    boost::system::error_code error;
    runUntil([&] { return sockets[i].available() > 0 || listener().connectionCount() == 3; });
    io.restart();
    io.run_for(std::chrono::milliseconds(20));
    sockets[i].read_some(asio::buffer(&byte, 1), error);
    EXPECT_TRUE(error == asio::error::eof || error == asio::error::connection_reset)
        << error.message();
  }
  EXPECT_EQ(listener().connectionCount(), 3u);
}

TEST_F(TcpFixture, SendingToANewAddressConnectsAndThenReusesTheConnection) {
  // A plain acceptor plays the remote UA.
  tcp::acceptor peer(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  echo = false;
  listen("127.0.0.1:0");
  Flow flow;
  flow.kind = TransportKind::Tcp;
  flow.remote = SocketAddress{peer.local_endpoint().address(), peer.local_endpoint().port()};
  std::vector<std::string> results;
  manager.find("tcp")->send(flow, "first\r\n", [&](const std::string& e) { results.push_back(e); });
  manager.find("tcp")->send(flow, "second\r\n",
                            [&](const std::string& e) { results.push_back(e); });
  tcp::socket accepted(io);
  peer.async_accept(accepted, [](boost::system::error_code) {});
  runUntil([&] { return accepted.is_open() && accepted.available() >= 15 && results.size() == 2; });
  std::string got(15, '\0');
  asio::read(accepted, asio::buffer(got));
  EXPECT_EQ(got, "first\r\nsecond\r\n");
  EXPECT_EQ(results, (std::vector<std::string>{"", ""}));
  EXPECT_EQ(listener().connectionCount(), 1u);
  // The UA's own requests on that connection arrive with that connection's flow.
  asio::write(accepted, asio::buffer(kOptions));
  runFor(std::chrono::seconds(5));
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].flow.connection, listener().connections().front().id);
  EXPECT_FALSE(listener().connections().front().inbound);
}

TEST_F(TcpFixture, ConnectFailureIsReported) {
  listen("127.0.0.1:0");
  tcp::acceptor closedPort(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const auto port = closedPort.local_endpoint().port();
  closedPort.close();
  Flow flow;
  flow.remote = SocketAddress{asio::ip::make_address("127.0.0.1"), port};
  std::string error;
  manager.find("tcp")->send(flow, "x", [&](const std::string& e) {
    error = e;
    io.stop();
  });
  runFor(std::chrono::seconds(5));
  EXPECT_NE(error.find("connect to 127.0.0.1:"), std::string::npos);
  EXPECT_EQ(listener().connectionCount(), 0u);
}

}  // namespace
}  // namespace sb::sip
