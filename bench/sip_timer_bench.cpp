// Cost of SIP timer operations on the timing wheel as the number of pending timers grows.
// The point: the per-operation cost stays flat from 0 to 1 000 000 pending timers.
//   g++ -std=c++20 -O2 -Isrc src/sip/timer/*.cpp bench/sip_timer_bench.cpp
//       -lbenchmark -lbenchmark_main -pthread -o /tmp/timer_bench && /tmp/timer_bench

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <list>
#include <random>
#include <vector>

#include "sip/timer/timer_wheel.hpp"

namespace {

using sb::sip::Duration;
using sb::sip::ManualClock;
using sb::sip::TimerId;
using sb::sip::TimerWheel;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr std::size_t kDelayTableSize = 4096;  // a power of two

std::vector<Duration> randomDelays(Duration low, Duration high, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<Duration::rep> pick(low.count(), high.count());
  std::vector<Duration> delays(kDelayTableSize);
  for (Duration& delay : delays) {
    delay = Duration(pick(random));
  }
  return delays;
}

// `count` timers far enough out (3 to 40 hours, like long registrations) that none fires
// during a run, spread over the wheel's upper levels and its overflow.
void addBackground(TimerWheel& wheel, std::size_t count) {
  wheel.reserve(count + 4096);
  const auto delays = randomDelays(hours(3), hours(40), 1);
  for (std::size_t i = 0; i < count; ++i) {
    wheel.start(delays[i % kDelayTableSize] + milliseconds(i % 1000), [] {});
  }
}

// start() then cancel() of a transaction-like timer (0 to 64 s).
void BM_StartCancel(benchmark::State& state) {
  ManualClock clock;
  TimerWheel wheel{clock};
  addBackground(wheel, static_cast<std::size_t>(state.range(0)));
  const auto delays = randomDelays(Duration::zero(), seconds(64), 2);
  std::size_t next = 0;
  for (auto _ : state) {
    const TimerId id = wheel.start(delays[next++ & (kDelayTableSize - 1)], [] {});
    benchmark::DoNotOptimize(wheel.cancel(id));
  }
  state.counters["pending"] = static_cast<double>(wheel.pending());
}

// start() of a one-tick timer, then advance() one tick, which fires it.
void BM_StartFire(benchmark::State& state) {
  ManualClock clock;
  TimerWheel wheel{clock};
  addBackground(wheel, static_cast<std::size_t>(state.range(0)));
  std::uint64_t fired = 0;
  for (auto _ : state) {
    wheel.start(wheel.tick(), [&fired] { ++fired; });
    clock.advance(wheel.tick());
    wheel.advance();
  }
  if (fired != static_cast<std::uint64_t>(state.iterations())) {
    state.SkipWithError("a timer did not fire");
  }
  state.counters["pending"] = static_cast<double>(wheel.pending());
}

// Steady transaction load: `count` retransmission-like timers (0.5 s to 32 s) that re-arm
// themselves when they fire; each iteration advances one 10 ms tick. Reported per fired
// timer (items), so it includes moving timers down the wheel levels.
void BM_SteadyChurnPerFire(benchmark::State& state) {
  ManualClock clock;
  TimerWheel wheel{clock};
  const auto count = static_cast<std::size_t>(state.range(0));
  wheel.reserve(count + 4096);
  const auto delays = randomDelays(milliseconds(500), seconds(32), 3);
  std::size_t next = 0;
  std::vector<TimerId> ids(count);
  std::uint64_t fired = 0;
  for (std::size_t i = 0; i < count; ++i) {
    ids[i] = wheel.start(delays[next++ & (kDelayTableSize - 1)], [&, i] {
      ++fired;
      wheel.restart(ids[i], delays[next++ & (kDelayTableSize - 1)]);
    });
  }
  // Let the initial burst settle so every level is populated.
  for (int i = 0; i < 3200; ++i) {
    clock.advance(wheel.tick());
    wheel.advance();
  }
  fired = 0;
  const std::uint64_t movedBefore = wheel.stats().moved;
  for (auto _ : state) {
    clock.advance(wheel.tick());
    wheel.advance();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(fired));
  state.counters["pending"] = static_cast<double>(wheel.pending());
  // The algorithmic work per fired timer: how often it was moved down a level.
  state.counters["moves/fire"] =
      static_cast<double>(wheel.stats().moved - movedBefore) / static_cast<double>(fired);
}

// Control for BM_SteadyChurnPerFire: no wheel, just touching four random cache lines of a
// table of `count` 64-byte entries per item (about what firing and re-arming a timer
// touches). Its growth with `count` is the memory hierarchy, not the algorithm.
void BM_RandomTouchControl(benchmark::State& state) {
  struct alignas(64) Line {
    std::uint64_t words[8];
  };
  const auto count = static_cast<std::size_t>(state.range(0));
  std::vector<Line> table(count);
  std::uint64_t x = 88172645463325252ull;
  for (auto _ : state) {
    for (int touch = 0; touch < 4; ++touch) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      table[x % count].words[0] += 1;
    }
  }
  benchmark::DoNotOptimize(table.data());
  state.SetItemsProcessed(state.iterations());
}

// Only the wheel itself, with nothing due: the cost of a driver wake-up per tick.
void BM_IdleAdvance(benchmark::State& state) {
  ManualClock clock;
  TimerWheel wheel{clock};
  addBackground(wheel, static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    clock.advance(wheel.tick());
    benchmark::DoNotOptimize(wheel.advance());
  }
}

// Baseline: the prototype's structure, a list kept sorted by deadline (insert scans from
// the front). Not part of the stack; here to show what the wheel replaces.
void BM_SortedListBaselineStartCancel(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const auto background = randomDelays(seconds(32), seconds(64), 4);
  std::vector<Duration> initial(count);
  for (std::size_t i = 0; i < count; ++i) {
    initial[i] = background[i % kDelayTableSize] + milliseconds(i % 1000);
  }
  std::sort(initial.begin(), initial.end());
  std::list<Duration> timers(initial.begin(), initial.end());
  const auto delays = randomDelays(Duration::zero(), seconds(64), 2);
  std::size_t next = 0;
  for (auto _ : state) {
    const Duration delay = delays[next++ & (kDelayTableSize - 1)];
    auto at = std::find_if(timers.begin(), timers.end(), [&](Duration d) { return d > delay; });
    timers.erase(timers.insert(at, delay));
  }
  state.counters["pending"] = static_cast<double>(timers.size());
}

}  // namespace

// Fixed iteration counts keep the simulated time (10 ms per iteration) below the 3 hours
// at which background timers would start firing.
BENCHMARK(BM_StartCancel)->Arg(0)->Arg(10'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_StartFire)->Arg(0)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Iterations(1'000'000);
BENCHMARK(BM_IdleAdvance)->Arg(0)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Iterations(1'000'000);
// Two full level-2 periods (4096 ticks each), so every size sees the same share of
// level-2 moves.
BENCHMARK(BM_SteadyChurnPerFire)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Iterations(8192);
BENCHMARK(BM_SortedListBaselineStartCancel)->Arg(0)->Arg(10'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_RandomTouchControl)->Arg(10'000)->Arg(100'000)->Arg(1'000'000);
