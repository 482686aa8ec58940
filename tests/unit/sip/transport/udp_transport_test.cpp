#include <gtest/gtest.h>

#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "sip/transport/transport_manager.hpp"
#include "sip/transport/udp_listener.hpp"

namespace sb::sip {
namespace {

namespace asio = boost::asio;

ListenerSpec udpSpec(const std::string& name, const std::string& bind) {
  return ListenerSpec{name, TransportKind::Udp, *SocketAddress::parse(bind), 0};
}

TEST(SocketAddress, ParsesAndPrintsBothFamilies) {
  auto v4 = SocketAddress::parse("192.0.2.1:5070");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->str(), "192.0.2.1:5070");
  auto v6 = SocketAddress::parse("[2001:db8::1]:5061");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->str(), "[2001:db8::1]:5061");
  EXPECT_EQ(v6->hostStr(), "[2001:db8::1]");
  auto bare = SocketAddress::parse("::1");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->port, 0);
  EXPECT_FALSE(SocketAddress::parse("300.0.0.1"));
  EXPECT_FALSE(SocketAddress::parse("[::1"));
  EXPECT_FALSE(SocketAddress::parse("1.2.3.4:99999"));
}

TEST(UdpTransport, ReceivesAndRepliesOnBothFamilies) {
  asio::io_context io;
  std::vector<InboundPacket> received;
  TransportManager manager(io, [&](InboundPacket packet) {
    received.push_back(packet);
    manager.find(packet.flow.listener)->send(packet.flow, "pong:" + packet.data, nullptr);
  });
  auto result = manager.apply({udpSpec("v4", "127.0.0.1:0"), udpSpec("v6", "[::1]:0")});
  ASSERT_TRUE(result.errors.empty()) << result.errors.begin()->second;
  ASSERT_EQ(result.opened.size(), 2u);

  for (const auto& name : {"v4", "v6"}) {
    const auto local = manager.find(name)->localAddress();
    ASSERT_NE(local.port, 0);
    asio::ip::udp::socket client(io, asio::ip::udp::endpoint(local.address, 0));
    client.send_to(asio::buffer(std::string("ping")),
                   asio::ip::udp::endpoint(local.address, local.port));
    std::array<char, 100> reply{};
    std::size_t got = 0;
    client.async_receive(asio::buffer(reply), [&](boost::system::error_code, std::size_t n) {
      got = n;
      io.stop();
    });
    io.run_for(std::chrono::seconds(5));
    io.restart();
    EXPECT_EQ(std::string(reply.data(), got), "pong:ping") << name;
  }
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[0].flow.kind, TransportKind::Udp);
  EXPECT_EQ(received[0].flow.listener, "v4");
  EXPECT_TRUE(received[1].flow.remote.isV6());
}

TEST(UdpTransport, CarriesLargeDatagramsAndRefusesOversizedOnes) {
  asio::io_context io;
  std::size_t size = 0;
  TransportManager manager(io, [&](InboundPacket packet) {
    size = packet.data.size();
    io.stop();
  });
  (void)manager.apply({udpSpec("big", "127.0.0.1:0")});
  const auto local = manager.find("big")->localAddress();
  asio::ip::udp::socket client(io, asio::ip::udp::v4());
  const std::string large(60000, 'x');
  client.send_to(asio::buffer(large), asio::ip::udp::endpoint(local.address, local.port));
  io.run_for(std::chrono::seconds(5));
  EXPECT_EQ(size, large.size());

  std::string error;
  Flow flow{TransportKind::Udp, "big", local, local, 0};
  manager.find("big")->send(flow, std::string(UdpListener::kMaxDatagram + 1, 'y'),
                            [&](const std::string& why) { error = why; });
  EXPECT_NE(error.find("too large"), std::string::npos);
}

