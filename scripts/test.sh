#!/usr/bin/env bash
# The second command: install what is missing, build, and run every test:
# unit tests (CTest) and black-box tests (pytest) on a normal build and on an
# ASan+UBSan build, then each fuzzer for a bounded number of runs. The fuzzers'
# seed comes from the commit, so a run of the same tree always explores the same
# inputs (a result never depends on machine load) while each commit explores anew.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-deps.sh --test

FUZZ_SECONDS="${FUZZ_SECONDS:-120}"
FUZZ_RUNS="${FUZZ_RUNS:-100000}"
FUZZ_INPUT_SECONDS="${FUZZ_INPUT_SECONDS:-10}"
FUZZ_SEED="${FUZZ_SEED:-$(( 16#$( (git rev-parse --short=7 HEAD 2>/dev/null || echo 1) | tr -dc '0-9a-f') % 2147483647 + 1 ))}"
PYTEST=(/usr/bin/python3 -m pytest -q -p no:cacheprovider tests/blackbox)

run_suite() {
  local flavour="$1" dir="$2"
  echo "=== ${flavour}: build"
  scripts/build.sh "$flavour"
  echo "=== ${flavour}: unit tests"
  (cd "$dir" && ctest --output-on-failure -j"$(nproc)")
  echo "=== ${flavour}: black-box tests"
  SWITCHBOARD_BIN="$PWD/$dir/switchboard" "${PYTEST[@]}"
}

run_suite release build
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
run_suite asan build-asan

echo "=== fuzzers (${FUZZ_RUNS} runs each, seed ${FUZZ_SEED}, at most ${FUZZ_SECONDS}s)"
fuzz_targets=()
for source in fuzz/*_fuzz.cpp; do
  fuzz_targets+=("$(basename "$source" .cpp)")
done
scripts/build.sh fuzz "${fuzz_targets[@]}"
fuzz_failed=0
fuzz_passed=0
for fuzzer in build-fuzz/*_fuzz; do
  name="$(basename "$fuzzer" _fuzz)"
  corpus="fuzz/corpus/${name}"
  scratch="$(mktemp -d)"
  # -max_total_time is only checked between inputs: -timeout turns one slow input into a
  # reported failure with its artifact, and the outer timeout bounds anything else.
  rm -f "build-fuzz/${name}-"{crash,timeout,leak,oom,slow-unit}-*
  if timeout -k 10 $((FUZZ_SECONDS + 60)) "$fuzzer" -seed="$FUZZ_SEED" -runs="$FUZZ_RUNS" \
       -max_total_time="$FUZZ_SECONDS" -timeout="$FUZZ_INPUT_SECONDS" -reload=0 -max_len=4096 \
       -print_final_stats=0 -artifact_prefix="build-fuzz/${name}-" "$scratch" "$corpus" \
       >"build-fuzz/${name}.log" 2>&1; then
    fuzz_passed=$((fuzz_passed + 1))
    echo "fuzzer ${name}: no crash ($(grep -o 'DONE.*' "build-fuzz/${name}.log" | head -1))"
  else
    fuzz_failed=$((fuzz_failed + 1))
    echo "fuzzer ${name}: FAILED"; tail -40 "build-fuzz/${name}.log"
    for artifact in "build-fuzz/${name}-"*-*; do
      [ -f "$artifact" ] && echo "input ${artifact} (base64): $(head -c 4096 "$artifact" | base64 -w0)"
    done
  fi
  rm -rf "$scratch"
done
echo "fuzz: ${fuzz_passed} passed, ${fuzz_failed} failed"
[ "$fuzz_failed" -eq 0 ]
