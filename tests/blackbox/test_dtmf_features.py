"""DTMF features of Dial's bridge (features.conf): blind transfer with Dial's T (caller) and
t (called party) options or CHANNEL(dtmf_features), attended transfer through a Local channel
(completed by hanging up or atxfercomplete, aborted, unanswered), disconnect with h/H; digits
that do not make a feature code reach the other party, those that do never do; a wrong
extension gives the retry and invalid prompts and the call goes on; `features show`; Dial of a
Local channel."""

import time

from rtp_dtmf import parse_event, receive_packets, send_event_digit
from sip_helpers import free_port
from sip_phone import Phone, body_of, status_of
from test_ami import Ami, manager_conf
from test_calls import configure, wait_no_channels, wait_output
from test_dtmf import send_info
from test_dtmf_rtp import wait_for_relay

EXTENSIONS = """
[general]
static = yes

[internal]
exten => bob,1,Dial(PJSIP/bob,10,T)
 same => n,Hangup()

exten => bobt,1,Dial(PJSIP/bob,10,t)
 same => n,Hangup()

exten => bobchan,1,Set(CHANNEL(dtmf_features)=T)
 same => n,NoOp(features=${CHANNEL(dtmf_features)})
 same => n,Dial(PJSIP/bob,10)
 same => n,Hangup()

exten => bobh,1,Dial(PJSIP/bob,10,h)
 same => n,UserEvent(AfterDial,Status: ${DIALSTATUS})
 same => n,Hangup()

exten => bobH,1,Dial(PJSIP/bob,10,Hg)
 same => n,UserEvent(AfterDial,Status: ${DIALSTATUS})
 same => n,Hangup()

exten => 300,1,Dial(PJSIP/carol,10)
 same => n,Hangup()

exten => local,1,Dial(Local/300@internal,10)
 same => n,Hangup()

exten => h,1,UserEvent(AfterCall,Chan: ${CHANNEL})

exten => 320,1,UserEvent(Landed,Who: ${CHANNEL},Transferer: ${BLINDTRANSFER})
 same => n,Wait(10)
 same => n,Hangup()
"""

FEATURES = """
[general]
featuredigittimeout = 400
transferdigittimeout = 2
transferdialattempts = 2

atxfernoanswertimeout = 2

[featuremap]
blindxfer = #1
disconnect = *0
atxfer = *2
"""


def start(sb, features=FEATURES, alice_mode="info", bob_mode="info"):
    port, ami_port = free_port(), free_port()
    configure(sb, port, EXTENSIONS)
    for name, mode in (("alice", alice_mode), ("bob", bob_mode)):
        sb.append("pjsip.conf", f"[{name}](+type=endpoint)\ndtmf_mode = {mode}\n")
    if features is not None:
        sb.write("features.conf", features)
    # The announcement is long enough for the digits that follow a code to cut it short.
    sounds = sb.root / "var" / "lib" / "sounds" / "en"
    sounds.mkdir(parents=True)
    for name, seconds in (("pbx-transfer", 3), ("pbx-invalid", 0.2), ("privacy-incorrect", 0.2)):
        (sounds / f"{name}.ulaw").write_bytes(b"\x7f" * int(8000 * seconds))
    sb.write("manager.conf", manager_conf(ami_port))
    sb.start()
    ami = Ami(ami_port)
    assert ami.login(events="on")["Response"] == "Success"
    return port, ami


def answered_call(port, exten):
    alice = Phone(port, "alice", "alice-secret")
    bob = Phone(port, "bob", "bob-secret")
    assert bob.register() == 200
    alice.dial(exten)
    bob.wait_invite()
    bob.answer()
    assert status_of(alice.final()) == 200
    return alice, bob


def press(phone, digits):
    for digit in digits:
        assert send_info(phone, "application/dtmf-relay", f"Signal={digit}\r\nDuration=100\r\n") \
            == 200


