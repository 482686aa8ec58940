#include "sip/transaction/lingering_responses.hpp"

#include <algorithm>
#include <utility>

namespace sb::sip {

LingeringResponses::LingeringResponses(TimerWheel& wheel, Resend resend)
    : wheel_(wheel), resend_(std::move(resend)), sweeper_(wheel) {}

void LingeringResponses::add(std::string_view key, std::string_view response, const Flow& flow,
                             Duration timerJ) {
  TimePoint expiry = wheel_.clock().now() + timerJ;
  if (!fifo_.empty())
    expiry = std::max(expiry, fifo_.back().expiry);  // the FIFO stays ordered by expiry
  Record& record = fifo_.emplace_back();
  record.expiry = expiry;
  record.flow = flow;
  record.data.reserve(key.size() + response.size());
  record.data.append(key).append(response);
  record.keyLength = static_cast<std::uint32_t>(key.size());
  index_.emplace(fingerprint(key), &record);
  bytes_ += record.data.size();
  if (fifo_.size() == 1)
    armSweep(Duration::zero());
}

std::uint64_t LingeringResponses::fingerprint(std::string_view key) {
  return std::hash<std::string_view>{}(key);
}

bool LingeringResponses::resendIfKept(std::string_view key) {
  auto it = index_.find(fingerprint(key));
  if (it == index_.end() || it->second->key() != key)
    return false;
  const Record& record = *it->second;
  if (resend_)
    resend_(record.flow, std::string(record.response()), nullptr);
  return true;
}

void LingeringResponses::sweep() {
  const TimePoint now = wheel_.clock().now();
  while (!fifo_.empty() && fifo_.front().expiry <= now) {
    const Record& record = fifo_.front();
    // Only if the entry is this record's: a fingerprint twin may own it.
    if (auto it = index_.find(fingerprint(record.key()));
        it != index_.end() && it->second == &record)
      index_.erase(it);
    bytes_ -= record.data.size();
    fifo_.pop_front();
  }
  if (!fifo_.empty())
    armSweep(kSweepPeriod);
}

void LingeringResponses::armSweep(Duration atLeast) {
  const Duration untilFront = fifo_.front().expiry - wheel_.clock().now();
  sweeper_.start(std::max(untilFront, atLeast), [this] { sweep(); });
}

}  // namespace sb::sip
