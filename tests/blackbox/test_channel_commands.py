"""The channel console commands of chan_pjsip (`pjsip list|show channels`, `pjsip show
channel`, `pjsip show channelstats`) and of chan_sip (`sip show channels|channel|
channelstats`), checked against a bridged call between two phones: names, states, call-ids
and tags from the SIP messages, and RTP counters after media went both ways."""

import re

from sip_phone import Phone, header, status_of
from test_calls import DIALPLAN, configure, register, wait_no_channels
from sip_helpers import free_port

# Dial(SIP/...) makes the callee leg a legacy SIP/ channel.
SIP_DIALPLAN = DIALPLAN.replace("[internal]\n",
                                "[internal]\nexten => sipbob,1,Dial(SIP/bob,10)\n", 1)

SIP_CHANNELS_HEADER = ("Peer             User/ANR         Call ID          Format           "
                       "Hold     Last Message    Expiry     Peer      ")
SIP_STATS_HEADER = ("Peer             Call ID      Duration Recv: Pack  Lost       (     %) "
                    "Jitter Send: Pack  Lost       (     %) Jitter")


def start(sb):
    port = free_port()
    configure(sb, port, SIP_DIALPLAN)
    sb.start()
    return port


def bridged_call(port, exten="bob"):
    """alice calls `exten` (ringing bob), bob answers; RTP flows both ways. Returns the
    phones and bob's INVITE."""
    bob = register(port, "bob", "bob-secret")
    alice = Phone(port, "alice", "alice-secret")
    alice.dial(exten)
    invite = bob.wait_invite()
    bob.answer()
    assert status_of(alice.final()) == 200
    a_addr, a_port, _ = alice.call["remote_media"]
    b_addr, b_port, _ = bob.remote_media
    alice.send_rtp((a_addr, a_port), count=20)
    assert len(bob.receive_rtp(20)) >= 15
    bob.send_rtp((b_addr, b_port), count=20)
    assert len(alice.receive_rtp(20)) >= 15
    return alice, bob, invite


def hang_up(sb, alice, bob):
    assert alice.bye() == 200
    bob.answer_bye()
    assert wait_no_channels(sb)
    alice.close()
    bob.close()


def tag_of(value):
    return re.search(r";tag=([^;>\s]+)", value).group(1)


def sip_channel_rows(out):
    """The rows of `sip show channels` cut at chan_sip's column positions."""
    lines = out.splitlines()
    assert lines[0] == SIP_CHANNELS_HEADER
    rows = []
    for line in lines[1:-1]:
        rows.append({"peer": line[0:15].strip(), "user": line[17:32].strip(),
                     "call_id": line[34:49].strip(), "format": line[51:66].strip(),
                     "hold": line[68:71].strip(), "last": line[77:92].strip(),
                     "endpoint": line[104:114].strip()})
    return rows, lines[-1]


def assert_empty_listings(sb):
    for command in ("pjsip list channels", "pjsip show channels", "pjsip show channelstats"):
        result = sb.rx(command)
        assert result.returncode == 0
        assert result.stdout == "No objects found.\n\n", command
    out = sb.rx("sip show channels").stdout
    assert out == SIP_CHANNELS_HEADER + "\n0 active SIP dialogs\n"
    out = sb.rx("sip show channelstats").stdout
    assert out == SIP_STATS_HEADER + "\n0 active SIP channels\n"


def test_listings_are_empty_without_calls(sb):
    start(sb)
    assert_empty_listings(sb)
    result = sb.rx("pjsip show channel PJSIP/nobody-00000001")
    assert result.returncode == 1
    assert result.stdout == "Unable to find object PJSIP/nobody-00000001.\n\n"
    assert sb.rx("sip show channel abc").stdout == "No such SIP Call ID starting with 'abc'\n"


def test_pjsip_channel_commands_show_a_bridged_call(sb):
    port = start(sb)
    alice, bob, _ = bridged_call(port)

    out = sb.rx("pjsip list channels").stdout
    assert out.endswith("\nObjects found: 2\n\n")
    lines = out.rstrip("\n").splitlines()
    assert lines[0] == ""
    assert lines[1] == ("  Channel:  <ChannelId........................................>  "
                        "<State.....>  <Time.....>")
    assert lines[2] == "=" * 90
    rows = [line for line in lines[3:] if line.startswith("  Channel: ")]
    assert len(rows) == 2
    assert re.match(r"  Channel: PJSIP/alice-[0-9a-f]{8}/Dial +Up +\d\d:\d\d:\d\d", rows[0])
    assert re.match(r"  Channel: PJSIP/bob-[0-9a-f]{8}/AppDial +Up +\d\d:\d\d:\d\d", rows[1])
    # The name column is 53 wide, the state 12, as Asterisk's "%-*.*s %-12.12s  %-11.11s".
    assert rows[0][65:67] == "Up" and rows[0][67:79] == " " * 12
    assert lines[-1] == "Objects found: 2"
    alice_name = re.search(r"PJSIP/alice-[0-9a-f]{8}", rows[0]).group(0)

    out = sb.rx("pjsip show channels").stdout
    assert "      Exten: <DialedExten.............>  CLCID: <ConnectedLineCID.......>" in out
    assert re.search(r"\n      Exten: bob +CLCID: \"[^\"]*\" <[^>]*>\n\n", out)
    assert out.endswith("\nObjects found: 2\n\n")

    out = sb.rx(f"pjsip show channel {alice_name}").stdout
    assert f"  Channel: {alice_name}/Dial " in out
    assert re.search(r"      Exten: bob +CLCID:", out)
    assert "Objects found" not in out

    out = sb.rx("pjsip show channelstats").stdout
    lines = out.rstrip("\n").splitlines()
    assert lines[3] == " =================" + "=" * 90
    stats = [line for line in lines[5:] if line.strip() and not line.startswith("Objects")]
    assert len(stats) == 2
    bridges = set()
    for line in stats:
        fields = line.split()
        # BridgeId, ChannelId, UpTime, Codec, Rx count, lost, pct, jitter, Tx count, ...
        assert fields[1].startswith(("alice-", "bob-")), line
        assert fields[3] == "ulaw"
        assert int(fields[4]) >= 15 and int(fields[8]) >= 15, line
        bridges.add(fields[0])
    assert len(bridges) == 1 and len(bridges.pop()) == 8  # both legs in one bridge
    assert lines[-1] == "Objects found: 2"

    assert "alice" in sb.rx("pjsip list channels like alice").stdout
    assert sb.rx("pjsip list channels like alice").stdout.endswith("Objects found: 1\n\n")
    hang_up(sb, alice, bob)
    assert_empty_listings(sb)