def digits_heard(phone, quiet=1.0):
    """The INFO digits a phone receives until nothing comes for `quiet` seconds."""
    heard = ""
    while True:
        try:
            info = phone.wait_request("INFO", timeout=quiet)
        except TimeoutError:
            return heard
        phone.respond(info, 200, "OK")
        heard += body_of(info).split("Signal=")[1][0]


def wait_event(ami, name, timeout=8.0, **fields):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        event = ami.read_dict()
        if event.get("Event") == name and all(event.get(k, "").startswith(v)
                                              for k, v in fields.items()):
            return event
    raise AssertionError(f"no {name} event")


def test_caller_blind_transfers_the_called_party_with_T(sb):
    port, ami = start(sb)
    alice, bob = answered_call(port, "bob")
    try:
        press(alice, "#1")
        press(alice, "320")
        event = wait_event(ami, "BlindTransfer")
        assert event["Result"] == "Success"
        assert event["TransfererChannel"].startswith("PJSIP/alice-")
        assert event["TransfereeChannel"].startswith("PJSIP/bob-")
        assert (event["IsExternal"], event["Context"], event["Extension"]) == \
            ("No", "internal", "320")
        assert event["BridgeNumChannels"] == "2"
        landed = wait_event(ami, "UserEvent", UserEvent="Landed")
        assert landed["Who"].startswith("PJSIP/bob-")
        assert landed["Transferer"].startswith("PJSIP/alice-")
        alice.answer_bye()
        # The feature code and the extension were the transferer's alone.
        assert digits_heard(bob, quiet=0.5) == ""
        assert bob.bye_incoming() == 200
        assert wait_no_channels(sb)
    finally:
        close_all(ami, alice, bob)


def test_called_party_blind_transfers_the_caller_with_t(sb):
    port, ami = start(sb)
    alice, bob = answered_call(port, "bobt")
    try:
        press_incoming(bob, "#1320")
        event = wait_event(ami, "BlindTransfer")
        assert event["TransfererChannel"].startswith("PJSIP/bob-")
        assert event["TransfereeChannel"].startswith("PJSIP/alice-")
        landed = wait_event(ami, "UserEvent", UserEvent="Landed")
        assert landed["Who"].startswith("PJSIP/alice-")
        bob.answer_bye()
        assert alice.bye() == 200
        assert wait_no_channels(sb)
    finally:
        close_all(ami, alice, bob)


def press_incoming(phone, digits):
    """INFO digits from the phone that answered (its dialog is phone.incoming)."""
    for digit in digits:
        assert phone.info_incoming(f"Signal={digit}\r\nDuration=100\r\n") == 200


def test_digits_that_make_no_code_reach_the_other_party(sb):
    port, ami = start(sb)
    alice, bob = answered_call(port, "bob")
    try:
        press(alice, "5")
        assert digits_heard(bob, quiet=0.6) == "5"
        # '#' may begin #1: held back, then passed on with the digit that rules it out.
        press(alice, "#7")
        assert digits_heard(bob, quiet=0.6) == "#7"
        # Alone, it is passed on when the feature digit timeout (400 ms) runs out.
        press(alice, "#")
        assert digits_heard(bob, quiet=1.0) == "#"
        # Digits of the called party (no t option) are not looked at.
        press_incoming(bob, "#1")
        assert digits_heard(alice, quiet=0.6) == "#1"
        assert alice.bye() == 200
        bob.answer_bye()
    finally:
        close_all(ami, alice, bob)


