#!/usr/bin/env bash
# OPTIONS answered per second over UDP on loopback, driven by SIPp (closed loop per call:
# one OPTIONS, one 200). Reports SIPp's successful/failed counts, the achieved rate and the
# server's CPU time.
#   bench/options_rate.sh [rate per second] [seconds] [binary]
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-10000}"
seconds="${2:-10}"
binary="${3:-build/switchboard}"
port=25060
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/etc"
printf '[directories]\nastetcdir => .\nastvarlibdir => ../var/lib\nastlogdir => ../var/log\nastrundir => ../var/run\n' \
  > "$work/etc/switchboard.conf"
printf '[logfiles]\nconsole => error\n' > "$work/etc/logger.conf"
# SIPp is an endpoint identified by its address: OPTIONS from unknown sources are challenged.
printf '[udp]\ntype = transport\nprotocol = udp\nbind = 127.0.0.1:%s\n[sipp]\ntype = endpoint\n[sipp]\ntype = identify\nendpoint = sipp\nmatch = 127.0.0.1\n' \
  "$port" > "$work/etc/pjsip.conf"
"$binary" -f -C "$work/etc/switchboard.conf" >/dev/null 2>&1 &
pid=$!
until "$binary" -C "$work/etc/switchboard.conf" -rx "core waitfullybooted" >/dev/null 2>&1; do sleep 0.05; done
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(ticks)
start=$(date +%s.%N)
timeout $((seconds * 3 + 10)) sipp -sf tests/blackbox/scenarios/options.xml -t u1 -i 127.0.0.1 "127.0.0.1:$port" \
  -r "$rate" -m $((rate * seconds)) -l $((rate * 2)) -timeout $((seconds * 3))s -nostdin \
  -trace_stat -stf "$work/stat.csv" >/dev/null 2>&1 || true
end=$(date +%s.%N)
after=$(ticks)
hz=$(getconf CLK_TCK)
last=$(tail -1 "$work/stat.csv")
ok=$(echo "$last" | awk -F';' '{print $16}')
failed=$(echo "$last" | awk -F';' '{print $18}')
elapsed=$(awk "BEGIN {print $end - $start}")
printf 'offered %s/s for %ss: %s answered, %s failed, %.0f/s achieved; server CPU %.2f s (%.1f us per OPTIONS)\n' \
  "$rate" "$seconds" "$ok" "$failed" "$(awk "BEGIN {print $ok / $elapsed}")" \
  "$(awk "BEGIN {print ($after - $before) / $hz}")" "$(awk "BEGIN {print ($ok > 0 ? ($after - $before) / $hz / $ok * 1e6 : 0)}")"
