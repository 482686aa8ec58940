"""The endpoint's rtp_timeout, rtp_timeout_hold and rtp_keepalive on an answered call: a
silent peer is hung up (BYE with Q.850 cause 44, Asterisk's NOTICE and a SoftHangupRequest),
a held one only after the hold limit, and comfort-noise keepalives flow while we have nothing
to send."""

import struct
import time

from sip_helpers import free_port
from sip_phone import Phone, header, status_of
from test_calls import DIALPLAN, configure, wait_output

SILENT = """
[internal]
exten => 690,1,Answer()
 same => n,Wait(30)
"""


def call(sb, options, exten="600"):
    port = free_port()
    configure(sb, port, DIALPLAN + SILENT)
    sb.append("pjsip.conf", "[alice](+type=endpoint)\n" + options)
    sb.start()
    alice = Phone(port, "alice", "alice-secret")
    assert alice.register() == 200
    alice.dial(exten)
    reply = alice.final()
    assert status_of(reply) == 200, reply
    return alice


def test_silent_peer_is_hung_up_after_rtp_timeout(sb):
    alice = call(sb, "rtp_timeout = 2\n")
    try:
        address, port, _ = alice.call["remote_media"]
        alice.send_rtp((address, port), count=5)
        started = time.monotonic()
        bye = alice.wait_request("BYE", timeout=6)
        alice.respond(bye, 200, "OK")
        assert 1.5 <= time.monotonic() - started <= 4.5
        assert header(bye, "Reason") == "Q.850;cause=44"
        # The log line is written by the logger thread: it may follow the BYE.
        assert wait_output(sb, "for lack of audio RTP activity in 2 seconds")
    finally:
        alice.close()


def test_rtp_timeout_is_a_soft_hangup_request_of_the_driver(sb):
    from test_ami import Ami, manager_conf
    ami_port = free_port()
    sb.write("manager.conf", manager_conf(ami_port))
    ami = None
    alice = None
    try:
        port = free_port()
        configure(sb, port, DIALPLAN + SILENT)
        sb.append("pjsip.conf", "[alice](+type=endpoint)\nrtp_timeout = 2\n")
        sb.start()
        ami = Ami(ami_port)
        assert ami.login(events="call")["Response"] == "Success"
        alice = Phone(port, "alice", "alice-secret")
        alice.dial("690")
        assert status_of(alice.final()) == 200
        alice.respond(alice.wait_request("BYE", timeout=6), 200, "OK")
        requests = []
        while True:
            event = ami.read_dict()
            if event.get("Event") in ("HangupRequest", "SoftHangupRequest"):
                requests.append(event)
            if event.get("Event") == "Hangup":
                break
        # res_pjsip_sdp_rtp's ast_softhangup(AST_SOFTHANGUP_DEV): Cause 1, the reason.
        assert [(e["Event"], e["Cause"]) for e in requests] == [("SoftHangupRequest", "1")]
        assert requests[0]["Channel"].startswith("PJSIP/alice-")
    finally:
        for client in (ami, alice):
            if client is not None:
                client.close()


def test_held_call_uses_rtp_timeout_hold(sb):
    alice = call(sb, "rtp_timeout = 1\nrtp_timeout_hold = 4\n")
    try:
        ok = alice.reinvite("sendonly")
        assert status_of(ok) == 200
        started = time.monotonic()
        bye = alice.wait_request("BYE", timeout=8)
        alice.respond(bye, 200, "OK")
        assert time.monotonic() - started >= 3.0  # not the 1 s limit of an active call
        assert wait_output(sb, "for lack of audio RTP activity in 4 seconds")
    finally:
        alice.close()


def test_keepalive_sends_comfort_noise_while_we_are_silent(sb):
    alice = call(sb, "rtp_keepalive = 1\n", exten="690")
    try:
        packets = alice.receive_rtp(2, timeout=4)
        assert len(packets) >= 2, packets
        assert all(payload_type == 13 for payload_type, _ in packets), packets
        assert alice.bye() == 200
    finally:
        alice.close()
