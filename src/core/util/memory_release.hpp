#pragma once
/// @file
/// Gives memory the allocator holds but no longer uses back to the system.

namespace sb::util {

/// Returns freed memory to the system: glibc's arenas are trimmed and, when the server runs
/// on jemalloc, every jemalloc arena is purged. Called after a configuration snapshot is
/// replaced, whose building left a copy's worth of freed pages in a worker thread's arena.
void releaseFreeMemory();

}  // namespace sb::util
