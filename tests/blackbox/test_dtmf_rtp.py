"""DTMF in the media: RFC 4733 telephone-events heard from a phone (DTMFBegin/DTMFEnd on
AMI), relayed between legs that negotiated them, turned into INFO for an INFO callee or tones
for an inband one, INFO digits turned into events, tones heard in the audio of an inband
caller, SendDTMF and PlayDTMF; events sent are checked packet by packet on the wire."""

import re
import shutil
import socket
import struct
import subprocess
import time

from rtp_dtmf import (DIGITS, event_packet, parse_event, receive_packets, send_event_digit,
                      strongest_pair, tone_ulaw)
from sip_helpers import free_port
from sip_phone import Phone, body_of, header, status_of
from test_ami import Ami, manager_conf
from test_calls import DIALPLAN, configure
from test_dtmf import dtmf_events, send_info

EXTRA_DIALPLAN = """
[internal](+)
exten => 620,1,Answer()
 same => n,SendDTMF(123)
 same => n,Wait(10)

exten => 621,1,Answer()
 same => n,Wait(20)

exten => 622,1,Answer()
 same => n,SendDTMF(4w5,100,200)
 same => n,Wait(10)
"""


def start(sb, alice_mode=None, bob_mode=None):
    port, ami_port = free_port(), free_port()
    configure(sb, port, DIALPLAN)
    sb.append("extensions.conf", EXTRA_DIALPLAN)
    for name, mode in (("alice", alice_mode), ("bob", bob_mode)):
        if mode:
            sb.append("pjsip.conf", f"[{name}](+type=endpoint)\ndtmf_mode = {mode}\n")
    sb.write("manager.conf", manager_conf(ami_port))
    sb.start()
    ami = Ami(ami_port)
    assert ami.login(events="dtmf")["Response"] == "Success"
    return port, ami


def summary(events):
    return [(e["Event"], e["Channel"].split("-")[0], e["Digit"], e["Direction"],
             e.get("DurationMs")) for e in events]


def bridged_call(port, alice_codecs=(0, 8)):
    alice = Phone(port, "alice", "alice-secret", codecs=alice_codecs)
    bob = Phone(port, "bob", "bob-secret")
    assert bob.register() == 200
    alice.dial("bob")
    bob.wait_invite()
    bob.answer()
    assert status_of(alice.final()) == 200
    address, media_port, _ = alice.call["remote_media"]
    wait_for_relay(alice, bob, (address, media_port))
    return alice, bob, (address, media_port)


def wait_for_relay(alice, bob, media, timeout=5.0):
    """Audio from alice until bob hears some: the bridge is up. Bob's socket is then emptied."""
    deadline = time.monotonic() + timeout
    seq = 60000
    while time.monotonic() < deadline:
        alice.rtp.sendto(struct.pack("!BBHII", 0x80, 0, seq, seq * 160, 0x1234) + b"\xff" * 160,
                         media)
        seq += 1
        if receive_packets(bob, lambda p: len(p) >= 1, timeout=0.1):
            break
    else:
        raise AssertionError("no relay between alice and bob")
    receive_packets(bob, lambda p: False, timeout=0.3)


def hang_up(alice, bob):
    assert alice.bye() == 200
    bob.answer_bye()
    alice.close()
    bob.close()


