#pragma once
/// @file
/// Changes to streams waiting for the media thread (internal).

#include <functional>
#include <mutex>
#include <vector>

namespace sb::media::detail {

/// Shared by the engine and the handlers that carry a batch to the media thread, so that a
/// batch still pending on the signalling thread when the engine goes away finds it closed.
struct ControlQueue {
  std::mutex mutex;
  std::vector<std::function<void()>> tasks;  // guarded by mutex
  bool closed = false;                       // guarded by mutex

  /// Runs every queued change, in order. Media thread only.
  void drain() {
    std::vector<std::function<void()>> batch;
    {
      std::lock_guard lock(mutex);
      batch.swap(tasks);
    }
    for (auto& task : batch) {
      task();
    }
  }
};

}  // namespace sb::media::detail
