#include "modules/manager/login_throttle.hpp"

#include <algorithm>
#include <iterator>

namespace sb::modules::manager {

namespace {
// Bounds the table however many addresses fail: past this, idle entries are dropped.
constexpr std::size_t kMaxSources = 4096;
}  // namespace

void LoginThrottle::forgetOld(std::deque<Clock::time_point>& failures,
                              Clock::time_point now) const {
  while (!failures.empty() && now - failures.front() >= kWindow) {
    failures.pop_front();
  }
}

std::chrono::milliseconds LoginThrottle::failed(const std::string& source, Clock::time_point now) {
  if (failures_.size() >= kMaxSources && !failures_.contains(source)) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      forgetOld(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
  }
  auto& failures = failures_[source];
  forgetOld(failures, now);
  const std::size_t before = failures.size();
  // A source failing without end keeps only as many times as decide its delay.
  if (failures.size() < kFreeFailures + 16) {
    failures.push_back(now);
  } else {
    failures.pop_front();
    failures.push_back(now);
  }
  std::chrono::milliseconds delay{1000};
  for (std::size_t i = kFreeFailures; i <= before && delay < kMaxDelay; ++i) {
    delay *= 2;
  }
  return std::min<std::chrono::milliseconds>(delay, kMaxDelay);
}

std::size_t LoginThrottle::recentFailures(const std::string& source, Clock::time_point now) {
  auto found = failures_.find(source);
  if (found == failures_.end()) {
    return 0;
  }
  forgetOld(found->second, now);
  return found->second.size();
}

}  // namespace sb::modules::manager
