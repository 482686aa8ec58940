// Google Benchmark (main from benchmark_main): RTP packets relayed per second by the media
// engine's single thread over loopback, for N concurrent A->B relays (172-byte G.711 packets).
// Each iteration sends a burst per relay from the test thread and waits until the engine has
// relayed it (packets lost to full socket buffers are simply not counted).

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "media/rtp/media_engine.hpp"
#include "media/rtp/reception_stats.hpp"
#include "media/rtp/rtcp_report.hpp"
#include "media/rtp/rtp_packet.hpp"
#include "media/rtp/rtp_stream.hpp"

namespace {

using boost::asio::ip::udp;
using sb::media::MediaEngine;
using sb::media::PayloadMap;
using sb::media::RtpStream;
using sb::media::Transcode;

constexpr int kBurst = 32;  // per relay and iteration: well within a socket's receive buffer

struct Relay {
  std::shared_ptr<RtpStream> a;
  std::shared_ptr<RtpStream> b;
  udp::endpoint target;  // A's RTP port
};

void relayLoop(benchmark::State& state, bool transcode) {
  const auto loopback = boost::asio::ip::make_address("127.0.0.1");
  sb::media::RtpSettings settings;
  settings.start = 26000;
  settings.end = 27999;
  settings.strictRtp = false;
  MediaEngine engine(settings);

  boost::asio::io_context context;
  udp::socket phone(context, udp::endpoint(loopback, 0));  // sends for every A leg
  udp::socket sink(context, udp::endpoint(loopback, 0));   // every B leg sends here; unread
  PayloadMap map;
  if (transcode) {
    map.map(0, 8, Transcode::UlawToAlaw);
  }
  std::vector<Relay> relays;
  for (int i = 0; i < state.range(0); ++i) {
    Relay relay{engine.allocate(loopback), engine.allocate(loopback), {}};
    if (!relay.a || !relay.b) {
      state.SkipWithError("port allocation failed");
      return;
    }
    relay.a->setRemote(phone.local_endpoint());
    relay.b->setRemote(sink.local_endpoint());
    relay.a->relayTo(relay.b, map);
    relay.target = udp::endpoint(loopback, relay.a->localPort());
    relays.push_back(std::move(relay));
  }

  std::vector<std::uint8_t> packet(sb::media::kRtpHeaderSize + 160, 0xFF);
  std::uint16_t sequence = 0;
  std::uint64_t relayed = 0;
  for (auto _ : state) {
    const std::uint64_t before = engine.stats().packetsRelayed;
    for (int n = 0; n < kBurst; ++n) {
      sb::media::writeRtpHeader(packet, false, 0, sequence, sequence * 160u, 1234);
      ++sequence;
      for (const Relay& relay : relays) {
        phone.send_to(boost::asio::buffer(packet), relay.target);
      }
    }
    const std::uint64_t expected = before + std::uint64_t(kBurst) * relays.size();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
    while (engine.stats().packetsRelayed < expected &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
    relayed += engine.stats().packetsRelayed - before;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(relayed));
  state.counters["lost"] =
      static_cast<double>(state.iterations() * kBurst * relays.size() - relayed);
}

void BM_Relay(benchmark::State& state) {
  relayLoop(state, false);
}
void BM_RelayTranscode(benchmark::State& state) {
  relayLoop(state, true);
}

// What the quality figures add to each relayed packet: the receive side's sequence and jitter
// update where it comes in, the SSRC noted where it goes out (no sockets involved).
void BM_QualityFiguresPerPacket(benchmark::State& state) {
  sb::media::ReceptionStats reception;
  reception.setClock(0, 8000);
  sb::media::RtcpFeedback feedback;
  std::vector<std::uint8_t> packet(sb::media::kRtpHeaderSize + 160, 0xFF);
  sb::media::RtpHeader header;
  header.ssrc = 1234;
  auto arrival = std::chrono::steady_clock::now();
  std::uint16_t sequence = 0;
  for (auto _ : state) {
    header.sequence = sequence;
    header.timestamp = sequence * 160u;
    ++sequence;
    arrival += std::chrono::microseconds(20000 + (sequence & 7) * 300);
    reception.onPacket(header, arrival);
    feedback.onRtpSent(packet);
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(reception.figures());
}

BENCHMARK(BM_Relay)->Arg(1)->Arg(10)->Arg(100)->UseRealTime();
BENCHMARK(BM_RelayTranscode)->Arg(10)->UseRealTime();
BENCHMARK(BM_QualityFiguresPerPacket);

}  // namespace
