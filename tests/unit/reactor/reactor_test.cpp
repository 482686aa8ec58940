#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <thread>

#include "core/reactor/activity.hpp"
#include "core/reactor/reactor.hpp"
#include "core/reactor/worker_pool.hpp"

namespace sb::core {
namespace {

TEST(WorkerPool, OffloadRunsWorkElsewhereAndDeliversOnTheReactor) {
  Reactor reactor;
  WorkerPool pool(2);
  std::thread::id workThread;
  std::thread::id doneThread;
  int result = 0;
  reactor.post([&] {
    pool.offload(
        reactor,
        [&] {
          workThread = std::this_thread::get_id();
          return 41;
        },
        [&](int value) {
          doneThread = std::this_thread::get_id();
          result = value + 1;
          reactor.stop();
        });
  });
  reactor.run();
  EXPECT_EQ(result, 42);
  EXPECT_NE(workThread, std::this_thread::get_id());
  EXPECT_EQ(doneThread, std::this_thread::get_id());
}

TEST(WorkerPool, CoroutinesResumeOnTheReactorAfterBlockingWork) {
  Reactor reactor;
  WorkerPool pool(1);
  std::vector<std::thread::id> seen;
  std::string text;
  boost::asio::co_spawn(
      reactor.executor(),
      [&]() -> boost::asio::awaitable<void> {
        seen.push_back(std::this_thread::get_id());
        text = co_await pool.run([&] {
          seen.push_back(std::this_thread::get_id());
          return std::string("read from disk");
        });
        seen.push_back(std::this_thread::get_id());
        boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor,
                                        std::chrono::milliseconds(1));
        co_await timer.async_wait(boost::asio::use_awaitable);
        reactor.stop();
      },
      boost::asio::detached);
  reactor.run();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(text, "read from disk");
  EXPECT_EQ(seen[0], std::this_thread::get_id());
  EXPECT_NE(seen[1], std::this_thread::get_id());
  EXPECT_EQ(seen[2], std::this_thread::get_id());
  EXPECT_TRUE(reactor.inReactorThread());
}

TEST(ActivityTracker, DrainWaitsForActiveWorkAndRefusesNewWork) {
  ActivityTracker tracker;
  int idle = 0;
  auto first = tracker.begin();
  auto second = tracker.begin();
  EXPECT_EQ(tracker.active(), 2u);
  tracker.drain([&] { ++idle; });
  EXPECT_TRUE(tracker.draining());
  auto refused = tracker.begin();
  EXPECT_EQ(tracker.active(), 2u);
  first.release();
  EXPECT_EQ(idle, 0);
  second = ActivityTracker::Token();
  EXPECT_EQ(idle, 1);
  refused.release();
  EXPECT_EQ(idle, 1);
}

TEST(ActivityTracker, DrainWithNothingActiveIsImmediate) {
  ActivityTracker tracker;
  bool idle = false;
  tracker.drain([&] { idle = true; });
  EXPECT_TRUE(idle);
}

}  // namespace
}  // namespace sb::core
