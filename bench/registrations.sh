#!/usr/bin/env bash
# Authenticated registrations per second (REGISTER -> 401 -> REGISTER -> 200, 1000 users,
# durable contacts) with the SIPp harness in bench/harness, and Kamailio measured the same way
# in the same run for comparison.
#   bench/registrations.sh [-t udp|tcp] [-k] [-n users] [-l "levels"] [-d window] [binary]
#     -k  also measure Kamailio (bench/harness/anchors/kamailio; Debian kamailio packages)
#     -n  users configured and registered before the load (default 1000; RSS is read after)
# Prints the harness result line of each server.
set -euo pipefail
cd "$(dirname "$0")/.."
transport=udp kamailio=0 levels="" window=20 users=1000
while getopts "t:kn:l:d:" o; do
  case $o in
    t) transport=$OPTARG ;; k) kamailio=1 ;; n) users=$OPTARG ;; l) levels=$OPTARG ;;
    d) window=$OPTARG ;;
    *) sed -n '2,7p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
binary="$(pwd)/${1:-build-bench/switchboard}"
port=25060
work="$(mktemp -d)"
pid=""
trap 'kill "$pid" 2>/dev/null || true; [ -f "$work/kam/kamailio.pid" ] && kill "$(cat "$work/kam/kamailio.pid")" 2>/dev/null; rm -rf "$work"' EXIT

harness_args=(-t "$transport" -d "$window" -n "$users" -o "$work/out")
[ -n "$levels" ] && harness_args+=(-l "$levels")

mkdir -p "$work/etc"
printf '[directories]\nastetcdir => .\nastvarlibdir => ../var/lib\nastlogdir => ../var/log\nastrundir => ../var/run\n' \
  > "$work/etc/switchboard.conf"
printf '[logfiles]\nconsole => error\n' > "$work/etc/logger.conf"
{
  printf '[udp]\ntype = transport\nprotocol = udp\nbind = 127.0.0.1:%s\n' "$port"
  printf '[tcp]\ntype = transport\nprotocol = tcp\nbind = 127.0.0.1:%s\n' "$port"
  printf '[user](!)\ntype = endpoint\ncontext = users\ndisallow = all\nallow = ulaw\n'
  for i in $(seq 1 "$users"); do
    u=$(printf 'user%04d' "$i")
    printf '[%s](user)\nauth = %s\naors = %s\n' "$u" "$u" "$u"
    printf '[%s]\ntype = auth\nusername = %s\npassword = secret\n' "$u" "$u"
    printf '[%s]\ntype = aor\nmax_contacts = 1\nremove_existing = yes\n' "$u"
  done
} > "$work/etc/pjsip.conf"

${PRELOAD:+env LD_PRELOAD=$PRELOAD} "$binary" -f -C "$work/etc/switchboard.conf" >/dev/null 2>&1 &
pid=$!
started=$(date +%s.%N)
until "$binary" -C "$work/etc/switchboard.conf" -rx "core waitfullybooted" >/dev/null 2>&1; do sleep 0.01; done
printf 'switchboard: fully booted with %s endpoints in %.2f s\n' "$users" "$(awk "BEGIN {print $(date +%s.%N) - $started}")"
echo "switchboard: $(bench/harness/run.sh -p "$pid" "${harness_args[@]}" reg "127.0.0.1:$port" | tail -1)"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""

if [ "$kamailio" = 1 ]; then
  kpid=$(bench/harness/anchors/kamailio/start.sh "$work/kam")
  sleep 1
  echo "kamailio:    $(bench/harness/run.sh -p "$kpid" "${harness_args[@]}" reg 127.0.0.1:25160 | tail -1)"
fi
