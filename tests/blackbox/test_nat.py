"""NAT: a transport with external_signaling_address / external_media_address shows them in
Contact, Via and SDP towards destinations outside its local_net (res_pjsip_nat's rules), and
keeps its own addresses towards local ones."""

import re

from sip_helpers import free_port, free_rtp_range
from sip_phone import Phone, body_of, header, status_of
from test_calls import wait_no_channels

EXTERNAL = "203.0.113.7"
EXTERNAL_MEDIA = "203.0.113.8"


def start(sb, bob, local_net):
    port = free_port()
    rtp = free_rtp_range(20)
    sb.write("rtp.conf", f"[general]\nrtpstart = {rtp}\nrtpend = {rtp + 20}\n")
    sb.write(
        "pjsip.conf",
        f"""
        [udp]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{port}
        external_signaling_address = {EXTERNAL}
        external_signaling_port = 15060
        external_media_address = {EXTERNAL_MEDIA}
        local_net = {local_net}

        [alice]
        type = endpoint
        context = internal
        allow = ulaw
        auth = alice
        aors = alice
        [alice]
        type = auth
        username = alice
        password = alice-secret
        [alice]
        type = aor
        max_contacts = 1

        [bob]
        type = endpoint
        context = internal
        allow = ulaw
        aors = bob
        [bob]
        type = aor
        contact = sip:bob@{bob.host}:{bob.port}
        """,
    )
    sb.write("extensions.conf", "[internal]\nexten => 600,1,Answer()\n same => n,Echo()\n"
                                "exten => 700,1,Dial(PJSIP/bob,10)\n")
    sb.start()
    bob.server = ("127.0.0.1", port)  # the NAT would carry replies sent to the external address
    return port


def connection_addresses(sdp):
    return re.findall(r"(?m)^c=IN IP4 (\S+)\r?$", sdp)


def test_outside_local_net_contact_via_and_sdp_carry_the_external_addresses(sb):
    # The server (127.0.0.1) is inside local_net, the phones (127.0.0.2) on the internet.
    bob = Phone(0, "bob", "", bind_host="127.0.0.2")
    port = start(sb, bob, "127.0.0.1/32")
    alice = Phone(port, "alice", "alice-secret", bind_host="127.0.0.2")

    alice.dial("600")
    ok = alice.final()
    assert status_of(ok) == 200
    assert re.search(rf"<sip:[^@>]*@{EXTERNAL}:15060>", header(ok, "Contact")), ok
    assert connection_addresses(body_of(ok)) == [EXTERNAL_MEDIA], ok
    assert alice.bye() == 200

    alice.dial("700")
    invite = bob.wait_invite()
    via = header(invite, "Via")
    assert via.startswith(f"SIP/2.0/UDP {EXTERNAL}:15060;"), invite
    assert re.search(rf"<sip:[^@>]*@{EXTERNAL}:15060>", header(invite, "Contact")), invite
    assert connection_addresses(body_of(invite)) == [EXTERNAL_MEDIA], invite
    bob.answer()
    assert status_of(alice.final()) == 200
    assert alice.bye() == 200
    assert wait_no_channels(sb)
    alice.close()
    bob.close()


def test_inside_local_net_the_server_keeps_its_own_addresses(sb):
    bob = Phone(0, "bob", "", bind_host="127.0.0.2")
    port = start(sb, bob, "127.0.0.0/8")  # both sides local
    alice = Phone(port, "alice", "alice-secret", bind_host="127.0.0.2")

    alice.dial("700")
    invite = bob.wait_invite()
    assert header(invite, "Via").startswith(f"SIP/2.0/UDP 127.0.0.1:{port};"), invite
    assert re.search(rf"<sip:[^@>]*@127\.0\.0\.1:{port}>", header(invite, "Contact")), invite
    assert connection_addresses(body_of(invite)) == ["127.0.0.1"], invite
    bob.answer()
    ok = alice.final()
    assert status_of(ok) == 200
    assert f"@127.0.0.1:{port}" in header(ok, "Contact"), ok
    assert connection_addresses(body_of(ok)) == ["127.0.0.1"], ok
    assert alice.bye() == 200
    assert wait_no_channels(sb)
    alice.close()
    bob.close()
