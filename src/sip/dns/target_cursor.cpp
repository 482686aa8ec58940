#include "sip/dns/target_cursor.hpp"

#include <algorithm>

namespace sb::sip::dns {

bool TargetCursor::condemned(const Target& target) const {
  return std::any_of(failed_.begin(), failed_.end(), [&](const Failed& f) {
    if (f.target.address != target.address || f.target.transport != target.transport) {
      return false;
    }
    return f.failure != Failure::serviceUnavailable || f.target.port == target.port;
  });
}

const Target* TargetCursor::next(Failure failure) {
  if (const Target* failedTarget = current()) {
    failed_.push_back({*failedTarget, failure});
    ++index_;
  }
  while (index_ < targets_.size() && condemned(targets_[index_]))
    ++index_;
  return current();
}

}  // namespace sb::sip::dns