def check_digit_events(packets, digit, duration, pt=101):
    """One digit sent by Switchboard: first packet with the marker, updates every 50 ms whose
    durations never pass the end, three end packets, one timestamp, consecutive sequence."""
    marker, first_pt, seq, ts, ssrc, _ = packets[0]
    assert marker and first_pt == pt
    events = [parse_event(p[5]) for p in packets]
    total = duration * 8
    updates = [min(400 * (i + 1), total) for i in range((duration + 49) // 50)]
    assert [e[3] for e in events] == updates + [total] * 3, events
    assert [e[1] for e in events] == [False] * len(updates) + [True] * 3
    assert all(e[0] == DIGITS.index(digit) and e[2] == 10 for e in events)
    for i, (m, p, s, t, source, payload) in enumerate(packets):
        assert (m, p, s, t, source, len(payload)) == (i == 0, pt, (seq + i) % 65536, ts, ssrc, 4)


def test_rfc4733_digits_are_reported_and_relayed_between_rfc4733_legs(sb):
    port, ami = start(sb)
    alice, bob, media = bridged_call(port)
    try:
        next_seq = send_event_digit(alice, media, "5", seq=1000, ts=16000)
        assert summary(dtmf_events(ami, 4)) == [
            ("DTMFBegin", "PJSIP/alice", "5", "Received", None),
            ("DTMFBegin", "PJSIP/bob", "5", "Sent", None),
            ("DTMFEnd", "PJSIP/alice", "5", "Received", "125"),
            ("DTMFEnd", "PJSIP/bob", "5", "Sent", "125"),
        ]
        # Bob hears alice's own packets, relayed as they came (nothing generated).
        relayed = receive_packets(bob, lambda p: len(p) >= 5, quiet=1.0)
        assert [(p[0], p[1], p[2], p[3], p[4]) for p in relayed] == [
            (i == 0, 101, 1000 + i, 16000, 0x4444) for i in range(5)]
        # A start sent again after the end is the same digit: nothing. The next one counts.
        alice.rtp.sendto(event_packet(next_seq, 16000, 5, False, 400, True), media)
        send_event_digit(alice, media, "#", seq=next_seq + 1, ts=24000, durations=(0, 400),
                         end=800)
        assert summary(dtmf_events(ami, 4)) == [
            ("DTMFBegin", "PJSIP/alice", "#", "Received", None),
            ("DTMFBegin", "PJSIP/bob", "#", "Sent", None),
            ("DTMFEnd", "PJSIP/alice", "#", "Received", "100"),
            ("DTMFEnd", "PJSIP/bob", "#", "Sent", "100"),
        ]
    finally:
        hang_up(alice, bob)
        ami.close()


def test_rfc4733_digit_reaches_an_info_callee_as_info_and_not_as_events(sb):
    port, ami = start(sb, bob_mode="info")
    alice, bob, media = bridged_call(port)
    try:
        assert "telephone-event" not in body_of(bob.incoming)
        send_event_digit(alice, media, "9", seq=1, ts=8000, durations=(400, 800, 1200), end=1600)
        info = bob.wait_request("INFO")
        bob.respond(info, 200, "OK")
        assert header(info, "Content-Type") == "application/dtmf-relay"
        assert body_of(info) == "Signal=9\r\nDuration=200\r\n"
        assert summary(dtmf_events(ami, 4)) == [
            ("DTMFBegin", "PJSIP/alice", "9", "Received", None),
            ("DTMFBegin", "PJSIP/bob", "9", "Sent", None),
            ("DTMFEnd", "PJSIP/alice", "9", "Received", "200"),
            ("DTMFEnd", "PJSIP/bob", "9", "Sent", "200"),
        ]
        # Audio sent after the events reaches bob; the events themselves did not.
        alice.send_rtp(media, count=5)
        got = receive_packets(bob, lambda p: len(p) >= 5, quiet=1.0)
        assert [p[1] for p in got] == [0] * 5
    finally:
        hang_up(alice, bob)
        ami.close()


def test_info_digit_reaches_an_rfc4733_callee_as_events(sb):
    port, ami = start(sb, alice_mode="info")
    alice, bob, media = bridged_call(port)
    try:
        assert send_info(alice, "application/dtmf-relay", "Signal=7\r\nDuration=250\r\n") == 200
        packets = receive_packets(bob, lambda p: len(p) >= 8, quiet=1.0)
        assert len(packets) == 8
        check_digit_events(packets, "7", 250)
        assert summary(dtmf_events(ami, 4)) == [
            ("DTMFBegin", "PJSIP/alice", "7", "Received", None),
            ("DTMFEnd", "PJSIP/alice", "7", "Received", "250"),
            ("DTMFBegin", "PJSIP/bob", "7", "Sent", None),
            ("DTMFEnd", "PJSIP/bob", "7", "Sent", "250"),
        ]
        # Without Duration, Asterisk's 100 ms; the next event has a later timestamp.
        assert send_info(alice, "application/dtmf", "*") == 200
        more = receive_packets(bob, lambda p: len(p) >= 5, quiet=1.0)
        check_digit_events(more, "*", 100)
        assert more[0][3] == packets[0][3] + 2000
        assert more[0][2] == (packets[-1][2] + 1) % 65536
    finally:
        hang_up(alice, bob)
        ami.close()


def test_senddtmf_sends_events_to_an_rfc4733_caller(sb):
    port, ami = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    try:
        alice.dial("620")
        assert status_of(alice.final()) == 200
        packets = receive_packets(alice, lambda p: len(p) >= 15, quiet=2.0)
        assert len(packets) == 15
        for i, digit in enumerate("123"):
            check_digit_events(packets[5 * i:5 * i + 5], digit, 100)
        assert packets[5][2] == (packets[4][2] + 1) % 65536
        assert packets[0][3] < packets[5][3] < packets[10][3]
        assert summary(dtmf_events(ami, 6)) == [
            (event, "PJSIP/alice", digit, "Sent", duration)
            for digit in "123" for event, duration in (("DTMFBegin", None), ("DTMFEnd", "100"))]
        assert alice.bye() == 200
    finally:
        alice.close()
        ami.close()


def test_senddtmf_sends_infos_to_an_info_caller_with_pauses(sb):
    port, ami = start(sb, alice_mode="info")
    alice = Phone(port, "alice", "alice-secret")
    try:
        alice.dial("622")
        assert status_of(alice.final()) == 200
        bodies, times = [], []
        for _ in range(2):
            info = alice.wait_request("INFO")
            times.append(time.monotonic())
            alice.respond(info, 200, "OK")
            bodies.append(body_of(info))
        assert bodies == ["Signal=4\r\nDuration=200\r\n", "Signal=5\r\nDuration=200\r\n"]
        # 200 ms digit, 100 ms pause, then 'w' waits half a second.
        assert times[1] - times[0] >= 0.75
        assert alice.bye() == 200
    finally:
        alice.close()
        ami.close()


def channel_of(sb, prefix):
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        found = re.search(rf"({prefix}-\w+)", sb.rx("core show channels").stdout)
        if found:
            return found.group(1)
        time.sleep(0.05)
    raise AssertionError(f"no channel {prefix}")


def test_playdtmf_plays_a_digit_on_a_channel(sb):
    port, ami = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    try:
        alice.dial("621")
        assert status_of(alice.final()) == 200
        channel = channel_of(sb, "PJSIP/alice")
        ami.action("PlayDTMF", Channel="PJSIP/nobody-1", Digit="1", ActionID="a1")
        assert ami.read_dict() == {"Response": "Error", "ActionID": "a1",
                                   "Message": "Channel not found"}
        ami.action("PlayDTMF", Channel=channel, ActionID="a2")
        assert ami.read_dict()["Message"] == "No digit specified"
        ami.action("PlayDTMF", Channel=channel, Digit="8", Duration="300", ActionID="a3")
        reply = ami.read_dict()
        assert (reply["Response"], reply["Message"]) == ("Success", "DTMF successfully queued")
        packets = receive_packets(alice, lambda p: len(p) >= 9, quiet=1.0)
        check_digit_events(packets, "8", 300)
        assert summary(dtmf_events(ami, 2)) == [
            ("DTMFBegin", "PJSIP/alice", "8", "Sent", None),
            ("DTMFEnd", "PJSIP/alice", "8", "Sent", "300")]
        # Receive: as if alice had pressed it.
        ami.action("PlayDTMF", Channel=channel, Digit="3", Receive="yes", ActionID="a4")
        assert ami.read_dict()["Response"] == "Success"
        assert summary(dtmf_events(ami, 2)) == [
            ("DTMFBegin", "PJSIP/alice", "3", "Received", None),
            ("DTMFEnd", "PJSIP/alice", "3", "Received", "0")]
        assert alice.bye() == 200
    finally:
        alice.close()
        ami.close()


def test_tones_of_an_inband_caller_are_heard_and_sent_on_as_events(sb):
    port, ami = start(sb, alice_mode="inband")
    alice, bob, media = bridged_call(port, alice_codecs=(0,))
    try:
        assert 101 not in alice.call["remote_media"][2]  # no telephone-event for inband
        audio = b"\xff" * 800 + tone_ulaw("4", 300) + b"\xff" * 1600
        for seq, offset in enumerate(range(0, len(audio), 160)):
            alice.rtp.sendto(struct.pack("!BBHII", 0x80, 0, seq, offset, 0x1234) +
                             audio[offset:offset + 160], media)
            time.sleep(0.005)
        events = summary(dtmf_events(ami, 4))
        assert events[:2] == [("DTMFBegin", "PJSIP/alice", "4", "Received", None),
                              ("DTMFBegin", "PJSIP/bob", "4", "Sent", None)]
        assert [e[:4] for e in events[2:]] == [("DTMFEnd", "PJSIP/alice", "4", "Received"),
                                              ("DTMFEnd", "PJSIP/bob", "4", "Sent")]
        assert 250 <= int(events[2][4]) <= 330, events
        got = receive_packets(bob, lambda p: sum(1 for x in p if x[1] == 101 and
                                                  parse_event(x[5])[1]) >= 3, quiet=1.5)
        telephone = [p for p in got if p[1] == 101]
        assert parse_event(telephone[-1][5])[:2] == (4, True)
        # The tone itself went through in the relayed audio too.
        assert strongest_pair(b"".join(p[5] for p in got if p[1] == 0)) == "4"
    finally:
        hang_up(alice, bob)
        ami.close()


def test_digits_reach_an_inband_callee_as_tones(sb):
    port, ami = start(sb, bob_mode="inband")
    alice, bob, media = bridged_call(port)
    try:
        assert "telephone-event" not in body_of(bob.incoming)
        send_event_digit(alice, media, "2", seq=50, ts=4000, durations=(400, 800, 1200), end=1600)
        frames = receive_packets(bob, lambda p: len(p) >= 10, quiet=1.0)
        assert len(frames) == 10  # 200 ms of 20 ms frames, and no telephone-event
        assert [p[0] for p in frames] == [True] + [False] * 9
        assert all(p[1] == 0 and len(p[5]) == 160 for p in frames)
        assert all(frames[i][2] == (frames[0][2] + i) % 65536 and
                   frames[i][3] == frames[0][3] + 160 * i for i in range(10))
        assert strongest_pair(b"".join(p[5] for p in frames)) == "2"
        assert summary(dtmf_events(ami, 4))[3] == ("DTMFEnd", "PJSIP/bob", "2", "Sent", "200")
    finally:
        hang_up(alice, bob)
        ami.close()


SIPP_DTMF = __import__("pathlib").Path(__file__).parent / "scenarios" / "uac_dtmf_pcap.xml"


def test_sipp_plays_a_captured_rfc2833_digit(sb, tmp_path):
    """SIPp's own capture of an RFC 2833 '1' (first duration 0, the end sent three times with
    one sequence number) played in a call raises one DTMFBegin/DTMFEnd."""
    port, ami = start(sb)
    shutil.copy("/usr/share/sip-tester/dtmf_2833_1.pcap", tmp_path / "dtmf.pcap")
    users = tmp_path / "users.csv"
    users.write_text("SEQUENTIAL\nalice;[authentication username=alice password=alice-secret]\n")
    try:
        run = subprocess.run(["timeout", "60", "sipp", f"127.0.0.1:{port}", "-sf", str(SIPP_DTMF),
                              "-inf", str(users), "-s", "621", "-key", "domain", "127.0.0.1",
                              "-m", "1", "-d", "1500", "-i", "127.0.0.1", "-p", str(free_port()),
                              "-mp", str(free_port() & ~1), "-nostdin"],
                             capture_output=True, text=True, cwd=tmp_path)
        assert run.returncode == 0, run.stdout[-2000:]
        assert summary(dtmf_events(ami, 2)) == [
            ("DTMFBegin", "PJSIP/alice", "1", "Received", None),
            ("DTMFEnd", "PJSIP/alice", "1", "Received", "280")]
    finally:
        ami.close()


def test_a_key_pressed_on_baresip_raises_dtmf_events(sb, tmp_path):
    """A real soft-phone: baresip (its UDP console presses and releases the key) sends RFC 4733
    events while its audio goes on; the digit is reported once, with its length."""
    from test_real_clients import baresip_home
    port, ami = start(sb)
    console = free_port()
    home = baresip_home(tmp_path / "alice", free_port(),
                        f"<sip:alice@127.0.0.1:{port}>;auth_pass=alice-secret;regint=0")
    with open(home / "config", "a") as config:
        config.write(f"module cons.so\ncons_listen 127.0.0.1:{console}\n")
    phone = subprocess.Popen(["baresip", "-f", str(home), "-t", "15", "-e",
                              f"/dial sip:621@127.0.0.1:{port}"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
    keys = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        channel_of(sb, "PJSIP/alice")
        deadline = time.monotonic() + 10
        while " Up " not in sb.rx("core show channels").stdout and time.monotonic() < deadline:
            time.sleep(0.1)
        keys.sendto(b"6", ("127.0.0.1", console))
        time.sleep(0.3)
        keys.sendto(b"\x04", ("127.0.0.1", console))  # baresip's key release
        events = summary(dtmf_events(ami, 2, timeout=10))
        assert [e[:4] for e in events] == [("DTMFBegin", "PJSIP/alice", "6", "Received"),
                                          ("DTMFEnd", "PJSIP/alice", "6", "Received")]
        assert 250 <= int(events[1][4]) <= 1000, events
    finally:
        keys.close()
        phone.terminate()
        output = phone.communicate(timeout=15)[0]
        ami.close()
    assert "send DTMF digit end: '6'" in output, output[-2000:]
