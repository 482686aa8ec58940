#!/usr/bin/env bash
# Concurrent G.711 calls relayed by the B2BUA, the RTP played and counted by one thread
# (build-bench/rtp_load) rather than by SIPp (a thread per call). No root needed.
#   bench/media_load.sh [-l "levels"] [-d window s] [-w warm-up s] [-g calls per port]
#                       [-s rtp_load slots per 20 ms] [-r calls/s] [binary]
# Per level N (default "500 1000 1500"): a fresh server (b2bua_config.sh), N calls set up by
# SIPp (media_load_uac.xml through Dial(PJSIP/uas) to media_load_uas.xml, both with SDP
# naming rtp_load's ports, -g calls sharing a port), then rtp_load plays 50 packets/s into
# each leg, so the server relays 100/s per call, and counts loss per stream; the calls hang
# up afterwards. One line per level: relayed packets/s, loss and latency (scheduled send to
# return) seen by rtp_load over the window; CPU (100 = one core) of the server, of its
# busiest thread (the media thread under this load) and of rtp_load; RSS; where packets went
# missing over the whole run (before, in or after the server, from its channelstats;
# host_drops: full socket buffers or loopback backlog; no_port: relayed after rtp_load had
# left); other_cpu_pct: the rest of the host.
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 2; }
levels="500 1000 1500" window=15 warm=3 per_port=100 rate=200 slots=200
while getopts "l:d:w:g:s:r:" o; do
  case $o in
    l) levels=$OPTARG ;; d) window=$OPTARG ;; w) warm=$OPTARG ;; g) per_port=$OPTARG ;;
    s) slots=$OPTARG ;; r) rate=$OPTARG ;; *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || usage
binary="$(pwd)/${1:-build-bench/switchboard}"
generator="$(pwd)/build-bench/rtp_load"
[ -x "$binary" ] || { echo "no server at $binary" >&2; exit 1; }
[ -x "$generator" ] || { echo "no $generator: scripts/build.sh bench rtp_load" >&2; exit 1; }
command -v sipp >/dev/null || { echo "sipp not found (Debian's sip-tester)" >&2; exit 1; }
port="${BENCH_PORT:-25060}"  # BENCH_PORT: when 25060 is taken
first_rtp_port=10000         # rtp_load's ports: below the server's RTP range and ephemeral ports
work="${KEEP:-$(mktemp -d)}"
pid="" uac="" uas="" gen=""
stop_all() {
  local p
  for p in $gen $uac $uas $pid; do kill "$p" 2>/dev/null || true; done
  for p in $gen $uac $uas $pid; do wait "$p" 2>/dev/null || true; done
  pid="" uac="" uas="" gen=""
}
trap 'stop_all; [ -z "${KEEP:-}" ] && rm -rf "$work"' EXIT
ulimit -n 65536 2>/dev/null || true

for p in "$port" 25070 25081; do
  if [ -n "$(ss -Hulnp "sport = :$p")" ]; then echo "UDP port $p is taken" >&2; exit 1; fi
