#!/usr/bin/env bash
# Outbound registrations kept at once: Switchboard registers N trunks (type=registration,
# MD5 outbound_auth) to the Kamailio anchor registrar (bench/harness/anchors/kamailio) and
# keeps them refreshed.
#   bench/trunks.sh [-n trunks] [-e expiration] [-d window] [binary]
#     -n  registrations (default 1000; Kamailio has subscribers user0001..user1000)
#     -e  expiration asked for (default 60: Kamailio's min_expires; refreshed 10 s early)
#     -d  steady window measured after all are registered (default 120 s)
# Prints the time until every trunk was Registered with the CPU Switchboard used meanwhile,
# then the CPU used and the trunks still Registered over the steady window, and the
# resident memory.
set -euo pipefail
cd "$(dirname "$0")/.."
trunks=1000 expiration=60 window=120
while getopts "n:e:d:" o; do
  case $o in
    n) trunks=$OPTARG ;; e) expiration=$OPTARG ;; d) window=$OPTARG ;;
    *) sed -n '2,9p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
binary="$(pwd)/${1:-build-bench/switchboard}"
port=25062
work="$(mktemp -d)"
pid=""
trap 'kill "$pid" 2>/dev/null || true; [ -f "$work/kam/kamailio.pid" ] && kill "$(cat "$work/kam/kamailio.pid")" 2>/dev/null; rm -rf "$work"' EXIT

bench/harness/anchors/kamailio/start.sh "$work/kam" >/dev/null

mkdir -p "$work/etc"
printf '[directories]\nastetcdir => .\nastvarlibdir => ../var/lib\nastlogdir => ../var/log\nastrundir => ../var/run\n' \
  > "$work/etc/switchboard.conf"
printf '[logfiles]\nconsole => error\n' > "$work/etc/logger.conf"
{
  printf '[udp]\ntype = transport\nprotocol = udp\nbind = 127.0.0.1:%s\n' "$port"
  for i in $(seq 1 "$trunks"); do
    u=$(printf 'user%04d' "$i")
    printf '[%s]\ntype = auth\nusername = %s\npassword = secret\n' "$u" "$u"
    printf '[%s]\ntype = registration\nserver_uri = sip:127.0.0.1:25160\n' "$u"
    printf 'client_uri = sip:%s@127.0.0.1\ncontact_user = %s\noutbound_auth = %s\n' "$u" "$u" "$u"
    printf 'expiration = %s\nretry_interval = 5\n' "$expiration"
  done
} > "$work/etc/pjsip.conf"

cpu_seconds() {  # utime + stime of a process, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}
registered() {
  "$binary" -C "$work/etc/switchboard.conf" -rx "pjsip show registrations" 2>/dev/null |
    grep -c ' Registered ' || true
}

"$binary" -f -C "$work/etc/switchboard.conf" >/dev/null 2>&1 &
pid=$!
started=$(date +%s.%N)
until "$binary" -C "$work/etc/switchboard.conf" -rx "core waitfullybooted" >/dev/null 2>&1; do sleep 0.05; done
booted_cpu=$(cpu_seconds "$pid")
count=0
while [ "$count" -lt "$trunks" ]; do
  sleep 0.5
  count=$(registered)
  if awk "BEGIN {exit !($(date +%s.%N) - $started > 120)}"; then
    echo "switchboard: only $count of $trunks trunks registered after 120 s" >&2
    exit 1
  fi
done
took=$(awk "BEGIN {print $(date +%s.%N) - $started}")
cpu=$(cpu_seconds "$pid")
printf 'switchboard: %s trunks Registered %.1f s after start (max_random_initial_delay 10 s); CPU %.2f s after boot\n' \
  "$trunks" "$took" "$(awk "BEGIN {print $cpu - $booted_cpu}")"
sleep "$window"
after=$(cpu_seconds "$pid")
still=$(registered)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
printf 'switchboard: over %s s, %s of %s still Registered; CPU %.2f s (%.2f %% of one core, %.0f us per trunk-refresh at %.1f refreshes/s); RSS %s MiB\n' \
  "$window" "$still" "$trunks" "$(awk "BEGIN {print $after - $cpu}")" \
  "$(awk "BEGIN {print 100 * ($after - $cpu) / $window}")" \
  "$(awk "BEGIN {print 1e6 * ($after - $cpu) / ($trunks * $window / ($expiration - 10))}")" \
  "$(awk "BEGIN {print $trunks / ($expiration - 10)}")" "$((rss / 1024))"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