def test_sip_channel_commands_show_the_dialogs(sb):
    port = start(sb)
    alice, bob, invite = bridged_call(port)
    alice_call_id = alice.call["call_id"]
    bob_call_id = header(invite, "Call-ID")

    rows, footer = sip_channel_rows(sb.rx("sip show channels").stdout)
    assert footer == "2 active SIP dialogs"
    by_call = {row["call_id"]: row for row in rows}
    inbound = by_call[alice_call_id[:15]]
    outbound = by_call[bob_call_id[:15]]
    assert inbound == {"peer": "127.0.0.1", "user": "alice", "call_id": alice_call_id[:15],
                       "format": "(ulaw)", "hold": "No", "last": "Rx: ACK",
                       "endpoint": "alice"}
    assert outbound["user"] == "bob" and outbound["last"] == "Tx: ACK"
    assert outbound["format"] == "(ulaw)"

    # A re-INVITE with a sendonly offer puts the dialog on hold; sendrecv takes it off.
    assert status_of(alice.reinvite("sendonly")) == 200
    rows, _ = sip_channel_rows(sb.rx("sip show channels").stdout)
    assert [row["hold"] for row in rows if row["call_id"] == alice_call_id[:15]] == ["Yes"]
    assert status_of(alice.reinvite("sendrecv")) == 200
    rows, _ = sip_channel_rows(sb.rx("sip show channels").stdout)
    assert [row["hold"] for row in rows if row["call_id"] == alice_call_id[:15]] == ["No"]

    out = sb.rx(f"sip show channel {alice_call_id[:6]}").stdout
    assert out.startswith("\n  * SIP Call\n  Curr. trans. direction:  Incoming\n")
    assert f"  Call-ID:                {alice_call_id}\n" in out
    assert re.search(r"  Owner channel ID:       PJSIP/alice-[0-9a-f]{8}\n", out)
    assert f"  Their Tag:              {alice.call['tag']}\n" in out
    assert "  Our Codec Capability:   (ulaw|alaw)\n" in out
    assert f"  Received Address:       127.0.0.1:{alice.port}\n" in out
    assert "  Last Message:           Rx: ACK\n" in out
    assert "  Transport:              UDP\n  Media:                  RTP\n\n\n" in out

    out = sb.rx(f"sip show channel {bob_call_id}").stdout
    assert "  Curr. trans. direction:  Outgoing\n" in out
    assert f"  Our Tag:                {tag_of(header(invite, 'From'))}\n" in out
    assert "  Last Message:           Tx: ACK\n" in out

    lines = sb.rx("sip show channelstats").stdout.splitlines()
    assert lines[0] == SIP_STATS_HEADER
    assert lines[-1] == "2 active SIP channels"
    for line in lines[1:-1]:
        assert line[17:28].strip() in (alice_call_id[:11], bob_call_id[:11]), line
        assert re.fullmatch(r"\d\d:\d\d:\d\d", line[30:38])
        received, sent = int(line[39:49]), int(line[78:88])
        assert received >= 15 and sent >= 15, line

    hang_up(sb, alice, bob)
    rows, footer = sip_channel_rows(sb.rx("sip show channels").stdout)
    assert rows == [] and footer == "0 active SIP dialogs"


def test_legacy_sip_channel_shows_in_both_listings(sb):
    port = start(sb)
    alice, bob, invite = bridged_call(port, exten="sipbob")
    out = sb.rx("pjsip list channels").stdout
    assert re.search(r"  Channel: SIP/bob-[0-9a-f]{8}/AppDial +Up ", out)
    stats = sb.rx("pjsip show channelstats").stdout
    assert re.search(r"\n +[0-9a-f]{8} bob-[0-9a-f]{8} ", stats)
    rows, footer = sip_channel_rows(sb.rx("sip show channels").stdout)
    assert footer == "2 active SIP dialogs"
    assert header(invite, "Call-ID")[:15] in [row["call_id"] for row in rows]
    hang_up(sb, alice, bob)