def test_unknown_extension_is_retried_then_the_call_goes_on(sb):
    port, ami = start(sb)
    alice, bob = answered_call(port, "bob")
    try:
        press(alice, "#1")
        assert wait_output(sb, "Started DTMF blind transfer", timeout=5)
        # The first digit cuts the announcement short; nothing begins with 9, so the second
        # one ends the try.
        press(alice, "99")
        assert wait_output(sb, "Dialed '99@internal' does not exist.", timeout=5)
        assert wait_output(sb, "Playing 'pbx-invalid.ulaw'", timeout=5)
        # The last try: no announcement now, one digit rules every extension out.
        press(alice, "9")
        assert wait_output(sb, "Dialed '9@internal' does not exist.", timeout=5)
        assert wait_output(sb, "Playing 'privacy-incorrect.ulaw'", timeout=5)
        # Back in the bridge: media and digits flow again, nothing was transferred.
        wait_for_relay(alice, bob, alice.call["remote_media"][:2])
        press(alice, "4")
        assert digits_heard(bob, quiet=0.6) == "4"
        assert "BlindTransfer" not in sb.rx("core show channels").stdout
        assert alice.bye() == 200
        bob.answer_bye()
    finally:
        close_all(ami, alice, bob)


def test_channel_dtmf_features_enable_the_transfer(sb):
    port, ami = start(sb)
    alice, bob = answered_call(port, "bobchan")
    try:
        assert wait_output(sb, "features=T")
        press(alice, "#1320")
        wait_event(ami, "BlindTransfer", TransfererChannel="PJSIP/alice-")
        alice.answer_bye()
        assert bob.bye_incoming() == 200
    finally:
        close_all(ami, alice, bob)


def test_disconnect_by_the_called_party_with_h(sb):
    port, ami = start(sb)
    alice, bob = answered_call(port, "bobh")
    try:
        press_incoming(bob, "*0")
        bob.answer_bye()
        # As after any hang-up of the called party: without g the caller is hung up too.
        alice.answer_bye()
        assert wait_no_channels(sb)
        assert "AfterDial" not in sb.output_text()
    finally:
        close_all(ami, alice, bob)


def test_disconnect_by_the_caller_with_H_and_g_goes_on(sb):
    port, ami = start(sb)
    alice, bob = answered_call(port, "bobH")
    try:
        press(alice, "*0")
        bob.answer_bye()
        # The caller stays up and runs the next priorities (g).
        after = wait_event(ami, "UserEvent", UserEvent="AfterDial")
        assert after["Status"] == "ANSWER"
        alice.answer_bye()
        assert wait_no_channels(sb)
    finally:
        close_all(ami, alice, bob)


def test_rfc4733_digits_are_matched_and_the_rest_generated_for_the_peer(sb):
    port, ami = start(sb, alice_mode="rfc4733", bob_mode="rfc4733")
    alice, bob = answered_call(port, "bob")
    try:
        media = alice.call["remote_media"][:2]
        wait_for_relay(alice, bob, media)
        send_event_digit(alice, media, "5", seq=1000, ts=16000)
        packets = [p for p in receive_packets(bob, lambda got: False, quiet=1.0) if p[1] == 101]
        assert packets, "no telephone-event reached bob"
        # Generated by Switchboard (its own SSRC), not alice's packets relayed.
        assert {p[4] for p in packets} != {0x4444}
        assert parse_event(packets[0][5])[0] == 5
        # The code itself, as events, starts the transfer.
        next_seq = send_event_digit(alice, media, "#", seq=2000, ts=24000)
        send_event_digit(alice, media, "1", seq=next_seq, ts=32000)
        assert wait_output(sb, "Started DTMF blind transfer", timeout=5)
        assert not [p for p in receive_packets(bob, lambda got: False, quiet=0.5)
                    if p[1] == 101]
        alice.bye()
        bob.answer_bye()
    finally:
        close_all(ami, alice, bob)


def test_features_show_lists_the_codes(sb):
    start(sb)
    out = sb.rx("features show").stdout
    assert "Builtin Feature           Default Current\n" in out
    assert "Blind Transfer            #       #1     \n" in out
    assert "Disconnect Call           *       *0     \n" in out
    assert "Pickup                    *8      *8     \n" in out
    assert "Dynamic Feature" in out and "(none)" in out


