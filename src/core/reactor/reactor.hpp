#pragma once
/// @file
/// The reactor: one Asio io_context on the main thread that owns all protocol state.
/// Other threads never touch that state; they hand work to the reactor with post().

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <thread>
#include <utility>

namespace sb::core {

class Reactor {
 public:
  Reactor() = default;
  Reactor(const Reactor&) = delete;
  Reactor& operator=(const Reactor&) = delete;

  boost::asio::io_context& io() { return io_; }
  boost::asio::io_context::executor_type executor() { return io_.get_executor(); }

  /// Runs the event loop on the calling thread until stop(). That thread becomes the
  /// reactor thread.
  void run();
  /// Makes run() return once the current handler finishes. Callable from any thread.
  void stop() { io_.stop(); }

  /// Queues `work` to run on the reactor thread. Callable from any thread.
  template <class Work>
  void post(Work&& work) {
    boost::asio::post(io_, std::forward<Work>(work));
  }

  /// True on the reactor thread (for assertions).
  bool inReactorThread() const { return std::this_thread::get_id() == owner_; }

 private:
  boost::asio::io_context io_{1};
  std::thread::id owner_{};
};

}  // namespace sb::core