done
bench/b2bua_config.sh "$work" "$port"
console() { "$binary" -C "$work/etc/switchboard.conf" -rx "$1"; }
tck=$(getconf CLK_TCK)
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
stat_ticks() { sed 's/.*) //' "$1" | awk '{ print $12 + $13 }'; }  # utime + stime
# "now all TICKS" (process $1), "0 host TICKS" (busy, all CPUs), then "0 TID TICKS" per thread.
cpu_snapshot() {
  local t
  echo "$(date +%s.%N) all $(stat_ticks "/proc/$1/stat")"
  echo "0 host $(host_busy_ticks)"
  for t in /proc/"$1"/task/*; do echo "0 ${t##*/} $(stat_ticks "$t/stat")"; done
}
host_busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
lines() { if [ -f "$1" ]; then wc -l < "$1"; else echo 0; fi; }
# Datagrams the host dropped: "full no_port", full = UDP RcvbufErrors + MemErrors and the
# loopback backlog's drops, no_port = sent to a port nobody listens on.
host_drops() {
  local full no_port _ dropped rest
  read -r full no_port < <(awk '/^Udp:/ { if (++n == 2) print $6 + $10, $3 }' /proc/net/snmp)
  while read -r _ dropped rest; do full=$((full + 16#$dropped)); done < /proc/net/softnet_stat
  echo "$full $no_port"
}
# Sums `pjsip show channelstats` (kept in $1): "channels received sent" over all channels,
# once the server has relayed what was still queued (bounded: 10 s).
server_counts() {
  local now last="" i
  for i in $(seq 20); do
    now=$(console "pjsip show channelstats" | tee "$1" |
          awk '$4 == "ulaw" || $4 == "alaw" { n++; rx += $(NF - 8); tx += $(NF - 4) }
               END { print n + 0, rx + 0, tx + 0 }')
    [ "$now" = "$last" ] && break
    last=$now
    sleep 0.5
  done
  echo "$now"
}

run_level() {
  local n=$1 dir="$work/l$1"
  local ports=$(((n + per_port - 1) / per_port)) ramp=$(((n + rate - 1) / rate))
  local uas_base=$((first_rtp_port + 2 * ports)) setup_limit=$((ramp + 15))
  local hold=$((setup_limit + warm + window + 5))
  mkdir -p "$dir"
  # Even ports only: the server sends RTCP, if any, to port + 1.
  {
    echo SEQUENTIAL
    for i in $(seq 0 $((n - 1))); do
      u=$(printf 'user%04d' $((i % 1000 + 1)))
      echo "$u;[authentication username=$u password=secret];secret;$((first_rtp_port + 2 * (i / per_port)));"
    done
  } > "$dir/uac.csv"
  {
    echo SEQUENTIAL
    for i in $(seq 0 $((n - 1))); do echo "$((uas_base + 2 * (i / per_port)));"; done
  } > "$dir/uas.csv"

  "$binary" -f -C "$work/etc/switchboard.conf" >/dev/null 2>&1 &
  pid=$!
  until console "core waitfullybooted" >/dev/null 2>&1; do sleep 0.01; done
  local rss_before
  rss_before=$(rss_kb "$pid")

  (cd "$dir" && exec sipp -sf "$OLDPWD/bench/media_load_uas.xml" -inf uas.csv -i 127.0.0.1 \
     -p 25070 -mp 28000 -nostdin -buff_size 4194304 -max_socket 4096 \
     -default_behaviors all,-abortunexp -trace_logs -log_file uas.log \
     -timeout "$((ramp + hold + 60))s" > uas.out 2>&1) &
  uas=$!
  sleep 1
  (cd "$dir" && exec sipp -sf "$OLDPWD/bench/media_load_uac.xml" -inf uac.csv \
     -key domain 127.0.0.1 -i 127.0.0.1 -p 25081 -mp 28100 -s uas -l "$n" -m "$n" -r "$rate" \
     -d $((hold * 1000)) -nostdin -buff_size 4194304 -max_socket 4096 \
     -trace_logs -log_file uac.log -trace_stat -stf stat.csv -fd 1 \
     -timeout "$((ramp + hold + 50))s" "127.0.0.1:$port" > uac.out 2>&1) &
  uac=$!

  # Every call logs its leg's "generator_port server_ip server_port" once answered.
  local waited=0
  until [ "$(lines "$dir/uac.log")" -ge "$n" ] && [ "$(lines "$dir/uas.log")" -ge "$n" ]; do
    if [ $waited -ge $((setup_limit * 10)) ]; then
      echo "calls=$n: only $(lines "$dir/uac.log") calls up after ${setup_limit}s" >&2
      stop_all
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  cat "$dir/uac.log" "$dir/uas.log" > "$dir/streams"
  local channels
  channels=$(console "core show channels count" | awk '/active channel/ { print $1 }')

  local drops_before
  read -r -a drops_before < <(host_drops)
  "$generator" -v -w "$warm" -d "$window" -s "$slots" "$dir/streams" > "$dir/rtp_load.out" &
  gen=$!
  # The server's CPU over the generator's window, a little inside it.
  sleep "$warm.3"
  cpu_snapshot "$pid" > "$dir/cpu.before"
  sleep "$((window - 1)).4"
  cpu_snapshot "$pid" > "$dir/cpu.after"
  local rss
  rss=$(rss_kb "$pid")
  wait "$gen"
  gen=""
  local server drops
  server=$(server_counts "$dir/channelstats")
  read -r -a drops < <(host_drops)

  # The calls hang up when their hold time ends.
  wait "$uac" || true
  uac=""
  local failed
  failed=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
                      { v = $h["FailedCall(C)"] } END { print v + 0 }' "$dir/stat.csv")
  stop_all

  awk -v n="$n" -v tck="$tck" -v channels="${channels:-0}" -v rss="$rss" \
      -v rss_before="$rss_before" -v failed="$failed" \
      -v drops=$((drops[0] - drops_before[0])) -v no_port=$((drops[1] - drops_before[1])) \
      -v server="$server" -v gen="$(grep '^result' "$dir/rtp_load.out")" '
    FNR == 1 && NR == 1 { t0 = $1 }
    FNR == 1 && NR != 1 { t1 = $1 }
    NR == FNR { before[$2] = $3; next }
    { after[$2] = $3 }
    END {
      wall = t1 - t0
      busiest = 0
      for (t in after) if (t != "all" && t != "host" && (t in before) && after[t] - before[t] > busiest)
        busiest = after[t] - before[t]
      split(gen, fields, " ")
      for (i in fields) { split(fields[i], kv, "="); g[kv[1]] = kv[2] }
      split(server, s, " ")  # channels counted, received, sent
      server_cpu = 100 * (after["all"] - before["all"]) / tck / wall
      other = 100 * (after["host"] - before["host"]) / tck / wall - server_cpu - g["cpu_pct"]
      printf "calls=%d channels=%d relayed_pps=%d loss_pct=%.3f latency_p99_ms=%s" \
             " latency_max_ms=%s server_cpu_pct=%.0f" \
             " busiest_thread_cpu_pct=%.0f rtp_load_cpu_pct=%.0f rss_mib=%d rss_per_call_kib=%d" \
             " lost_before_server=%d lost_in_server=%d lost_after_server=%d host_drops=%d" \
             " no_port=%d failed_calls=%d other_cpu_pct=%.0f\n",
        n, channels, g["received_pps"], g["loss_pct"], g["latency_p99_ms"], g["latency_max_ms"],
        server_cpu, 100 * busiest / tck / wall,
        g["cpu_pct"], rss / 1024, (rss - rss_before) / n,
        g["total_sent"] - s[2], s[2] - s[3], s[3] - g["total_received"], drops, no_port, failed,
        other < 0 ? 0 : other
    }' "$dir/cpu.before" "$dir/cpu.after"
}

echo "# $(date -u +%FT%TZ) $(basename "$binary"), window ${window}s, warm-up ${warm}s," \
     "$per_port calls per rtp_load port, $slots sending slots per 20 ms, set-up at $rate calls/s"
for n in $levels; do
  run_level "$n" || exit 1
  sleep 2
done
