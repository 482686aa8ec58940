#include "core/util/memory_release.hpp"

#include <dlfcn.h>
#include <malloc.h>

#include <cstddef>

namespace sb::util {

namespace {

using Mallctl = int (*)(const char*, void*, std::size_t*, void*, std::size_t);

/// jemalloc's mallctl when the process runs on jemalloc (looked up rather than linked, so
/// that builds on other allocators, such as the sanitizers', need nothing).
Mallctl jemallocControl() {
  static const Mallctl control = reinterpret_cast<Mallctl>(::dlsym(RTLD_DEFAULT, "mallctl"));
  return control;
}

}  // namespace

void releaseFreeMemory() {
  ::malloc_trim(0);
  if (const Mallctl control = jemallocControl()) {
    // 4096 is MALLCTL_ARENAS_ALL: every arena.
    control("arena.4096.purge", nullptr, nullptr, nullptr, 0);
  }
}

}  // namespace sb::util
