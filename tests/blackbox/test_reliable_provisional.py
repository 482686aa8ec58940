"""Reliable provisional responses (RFC 3262, endpoint `100rel`): 180/183 sent with
Require: 100rel and RSeq, resent until the PRACK, refused INVITEs when 100rel is off or
required, calls we place PRACKing a reliable 180, and 420 for extensions we do not have."""

import re
import time
import uuid

from sip_helpers import free_port, options_request, udp_exchange
from sip_phone import Phone, header, status_of
from test_calls import DIALPLAN, configure

RINGING = """
[internal]
exten => 650,1,Ringing()
 same => n,Wait(1.5)
 same => n,Answer()
 same => n,Wait(30)
exten => 651,1,Ringing()
 same => n,Wait(20)
"""


def start(sb, options="", system="", extra=""):
    port = free_port()
    configure(sb, port, DIALPLAN + RINGING)
    if extra:
        sb.append("pjsip.conf", extra)
    if options:
        sb.append("pjsip.conf", "[alice](+type=endpoint)\n" + options)
    if system:
        sb.append("pjsip.conf", "[system]\ntype = system\n" + system)
    sb.start()
    return port


def prack(phone, provisional):
    """Sends the PRACK for a reliable provisional response to our INVITE; returns its status."""
    c = phone.call
    invite_cseq = c.setdefault("invite_cseq", c["cseq"])
    target = re.search(r"<([^>]+)>", header(provisional, "Contact")).group(1)
    rseq = header(provisional, "RSeq")
    phone.send("\r\n".join([
        f"PRACK {target} SIP/2.0",
        f"Via: SIP/2.0/UDP {phone.local()};branch=z9hG4bK{uuid.uuid4().hex[:16]};rport",
        f"From: \"{phone.user.title()}\" <sip:{phone.user}@127.0.0.1>;tag={c['tag']}",
        f"To: {header(provisional, 'To')}", f"Call-ID: {c['call_id']}",
        f"CSeq: {c['cseq'] + 1} PRACK", f"RAck: {rseq} {invite_cseq} INVITE", "Max-Forwards: 70",
        "Content-Length: 0", "", ""]))
    c["cseq"] += 1
    return status_of(phone.wait_response("PRACK"))


def test_required_100rel_gets_reliable_ringing_resent_until_prack(sb):
    port = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    try:
        assert alice.register() == 200
        alice.dial("650", extra=["Supported: 100rel", "Require: 100rel"])
        ringing = alice.wait_response("INVITE", codes={180})
        assert header(ringing, "Require") == "100rel"
        rseq = int(header(ringing, "RSeq"))
        assert 1 <= rseq < 2 ** 31
        again = alice.wait_response("INVITE", codes={180}, timeout=2)  # not PRACKed: resent
        assert int(header(again, "RSeq")) == rseq
        assert prack(alice, again) == 200
        ok = alice.final()
        assert status_of(ok) == 200, ok
        # The PRACK moved the caller's CSeq on; the BYE goes after it.
        assert alice.bye() == 200
    finally:
        alice.close()


def test_prack_that_matches_nothing_gets_481(sb):
    port = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    try:
        assert alice.register() == 200
        alice.dial("650", extra=["Require: 100rel"])
        ringing = alice.wait_response("INVITE", codes={180})
        wrong = ringing.replace(f"RSeq: {header(ringing, 'RSeq')}", "RSeq: 7")
        assert prack(alice, wrong) == 481
        assert prack(alice, ringing) == 200
        assert status_of(alice.final()) == 200
        assert alice.bye() == 200
    finally:
        alice.close()


def test_unprackd_ringing_ends_the_call_after_64_t1(sb):
    port = start(sb, system="timer_t1 = 100\n")  # 64*T1 = 6.4 s
    alice = Phone(port, "alice", "alice-secret")
    try:
        assert alice.register() == 200
        alice.dial("651", extra=["Require: 100rel"])
        started = time.monotonic()
        final = alice.final(timeout=12)
        assert status_of(final) == 504, final
        assert 5.5 <= time.monotonic() - started <= 9
    finally:
        alice.close()


def test_100rel_no_refuses_invites_that_require_it(sb):
    port = start(sb, options="100rel = no\n")
    alice = Phone(port, "alice", "alice-secret")
    try:
        assert alice.register() == 200
        alice.dial("650", extra=["Require: 100rel"])
        reply = alice.final()
        assert status_of(reply) == 420, reply
        assert header(reply, "Unsupported") == "100rel"
    finally:
        alice.close()


def test_100rel_required_refuses_invites_without_it(sb):
    port = start(sb, options="100rel = required\n")
    alice = Phone(port, "alice", "alice-secret")
    try:
        assert alice.register() == 200
        alice.dial("650")
        reply = alice.final()
        assert status_of(reply) == 421, reply
        assert header(reply, "Require") == "100rel"
    finally:
        alice.close()


def test_peer_supported_uses_100rel_when_the_caller_supports_it(sb):
    port = start(sb, options="100rel = peer_supported\n")
    alice = Phone(port, "alice", "alice-secret")
    try:
        assert alice.register() == 200
        alice.dial("650", extra=["Supported: 100rel"])
        ringing = alice.wait_response("INVITE", codes={180})
        assert header(ringing, "Require") == "100rel" and header(ringing, "RSeq")
        assert prack(alice, ringing) == 200
        assert status_of(alice.final()) == 200
        assert alice.bye() == 200
    finally:
        alice.close()


def test_calls_we_place_prack_a_reliable_180(sb):
    port = start(sb)
    alice, bob = Phone(port, "alice", "alice-secret"), Phone(port, "bob", "bob-secret")
    try:
        assert alice.register() == 200 and bob.register() == 200
        alice.dial("bob")
        invite = bob.wait_invite()
        assert "100rel" in header(invite, "Supported")
        cseq = int(header(invite, "CSeq").split()[0])
        contact = [f"Contact: <sip:bob@{bob.local()}>"]
        bob.respond(invite, 180, "Ringing", contact + ["Require: 100rel", "RSeq: 42"])
        prack_request = bob.wait_request("PRACK")
        assert header(prack_request, "RAck") == f"42 {cseq} INVITE"
        bob.respond(prack_request, 200, "OK")
        # The same 180 again is a retransmission: no second PRACK.
        bob.respond(invite, 180, "Ringing", contact + ["Require: 100rel", "RSeq: 42"])
        bob.answer()
        assert status_of(alice.final()) == 200
        assert alice.bye() == 200
        bye = bob.answer_bye()
        assert int(header(bye, "CSeq").split()[0]) > int(header(prack_request, "CSeq").split()[0])
        assert not any(t.startswith("PRACK ") for t in bob.pending)
    finally:
        alice.close()
        bob.close()


def test_an_extension_we_do_not_have_gets_420(sb):
    # "t" is the From user of options_request(): an endpoint that may ask without auth.
    port = start(sb, extra="[t]\ntype = endpoint\nallow_unauthenticated_options = yes\n")
    reply = udp_exchange("127.0.0.1", port,
                         options_request("127.0.0.1", port, extra="Require: foo, timer\r\n")).decode()
    assert reply.startswith("SIP/2.0 420 Bad Extension"), reply
    assert header(reply, "Unsupported") == "foo"
    reply = udp_exchange("127.0.0.1", port, options_request("127.0.0.1", port)).decode()
    assert header(reply, "Supported") == "100rel, timer, replaces, path"
