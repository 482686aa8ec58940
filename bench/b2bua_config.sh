#!/usr/bin/env bash
# Writes the call benchmarks' configuration into DIR/etc, as the reference measured Asterisk:
# 1000 users user0001..user1000 (endpoint + auth "secret" + aor), a static endpoint `uas`
# (contact sip:uas@127.0.0.1:25070) reached through Dial(PJSIP/uas,30), direct_media = no,
# an RTP range of 15 000 port pairs; SIP on UDP 127.0.0.1:PORT.
#   bench/b2bua_config.sh DIR PORT
set -euo pipefail
[ $# -eq 2 ] || { sed -n '2,6p' "$0"; exit 2; }
etc="$1/etc" port=$2
mkdir -p "$etc"
printf '[directories]\nastetcdir => .\nastvarlibdir => ../var/lib\nastlogdir => ../var/log\nastrundir => ../var/run\n' \
  > "$etc/switchboard.conf"
printf '[logfiles]\nconsole => error\n' > "$etc/logger.conf"
# Two port pairs per call: 2400 calls at once need 9600 ports.
printf '[general]\nrtpstart = 30000\nrtpend = 60000\n' > "$etc/rtp.conf"
printf '[users]\nexten => uas,1,Dial(PJSIP/uas,30)\n' > "$etc/extensions.conf"
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
} > "$etc/pjsip.conf"
