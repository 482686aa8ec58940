/// @file
/// RTP load generator and sink for relay benchmarks, on one thread: plays one G.711 µ-law
/// stream (172-byte packets, 50 per second) to each destination of a list and receives what
/// the relay sends back, counting loss per stream from sequence numbers.
///   rtp_load [-w warm-up s] [-d window s] [-s slots] [-v] STREAMS
/// STREAMS has one line per stream: "local_port server_ip server_port". Streams sharing a
/// local port share its socket: a relay latches the source named in its SDP, so the port
/// that sends a leg's RTP is the one the SDP named, and the one the relayed RTP comes back
/// to. Loopback only; at most 20 000 streams and 600 s.
///
/// Sends with sendmmsg (one socket reaches many destinations) in -s slots per 20 ms (20: one
/// every 1 ms, each sending a twentieth of the streams; 200: every 100 µs, as unsynchronised
/// phones would), and drains the sockets with recvmmsg between slots. -v: counts per port.
/// A relayed packet keeps its SSRC and sequence number, so each received packet is matched to
/// the stream that sent it; the window's loss is the window's packets (by sequence number)
/// never received, their latency the time from their scheduled send to their return.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr std::size_t kHeaderSize = 12;
constexpr std::size_t kPacketSize = kHeaderSize + 160;  // 20 ms of G.711 at 8 kHz
constexpr long kPacketIntervalNs = 20'000'000;          // a packet every 20 ms per stream
constexpr int kMaxSlots = 1000;                         // slots of the 20 ms: 20 µs at least
constexpr std::size_t kMaxStreams = 20000;
constexpr int kMaxSeconds = 600;  // well below the 16-bit sequence wrap (21 min at 50/s)
constexpr unsigned kBatch = 256;  // messages per sendmmsg/recvmmsg call
constexpr int kSocketBuffer = 4 << 20;
constexpr int kDrainMs = 500;  // receiving goes on this long after the last send

using Clock = std::chrono::steady_clock;

struct Stream {
  sockaddr_in destination{};
  std::size_t socket = 0;  // index into the local sockets
  std::size_t slot = 0;    // sends at the ticks slot, slot + slots, slot + 2 slots...
  std::uint32_t ssrc = 0;
  std::uint16_t firstSequence = 0;
  std::array<std::uint8_t, kPacketSize> packet{};
  std::uint32_t next = 0;  // packets sent so far; the next packet's index
  std::uint32_t windowFirst = 0, windowEnd = 0;
  std::uint32_t highest = 0;  // highest packet index received + 1
  std::vector<bool> seen;     // by packet index: duplicates and the window's loss
  std::uint32_t receivedInWindow = 0;
};

struct LocalSocket {
  int fd = -1;
  std::uint16_t port = 0;
  std::size_t streams = 0;
  std::uint64_t sent = 0, received = 0;
};

/// Time from a packet's scheduled send to its return: 20 µs bins up to 2 s, and the maximum.
class LatencyHistogram {
 public:
  void add(Clock::duration latency) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(latency).count();
    ++bins_[std::min<std::size_t>(std::size_t(std::max<long>(us, 0)) / kBinUs, kBins - 1)];
    ++count_;
    max_ = std::max(max_, latency);
  }

  /// The latency under which `fraction` of the packets returned, in ms (upper bin edge).
  double percentileMs(double fraction) const {
    const auto wanted = std::uint64_t(fraction * double(count_));
    std::uint64_t seen = 0;
    for (std::size_t bin = 0; bin < kBins; ++bin) {
      seen += bins_[bin];
      if (seen > wanted || seen == count_) {
        return double((bin + 1) * kBinUs) / 1000;
      }
    }
    return maxMs();
  }

  double maxMs() const { return std::chrono::duration<double, std::milli>(max_).count(); }

 private:
  static constexpr std::size_t kBinUs = 20, kBins = 100'000;
  std::vector<std::uint64_t> bins_ = std::vector<std::uint64_t>(kBins);
  std::uint64_t count_ = 0;
  Clock::duration max_{};
};

struct Totals {
  std::uint64_t sent = 0, sentInWindow = 0, sendErrors = 0;
  std::uint64_t received = 0, duplicates = 0, reordered = 0, foreign = 0;
  double maxLagMs = 0;
};

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "rtp_load: %s\n", what.c_str());
  std::exit(1);
}

[[noreturn]] void failErrno(const std::string& what) {
  fail(what + ": " + std::strerror(errno));
}

