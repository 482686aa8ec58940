"""PJSIP_SEND_SESSION_REFRESH: PJSIP_MEDIA_OFFER written on an answered call is offered in a
re-INVITE; when the answer changes the codec, the bridge relays (and transcodes) with the new
one. Refused, as Asterisk refuses it, on an unanswered channel."""

import re
import struct
import time

from sip_helpers import free_port
from sip_phone import Phone, body_of, status_of
from test_calls import configure, wait_output

DIALPLAN = """
[general]
static = yes

[internal]
exten => refresh,1,Dial(PJSIP/bob,10,U(to_alaw))
 same => n,Hangup()

exten => early,1,Set(PJSIP_SEND_SESSION_REFRESH()=invite)
 same => n,NoOp(after refresh)
 same => n,Hangup()

[to_alaw]
exten => s,1,Set(PJSIP_MEDIA_OFFER(audio)=!all,alaw)
 same => n,NoOp(offer=${PJSIP_MEDIA_OFFER(audio)})
 same => n,Set(PJSIP_SEND_SESSION_REFRESH()=invite)
 same => n,Return()
"""


def rtp(seq, pt, payload, ssrc=0x5151):
    return struct.pack("!BBHII", 0x80, pt, seq, seq * 160, ssrc) + payload


def received(phone, timeout=2.0):
    """(payload type, payload) of the first RTP packet the phone gets."""
    got = phone.receive_rtp(1, timeout=timeout)
    return got[0] if got else None


def test_refresh_offers_the_new_codecs_and_the_bridge_follows_the_answer(sb):
    port = free_port()
    configure(sb, port, DIALPLAN)
    sb.start()
    alice = Phone(port, "alice", "alice-secret", codecs=(0, 8))
    bob = Phone(port, "bob", "bob-secret", codecs=(0, 8))
    try:
        assert bob.register() == 200
        alice.dial("refresh")
        bob.wait_invite()
        bob.answer(codecs=(0,))
        # The U() routine on bob's answered leg asks for A-law only and refreshes.
        reinvite = bob.wait_request("INVITE")
        offer = body_of(reinvite)
        assert re.search(r"(?m)^m=audio \d+ RTP/AVP 8 101\r?$", offer), offer
        assert "PCMU" not in offer
        # Answered only once the bridge links the legs (with µ-law): the answer then changes
        # the codec of a bridged leg.
        assert status_of(alice.final()) == 200
        bob.respond(reinvite, 200, "OK", [f"Contact: <sip:bob@{bob.local()}>"], bob.offer([8]))
        bob.wait_request("ACK")
        assert wait_output(sb, "offer=alaw")
        address, media_port, _ = alice.call["remote_media"]
        # µ-law silence from alice reaches bob as A-law on payload type 8 ...
        deadline = time.monotonic() + 5
        heard = None
        seq = 1
        while time.monotonic() < deadline:
            alice.rtp.sendto(rtp(seq, 0, b"\xff" * 160), (address, media_port))
            seq += 1
            heard = received(bob, timeout=0.1)
            if heard and heard[0] == 8:
                break
        assert heard and heard[0] == 8, heard
        assert set(heard[1]) == {0xD5}  # A-law silence
        # ... and bob's A-law reaches alice as µ-law on 0.
        bob_address, bob_port, _ = bob.remote_media
        for n in range(20):
            bob.rtp.sendto(rtp(100 + n, 8, b"\xd5" * 160, ssrc=0x6161), (bob_address, bob_port))
            got = received(alice, timeout=0.1)
            if got and got[0] == 0:
                break
        # A-law 0xD5 is +8: µ-law 0xFE (relayed untranscoded it would still read 0xD5).
        assert got and got[0] == 0 and set(got[1]) == {0xFE}, got
        assert alice.bye() == 200
        bob.answer_bye()
    finally:
        alice.close()
        bob.close()


def test_refresh_on_an_unanswered_channel_is_refused(sb):
    port = free_port()
    configure(sb, port, DIALPLAN)
    sb.start()
    alice = Phone(port, "alice", "alice-secret")
    try:
        alice.dial("early")
        assert wait_output(sb, "'PJSIP_SEND_SESSION_REFRESH' not allowed on unanswered channel "
                               "'PJSIP/alice-")
        assert wait_output(sb, "after refresh")
        alice.final()
    finally:
        alice.close()
