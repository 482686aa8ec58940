"""Requests Switchboard sends on its own answer a 401/407 with the endpoint's outbound_auth:
qualify OPTIONS to an AOR's static contact (which now get a state and RTT in `pjsip show
contacts`) and NOTIFYs sent with `pjsip send notify`."""

import re
import time

from sip_client import challenge_params
from sip_helpers import free_port
from sip_phone import Phone, header
from test_ami import Ami, manager_conf


def next_event(ami, name, timeout=8.0):
    """The next event called `name` (other messages skipped)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message = ami.read_dict()
        if message.get("Event") == name:
            return message
    raise AssertionError(f"no {name} event")

CONF = """
[udp]
type = transport
protocol = udp
bind = 127.0.0.1:{port}

[carrier-auth]
type = auth
auth_type = userpass
username = pbx
password = secret

[carrier]
type = endpoint
context = default
outbound_auth = carrier-auth
aors = carrier
[carrier]
type = aor
contact = sip:127.0.0.1:{far}
qualify_frequency = {frequency}
"""


def challenge(phone, request):
    phone.respond(request, 407, "Proxy Authentication Required",
                  ['Proxy-Authenticate: Digest realm="carrier", nonce="n0nce1", qop="auth", '
                   'algorithm=MD5'])


def test_qualify_of_a_static_contact_answers_the_challenge(sb):
    port, ami_port = free_port(), free_port()
    far = Phone(port, "far", "x")
    try:
        sb.write("pjsip.conf", CONF.format(port=port, far=far.port, frequency=1))
        sb.write("manager.conf", manager_conf(ami_port))
        sb.start()
        ami = Ami(ami_port)
        assert ami.login(events="system")["Response"] == "Success"
        first = far.wait_request("OPTIONS", timeout=5)
        assert first.startswith(f"OPTIONS sip:127.0.0.1:{far.port} SIP/2.0")
        challenge(far, first)
        again = far.wait_request("OPTIONS", timeout=3)
        params = challenge_params(header(again, "Proxy-Authorization"))
        assert params["username"] == "pbx" and params["realm"] == "carrier"
        assert int(header(again, "CSeq").split()[0]) == int(header(first, "CSeq").split()[0]) + 1
        assert header(again, "Via") != header(first, "Via")
        far.respond(again, 200, "OK")
        deadline = time.monotonic() + 5
        output = ""
        while time.monotonic() < deadline:
            output = sb.rx("pjsip show contacts").stdout
            if " Avail " in output:
                break
            time.sleep(0.1)
        row = [line for line in output.splitlines() if f"carrier/sip:127.0.0.1:{far.port}" in line]
        assert row and " Avail " in row[0] and "nan" not in row[0], output
        status = next_event(ami, "ContactStatus")
        assert status["URI"] == f"sip:127.0.0.1:{far.port}" and status["AOR"] == "carrier"
        assert status["ContactStatus"] == "Reachable" and status["EndpointName"] == "carrier"
        assert int(status["RoundtripUsec"]) > 0
        ami.close()
    finally:
        far.close()


def test_unanswered_static_contact_becomes_unavailable(sb):
    port = free_port()
    far = Phone(port, "far", "x")
    far.close()  # nobody listens there
    ami_port = free_port()
    sb.write("pjsip.conf", CONF.format(port=port, far=far.port, frequency=1) +
             "qualify_timeout = 0.5\n")
    sb.write("manager.conf", manager_conf(ami_port))
    sb.start()
    ami = Ami(ami_port)
    assert ami.login(events="system")["Response"] == "Success"
    deadline = time.monotonic() + 6
    output = ""
    while time.monotonic() < deadline:
        output = sb.rx("pjsip show contacts").stdout
        if " Unavail " in output:
            break
        time.sleep(0.1)
    assert " Unavail " in output, output
    status = next_event(ami, "ContactStatus")
    assert status["ContactStatus"] == "Unreachable" and status["AOR"] == "carrier"
    # Its only contact is gone, so is the endpoint.
    assert next_event(ami, "PeerStatus")["PeerStatus"] == "Unreachable"
    assert sb.rx("pjsip show endpoints").stdout.count("Unavailable") >= 1
    ami.close()


def test_notify_answers_the_challenge(sb):
    port = free_port()
    far = Phone(port, "far", "x")
    try:
        sb.write("pjsip.conf", CONF.format(port=port, far=far.port, frequency=0))
        sb.write("pjsip_notify.conf", "[check]\nEvent=check-sync\n")
        sb.start()
        assert sb.rx("pjsip send notify check endpoint carrier").returncode == 0
        first = far.wait_request("NOTIFY", timeout=5)
        challenge(far, first)
        again = far.wait_request("NOTIFY", timeout=3)
        params = challenge_params(header(again, "Proxy-Authorization"))
        assert params["username"] == "pbx" and params["uri"] == f"sip:127.0.0.1:{far.port}"
        assert header(again, "Event") == "check-sync"
        far.respond(again, 200, "OK")
    finally:
        far.close()
