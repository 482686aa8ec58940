"""Early media through Dial: a callee's 183 with SDP gives the caller a 183 with an SDP
answer in the callee's codec, and the callee's RTP reaches the caller before the answer
(one way); after the 200 media flows both ways."""

from sip_phone import Phone, body_of, header, sdp_media, status_of
from test_calls import register, start


def test_callee_early_media_reaches_the_caller_before_the_answer(sb):
    port = start(sb)
    bob = register(port, "bob", "bob-secret")
    alice = Phone(port, "alice", "alice-secret")
    try:
        alice.dial("bob")
        invite = bob.wait_invite()
        leg_address, leg_port, _ = sdp_media(body_of(invite))
        # bob plays a announcement before answering, in A-law only.
        bob.respond(invite, 183, "Session Progress", [f"Contact: <sip:bob@{bob.local()}>"],
                    bob.offer([8]))
        progress = alice.wait_response("INVITE", codes={183})
        address, media_port, payload_types = sdp_media(body_of(progress))
        assert payload_types[0] == 8, progress  # the callee's codec, so nothing is transcoded
        bob.send_rtp((leg_address, leg_port), count=20, payload_type=8, payload=b"\x55" * 160)
        heard = alice.receive_rtp(20)
        assert len(heard) >= 15, heard
        assert all(pt == 8 and payload == b"\x55" * 160 for pt, payload in heard)

        bob.incoming = invite
        bob.answer([8])
        ok = alice.final()
        assert status_of(ok) == 200
        assert sdp_media(body_of(ok))[1] == media_port  # the same stream as in the 183
        alice.send_rtp((address, media_port), count=20, payload_type=8, payload=b"\x11" * 160)
        assert len(bob.receive_rtp(20)) >= 15
        assert alice.bye() == 200
        bob.answer_bye()
    finally:
        alice.close()
        bob.close()
