#!/usr/bin/env bash
# Calls per second through the B2BUA (INVITE challenged -> 200 -> ACK -> 1 s hold -> BYE,
# no media) with the SIPp harness in bench/harness (`run.sh call`), configured as the
# reference measured Asterisk: 1000 users, a static endpoint `uas` reached through
# Dial(PJSIP/uas,30), direct_media=no; Kamailio (proxy, INVITE challenged) beside it with -k.
#   bench/calls.sh [-k] [-M] [-l "levels"] [-d window] [-m calls] [binary]
# Prints the harness result line of each server. With -m N it instead holds N calls up at
# once (set up at 200/s, held for minutes) and prints the memory each active call costs.
# With -M it runs the harness's media relay benchmark instead (media.sh: G.711 RTP both ways
# through the relay for every call; needs root and nft, Debian's nftables).
set -euo pipefail
cd "$(dirname "$0")/.."
kamailio=0 levels="" window=20 held=0 media=0
while getopts "kMl:d:m:" o; do
  case $o in
    k) kamailio=1 ;; M) media=1 ;; l) levels=$OPTARG ;; d) window=$OPTARG ;; m) held=$OPTARG ;;
    *) sed -n '2,11p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
binary="$(pwd)/${1:-build-bench/switchboard}"
port="${BENCH_PORT:-25060}"  # BENCH_PORT: when 25060 is taken
work="${KEEP:-$(mktemp -d)}"
pid=""
trap 'kill "$pid" ${sipps:-} 2>/dev/null || true; [ -f "$work/kam/kamailio.pid" ] && kill "$(cat "$work/kam/kamailio.pid")" 2>/dev/null; [ -z "${KEEP:-}" ] && rm -rf "$work"' EXIT

harness_args=(-d "$window" -o "$work/out")
# Extra harness options, e.g. BENCH_HARNESS_ARGS="-I 100" to run on a busy host.
read -r -a extra <<< "${BENCH_HARNESS_ARGS:-}"
harness_args+=("${extra[@]}")
[ -n "$levels" ] && harness_args+=(-l "$levels")

bench/b2bua_config.sh "$work" "$port"

${BENCH_PRELOAD:+env LD_PRELOAD=$BENCH_PRELOAD} "$binary" -f -C "$work/etc/switchboard.conf" >/dev/null 2>&1 &
pid=$!
until "$binary" -C "$work/etc/switchboard.conf" -rx "core waitfullybooted" >/dev/null 2>&1; do sleep 0.01; done

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
if [ "$held" -gt 0 ]; then
  bench/harness/gen_users.sh 1000 secret > "$work/users.csv"
  (cd "$work" && exec sipp -sf "$OLDPWD/bench/harness/uas.xml" -i 127.0.0.1 -p 25070 -mp 27000 \
     -nostdin -buff_size 1048576 -timeout 300s > uas.out 2>&1) &
  sipps=$!
  sleep 1
  before=$(rss_kb "$pid")
  (cd "$work" && exec sipp -sf "$OLDPWD/bench/harness/uac_call.xml" -inf users.csv \
     -key domain 127.0.0.1 -i 127.0.0.1 -p 25081 -s uas -d 240000 -l "$held" -m "$held" \
     -r 200 -nostdin -buff_size 1048576 -max_socket 4096 -timeout 300s \
     "127.0.0.1:$port" > uac.out 2>&1) &
  sipps="$sipps $!"
  for _ in $(seq 600); do
    up=$("$binary" -C "$work/etc/switchboard.conf" -rx "core show channels count" |
         awk '/active channel/ { print $1 }')
    [ "${up:-0}" -ge $((2 * held)) ] && break
    sleep 0.5
  done
  sleep 2
  after=$(rss_kb "$pid")
  echo "memory: ${up:-0} channels for $held calls; RSS $((before / 1024)) MiB before," \
       "$((after / 1024)) MiB with the calls up: $(((after - before) / held)) KiB per call"
  exit 0
fi

if [ "$media" = 1 ]; then
  bench/harness/media.sh -p "$pid" "${harness_args[@]}" "127.0.0.1:$port"
  exit 0
fi

echo "switchboard: $(bench/harness/run.sh -p "$pid" "${harness_args[@]}" call "127.0.0.1:$port" | tail -1)"
"$binary" -C "$work/etc/switchboard.conf" -rx "core show channels count" | head -1
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""

if [ "$kamailio" = 1 ]; then
  kpid=$(bench/harness/anchors/kamailio/start.sh "$work/kam" -A WITH_INVITE_AUTH)
  sleep 1
  echo "kamailio:    $(bench/harness/run.sh -p "$kpid" "${harness_args[@]}" call 127.0.0.1:25160 | tail -1)"
fi
