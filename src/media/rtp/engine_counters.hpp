#pragma once
/// @file
/// Engine-wide counters shared by the engine and its streams (internal).

#include <atomic>
#include <cstdint>

namespace sb::media::detail {

/// Written on the media thread, read from any thread. Shared (not owned by the engine alone)
/// so that a stream core destroyed during the engine's shutdown still finds it.
struct EngineCounters {
  std::atomic<std::uint64_t> streamsOpen{0};
  std::atomic<std::uint64_t> packetsRelayed{0};
};

}  // namespace sb::media::detail