void usage() {
  std::fprintf(
      stderr,
      "usage: rtp_load [-w warm-up s (3)] [-d window s (10)] [-s slots per 20 ms (200)] [-v]"
      " STREAMS\n"
      "  STREAMS: lines \"local_port server_ip server_port\"\n");
  std::exit(2);
}

int openSocket(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    failErrno("socket");
  }
  // Bursts of relayed packets must wait while we send; capped by net.core.[rw]mem_max.
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &kSocketBuffer, sizeof kSocketBuffer);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &kSocketBuffer, sizeof kSocketBuffer);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  local.sin_port = htons(port);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
    failErrno("bind 127.0.0.1:" + std::to_string(port));
  }
  return fd;
}

void writeHeader(Stream& stream) {
  const std::uint16_t sequence = std::uint16_t(stream.firstSequence + stream.next);
  const std::uint32_t timestamp = stream.ssrc * 7919u + stream.next * 160u;
  std::uint8_t* p = stream.packet.data();
  p[0] = 0x80;                            // version 2
  p[1] = stream.next == 0 ? 0x80 : 0x00;  // marker on the first packet, payload type 0
  p[2] = std::uint8_t(sequence >> 8);
  p[3] = std::uint8_t(sequence);
  for (int i = 0; i < 4; ++i) {
    p[4 + i] = std::uint8_t(timestamp >> (24 - 8 * i));
    p[8 + i] = std::uint8_t(stream.ssrc >> (24 - 8 * i));
  }
}

struct Generator {
  std::vector<Stream> streams;
  std::vector<LocalSocket> sockets;
  std::uint32_t firstSsrc = 0;
  // slots[k][socket] = streams that send from `socket` in slot k of every 20 ms.
  std::vector<std::vector<std::vector<std::size_t>>> slots;
  Totals totals;
  LatencyHistogram latency;  // of the window's packets
  Clock::time_point start;   // when tick 0 was due
  long tickNs = 0;
  bool inWindow = false;
  std::vector<mmsghdr> messages = std::vector<mmsghdr>(kBatch);
  std::vector<iovec> vectors = std::vector<iovec>(kBatch);
  std::vector<std::array<std::uint8_t, 2048>> buffers =
      std::vector<std::array<std::uint8_t, 2048>>(kBatch);

