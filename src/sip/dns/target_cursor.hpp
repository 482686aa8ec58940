#pragma once
/// @file
/// Walks an RFC 3263 target list on failure (RFC 3263 section 4.3).

#include <cstddef>
#include <vector>

#include "sip/dns/types.hpp"

namespace sb::sip::dns {

/// Why the current target was given up.
enum class Failure {
  timeout,             ///< Transaction timeout (Timer B/F) with no response.
  serviceUnavailable,  ///< A 503 response.
  transportError,      ///< Connection refused/reset, ICMP unreachable, TLS failure...
};

/// The position in a target list. A timeout or transport error condemns the address for that
/// transport (later entries with the same address and transport are skipped: the host or path
/// is down); a 503 condemns only that exact endpoint (other ports may be other servers).
class TargetCursor {
 public:
  TargetCursor() = default;
  explicit TargetCursor(std::vector<Target> targets) : targets_(std::move(targets)) {}

  /// The target to use now; nullptr when the list is exhausted.
  const Target* current() const { return index_ < targets_.size() ? &targets_[index_] : nullptr; }

  /// Records the failure of current() and moves to the next usable target (nullptr if none).
  const Target* next(Failure failure);

  bool exhausted() const { return current() == nullptr; }
  const std::vector<Target>& targets() const { return targets_; }

 private:
  struct Failed {
    Target target;
    Failure failure;
  };
  bool condemned(const Target& target) const;

  std::vector<Target> targets_;
  std::size_t index_ = 0;
  std::vector<Failed> failed_;
};

}  // namespace sb::sip::dns
