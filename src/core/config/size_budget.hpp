#pragma once
/// @file
/// A byte allowance for one parse, so hostile input (inheritance chains that multiply
/// variables, includes repeated many times) cannot exhaust memory.

#include <cstddef>

namespace sb::config::detail {

class SizeBudget {
 public:
  explicit SizeBudget(std::size_t limit) : limit_(limit) {}

  /// Takes `bytes` from the allowance; false (and exhausted from then on) when it runs out.
  bool spend(std::size_t bytes) {
    if (exhausted_ || bytes > limit_ - used_) {
      exhausted_ = true;
      return false;
    }
    used_ += bytes;
    return true;
  }

  bool exhausted() const { return exhausted_; }
  std::size_t limit() const { return limit_; }

 private:
  std::size_t limit_;
  std::size_t used_ = 0;
  bool exhausted_ = false;
};

}  // namespace sb::config::detail