  void load(const char* path, std::uint32_t packetsPerStream, int slotCount) {
    std::ifstream in(path);
    if (!in) {
      fail(std::string("cannot read ") + path);
    }
    std::map<std::uint16_t, std::size_t> socketOfPort;
    std::string line;
    firstSsrc = std::uint32_t(::getpid()) << 16;
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      unsigned localPort = 0, serverPort = 0;
      std::string serverIp;
      if (line.empty() || line[0] == '#') {
        continue;
      }
      if (!(fields >> localPort >> serverIp >> serverPort) || localPort == 0 || localPort > 65535 ||
          serverPort == 0 || serverPort > 65535) {
        fail("bad line: " + line);
      }
      Stream stream;
      stream.destination.sin_family = AF_INET;
      stream.destination.sin_port = htons(std::uint16_t(serverPort));
      if (::inet_pton(AF_INET, serverIp.c_str(), &stream.destination.sin_addr) != 1 ||
          (ntohl(stream.destination.sin_addr.s_addr) >> 24) != 127) {
        fail("not a loopback IPv4 address: " + serverIp);
      }
      auto [it, added] = socketOfPort.try_emplace(std::uint16_t(localPort), sockets.size());
      if (added) {
        sockets.push_back({openSocket(std::uint16_t(localPort)), std::uint16_t(localPort)});
      }
      stream.socket = it->second;
      ++sockets[stream.socket].streams;
      stream.ssrc = firstSsrc + std::uint32_t(streams.size());
      stream.firstSequence = std::uint16_t(stream.ssrc * 31u);
      std::fill(stream.packet.begin() + kHeaderSize, stream.packet.end(), 0xFF);  // µ-law 0
      stream.seen.resize(packetsPerStream + 1);
      streams.push_back(std::move(stream));
      if (streams.size() > kMaxStreams) {
        fail("more than " + std::to_string(kMaxStreams) + " streams");
      }
    }
    if (streams.empty()) {
      fail(std::string("no streams in ") + path);
    }
    // Streams spread evenly over the slots, a slot's streams on as few sockets as possible so
    // that one sendmmsg carries them.
    std::vector<std::size_t> bySocket(streams.size());
    for (std::size_t i = 0; i < bySocket.size(); ++i) {
      bySocket[i] = i;
    }
    std::stable_sort(bySocket.begin(), bySocket.end(), [this](std::size_t a, std::size_t b) {
      return streams[a].socket < streams[b].socket;
    });
    slots.assign(std::size_t(slotCount), std::vector<std::vector<std::size_t>>(sockets.size()));
    for (std::size_t rank = 0; rank < bySocket.size(); ++rank) {
      const std::size_t i = bySocket[rank];
      streams[i].slot = rank * slots.size() / streams.size();
      slots[streams[i].slot][streams[i].socket].push_back(i);
    }
  }

  /// Sends the next packet of every stream in `batch` from `socket`.
  void send(std::size_t socket, const std::vector<std::size_t>& batch) {
    for (std::size_t start = 0; start < batch.size(); start += kBatch) {
      const unsigned count = unsigned(std::min<std::size_t>(kBatch, batch.size() - start));
      for (unsigned i = 0; i < count; ++i) {
        Stream& stream = streams[batch[start + i]];
        writeHeader(stream);
        vectors[i] = {stream.packet.data(), stream.packet.size()};
        messages[i].msg_hdr = {};
        messages[i].msg_hdr.msg_name = &stream.destination;
        messages[i].msg_hdr.msg_namelen = sizeof stream.destination;
        messages[i].msg_hdr.msg_iov = &vectors[i];
        messages[i].msg_hdr.msg_iovlen = 1;
      }
      unsigned done = 0;
      while (done < count) {
        const int n = ::sendmmsg(sockets[socket].fd, &messages[done], count - done, MSG_DONTWAIT);
        if (n <= 0) {
          ++totals.sendErrors;  // this message is lost; carry on with the rest
          ++done;
          continue;
        }
        totals.sent += unsigned(n);
        sockets[socket].sent += unsigned(n);
        if (inWindow) {
          totals.sentInWindow += unsigned(n);
        }
        done += unsigned(n);
      }
      // Indices advance even for a failed send: its packet counts as lost.
      for (unsigned i = 0; i < count; ++i) {
        ++streams[batch[start + i]].next;
      }
    }
  }

  void sendSlot(std::size_t slot) {
    for (std::size_t socket = 0; socket < sockets.size(); ++socket) {
      if (!slots[slot][socket].empty()) {
        send(socket, slots[slot][socket]);
      }
    }
  }

  void count(const std::uint8_t* p, std::size_t size, Clock::time_point now) {
    if (size < kHeaderSize || (p[0] >> 6) != 2) {
      ++totals.foreign;
      return;
    }
    const std::uint32_t ssrc =
        std::uint32_t(p[8]) << 24 | std::uint32_t(p[9]) << 16 | std::uint32_t(p[10]) << 8 | p[11];
    if (ssrc - firstSsrc >= streams.size()) {
      ++totals.foreign;
      return;
    }
    Stream& stream = streams[ssrc - firstSsrc];
    const std::uint16_t sequence = std::uint16_t(p[2] << 8 | p[3]);
    const std::uint32_t index = std::uint16_t(sequence - stream.firstSequence);
    if (index >= stream.next || index >= stream.seen.size()) {
      ++totals.foreign;  // never sent
      return;
    }
    if (stream.seen[index]) {
      ++totals.duplicates;
      return;
    }
    stream.seen[index] = true;
    if (index < stream.highest) {
      ++totals.reordered;
    }
    stream.highest = std::max(stream.highest, index + 1);
    if (index >= stream.windowFirst && (index < stream.windowEnd || inWindow)) {
      ++stream.receivedInWindow;
      const long tick = long(index) * long(slots.size()) + long(stream.slot);
      latency.add(now - (start + std::chrono::nanoseconds(tick * tickNs)));
    }
  }

  /// The window holds the packets sent from now until endWindow().
  void startWindow() {
    for (Stream& stream : streams) {
      stream.windowFirst = stream.next;
    }
    inWindow = true;
  }

  void endWindow() {
    for (Stream& stream : streams) {
      stream.windowEnd = stream.next;
    }
    inWindow = false;
  }

  /// Reads everything waiting on `socket`.
  void drain(std::size_t socket) {
    for (;;) {
      for (unsigned i = 0; i < kBatch; ++i) {
        vectors[i] = {buffers[i].data(), buffers[i].size()};
        messages[i].msg_hdr = {};
        messages[i].msg_hdr.msg_iov = &vectors[i];
        messages[i].msg_hdr.msg_iovlen = 1;
      }
      const int n = ::recvmmsg(sockets[socket].fd, messages.data(), kBatch, MSG_DONTWAIT, nullptr);
      if (n <= 0) {
        return;
      }
      sockets[socket].received += unsigned(n);
      totals.received += unsigned(n);
      const Clock::time_point now = Clock::now();
      for (int i = 0; i < n; ++i) {
        count(buffers[i].data(), messages[i].msg_len, now);
      }
      if (unsigned(n) < kBatch) {
        return;
      }
    }
  }
};

double cpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Options {
  int warmUp = 3, window = 10;
  int slots = 200;  // sending slots per 20 ms: 200 = one every 100 µs
  bool verbose = false;
  const char* streams = nullptr;
};

int parseNumber(const char* text, int max) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (*end != '\0' || value < 0 || value > max) {
    usage();
  }
  return int(value);
}

Options parseOptions(int argc, char** argv) {
  Options options;
  for (int option; (option = ::getopt(argc, argv, "w:d:s:v")) != -1;) {
    switch (option) {
      case 'w':
        options.warmUp = parseNumber(optarg, kMaxSeconds);
        break;
      case 'd':
        options.window = parseNumber(optarg, kMaxSeconds);
        break;
      case 's':
        options.slots = parseNumber(optarg, kMaxSlots);
        break;
      case 'v':
        options.verbose = true;
        break;
      default:
        usage();
    }
  }
  if (optind + 1 != argc || options.window == 0 || options.warmUp + options.window > kMaxSeconds ||
      options.slots == 0 || kPacketIntervalNs % options.slots != 0) {
    usage();
  }
  options.streams = argv[optind];
  return options;
}

/// What the window saw, for the report.
struct Window {
  double seconds = 0;     // measured from the first to the last send of the window
  double cpuSeconds = 0;  // our CPU time over those seconds
};

/// Sends and receives for warm-up + window, then receives for kDrainMs more.
Window run(Generator& g, const Options& options) {
  const long tickNs = kPacketIntervalNs / options.slots;
  const long ticksPerSecond = 1'000'000'000 / tickNs;
  const long windowStartTick = options.warmUp * ticksPerSecond;
  const long endTick = (options.warmUp + options.window) * ticksPerSecond;
  const long drainEndTick = endTick + kDrainMs * 1'000'000 / tickNs;

  const int epoll = ::epoll_create1(EPOLL_CLOEXEC);
  const int timer = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (epoll < 0 || timer < 0) {
    failErrno("epoll/timerfd");
  }
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u64 = g.sockets.size();  // the timer
  ::epoll_ctl(epoll, EPOLL_CTL_ADD, timer, &event);
  for (std::size_t i = 0; i < g.sockets.size(); ++i) {
    event.data.u64 = i;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, g.sockets[i].fd, &event);
  }
  // Ticks from an absolute start, so that a late wake-up catches up rather than drifts.
  // steady_clock is CLOCK_MONOTONIC: `start` is when the timer first fires.
  const auto start = Clock::now() + std::chrono::milliseconds(10);
  const auto startNs = std::chrono::nanoseconds(start.time_since_epoch()).count();
  g.start = start;
  g.tickNs = tickNs;
  itimerspec spec{};
  spec.it_value = {time_t(startNs / 1'000'000'000), long(startNs % 1'000'000'000)};
  spec.it_interval.tv_nsec = tickNs;
  ::timerfd_settime(timer, TFD_TIMER_ABSTIME, &spec, nullptr);

  Window window;
  Clock::time_point windowStart;
  long tick = 0;  // ticks handled
  std::vector<epoll_event> events(g.sockets.size() + 1);
  while (tick < drainEndTick) {
    const int ready = ::epoll_wait(epoll, events.data(), int(events.size()), -1);
    if (ready < 0 && errno != EINTR) {
      failErrno("epoll_wait");
    }
    // The timer first: sending on time matters more than reading a little later.
    std::uint64_t expirations = 0;
    if (::read(timer, &expirations, sizeof expirations) == sizeof expirations) {
      const long due = tick + long(expirations);
      // How late the oldest slot handled now is.
      const auto lag = Clock::now() - (start + std::chrono::nanoseconds(tick * tickNs));
      g.totals.maxLagMs =
          std::max(g.totals.maxLagMs, std::chrono::duration<double, std::milli>(lag).count());
      for (; tick < due && tick < drainEndTick; ++tick) {
        if (tick == windowStartTick) {
          g.startWindow();
          windowStart = Clock::now();
          window.cpuSeconds = -cpuSeconds();
        }
        if (tick == endTick) {
          g.endWindow();
          window.seconds = std::chrono::duration<double>(Clock::now() - windowStart).count();
          window.cpuSeconds += cpuSeconds();
        }
        if (tick < endTick) {
          g.sendSlot(std::size_t(tick % options.slots));
        }
      }
    }
    for (int i = 0; i < ready; ++i) {
      if (events[i].data.u64 < g.sockets.size()) {
        g.drain(events[i].data.u64);
      }
    }
  }
  ::close(timer);
  ::close(epoll);
  return window;
}