def test_bad_features_conf_values_name_file_and_line(sb):
    start(sb, features="[general]\nfeaturedigittimeout = soon\n[featuremap]\nblindxfer = #x\n"
                       "[applicationmap]\ntestfeature => #9,peer,Playback,tt-monkeys\n")
    text = sb.output_text()
    assert "features.conf:2" in text and "featuredigittimeout value 'soon'" in text
    assert "features.conf:4" in text and "blindxfer value '#x'" in text
    assert "features.conf:5" in text and "[applicationmap] is not supported" in text
    out = sb.rx("features show").stdout
    assert "Blind Transfer            #       #      \n" in out



def close_all(ami, *phones):
    for phone in phones:
        phone.close()
    ami.close()


def joined_then_hung_up(sb, first, second):
    """The two called parties a transfer joined talk both ways; first hangs up, second is
    hung up, no channel is left."""
    assert relays(first, second) and relays(second, first)
    assert first.bye_incoming() == 200
    second.answer_bye()
    assert wait_no_channels(sb)


def relays(sender, receiver, timeout=3.0):
    """True when audio the sender sends to Switchboard reaches the receiver."""
    address, port = (sender.call["remote_media"][:2] if sender.call
                     else sender.remote_media[:2])
    receiver.receive_rtp(50, timeout=0.2)  # drop what came before
    deadline = time.monotonic() + timeout
    seq = 1
    while time.monotonic() < deadline:
        sender.rtp.sendto(bytes([0x80, 0, seq >> 8, seq & 0xFF]) + bytes(8) + b"\xff" * 160,
                          (address, port))
        seq += 1
        if receiver.receive_rtp(1, timeout=0.05):
            return True
    return False


def consultation(sb, port, ami):
    """alice (caller, T) has bob; she dials *2 300: carol rings and answers."""
    alice, bob = answered_call(port, "bob")
    carol = Phone(port, "carol", "carol-secret", codecs=(8,))
    assert carol.register() == 200
    press(alice, "*2")
    assert wait_output(sb, "Started DTMF attended transfer")
    press(alice, "300")
    carol.wait_invite()
    carol.answer()
    assert relays(alice, carol), "alice does not reach carol in the consultation"
    return alice, bob, carol


def test_attended_transfer_completes_when_the_transferer_hangs_up(sb):
    port, ami = start(sb)
    alice, bob, carol = consultation(sb, port, ami)
    try:
        assert not relays(bob, carol, timeout=0.5), "bob heard the consultation"
        assert "Local/300@internal-" in sb.rx("core show channels").stdout
        assert alice.bye() == 200
        event = wait_event(ami, "AttendedTransfer")
        assert event["Result"] == "Success"
        assert event["OrigTransfererChannel"].startswith("PJSIP/alice-")
        assert event["TransfereeChannel"].startswith("PJSIP/bob-")
        assert event["TransferTargetChannel"].startswith("Local/300@internal-")
        assert event["TransferTargetChannel"].endswith(";1")
        assert (event["IsExternal"], event["DestType"]) == ("No", "Bridge")
        # bob and carol talk, both ways, transcoded between their codecs.
        joined_then_hung_up(sb, bob, carol)
    finally:
        close_all(ami, alice, bob, carol)


def test_attended_transfer_completes_with_atxfercomplete(sb):
    port, ami = start(sb)
    alice, bob, carol = consultation(sb, port, ami)
    try:
        press(alice, "*2")
        alice.answer_bye()
        wait_event(ami, "AttendedTransfer", Result="Success")
        joined_then_hung_up(sb, carol, bob)
    finally:
        close_all(ami, alice, bob, carol)


def test_attended_transfer_aborted_takes_the_transferer_back(sb):
    port, ami = start(sb)
    alice, bob, carol = consultation(sb, port, ami)
    try:
        press(alice, "*1")
        carol.answer_bye()
        assert relays(alice, bob), "alice is not back with bob"
        press(alice, "4")
        assert digits_heard(bob, quiet=0.6) == "4"
        assert alice.bye() == 200
        bob.answer_bye()
        assert wait_no_channels(sb)
        assert "AttendedTransfer" not in sb.output_text()
    finally:
        close_all(ami, alice, bob, carol)


