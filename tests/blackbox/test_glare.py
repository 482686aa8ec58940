"""Glare (RFC 3261 14, RFC 3311 5.2): while our re-INVITE is out, the peer's re-INVITE gets
491 Request Pending; a 491 to ours is retried after RFC 3261's random wait, with a new CSeq."""

import time
import uuid

from sip_helpers import free_port
from sip_phone import Phone, header, status_of
from test_calls import configure, wait_no_channels

DIALPLAN = """
[internal]
exten => 602,1,Answer()
 same => n,Wait(0.5)
 same => n,Set(PJSIP_DTMF_MODE()=info)
 same => n,Echo()
"""


def cseq_of(message):
    return int(header(message, "CSeq").split()[0])


def test_crossing_reinvites_get_491_and_ours_is_retried(sb):
    port = free_port()
    configure(sb, port, DIALPLAN)
    sb.start()
    alice = Phone(port, "alice", "alice-secret")
    alice.dial("602")
    assert status_of(alice.final()) == 200

    # PJSIP_DTMF_MODE re-offers the call: the server's re-INVITE arrives...
    ours = alice.wait_request("INVITE", timeout=5)
    # ...and before answering it, the phone sends its own.
    c = alice.call
    c["cseq"] += 1
    branch = "z9hG4bK" + uuid.uuid4().hex[:16]
    body = alice.offer()
    common = [f"Via: SIP/2.0/UDP {alice.local()};branch={branch};rport",
              f"From: \"Alice\" <sip:alice@127.0.0.1>;tag={c['tag']}",
              f"To: {c['to']}", f"Call-ID: {c['call_id']}"]
    alice.send("\r\n".join([f"INVITE {c['target']} SIP/2.0", *common,
                            f"CSeq: {c['cseq']} INVITE", "Max-Forwards: 70",
                            f"Contact: <sip:alice@{alice.local()}>",
                            "Content-Type: application/sdp", f"Content-Length: {len(body)}", "",
                            body]))
    pending = alice.wait_response("INVITE", codes=set(range(200, 700)))
    assert status_of(pending) == 491, pending
    alice.send("\r\n".join([f"ACK {c['target']} SIP/2.0", *common[:2],  # same branch: non-2xx
                            f"To: {header(pending, 'To')}",
                            f"Call-ID: {c['call_id']}", f"CSeq: {c['cseq']} ACK",
                            "Max-Forwards: 70", "Content-Length: 0", "", ""]))

    # The phone refuses the server's offer the same way; the server tries again within 2 s
    # (it did not place the call), with the next CSeq.
    refused_at = time.monotonic()
    alice.respond(ours, 491, "Request Pending")
    alice.wait_request("ACK")
    retry = alice.wait_request("INVITE", timeout=5)
    waited = time.monotonic() - refused_at
    assert cseq_of(retry) == cseq_of(ours) + 1, retry
    assert waited < 3.0, waited
    assert "telephone-event" not in retry.split("\r\n\r\n", 1)[1]  # dtmf_mode is info now
    alice.respond(retry, 200, "OK", [f"Contact: <sip:alice@{alice.local()}>"], alice.offer())
    alice.wait_request("ACK")

    assert sb.rx("core show channels count").stdout.startswith("1 active channel")
    assert alice.bye() == 200
    assert wait_no_channels(sb)
    alice.close()