TEST(UdpTransport, ReadsQueuedDatagramsInBatchesInOrder) {
  // More than several recvmmsg batches queued before the reactor runs: all arrive, in order,
  // each with its own sender, and sizes from one byte to a large one mixed in.
  asio::io_context io;
  std::vector<InboundPacket> received;
  TransportManager manager(io, [&](InboundPacket packet) { received.push_back(packet); });
  (void)manager.apply({udpSpec("batch", "127.0.0.1:0")});
  const auto local = manager.find("batch")->localAddress();
  const asio::ip::udp::endpoint to(local.address, local.port);
  asio::ip::udp::socket first(io, asio::ip::udp::endpoint(local.address, 0));
  asio::ip::udp::socket second(io, asio::ip::udp::endpoint(local.address, 0));
  constexpr int kCount = 100;
  for (int i = 0; i < kCount; ++i) {
    std::string data = std::to_string(i);
    if (i == 50) {
      data.append(30000, 'x');
    }
    (i % 2 ? second : first).send_to(asio::buffer(data), to);
  }
  asio::steady_timer stop(io, std::chrono::seconds(5));
  stop.async_wait([&](boost::system::error_code) { io.stop(); });
  while (received.size() < kCount && io.run_one_for(std::chrono::seconds(5)) > 0) {
  }
  ASSERT_EQ(received.size(), static_cast<std::size_t>(kCount));
  for (int i = 0; i < kCount; ++i) {
    const std::string expected = std::to_string(i) + (i == 50 ? std::string(30000, 'x') : "");
    EXPECT_EQ(received[i].data, expected) << i;
    EXPECT_EQ(received[i].flow.remote.port, (i % 2 ? second : first).local_endpoint().port()) << i;
    EXPECT_EQ(received[i].flow.local, local);
    EXPECT_EQ(received[i].flow.listener, "batch");
  }
}

TEST(TransportManager, ReloadKeepsUnchangedRebindsChangedClosesRemoved) {
  asio::io_context io;
  TransportManager manager(io, nullptr);
  (void)manager.apply({udpSpec("a", "127.0.0.1:0"), udpSpec("b", "127.0.0.1:0")});
  auto a = manager.find("a");
  auto b = manager.find("b");
  auto result = manager.apply(
      {udpSpec("a", "127.0.0.1:0"),
       ListenerSpec{"b", TransportKind::Udp, *SocketAddress::parse("127.0.0.1:0"), 184},
       udpSpec("c", "[::1]:0")});
  EXPECT_EQ(result.unchanged, std::vector<std::string>{"a"});
  EXPECT_EQ(result.reopened, std::vector<std::string>{"b"});
  EXPECT_EQ(result.opened, std::vector<std::string>{"c"});
  EXPECT_EQ(manager.find("a"), a);  // the very same socket
  EXPECT_NE(manager.find("b"), b);

  auto removed = manager.apply({udpSpec("c", "[::1]:0")});
  EXPECT_EQ(removed.closed.size(), 2u);
  EXPECT_FALSE(manager.find("a"));
}

TEST(TransportManager, ABindFailureIsReportedAndHarmsNothingElse) {
  asio::io_context io;
  TransportManager manager(io, nullptr);
  (void)manager.apply({udpSpec("first", "127.0.0.1:0")});
  const auto taken = manager.find("first")->localAddress();
  auto result = manager.apply(
      {udpSpec("first", "127.0.0.1:0"), ListenerSpec{"clash", TransportKind::Udp, taken, 0},
       ListenerSpec{"tls", TransportKind::Wss, *SocketAddress::parse("127.0.0.1:0"), 0,
                    TlsSettings{.certFile = "/nonexistent/cert.pem"}}});
  ASSERT_EQ(result.errors.size(), 2u);
  EXPECT_NE(result.errors["clash"].find("cannot bind UDP 127.0.0.1:"), std::string::npos);
  EXPECT_TRUE(manager.find("first"));
}

TEST(TransportManager, SelectsByKindFamilyAndScope) {
  asio::io_context io;
  TransportManager manager(io, nullptr);
  (void)manager.apply(
      {udpSpec("any4", "0.0.0.0:0"), udpSpec("lo4", "127.0.0.1:0"), udpSpec("any6", "[::]:0")});
  EXPECT_EQ(
      manager.select(TransportKind::Udp, *SocketAddress::parse("127.0.0.1:5060"))->spec().name,
      "lo4");
  EXPECT_EQ(
      manager.select(TransportKind::Udp, *SocketAddress::parse("192.0.2.7:5060"))->spec().name,
      "any4");
  EXPECT_EQ(
      manager.select(TransportKind::Udp, *SocketAddress::parse("[2001:db8::9]:5060"))->spec().name,
      "any6");
  EXPECT_FALSE(manager.select(TransportKind::Tcp, *SocketAddress::parse("127.0.0.1:5060")));
}

}  // namespace
}  // namespace sb::sip
