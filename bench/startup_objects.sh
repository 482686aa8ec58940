#!/usr/bin/env bash
# Start-up with many configured objects: time from exec to "fully booted", a full reload,
# and the resident memory afterwards.
#   bench/startup_objects.sh [count] [binary]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"
binary="${2:-build/switchboard}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/etc"
cat > "$work/etc/switchboard.conf" <<CONF
[directories]
astetcdir => .
astvarlibdir => ../var/lib
astlogdir => ../var/log
astrundir => ../var/run
[options]
verbose = 0
CONF
printf '[modules]\nautoload = yes\nload => test_objects.so\n' > "$work/etc/modules.conf"
printf '[logfiles]\nconsole => error\n' > "$work/etc/logger.conf"
python3 - "$count" > "$work/etc/test_objects.conf" <<'PY'
import sys
n = int(sys.argv[1])
print("[common](!)\ntype = test_object\ncolour = blue\ntags = x,y\n")
for i in range(n):
    print(f"[obj{i}](common)\nlabel = object number {i}\ncount = {i % 1000}\nenabled = yes\n")
PY
size=$(du -h "$work/etc/test_objects.conf" | cut -f1)
start=$(date +%s.%N)
"$binary" -f -C "$work/etc/switchboard.conf" >/dev/null 2>&1 &
pid=$!
until "$binary" -C "$work/etc/switchboard.conf" -rx "core waitfullybooted" >/dev/null 2>&1; do sleep 0.01; done
booted=$(date +%s.%N)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
found=$("$binary" -C "$work/etc/switchboard.conf" -rx "test show objects" | tail -1)
reload_start=$(date +%s.%N)
"$binary" -C "$work/etc/switchboard.conf" -rx "module reload test_objects" >/dev/null
reload_end=$(date +%s.%N)
for _ in $(seq 1 "${RELOADS:-3}"); do "$binary" -C "$work/etc/switchboard.conf" -rx "module reload test_objects" >/dev/null; done
rss_after=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
"$binary" -C "$work/etc/switchboard.conf" -rx "core stop now" >/dev/null || true
wait "$pid" || true
printf 'objects: %s (%s of config)\n%s\nstart-up to fully booted: %.2f s\nreload: %.2f s\nRSS after start: %d MiB, after %d more reloads: %d MiB\n' \
  "$count" "$size" "$found" "$(awk "BEGIN {print $booted - $start}")" "$(awk "BEGIN {print $reload_end - $reload_start}")" \
  $((rss / 1024)) "${RELOADS:-3}" $((rss_after / 1024))
