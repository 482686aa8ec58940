#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <random>
#include <vector>

#include "sip/timer/timer_wheel.hpp"

namespace sb::sip {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;

// The end of the tick holding `deadline`: the earliest time the wheel may fire it.
TimePoint dueTime(TimePoint origin, Duration tick, TimePoint deadline) {
  const auto ticks = (deadline - origin + tick - Duration(1)) / tick;
  return origin + tick * ticks;
}

Duration randomDuration(std::mt19937_64& random, Duration low, Duration high) {
  std::uniform_int_distribution<Duration::rep> pick(low.count(), high.count());
  return Duration(pick(random));
}

TEST(TimerWheelStress, HundredThousandRandomTimersFireOnceEachOnTime) {
  ManualClock clock;
  const TimePoint origin = clock.now();
  TimerWheel wheel{clock};
  std::mt19937_64 random(20261127);

  constexpr std::size_t kCount = 100'000;
  std::vector<TimePoint> deadlines(kCount);
  std::vector<int> fires(kCount, 0);
  std::vector<TimePoint> firedAt(kCount);
  std::vector<TimePoint> firingOrder;
  firingOrder.reserve(kCount);
  for (std::size_t i = 0; i < kCount; ++i) {
    // Mostly transaction-like delays, some registration-like, a few beyond the 46 h span.
    const int kind = static_cast<int>(i % 20);
    const Duration delay = kind < 17   ? randomDuration(random, Duration::zero(), seconds(40))
                           : kind < 19 ? randomDuration(random, seconds(40), hours(2))
                                       : randomDuration(random, hours(2), hours(60));
    deadlines[i] = clock.now() + delay;
    wheel.start(delay, [&, i] {
      ++fires[i];
      firedAt[i] = clock.now();
      firingOrder.push_back(deadlines[i]);
    });
  }
  EXPECT_EQ(wheel.pending(), kCount);

  std::vector<TimePoint> previousAdvance(kCount);
  TimePoint lastAdvance = clock.now();
  std::size_t fired = 0;
  std::vector<TimePoint> before;
  while (wheel.pending() > 0) {
    const Duration stepSize = clock.now() - origin < seconds(45)
                                  ? randomDuration(random, milliseconds(1), milliseconds(37))
                                  : randomDuration(random, milliseconds(1), seconds(200));
    clock.advance(stepSize);
    const std::size_t firedBefore = fired;
    fired += wheel.advance();
    // Remember when the advance before each firing happened, to check lateness.
    for (std::size_t k = firedBefore; k < fired; ++k) {
      before.push_back(lastAdvance);
    }
    lastAdvance = clock.now();
  }
  ASSERT_EQ(fired, kCount);
  for (std::size_t i = 0; i < kCount; ++i) {
    ASSERT_EQ(fires[i], 1) << i;
    const TimePoint due = dueTime(origin, wheel.tick(), deadlines[i]);
    ASSERT_GE(firedAt[i], deadlines[i]) << i;  // never early
    ASSERT_GE(firedAt[i], due) << i;
  }
  // Not late: fired in the first advance that reached its tick (`before` is in firing order).
  for (std::size_t k = 0; k < kCount; ++k) {
    ASSERT_LT(before[k], dueTime(origin, wheel.tick(), firingOrder[k])) << k;
  }
  for (std::size_t k = 1; k < kCount; ++k) {
    ASSERT_LE(firingOrder[k - 1], firingOrder[k]) << k;
  }
}

// Random starts, cancels and restarts, from outside and inside callbacks, checked against a
// simple model of which timers are live and when they are due.
TEST(TimerWheelStress, ChurnMatchesAReferenceModel) {
  ManualClock clock;
  const TimePoint origin = clock.now();
  TimerWheel wheel{clock, milliseconds(10)};
  std::mt19937_64 random(7);

  struct Entry {
    TimerId id;
    TimePoint deadline;
    bool live = false;
  };
  std::vector<Entry> entries;
  entries.reserve(200'000);
  std::size_t live = 0;
  TimePoint lastAdvance = clock.now();
  TimePoint lastFiredDeadline{};
  int fired = 0;
  bool draining = false;

  std::function<void(std::size_t)> onFire;
  auto startOne = [&](Duration delay) {
    const std::size_t key = entries.size();
    entries.push_back(Entry{});
    entries[key].deadline = clock.now() + delay;
    entries[key].live = true;
    entries[key].id = wheel.start(delay, [&onFire, key] { onFire(key); });
    ++live;
  };
  auto poke = [&](std::size_t self) {
    if (entries.empty()) {
      return;
    }
    const std::size_t key =
        std::uniform_int_distribution<std::size_t>(0, entries.size() - 1)(random);
    if (key == self) {
      return;
    }
    Entry& entry = entries[key];
    if (random() % 2 == 0) {
      ASSERT_EQ(wheel.cancel(entry.id), entry.live) << key;
      if (entry.live) {
        entry.live = false;
        --live;
      }
    } else {
      const Duration delay = randomDuration(random, milliseconds(1), seconds(20));
      ASSERT_EQ(wheel.restart(entry.id, delay), entry.live) << key;
      if (entry.live) {
        entry.deadline = clock.now() + delay;
      }
    }
  };
  onFire = [&](std::size_t key) {
    Entry& entry = entries[key];
    ASSERT_TRUE(entry.live) << key;
    ASSERT_GE(clock.now(), entry.deadline) << key;
    ASSERT_LT(lastAdvance, dueTime(origin, wheel.tick(), entry.deadline)) << key;
    ASSERT_GE(entry.deadline, lastFiredDeadline) << key;  // deadline order within an advance
    lastFiredDeadline = entry.deadline;
    entry.live = false;
    --live;
    ++fired;
    const auto dice = random() % 10;
    if (dice < 3 && !draining && entries.size() < 150'000) {
      startOne(randomDuration(random, milliseconds(1), seconds(30)));
    } else if (dice < 5) {
      poke(key);
    }
  };

  for (int i = 0; i < 20'000; ++i) {
    startOne(randomDuration(random, Duration::zero(), seconds(30)));
  }
  for (int round = 0; round < 6000 && live > 0; ++round) {
    for (int k = 0; k < 5; ++k) {
      poke(SIZE_MAX);
    }
    if (entries.size() < 150'000) {
      startOne(randomDuration(random, milliseconds(1), seconds(10)));
    }
    ASSERT_EQ(wheel.pending(), live);
    clock.advance(randomDuration(random, milliseconds(1), milliseconds(25)));
    lastFiredDeadline = TimePoint{};
    wheel.advance();
    lastAdvance = clock.now();
  }
  // Callbacks may still restart others, so a few rounds may be needed.
  draining = true;
  for (int round = 0; round < 100 && live > 0; ++round) {
    clock.advance(hours(1));
    lastFiredDeadline = TimePoint{};
    wheel.advance();
    lastAdvance = clock.now();
  }
  EXPECT_EQ(live, 0u);
  EXPECT_EQ(wheel.pending(), 0u);
  EXPECT_GT(fired, 20'000);
  for (const Entry& entry : entries) {
    ASSERT_FALSE(entry.live);
    ASSERT_FALSE(wheel.isPending(entry.id));
  }
}

}  // namespace
}  // namespace sb::sip
