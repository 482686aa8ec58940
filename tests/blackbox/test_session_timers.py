"""Session timers (RFC 4028) with the endpoint's timers / timers_min_se /
timers_sess_expires: 422 below Min-SE, the interval settled in the 200, Session-Expires and
Min-SE on calls we place (and a 422 followed), our refresh when we are the refresher, and the
BYE when the refresher stays silent."""

import re
import threading
import time

from sip_helpers import free_port
from sip_phone import Phone, body_of, header, status_of
from test_calls import DIALPLAN, configure


def start(sb, options=""):
    port = free_port()
    configure(sb, port, DIALPLAN)
    if options:
        sb.append("pjsip.conf", "[alice](+type=endpoint)\n" + options)
    sb.start()
    return port


def test_too_brief_an_interval_gets_422_with_min_se(sb):
    port = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    try:
        assert alice.register() == 200
        alice.dial("600", extra=["Supported: timer", "Session-Expires: 60"])
        reply = alice.final()
        assert status_of(reply) == 422, reply
        assert header(reply, "Min-SE") == "90"
    finally:
        alice.close()


def test_interval_is_settled_in_the_200(sb):
    port = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    try:
        assert alice.register() == 200
        alice.dial("600", extra=["Supported: timer", "Session-Expires: 1800"])
        reply = alice.final()
        assert status_of(reply) == 200, reply
        assert header(reply, "Session-Expires") == "1800;refresher=uac"
        assert header(reply, "Require") == "timer"
        assert alice.bye() == 200
    finally:
        alice.close()


def test_timers_no_leaves_session_expires_alone(sb):
    port = start(sb, "timers = no\n")
    alice = Phone(port, "alice", "alice-secret")
    try:
        assert alice.register() == 200
        alice.dial("600", extra=["Supported: timer", "Session-Expires: 60"])
        reply = alice.final()
        assert status_of(reply) == 200, reply
        assert header(reply, "Session-Expires") == ""
        assert alice.bye() == 200
    finally:
        alice.close()


def test_calls_we_place_ask_for_timers_and_follow_a_422(sb):
    port = start(sb)
    alice, bob = Phone(port, "alice", "alice-secret"), Phone(port, "bob", "bob-secret")
    try:
        assert alice.register() == 200 and bob.register() == 200
        alice.dial("bob")
        invite = bob.wait_invite()
        assert header(invite, "Session-Expires") == "1800"
        assert header(invite, "Min-SE") == "90"
        assert "timer" in header(invite, "Supported")
        # Above our 1800: both values rise to it (as pjsip does; a lower one would change
        # only Min-SE).
        bob.respond(invite, 422, "Session Interval Too Small", ["Min-SE: 3600"])
        bob.wait_request("ACK")
        again = bob.wait_invite()
        assert header(again, "Session-Expires") == "3600"
        assert header(again, "Min-SE") == "3600"
        assert header(again, "Call-ID") == header(invite, "Call-ID")
        bob.answer()
        assert status_of(alice.final()) == 200
        assert alice.bye() == 200
        bob.answer_bye()
    finally:
        alice.close()
        bob.close()


def test_we_refresh_when_asked_and_hang_up_a_silent_refresher(sb):
    """Two calls side by side, one interval (90 s, the least RFC 4028 allows) for both:
    alice makes us the refresher and must get a re-INVITE at 45 s; carol keeps the job and
    never refreshes, so we end her call at 60 s with a BYE."""
    port = start(sb)
    alice, carol = Phone(port, "alice", "alice-secret"), Phone(port, "carol", "carol-secret")
    try:
        assert alice.register() == 200 and carol.register() == 200
        alice.dial("600", extra=["Supported: timer", "Session-Expires: 90;refresher=uas"])
        assert header(alice.final(), "Session-Expires") == "90;refresher=uas"
        carol.dial("600", extra=["Supported: timer", "Session-Expires: 90;refresher=uac"])
        assert header(carol.final(), "Session-Expires") == "90;refresher=uac"
        started = time.monotonic()

        refresh = alice.wait_request("INVITE", timeout=50)
        assert 40 <= time.monotonic() - started <= 50
        assert header(refresh, "Session-Expires") == "90;refresher=uac"
        assert header(refresh, "Call-ID") == alice.call["call_id"]
        alice.respond(refresh, 200, "OK", [f"Contact: <sip:alice@{alice.local()}>",
                                           "Session-Expires: 90;refresher=uac",
                                           "Require: timer"], alice.offer())
        ack = alice.wait_request("ACK", timeout=5)
        assert header(ack, "CSeq").endswith(" ACK")

        bye = carol.wait_request("BYE", timeout=25)
        carol.respond(bye, 200, "OK")
        assert 55 <= time.monotonic() - started <= 66
        assert header(bye, "Reason") == "Q.850;cause=102"
        assert alice.bye() == 200  # the refreshed call is still up
    finally:
        alice.close()
        carol.close()
