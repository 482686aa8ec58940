/// @file
/// Throughput and latency of the durable contact store (SQLite WAL, synchronous=FULL, group
/// commit). Not a Google Benchmark program: each phase needs a fresh file and a wall clock.
///   g++ -std=c++20 -O2 -Isrc src/modules/res_pjsip/location/{sqlite_util,contact_table,
///       contact_store}.cpp bench/contact_store_bench.cpp -lsqlite3 -pthread
///       -o /tmp/contact_store_bench && /tmp/contact_store_bench [folder on the disk to test]
/// Phases: one put at a time (the fsync rate), a burst of puts queued as fast as possible, and
/// a trickle of puts at a steady offered rate like REGISTERs arriving.

#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "modules/res_pjsip/location/contact_store.hpp"

namespace {

using sb::modules::res_pjsip::ContactStore;
using sb::modules::res_pjsip::StoredContact;
using Clock = std::chrono::steady_clock;

StoredContact makeContact(int i) {
  StoredContact c;
  c.aor = "sip:user" + std::to_string(i % 5000) + "@example.com";
  c.id = c.aor + ";@" + std::to_string(i);
  c.endpoint = "user" + std::to_string(i % 5000);
  c.uri = "sip:user@198.51.100." + std::to_string(i % 250) + ":5060;transport=udp";
  c.userAgent = "Bench Phone 1.0";
  c.callId = "call-" + std::to_string(i);
  c.cseq = static_cast<std::uint32_t>(i);
  c.viaAddr = "198.51.100.7";
  c.viaPort = 5060;
  c.source = "udp:198.51.100.7:5060";
  c.regServer = "bench";
  c.expiresAt = 4'000'000'000;
  c.registeredAt = 1'700'000'000;
  return c;
}

/// Waits until `target` completions have run on the storage thread.
class Countdown {
 public:
  void arrive() {
    std::lock_guard lock(mutex_);
    ++count_;
    changed_.notify_all();
  }
  void wait(int target) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return count_ >= target; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int count_ = 0;
};

double percentileMs(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  return values[index];
}

/// Runs `n` puts, the i-th queued at `start + interval * i` (or each after the previous one
/// completed when `oneAtATime`), and prints the figures.
void phase(const std::filesystem::path& dir, const char* name, int n,
           std::chrono::microseconds interval, bool oneAtATime) {
  const auto file = dir / (std::string(name) + ".db");
  auto opened = ContactStore::open(file.string(), nullptr);  // completions inline
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    std::exit(1);
  }
  auto& store = *opened;
  std::vector<double> latencyMs(static_cast<std::size_t>(n));
  std::atomic<int> failures{0};
  Countdown done;

  const auto start = Clock::now();
  for (int i = 0; i < n; ++i) {
    if (interval.count() > 0) {
      std::this_thread::sleep_until(start + interval * i);
    }
    const auto queued = Clock::now();
    store->put(makeContact(i), [&, i, queued](bool ok, std::string) {
      latencyMs[static_cast<std::size_t>(i)] =
          std::chrono::duration<double, std::milli>(Clock::now() - queued).count();
      if (!ok) {
        failures++;
      }
      done.arrive();
    });
    if (oneAtATime) {
      done.wait(i + 1);
    }
  }
  done.wait(n);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const auto stats = store->stats();
  std::printf(
      "%-10s n=%-6d %9.0f puts/s  %6llu transactions  %7.1f puts/txn  latency ms p50 %.2f "
      "p99 %.2f max %.2f  failures %d\n",
      name, n, n / seconds, static_cast<unsigned long long>(stats.transactions),
      static_cast<double>(stats.operations) / static_cast<double>(stats.transactions),
      percentileMs(latencyMs, 0.5), percentileMs(latencyMs, 0.99), percentileMs(latencyMs, 1.0),
      failures.load());
}

}  // namespace

int main(int argc, char** argv) {
  // Default to a disk-backed folder: on tmpfs fsync is free and the figures mean nothing.
  std::string pattern =
      std::string(argc > 1 ? argv[1] : "/var/tmp") + "/contact_store_bench.XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    return 1;
  }
  const std::filesystem::path dir = pattern;
  using std::chrono::microseconds;
  phase(dir, "sequential", 300, microseconds(0), true);
  phase(dir, "burst", 20000, microseconds(0), false);
  phase(dir, "trickle", 4000, microseconds(500), false);   // 2000 REGISTERs/s offered
  phase(dir, "trickle", 1000, microseconds(5000), false);  // 200 REGISTERs/s offered
  std::filesystem::remove_all(dir);
  return 0;
}
