#pragma once
/// @file
/// A pool of threads for blocking work (file reads, config parsing, DNS fall-backs), with
/// helpers that deliver results back to the reactor so reactor state is never locked.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <type_traits>
#include <utility>

#include "core/reactor/reactor.hpp"

namespace sb::core {

class WorkerPool {
 public:
  explicit WorkerPool(std::size_t threads) : pool_(threads) {}
  ~WorkerPool() { shutdown(); }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  boost::asio::thread_pool::executor_type executor() { return pool_.get_executor(); }

  /// Runs `work` on a worker; fire and forget.
  template <class Work>
  void submit(Work&& work) {
    boost::asio::post(pool_, std::forward<Work>(work));
  }

  /// Runs `work` on a worker, then `done(result)` on the reactor thread.
  template <class Work, class Done>
  void offload(Reactor& reactor, Work work, Done done) {
    boost::asio::post(pool_, [&reactor, work = std::move(work), done = std::move(done)]() mutable {
      if constexpr (std::is_void_v<std::invoke_result_t<Work&>>) {
        work();
        reactor.post(std::move(done));
      } else {
        reactor.post(
            [done = std::move(done), result = work()]() mutable { done(std::move(result)); });
      }
    });
  }

  /// Coroutine form: `auto r = co_await pool.run([]{ return blocking(); });` resumes on the
  /// awaiting coroutine's executor (the reactor) with the result.
  template <class Work>
  auto run(Work work) -> boost::asio::awaitable<std::invoke_result_t<Work&>> {
    using R = std::invoke_result_t<Work&>;
    co_return co_await boost::asio::co_spawn(
        pool_.get_executor(),
        [work = std::move(work)]() mutable -> boost::asio::awaitable<R> { co_return work(); },
        boost::asio::use_awaitable);
  }

  /// Waits for queued work to finish and joins the threads.
  void shutdown() { pool_.join(); }

 private:
  boost::asio::thread_pool pool_;
};

}  // namespace sb::core
