#!/usr/bin/env bash
# OPTIONS answered per second over UDP on loopback, driven by SIPp (closed loop per call:
# one OPTIONS, one 200: bench/options.xml). Reports SIPp's successful/failed counts, the
# achieved rate and the server's CPU time. With -k, Kamailio (the anchor in bench/harness, answering OPTIONS
# statelessly with sl_send_reply) is measured the same way in the same run, after us.
#   bench/options_rate.sh [-k] [rate per second] [seconds] [binary]
set -euo pipefail
cd "$(dirname "$0")/.."
kamailio=0
if [ "${1:-}" = "-k" ]; then
  kamailio=1
  shift
fi
rate="${1:-10000}"
seconds="${2:-10}"
binary="${3:-build/switchboard}"
port=25060
kamailio_port=25160
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -f "$work/kam/kamailio.pid" ] && kill "$(cat "$work/kam/kamailio.pid")" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/etc"
printf '[directories]\nastetcdir => .\nastvarlibdir => ../var/lib\nastlogdir => ../var/log\nastrundir => ../var/run\n' \
  > "$work/etc/switchboard.conf"
printf '[logfiles]\nconsole => error\n' > "$work/etc/logger.conf"
# SIPp is an endpoint identified by its address: OPTIONS from unknown sources are challenged.
printf '[udp]\ntype = transport\nprotocol = udp\nbind = 127.0.0.1:%s\n[sipp]\ntype = endpoint\n[sipp]\ntype = identify\nendpoint = sipp\nmatch = 127.0.0.1\n' \
  "$port" > "$work/etc/pjsip.conf"

# CPU ticks (user + system) of a process and its children (Kamailio forks its workers).
ticks() {
  local total=0 p
  for p in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# measure NAME PID PORT: one SIPp run against PORT, the CPU of PID (and its children).
measure() {
  local name="$1" server="$2" target="$3" before after start end last ok failed elapsed
  local hz
  hz=$(getconf CLK_TCK)
  before=$(ticks "$server")
  start=$(date +%s.%N)
  timeout $((seconds * 3 + 10)) sipp -sf bench/options.xml -t u1 -i 127.0.0.1 \
    "127.0.0.1:$target" -r "$rate" -m $((rate * seconds)) -l $((rate * 2)) \
    -timeout $((seconds * 3))s -nostdin -trace_stat -stf "$work/$name.csv" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  after=$(ticks "$server")
  last=$(tail -1 "$work/$name.csv")
  ok=$(echo "$last" | awk -F';' '{print $16}')
  failed=$(echo "$last" | awk -F';' '{print $18}')
  elapsed=$(awk "BEGIN {print $end - $start}")
  printf '%-12s offered %s/s for %ss: %s answered, %s failed, %.0f/s achieved; server CPU %.2f s (%.1f us per OPTIONS)\n' \
    "$name:" "$rate" "$seconds" "$ok" "$failed" "$(awk "BEGIN {print $ok / $elapsed}")" \
    "$(awk "BEGIN {print ($after - $before) / $hz}")" \
    "$(awk "BEGIN {print ($ok > 0 ? ($after - $before) / $hz / $ok * 1e6 : 0)}")"
}

"$binary" -f -C "$work/etc/switchboard.conf" >/dev/null 2>&1 &
pid=$!
until "$binary" -C "$work/etc/switchboard.conf" -rx "core waitfullybooted" >/dev/null 2>&1; do sleep 0.05; done
measure switchboard "$pid" "$port"
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""

if [ "$kamailio" = 1 ]; then
  kpid=$(bench/harness/anchors/kamailio/start.sh "$work/kam")
  measure kamailio "$kpid" "$kamailio_port"
fi
