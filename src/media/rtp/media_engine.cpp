#include "media/rtp/media_engine.hpp"

#include <algorithm>
#include <future>
#include <random>

#include <fmt/format.h>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>

#include "media/rtp/control_queue.hpp"
#include "media/rtp/rtp_stream.hpp"
#include "media/rtp/rtp_stream_core.hpp"
#include "media/rtp/socket_pool.hpp"

namespace sb::media {

namespace asio = boost::asio;
using asio::ip::udp;

namespace {

// Opens and binds one socket; a busy port is reported through `busy` so the caller moves on.
bool bindSocket(udp::socket& socket, const asio::ip::address& address, std::uint16_t port,
                bool& busy, boost::system::error_code& error) {
  socket.open(address.is_v6() ? udp::v6() : udp::v4(), error);
  if (!error) {
    socket.bind(udp::endpoint(address, port), error);
  }
  busy = error == asio::error::address_in_use || error == asio::error::access_denied;
  if (!error) {
    socket.non_blocking(true, error);
  }
  if (error) {
    boost::system::error_code ignored;
    socket.close(ignored);
    return false;
  }
  return true;
}

}  // namespace

MediaEngine::MediaEngine(RtpSettings settings)
    : settings_(settings),
      counters_(std::make_shared<detail::EngineCounters>()),
      work_(asio::make_work_guard(context_)),
      control_(std::make_shared<detail::ControlQueue>()) {
  // Like Asterisk, start at a random pair so that restarts do not reuse the same ports.
  std::random_device device;
  nextPair_ = device();
  thread_ = std::thread([this] {
    for (;;) {
      try {
        context_.run();
        return;
      } catch (...) {
        // A throwing callback must not take the media of every call down with it.
      }
    }
  });
}

MediaEngine::~MediaEngine() {
  std::vector<std::function<void()>> abandoned;
  {
    std::lock_guard lock(control_->mutex);
    control_->closed = true;
    abandoned.swap(control_->tasks);
  }
  abandoned.clear();
  work_.reset();
  context_.stop();
  thread_.join();
  if (pool_) {
    pool_->close();  // while the io_context the sockets belong to still exists
  }
}

void MediaEngine::reusePorts(std::chrono::milliseconds quarantine) {
  const unsigned first = (settings_.start + 1u) & ~1u;
  const unsigned pairs = settings_.end > first ? (settings_.end - first + 1u) / 2u : 0u;
  const std::size_t capacity = std::min<std::size_t>(std::max(pairs / 4u, 1u), 8192);
  pool_ = std::make_shared<detail::SocketPool>(capacity, quarantine);
}

std::size_t MediaEngine::idlePairs() const {
  return pool_ ? pool_->size() : 0;
}

bool MediaEngine::onMediaThread() const {
  return context_.get_executor().running_in_this_thread();
}

void MediaEngine::queue(std::function<void()> task) {
  bool first = false;
  {
    std::lock_guard lock(control_->mutex);
    if (control_->closed) {
      return;
    }
    first = control_->tasks.empty();
    control_->tasks.push_back(std::move(task));
  }
  if (!first) {
    return;
  }
  if (batchContext_ != nullptr && batchContext_->get_executor().running_in_this_thread()) {
    // Later changes from this thread's pending handlers join the batch before it leaves.
    asio::post(*batchContext_, [control = control_, media = &context_] {
      std::lock_guard lock(control->mutex);
      if (!control->closed) {  // else the engine, and `media`, are gone
        asio::post(*media, [control] { control->drain(); });
      }
    });
  } else {
    asio::post(context_, [control = control_] { control->drain(); });
  }
}

void MediaEngine::runSync(const std::function<void()>& task) {
  if (onMediaThread()) {
    task();
    return;
  }
  std::promise<void> done;
  asio::post(context_, [&task, &done, control = control_] {
    control->drain();  // changes made before this call apply first
    task();
    done.set_value();
  });
  done.get_future().wait();
}

std::shared_ptr<RtpStream> MediaEngine::allocate(const asio::ip::address& bindAddress,
                                                 std::string* error) {
  const auto fail = [&](std::string message) -> std::shared_ptr<RtpStream> {
    if (error != nullptr) {
      *error = std::move(message);
    }
    return nullptr;
  };
  const unsigned first = (settings_.start + 1u) & ~1u;  // even
  const unsigned pairs = settings_.end > first ? (settings_.end - first + 1u) / 2u : 0u;
  if (pairs == 0) {
    return fail(fmt::format("no RTP port pair in {}-{}", settings_.start, settings_.end));
  }

  const auto start = [&](detail::SocketPair sockets, bool reused) {
    const udp::endpoint local = sockets.local;
    auto core = std::make_shared<detail::RtpStreamCore>(context_, std::move(sockets), reused,
                                                        settings_.strictRtp, settings_.probation,
                                                        settings_.dtmfTimeout, counters_, pool_);
    core->start();  // safe here: nothing else can use the stream yet
    return std::shared_ptr<RtpStream>(new RtpStream(*this, std::move(core), local));
  };
  if (pool_) {
    if (auto idle = pool_->take(bindAddress, false)) {
      return start(std::move(*idle), true);
    }
  }

  std::lock_guard lock(portMutex_);
  for (unsigned tried = 0; tried < pairs; ++tried) {
    const unsigned index = (nextPair_ + tried) % pairs;
    const auto port = static_cast<std::uint16_t>(first + 2 * index);
    udp::socket rtp(context_);
    udp::socket rtcp(context_);
    bool busy = false;
    boost::system::error_code bindError;
    if (!bindSocket(rtp, bindAddress, port, busy, bindError) ||
        !bindSocket(rtcp, bindAddress, std::uint16_t(port + 1), busy, bindError)) {
      if (busy) {
        continue;
      }
      return fail(fmt::format("cannot bind RTP port {} on {}: {}", port, bindAddress.to_string(),
                              bindError.message()));
    }
    nextPair_ = index + 1;
    const udp::endpoint local = rtp.local_endpoint();
    return start(detail::SocketPair{std::move(rtp), std::move(rtcp), local}, false);
  }
  if (pool_) {
    // Every other pair is taken: a pair still in quarantine is better than no call.
    if (auto idle = pool_->take(bindAddress, true)) {
      return start(std::move(*idle), true);
    }
  }
  return fail(fmt::format("no free RTP port pair in {}-{} on {}", settings_.start, settings_.end,
                          bindAddress.to_string()));
}

MediaEngine::Stats MediaEngine::stats() const {
  Stats stats;
  stats.streamsOpen = counters_->streamsOpen.load(std::memory_order_relaxed);
  stats.packetsRelayed = counters_->packetsRelayed.load(std::memory_order_relaxed);
  return stats;
}

}  // namespace sb::media
