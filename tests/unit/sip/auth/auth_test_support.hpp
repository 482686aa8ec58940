#pragma once
// Shared helpers for the digest auth tests: a settable clock and a fixed secret.

#include <atomic>
#include <chrono>
#include <memory>

#include "sip/auth/nonce_manager.hpp"

namespace sb::sip::auth::testing {

/// A clock the test moves by hand; copies share the same time.
class FakeClock {
 public:
  FakeClock() : seconds_(std::make_shared<std::atomic<long long>>(1'700'000'000)) {}
  void advance(std::chrono::seconds by) { *seconds_ += by.count(); }
  NonceManager::Clock function() const {
    auto seconds = seconds_;
    return [seconds] {
      return std::chrono::system_clock::time_point(std::chrono::seconds(seconds->load()));
    };
  }

 private:
  std::shared_ptr<std::atomic<long long>> seconds_;
};

inline NonceManager::Secret fixedSecret(std::uint8_t fill = 7) {
  NonceManager::Secret secret{};
  secret.fill(fill);
  return secret;
}

}  // namespace sb::sip::auth::testing
