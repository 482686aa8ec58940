#include "media/rtp/media_engine.hpp"

#include <future>
#include <random>

#include <fmt/format.h>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>

#include "media/rtp/rtp_stream.hpp"
#include "media/rtp/rtp_stream_core.hpp"

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
      work_(asio::make_work_guard(context_)) {
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
  work_.reset();
  context_.stop();
  thread_.join();
}

bool MediaEngine::onMediaThread() const {
  return context_.get_executor().running_in_this_thread();
}

void MediaEngine::queue(std::function<void()> task) {
  bool first = false;
  {
    std::lock_guard lock(queueMutex_);
    first = queued_.empty();
    queued_.push_back(std::move(task));
  }
  if (first) {
    asio::post(context_, [this] { drain(); });
  }
}

void MediaEngine::drain() {
  std::vector<std::function<void()>> tasks;
  {
    std::lock_guard lock(queueMutex_);
    tasks.swap(queued_);
  }
  for (auto& task : tasks) {
    task();
  }
}

void MediaEngine::runSync(const std::function<void()>& task) {
  if (onMediaThread()) {
    task();
    return;
  }
  std::promise<void> done;
  asio::post(context_, [&task, &done] {
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
    auto core = std::make_shared<detail::RtpStreamCore>(context_, std::move(rtp), std::move(rtcp),
                                                        settings_.strictRtp, settings_.probation,
                                                        counters_);
    asio::post(context_, [core] { core->start(); });
    return std::shared_ptr<RtpStream>(new RtpStream(*this, std::move(core), local));
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