void report(const Generator& g, const Options& options, const Window& window) {
  std::uint64_t receivedInWindow = 0, silent = 0, lossy = 0;
  double worstLossPct = 0;
  for (const Stream& stream : g.streams) {
    const std::uint32_t expected = stream.windowEnd - stream.windowFirst;
    receivedInWindow += stream.receivedInWindow;
    silent += stream.highest == 0 ? 1 : 0;
    if (stream.receivedInWindow < expected) {
      ++lossy;
      worstLossPct =
          std::max(worstLossPct, 100.0 * (expected - stream.receivedInWindow) / expected);
    }
  }
  const auto n = [](std::uint64_t value) { return (unsigned long long)value; };
  // Packets are scheduled by the nominal clock: rates use the nominal window.
  const double seconds = options.window;
  const double cpuPct = 100 * window.cpuSeconds / window.seconds;
  const std::uint64_t sent = g.totals.sentInWindow;
  const double lossPct = sent ? 100.0 * (double(sent) - double(receivedInWindow)) / sent : 0;

  if (options.verbose) {
    std::printf("%8s %8s %12s %12s\n", "port", "streams", "sent", "received");
    for (const LocalSocket& socket : g.sockets) {
      std::printf("%8u %8zu %12llu %12llu\n", socket.port, socket.streams, n(socket.sent),
                  n(socket.received));
    }
  }
  std::printf(
      "rtp_load: %zu streams from %zu local ports; warm-up %d s, window %.0f s, %d slots\n"
      "window: sent %llu (%.0f/s), received %llu (%.0f/s), lost %.3f %%\n"
      "streams: %llu silent, %llu with loss (worst %.2f %%); duplicates %llu, reordered %llu\n"
      "all: sent %llu, received %llu, send errors %llu, foreign %llu; pacing lag max %.1f ms\n"
      "latency (scheduled send to return): median %.2f ms, 99 %% %.2f ms, max %.1f ms\n"
      "cpu: %.1f %% of a core in the window\n",
      g.streams.size(), g.sockets.size(), options.warmUp, seconds, options.slots, n(sent),
      double(sent) / seconds, n(receivedInWindow), double(receivedInWindow) / seconds, lossPct,
      n(silent), n(lossy), worstLossPct, n(g.totals.duplicates), n(g.totals.reordered),
      n(g.totals.sent), n(g.totals.received), n(g.totals.sendErrors), n(g.totals.foreign),
      g.totals.maxLagMs, g.latency.percentileMs(0.5), g.latency.percentileMs(0.99),
      g.latency.maxMs(), cpuPct);
  // One line for scripts.
  std::printf(
      "result streams=%zu sent=%llu received=%llu loss_pct=%.4f received_pps=%.0f "
      "silent_streams=%llu lossy_streams=%llu total_sent=%llu total_received=%llu "
      "cpu_pct=%.1f lag_max_ms=%.1f latency_p50_ms=%.2f latency_p99_ms=%.2f "
      "latency_max_ms=%.1f\n",
      g.streams.size(), n(sent), n(receivedInWindow), lossPct, double(receivedInWindow) / seconds,
      n(silent), n(lossy), n(g.totals.sent), n(g.totals.received), cpuPct, g.totals.maxLagMs,
      g.latency.percentileMs(0.5), g.latency.percentileMs(0.99), g.latency.maxMs());
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parseOptions(argc, argv);
  Generator g;
  const long packets = long(options.warmUp + options.window) * 1'000'000'000 / kPacketIntervalNs;
  g.load(options.streams, std::uint32_t(packets), options.slots);
  const Window window = run(g, options);
  report(g, options, window);
  return 0;
}
