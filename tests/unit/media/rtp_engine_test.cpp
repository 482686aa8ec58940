#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "media/rtp/media_engine.hpp"
#include "media/rtp/rtp_stream.hpp"
#include "rtp_test_support.hpp"

namespace sb::media {
namespace {

using namespace sb::media::testing;

RtpSettings range(std::uint16_t start, std::uint16_t end) {
  RtpSettings settings;
  settings.start = start;
  settings.end = end;
  return settings;
}

// True when nothing holds the UDP port on 127.0.0.1.
bool portFree(std::uint16_t port) {
  boost::asio::io_context context;
  udp::socket socket(context, udp::v4());
  boost::system::error_code error;
  socket.bind(udp::endpoint(kLoopback, port), error);
  return !error;
}

TEST(RtpEngine, AllocatesEvenPairsWithinTheRangeUntilExhausted) {
  // Odd start: pairs 25002/3 .. 25008/9 (25010 has no room for its RTCP port).
  MediaEngine engine(range(25001, 25010));
  std::vector<std::shared_ptr<RtpStream>> streams;
  std::set<std::uint16_t> ports;
  for (int i = 0; i < 4; ++i) {
    std::string error;
    auto stream = engine.allocate(kLoopback, &error);
    ASSERT_TRUE(stream) << error;
    EXPECT_EQ(stream->localPort() % 2, 0);
    EXPECT_GE(stream->localPort(), 25002);
    EXPECT_LE(stream->localPort() + 1, 25010);
    EXPECT_EQ(stream->localAddress(), kLoopback);
    EXPECT_FALSE(portFree(stream->localPort()));
    EXPECT_FALSE(portFree(std::uint16_t(stream->localPort() + 1)));
    ports.insert(stream->localPort());
    streams.push_back(std::move(stream));
  }
  EXPECT_EQ(ports.size(), 4u);
  EXPECT_EQ(engine.stats().streamsOpen, 4u);

  std::string error;
  EXPECT_EQ(engine.allocate(kLoopback, &error), nullptr);
  EXPECT_NE(error.find("no free RTP port"), std::string::npos) << error;

  // close() frees the ports at once, and they can be allocated again.
  const std::uint16_t freed = streams[2]->localPort();
  streams[2]->close();
  EXPECT_FALSE(streams[2]->isOpen());
  EXPECT_TRUE(portFree(freed));
  EXPECT_TRUE(portFree(std::uint16_t(freed + 1)));
  EXPECT_EQ(engine.stats().streamsOpen, 3u);
  auto again = engine.allocate(kLoopback);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->localPort(), freed);

  // So does dropping the last reference.
  const std::uint16_t dropped = streams[0]->localPort();
  streams[0].reset();
  EXPECT_TRUE(portFree(dropped));
}

TEST(RtpEngine, SkipsPortsSomebodyElseHolds) {
  boost::asio::io_context context;
  udp::socket busyRtp(context, udp::endpoint(kLoopback, 25100));
  udp::socket busyRtcp(context, udp::endpoint(kLoopback, 25103));
  MediaEngine engine(range(25100, 25105));
  auto stream = engine.allocate(kLoopback);
  ASSERT_TRUE(stream);
  EXPECT_EQ(stream->localPort(), 25104);
  EXPECT_EQ(engine.allocate(kLoopback), nullptr);
}

TEST(RtpEngine, RotatesTheStartingPair) {
  MediaEngine engine(range(25120, 25139));
  auto first = engine.allocate(kLoopback);
  ASSERT_TRUE(first);
  const std::uint16_t port = first->localPort();
  first->close();
  auto second = engine.allocate(kLoopback);
  ASSERT_TRUE(second);
  EXPECT_NE(second->localPort(), port);  // the next pair, not the one just released
}

TEST(RtpEngine, ReportsAnAddressThatCannotBeBound) {
  MediaEngine engine(range(25140, 25149));
  std::string error;
  // TEST-NET-1: not an address of this host.
  EXPECT_EQ(engine.allocate(boost::asio::ip::make_address("192.0.2.1"), &error), nullptr);
  EXPECT_NE(error.find("cannot bind"), std::string::npos) << error;
}

TEST(RtpEngine, AllocatesOnIpv6Loopback) {
  const auto v6 = boost::asio::ip::make_address("::1");
  {
    boost::asio::io_context context;
    udp::socket probe(context, udp::v6());
    boost::system::error_code error;
    probe.bind(udp::endpoint(v6, 0), error);
    if (error) {
      GTEST_SKIP() << "no IPv6 loopback here";
    }
  }
  MediaEngine engine(range(25160, 25169));
  auto a = engine.allocate(v6);
  auto b = engine.allocate(v6);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->localAddress(), v6);
  Peer peerA(v6);
  Peer peerB(v6);
  a->setRemote(peerA.endpoint());
  b->setRemote(peerB.endpoint());
  link(a, b, {}, {});
  const auto packet = rtpPacket(0, 1);
  peerA.send(packet, udp::endpoint(v6, a->localPort()));
  EXPECT_EQ(peerB.receive(), packet);
}

