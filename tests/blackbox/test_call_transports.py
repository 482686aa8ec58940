"""Calls over TCP and over IPv6: the reference harness's SIPp scenarios (uac_call.xml with
digest, uas.xml) call through the dialplan, the UAS reached through an AOR's static
contact= on the same transport."""

import socket
import subprocess

import pytest

from sip_helpers import free_port
from test_calls import DIALPLAN, HARNESS, configure, wait_no_channels


@pytest.mark.parametrize("family,transport", [("ipv4", "tcp"), ("ipv6", "udp"), ("ipv6", "tcp")])
def test_sipp_call_through_the_dialplan(sb, tmp_path, family, transport):
    v6 = family == "ipv6"
    host = "::1" if v6 else "127.0.0.1"
    uri_host = "[::1]" if v6 else "127.0.0.1"
    port = free_port(socket.AF_INET6 if v6 else socket.AF_INET)
    uas_port = free_port(socket.AF_INET6 if v6 else socket.AF_INET)
    configure(sb, free_port(), DIALPLAN)
    param = "\\;transport=tcp" if transport == "tcp" else ""
    sb.append("pjsip.conf", f"""
        [{transport}-{family}]
        type = transport
        protocol = {transport}
        bind = {uri_host}:{port}

        [uas](phone)
        aors = uas
        [uas]
        type = aor
        contact = sip:uas@{uri_host}:{uas_port}{param}
        """)
    sb.append("extensions.conf", """
        [internal](+)
        exten => 700,1,Dial(PJSIP/uas,5)
         same => n,Hangup()
        """)
    sb.start()
    users = tmp_path / "users.csv"
    users.write_text("SEQUENTIAL\nalice;[authentication username=alice password=alice-secret]\n")
    mode = ["-t", "t1"] if transport == "tcp" else []
    uas = subprocess.Popen(["sipp", "-sf", str(HARNESS / "uas.xml"), "-p", str(uas_port), "-i",
                            host, "-m", "2", "-nostdin", "-default_behaviors", "all,-abortunexp",
                            *mode],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    try:
        uac = subprocess.run(["timeout", "60", "sipp", f"{uri_host}:{port}", "-sf",
                              str(HARNESS / "uac_call.xml"), "-inf", str(users), "-s", "700",
                              "-key", "domain", uri_host, "-m", "2", "-r", "2", "-d", "200",
                              "-i", host, "-p", str(free_port(socket.AF_INET6 if v6 else socket.AF_INET)),
                              "-nostdin", *mode],
                             capture_output=True, text=True, cwd=tmp_path)
        assert uac.returncode == 0, uac.stdout[-2000:] + sb.output_text()[-3000:]
        assert uas.wait(timeout=20) == 0
    finally:
        if uas.poll() is None:
            uas.kill()
    assert wait_no_channels(sb)
