#pragma once
/// @file
/// Counts work in progress so that `core stop gracefully` can wait for it to finish.
/// Reactor-thread only.

#include <cstddef>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace sb::core {

class ActivityTracker {
 public:
  /// Held by a piece of active work (a call, a transaction); releasing it may end a
  /// graceful shutdown.
  class Token {
   public:
    Token() = default;
    explicit Token(std::weak_ptr<ActivityTracker*> owner) : owner_(std::move(owner)) {}
    Token(Token&&) noexcept = default;
    Token& operator=(Token&& other) noexcept {
      release();
      owner_ = std::move(other.owner_);
      return *this;
    }
    ~Token() { release(); }
    void release() {
      if (auto owner = owner_.lock()) {
        (*owner)->finished();
      }
      owner_.reset();
    }

   private:
    std::weak_ptr<ActivityTracker*> owner_;
  };

  ActivityTracker() : self_(std::make_shared<ActivityTracker*>(this)) {}
  ActivityTracker(const ActivityTracker&) = delete;
  ActivityTracker& operator=(const ActivityTracker&) = delete;

  /// Starts a piece of work. Returns an empty token (and counts nothing) once draining.
  Token begin() {
    if (draining_) {
      return Token();
    }
    ++active_;
    return Token(self_);
  }
  /// True once a graceful shutdown has begun: modules refuse new work (SIP answers 503).
  bool draining() const { return draining_; }
  std::size_t active() const { return active_; }

  /// Stops accepting new work; calls `idle` once nothing is active (maybe at once).
  void drain(std::function<void()> idle) {
    draining_ = true;
    idle_ = std::move(idle);
    checkIdle();
  }

 private:
  void finished() {
    if (active_ > 0) {
      --active_;
    }
    checkIdle();
  }
  void checkIdle() {
    if (draining_ && active_ == 0 && idle_) {
      auto idle = std::exchange(idle_, nullptr);
      idle();
    }
  }

  std::shared_ptr<ActivityTracker*> self_;
  std::size_t active_ = 0;
  bool draining_ = false;
  std::function<void()> idle_;
};

}  // namespace sb::core
