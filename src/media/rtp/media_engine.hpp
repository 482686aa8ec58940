#pragma once
/// @file
/// The RTP media engine: one thread running an io_context on which every RTP stream receives,
/// relays, echoes and plays.
///
/// Threading: every public function of MediaEngine and RtpStream may be called from any
/// thread. Callbacks given to RtpStream (play's onDone, setTimeout's onTimeout) run ON THE
/// MEDIA THREAD; they must be short and should re-post to the caller's own thread. They must
/// not block waiting on a thread that may itself be calling into the engine.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>

#include "media/rtp/engine_counters.hpp"
#include "media/rtp/rtp_settings.hpp"

namespace sb::media {

class RtpStream;
namespace detail {
class SocketPool;
struct ControlQueue;
}  // namespace detail

/// Owns the media thread and allocates RTP/RTCP port pairs from [settings.start,
/// settings.end]. Must outlive every RtpStream it allocated (or those must be closed first).
class MediaEngine {
 public:
  /// Engine-wide counters.
  struct Stats {
    std::uint64_t streamsOpen = 0;     ///< streams allocated and not yet closed
    std::uint64_t packetsRelayed = 0;  ///< RTP packets relayed from one stream to another
  };

  /// Starts the media thread.
  explicit MediaEngine(RtpSettings settings);
  /// Stops and joins the media thread; pending work is abandoned.
  ~MediaEngine();
  MediaEngine(const MediaEngine&) = delete;
  MediaEngine& operator=(const MediaEngine&) = delete;

  /// Binds an even RTP port and the odd RTCP port above it, both within [start, end], on
  /// `bindAddress` (IPv4 or IPv6). Ports are tried from a rotating start (random at first)
  /// and busy ones skipped. Returns nullptr when no pair is free or the address cannot be
  /// bound, with the reason in `*error` if given. Synchronous; thread-safe. The stream starts
  /// Idle: it receives and counts, and sends nothing.
  std::shared_ptr<RtpStream> allocate(const boost::asio::ip::address& bindAddress,
                                      std::string* error = nullptr);

  /// Thread-safe snapshot of the counters.
  Stats stats() const;

  /// The settings the engine was built with.
  const RtpSettings& settings() const { return settings_; }

  /// True when called on the media thread (e.g. inside a stream callback).
  bool onMediaThread() const;

  /// With asynchronous control, RtpStream's setters (setRemote, setSymmetric, relayTo, echo,
  /// play, stop, setTimeout, setHold, setKeepalive) queue their change for the media thread
  /// and return at once; changes still apply in the order they were made. A server's
  /// signalling thread wants this: a call makes a dozen changes and waiting for each costs
  /// two thread switches. close() is queued too; isOpen() and allocate() always wait. Off by
  /// default. With `batchOn` (the signalling thread's io_context), changes made on that
  /// thread are handed over once its handlers already queued have run, so that everything a
  /// SIP message changes (a call's set-up: two streams, remotes, the relay) wakes the media
  /// thread once instead of once per change. Call before the first allocate().
  void setAsyncControl(bool on, boost::asio::io_context* batchOn = nullptr) {
    batchContext_ = on ? batchOn : nullptr;
    asyncControl_.store(on, std::memory_order_relaxed);
  }

  /// Keeps the sockets of closed streams bound and hands them to later streams once they have
  /// been idle for `quarantine` (up to a quarter of the range's pairs, at most 8192), instead
  /// of closing and binding anew: a call then costs no socket, bind, epoll or close system
  /// calls. Packets that reached an idle pair are discarded before it is reused. Ports of
  /// closed streams are then not free for other programs. Call before the first allocate().
  void reusePorts(std::chrono::milliseconds quarantine);

  /// Socket pairs kept for reuse now (0 unless reusePorts()).
  std::size_t idlePairs() const;

 private:
  friend class RtpStream;

  /// Runs a setter's task: inline on the media thread, else queued (asynchronous control)
  /// or run and waited for.
  template <class Task>
  void control(Task task) {
    if (onMediaThread()) {
      task();
    } else if (asyncControl_.load(std::memory_order_relaxed)) {
      queue(std::move(task));
    } else {
      runSync(task);
    }
  }

  /// Queues a change for the media thread. Changes queued while a drain is pending share it,
  /// so a burst of changes (a call's setup) wakes the media thread once.
  void queue(std::function<void()> task);

  /// Runs `task` on the media thread and waits for it; inline when already on it.
  void runSync(const std::function<void()>& task);

  RtpSettings settings_;
  std::shared_ptr<detail::EngineCounters> counters_;
  std::mutex portMutex_;
  unsigned nextPair_ = 0;                    // index of the pair to try first
  mutable boost::asio::io_context context_;  // mutable: get_executor() is not const
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::thread thread_;
  std::atomic<bool> asyncControl_{false};
  boost::asio::io_context* batchContext_ = nullptr;  // see setAsyncControl
  std::shared_ptr<detail::SocketPool> pool_;         // with reusePorts()
  std::shared_ptr<detail::ControlQueue> control_;    // changes not yet on the media thread
};

}  // namespace sb::media
