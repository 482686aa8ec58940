#!/usr/bin/env bash
# Calls per second through the B2BUA (INVITE challenged -> 200 -> ACK -> 1 s hold -> BYE,
# no media) with the SIPp harness in bench/harness (`run.sh call`), configured as the
# reference measured Asterisk: 1000 users, a static endpoint `uas` reached through
# Dial(PJSIP/uas,30), direct_media=no; Kamailio (proxy, INVITE challenged) beside it with -k.
#   bench/calls.sh [-k] [-l "levels"] [-d window] [binary]
# Prints the harness result line of each server.
set -euo pipefail
cd "$(dirname "$0")/.."
kamailio=0 levels="" window=20
while getopts "kl:d:" o; do
  case $o in
    k) kamailio=1 ;; l) levels=$OPTARG ;; d) window=$OPTARG ;;
    *) sed -n '2,7p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
binary="$(pwd)/${1:-build-bench/switchboard}"
port="${BENCH_PORT:-25060}"  # BENCH_PORT: when 25060 is taken
work="${KEEP:-$(mktemp -d)}"
pid=""
trap 'kill "$pid" 2>/dev/null || true; [ -f "$work/kam/kamailio.pid" ] && kill "$(cat "$work/kam/kamailio.pid")" 2>/dev/null; [ -z "${KEEP:-}" ] && rm -rf "$work"' EXIT

harness_args=(-d "$window" -o "$work/out")
# Extra harness options, e.g. BENCH_HARNESS_ARGS="-I 100" to run on a busy host.
read -r -a extra <<< "${BENCH_HARNESS_ARGS:-}"
harness_args+=("${extra[@]}")
[ -n "$levels" ] && harness_args+=(-l "$levels")

mkdir -p "$work/etc"
printf '[directories]\nastetcdir => .\nastvarlibdir => ../var/lib\nastlogdir => ../var/log\nastrundir => ../var/run\n' \
  > "$work/etc/switchboard.conf"
printf '[logfiles]\nconsole => error\n' > "$work/etc/logger.conf"
# Two port pairs per call: 2400 calls at once need 9600 ports.
printf '[general]\nrtpstart = 30000\nrtpend = 60000\n' > "$work/etc/rtp.conf"
printf '[users]\nexten => uas,1,Dial(PJSIP/uas,30)\n' > "$work/etc/extensions.conf"
{
  printf '[udp]\ntype = transport\nprotocol = udp\nbind = 127.0.0.1:%s\n' "$port"
  printf '[user](!)\ntype = endpoint\ncontext = users\ndisallow = all\nallow = ulaw,alaw\ndirect_media = no\n'
  printf '[uas](user)\naors = uas\n[uas]\ntype = aor\ncontact = sip:uas@127.0.0.1:25070\n'
  for i in $(seq 1 1000); do
    u=$(printf 'user%04d' "$i")
    printf '[%s](user)\nauth = %s\naors = %s\n' "$u" "$u" "$u"
    printf '[%s]\ntype = auth\nusername = %s\npassword = secret\n' "$u" "$u"
    printf '[%s]\ntype = aor\nmax_contacts = 1\nremove_existing = yes\n' "$u"
  done
} > "$work/etc/pjsip.conf"

${BENCH_PRELOAD:+env LD_PRELOAD=$BENCH_PRELOAD} "$binary" -f -C "$work/etc/switchboard.conf" >/dev/null 2>&1 &
pid=$!
until "$binary" -C "$work/etc/switchboard.conf" -rx "core waitfullybooted" >/dev/null 2>&1; do sleep 0.01; done
echo "switchboard: $(bench/harness/run.sh -p "$pid" "${harness_args[@]}" call "127.0.0.1:$port" | tail -1)"
"$binary" -C "$work/etc/switchboard.conf" -rx "core show channels count" | head -1
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""

if [ "$kamailio" = 1 ]; then
  kpid=$(bench/harness/anchors/kamailio/start.sh "$work/kam" -A WITH_INVITE_AUTH)
  sleep 1
  echo "kamailio:    $(bench/harness/run.sh -p "$kpid" "${harness_args[@]}" call 127.0.0.1:25160 | tail -1)"
fi
