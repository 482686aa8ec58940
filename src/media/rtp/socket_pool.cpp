#include "media/rtp/socket_pool.hpp"

#include <utility>

namespace sb::media::detail {

namespace {

void closePair(SocketPair& pair) {
  boost::system::error_code ignored;
  pair.rtp.close(ignored);
  pair.rtcp.close(ignored);
}

}  // namespace

std::optional<SocketPair> SocketPool::take(const boost::asio::ip::address& address,
                                           bool evenFresh) {
  std::lock_guard lock(mutex_);
  const Clock::time_point readySince = Clock::now() - quarantine_;
  // Oldest first, so the first pair on this address is the one idle longest.
  for (auto it = idle_.begin(); it != idle_.end(); ++it) {
    if (it->pair.local.address() != address) {
      continue;
    }
    if (!evenFresh && it->since > readySince) {
      return std::nullopt;
    }
    SocketPair pair = std::move(it->pair);
    idle_.erase(it);
    return pair;
  }
  return std::nullopt;
}

void SocketPool::give(SocketPair pair) {
  std::optional<SocketPair> evicted;
  {
    std::lock_guard lock(mutex_);
    // When full, the newcomer goes: the pairs already held are closer to the end of their
    // quarantine, and evicting those instead would leave none ever ready under load.
    if (closed_ || idle_.size() >= capacity_) {
      evicted = std::move(pair);
    } else {
      idle_.push_back(Idle{std::move(pair), Clock::now()});
    }
  }
  if (evicted) {
    closePair(*evicted);
  }
}

void SocketPool::close() {
  std::deque<Idle> idle;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    idle.swap(idle_);
  }
  for (Idle& entry : idle) {
    closePair(entry.pair);
  }
}

std::size_t SocketPool::size() const {
  std::lock_guard lock(mutex_);
  return idle_.size();
}

}  // namespace sb::media::detail