TEST(RtpEngine, ReusesAClosedPairAndDropsWhatArrivedWhileItWasIdle) {
  MediaEngine engine(range(25180, 25199));
  engine.reusePorts(std::chrono::milliseconds(0));
  auto first = engine.allocate(kLoopback);
  ASSERT_TRUE(first);
  const std::uint16_t port = first->localPort();
  first->close();
  EXPECT_FALSE(portFree(port));  // kept bound for the next stream
  EXPECT_FALSE(portFree(std::uint16_t(port + 1)));
  EXPECT_EQ(engine.idlePairs(), 1u);
  EXPECT_EQ(engine.stats().streamsOpen, 0u);

  Peer late;  // the previous call's phone, still sending
  late.send(rtpPacket(0, 1), udp::endpoint(kLoopback, port));
  auto second = engine.allocate(kLoopback);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->localPort(), port);
  EXPECT_EQ(engine.idlePairs(), 0u);
  ASSERT_TRUE(second->isOpen());  // waits for the media thread: the stream has started
  Peer caller;
  second->setRemote(caller.endpoint());
  second->echo();
  const auto packet = rtpPacket(0, 7);
  caller.send(packet, udp::endpoint(kLoopback, port));
  EXPECT_EQ(caller.receive(), packet);
  EXPECT_FALSE(late.receive(std::chrono::milliseconds(100)));
  EXPECT_EQ(second->stats().packetsReceived, 1u);
  EXPECT_EQ(second->stats().packetsDropped, 0u);  // the late packet was never read
}

TEST(RtpEngine, KeepsAClosedPairInQuarantineUnlessNoOtherPairIsFree) {
  MediaEngine engine(range(25200, 25203));  // pairs 25200/1 and 25202/3
  engine.reusePorts(std::chrono::hours(1));
  auto a = engine.allocate(kLoopback);
  ASSERT_TRUE(a);
  const std::uint16_t port = a->localPort();
  a->close();
  auto b = engine.allocate(kLoopback);
  ASSERT_TRUE(b);
  EXPECT_NE(b->localPort(), port);  // a fresh pair first
  auto c = engine.allocate(kLoopback);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->localPort(), port);  // then the quarantined one rather than failing
  EXPECT_EQ(engine.allocate(kLoopback), nullptr);
}

TEST(RtpEngine, BoundsItsIdlePairsAndFreesThemWhenDestroyed) {
  std::vector<std::uint16_t> ports;
  {
    MediaEngine engine(range(25220, 25235));  // 8 pairs: at most 2 kept idle
    engine.reusePorts(std::chrono::hours(1));
    std::vector<std::shared_ptr<RtpStream>> streams;
    for (int i = 0; i < 4; ++i) {
      streams.push_back(engine.allocate(kLoopback));
      ASSERT_TRUE(streams.back());
      ports.push_back(streams.back()->localPort());
    }
    for (auto& stream : streams) {
      stream->close();
    }
    EXPECT_EQ(engine.idlePairs(), 2u);
    EXPECT_FALSE(portFree(ports[0]));  // the first two are kept
    EXPECT_FALSE(portFree(ports[1]));
    EXPECT_TRUE(portFree(ports[2]));  // the pool was full for the others
    EXPECT_TRUE(portFree(ports[3]));
  }
  for (const std::uint16_t port : ports) {
    EXPECT_TRUE(portFree(port));
  }
}

TEST(RtpEngine, BatchesChangesMadeOnTheSignallingThreadAndAppliesThemInOrder) {
  boost::asio::io_context signalling;
  MediaEngine engine(range(25240, 25259));
  engine.setAsyncControl(true, &signalling);
  std::shared_ptr<RtpStream> stream;
  Peer caller;
  boost::asio::post(signalling, [&] {
    stream = engine.allocate(kLoopback);
    stream->setRemote(caller.endpoint());
    stream->relayTo(nullptr, {});
    stream->echo();  // the last change wins
  });
  signalling.run();  // runs the handler, then hands the batch over
  ASSERT_TRUE(stream);
  ASSERT_TRUE(stream->isOpen());  // waits until the media thread has applied the batch
  EXPECT_EQ(stream->mode(), RtpStream::Mode::Echo);
  const auto packet = rtpPacket(0, 3);
  caller.send(packet, udp::endpoint(kLoopback, stream->localPort()));
  EXPECT_EQ(caller.receive(), packet);
}

TEST(RtpEngine, ABatchStillOnTheSignallingThreadOutlivesTheEngineHarmlessly) {
  boost::asio::io_context signalling;
  std::uint16_t port = 0;
  {
    MediaEngine engine(range(25260, 25279));
    engine.setAsyncControl(true, &signalling);
    boost::asio::post(signalling, [&] {
      auto stream = engine.allocate(kLoopback);
      port = stream->localPort();
      stream->echo();
    });                    // the stream's last reference goes: its close is queued behind the echo
    signalling.run_one();  // the batch is now waiting on the signalling thread
  }
  signalling.run();  // finds the engine gone and does nothing
  EXPECT_NE(port, 0);
  EXPECT_TRUE(portFree(port));
}

}  // namespace
}  // namespace sb::media