def test_unanswered_attended_transfer_target_gives_up(sb):
    port, ami = start(sb)
    alice, bob = answered_call(port, "bob")
    carol = Phone(port, "carol", "carol-secret", codecs=(8,))
    try:
        assert carol.register() == 200
        press(alice, "*2300")
        carol.wait_invite()
        carol.ring()
        # atxfernoanswertimeout is 2 s: carol's call is cancelled, alice is back with bob.
        cancel = carol.wait_request("CANCEL", timeout=5)
        carol.respond(cancel, 200, "OK")
        carol.respond(carol.incoming, 487, "Request Terminated")
        assert wait_output(sb, "attended transfer target did not answer")
        assert relays(alice, bob)
        assert alice.bye() == 200
        bob.answer_bye()
        assert wait_no_channels(sb)
    finally:
        close_all(ami, alice, bob, carol)


def test_dial_of_a_local_channel_runs_its_extension_and_relays_media(sb):
    port, ami = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    carol = Phone(port, "carol", "carol-secret", codecs=(8,))
    try:
        assert carol.register() == 200
        alice.dial("local")
        carol.wait_invite()
        carol.ring()
        carol.answer()
        assert status_of(alice.final()) == 200
        out = sb.rx("core show channels").stdout
        assert "Local/300@internal-" in out and ";1" in out and ";2" in out
        assert relays(alice, carol) and relays(carol, alice)
        assert carol.bye_incoming() == 200
        alice.answer_bye()
        assert wait_no_channels(sb)
    finally:
        close_all(ami, alice, carol)


def test_transferer_hanging_up_while_the_target_rings_hands_it_over(sb):
    port, ami = start(sb)
    alice, bob = answered_call(port, "bob")
    carol = Phone(port, "carol", "carol-secret", codecs=(8,))
    try:
        assert carol.register() == 200
        press(alice, "*2300")
        carol.wait_invite()
        carol.ring()
        assert alice.bye() == 200
        wait_event(ami, "AttendedTransfer", Result="Success")
        # Asterisk's blond transfer: bob gets carol when she answers.
        carol.answer()
        joined_then_hung_up(sb, carol, bob)
    finally:
        close_all(ami, alice, bob, carol)


def test_atxferswap_moves_the_transferer_between_target_and_transferee(sb):
    port, ami = start(sb)
    alice, bob, carol = consultation(sb, port, ami)
    try:
        press(alice, "*4")
        assert wait_output(sb, "attended transfer swapped to PJSIP/bob-")
        assert relays(alice, bob), "alice is not with bob after the swap"
        assert not relays(alice, carol, timeout=0.5)
        press(alice, "*4")
        assert wait_output(sb, "attended transfer swapped to Local/300@internal-")
        assert relays(alice, carol), "alice is not back with carol"
        # Completing from there joins bob and carol as usual.
        assert alice.bye() == 200
        wait_event(ami, "AttendedTransfer", Result="Success")
        joined_then_hung_up(sb, carol, bob)
    finally:
        close_all(ami, alice, bob, carol)


def test_a_transferred_caller_runs_h_when_the_transfers_bridge_ends(sb):
    port, ami = start(sb)
    alice, bob = answered_call(port, "bobt")
    carol = Phone(port, "carol", "carol-secret", codecs=(8,))
    try:
        assert carol.register() == 200
        press_incoming(bob, "*2300")
        carol.wait_invite()
        carol.answer()
        assert bob.bye_incoming() == 200
        wait_event(ami, "AttendedTransfer", Result="Success")
        assert relays(alice, carol)
        assert carol.bye_incoming() == 200
        alice.answer_bye()
        # alice's dialplan got her back and ran h, as after any call of hers.
        after = wait_event(ami, "UserEvent", UserEvent="AfterCall", Chan="PJSIP/alice-")
        assert after["Chan"].startswith("PJSIP/alice-")
        assert wait_no_channels(sb)
    finally:
        close_all(ami, alice, bob, carol)
