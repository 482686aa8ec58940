#!/usr/bin/env bash
# Configures and builds one flavour of Switchboard.
#   scripts/build.sh [release|asan|bench|fuzz] [ninja targets...]
set -euo pipefail
cd "$(dirname "$0")/.."

flavour="${1:-release}"
shift || true
case "$flavour" in
  release) dir=build;      args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo) ;;
  asan)    dir=build-asan; args=(-DCMAKE_BUILD_TYPE=Debug -DSB_SANITIZE=ON) ;;
  bench)   dir=build-bench; args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DSB_BENCH=ON -DSB_TESTS=OFF) ;;
  fuzz)    dir=build-fuzz; args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DSB_FUZZ=ON -DSB_TESTS=OFF
                                 -DCMAKE_CXX_COMPILER=clang++) ;;
  *) echo "unknown build flavour '$flavour' (release, asan, bench or fuzz)" >&2; exit 2 ;;
esac

# Let ccache share results between checkouts in different folders (CI clones afresh).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
if [ ! -f "$dir/build.ninja" ]; then
  cmake -S . -B "$dir" -G Ninja "${args[@]}" >/dev/null
fi
ninja -C "$dir" -j"$(nproc)" "$@"
