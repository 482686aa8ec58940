"""Loss, jitter and round-trip time per RTP stream (RFC 3550) in `pjsip show channelstats`
and `sip show channelstats`, through a bridged call whose phones send RTP and RTCP from the
test: alice sends audio with a gap and in bunched pairs (jitter), and an SR; bob answers the
SR, as relayed to him, with an RR saying what he lost, holding it a known time. Exact values
where the test sets them (loss, reported figures), ranges where they depend on timing."""

import re
import socket
import struct
import time

from rtp_dtmf import receive_packets
from sip_helpers import free_port
from sip_phone import Phone, header, status_of
from test_calls import DIALPLAN, configure, wait_no_channels

ALICE_SSRC = 0x1234
BOB_SSRC = 0x5678
NTP_EPOCH_OFFSET = 2208988800  # seconds from 1900 to 1970


class RtcpPhone(Phone):
    """A phone whose SDP names an RTCP socket of its own (a=rtcp)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rtcp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.rtcp.bind((self.host, 0))
        self.rtcp.settimeout(2.0)
        self.rtcp_port = self.rtcp.getsockname()[1]

    def offer(self, codecs=None):
        return super().offer(codecs).replace("a=sendrecv", f"a=rtcp:{self.rtcp_port}\r\na=sendrecv")

    def close(self):
        super().close()
        self.rtcp.close()


def rtcp(packet_type, count, body):
    return struct.pack("!BBH", 0x80 | count, packet_type, len(body) // 4) + body


def report_block(ssrc, fraction, lost, highest, jitter, lsr=0, dlsr=0):
    return struct.pack("!IIIIII", ssrc, (fraction << 24) | (lost & 0xFFFFFF), highest, jitter,
                       lsr, dlsr)


def sender_report(ssrc, ntp, rtp_timestamp, packets, octets):
    return rtcp(200, 0, struct.pack("!IQIII", ssrc, ntp, rtp_timestamp, packets, octets))


def receiver_report(ssrc, blocks):
    return rtcp(201, len(blocks), struct.pack("!I", ssrc) + b"".join(blocks))


def sdes_cname(ssrc, cname):
    chunk = struct.pack("!IBB", ssrc, 1, len(cname)) + cname
    chunk += b"\0" * (4 - len(chunk) % 4)
    return rtcp(202, 1, chunk)


def ntp_now():
    now = time.time() + NTP_EPOCH_OFFSET
    return (int(now) << 32) | int((now % 1) * (1 << 32))


def rtp(seq, ssrc=ALICE_SSRC):
    return struct.pack("!BBHII", 0x80, 0, seq & 0xFFFF, (seq * 160) & 0xFFFFFFFF, ssrc) + \
        b"\xff" * 160


def call(sb):
    port = free_port()
    configure(sb, port, DIALPLAN)
    sb.start()
    bob = RtcpPhone(port, "bob", "bob-secret")
    assert bob.register() == 200
    alice = RtcpPhone(port, "alice", "alice-secret")
    alice.dial("bob")
    invite = bob.wait_invite()
    bob.answer()
    assert status_of(alice.final()) == 200
    return alice, bob, invite


def pjsip_rows(sb):
    """name prefix -> the fields of its `pjsip show channelstats` row."""
    rows = {}
    for line in sb.rx("pjsip show channelstats").stdout.splitlines():
        fields = line.split()
        if len(fields) == 13 and re.fullmatch(r"(alice|bob)-[0-9a-f]{8}", fields[1]):
            rows[fields[1].split("-")[0]] = fields
    return rows


SIP_ROW = re.compile(r"(\S+) +(\S+) +\d\d:\d\d:\d\d (\d{10})(K| ) (\d{10}) \( *([\d.]+)%\) "
                     r"(\S+) +(\d{10})(K| ) (\d{10}) \( *([\d.]+)%\) (\S+)")


def sip_rows(sb):
    """call-id prefix -> (recv, lost, pct, jitter, send, lost, pct, jitter) of `sip show
    channelstats`."""
    rows = {}
    for line in sb.rx("sip show channelstats").stdout.splitlines():
        match = SIP_ROW.fullmatch(line)
        if match:
            g = match.groups()
            rows[g[1]] = (int(g[2]), int(g[4]), float(g[5]), float(g[6]),
                          int(g[7]), int(g[9]), float(g[10]), float(g[11]))
    return rows


def test_channelstats_show_loss_jitter_and_round_trip(sb):
    alice, bob, invite = call(sb)
    try:
        a_addr, a_port, _ = alice.call["remote_media"]
        b_addr, b_port, _ = bob.remote_media
        to_relay_a = (a_addr, a_port)

        # Audio from alice until bob hears it: the bridge is up.
        seq = 1000
        sent = 0
        deadline = time.monotonic() + 5
        while True:
            alice.rtp.sendto(rtp(seq), to_relay_a)
            seq += 1
            sent += 1
            if receive_packets(bob, lambda p: len(p) >= 1, timeout=0.1):
                break
            assert time.monotonic() < deadline, "no relay between alice and bob"

        # 110 sequence numbers, 10 of them never sent; sent in pairs every 40 ms although
        # their timestamps are 20 ms apart: each transit time is 20 ms off the one before.
        numbers = [n for n in range(seq, seq + 110) if not seq + 40 <= n < seq + 50]
        for i, n in enumerate(numbers):
            alice.rtp.sendto(rtp(n), to_relay_a)
            if i % 2 == 1:
                time.sleep(0.04)
        sent += len(numbers)

        # Alice's SR reaches bob through the relay unchanged.
        ntp = ntp_now()
        sr = sender_report(ALICE_SSRC, ntp, numbers[-1] * 160, sent, sent * 160) + \
            sdes_cname(ALICE_SSRC, b"alice@127.0.0.1")
        alice.rtcp.sendto(sr, (a_addr, a_port + 1))
        relayed_sr, source = bob.rtcp.recvfrom(2048)
        assert relayed_sr == sr
        assert source == (b_addr, b_port + 1)

        # Bob answers 300 ms later saying he held the SR 100 ms (DLSR 6554/65536 s): the round
        # trip is the other 200 ms. Its first block is about some other source.
        time.sleep(0.3)
        lsr = (ntp >> 16) & 0xFFFFFFFF
        rr = receiver_report(BOB_SSRC, [
            report_block(0x9999, 200, 99, 1, 1000),
            report_block(ALICE_SSRC, 16, 7, numbers[-1], 240, lsr, 6554),
        ]) + sdes_cname(BOB_SSRC, b"bob@127.0.0.1")
        bob.rtcp.sendto(rr, (b_addr, b_port + 1))
        assert alice.rtcp.recvfrom(2048)[0] == rr  # on to alice, unchanged

        deadline = time.monotonic() + 5
        rows = pjsip_rows(sb)
        while rows.get("bob", [""] * 13)[9] != "7" and time.monotonic() < deadline:
            time.sleep(0.1)
            rows = pjsip_rows(sb)
        alice_row, bob_row = rows["alice"], rows["bob"]
        # Fields: bridge, name, uptime, codec, Rx count, lost, pct, jitter, Tx count, lost,
        # pct, jitter, RTT. As in Asterisk, the Receive jitter is the one the remote reports
        # and the Transmit jitter the one measured on what the leg receives.
        # Every packet after the one bob first heard counts; one sent before the relay was
        # set up may not have.
        rx_count = int(alice_row[4])
        assert len(numbers) + 1 <= rx_count <= sent
        assert alice_row[5:7] == ["10", str(10 * 100 // rx_count)]
        assert alice_row[7] == "0.000"  # alice reported nothing about what she receives
        assert 0.010 <= float(alice_row[11]) <= 0.045, alice_row  # ~20 ms measured
        assert alice_row[12] == "0.000"  # no SR went to alice, so no round trip

        tx_count = int(bob_row[8])
        assert 100 <= tx_count <= sent
        assert bob_row[4:8] == ["0", "0", "0", "0.030"]  # 240 units of 8 kHz, from bob's RR
        assert bob_row[9:11] == ["7", str(7 * 100 // tx_count)]
        assert 0.195 <= float(bob_row[12]) <= 0.6, bob_row

        rows = sip_rows(sb)
        a_call = alice.call["call_id"][:11]
        b_call = header(invite, "Call-ID")[:11]
        recv, lost, pct, jitter, send, send_lost, send_pct, send_jitter = rows[a_call]
        assert (recv, lost, jitter, send, send_lost) == (rx_count, 10, 0.0, 0, 0)
        assert abs(pct - 10 / (rx_count + 10) * 100) <= 0.0051
        assert 0.010 <= send_jitter <= 0.045
        recv, lost, pct, jitter, send, send_lost, send_pct, send_jitter = rows[b_call]
        assert (recv, lost, jitter, send, send_lost) == (0, 0, 0.03, tx_count, 7)
        assert abs(send_pct - 7 / tx_count * 100) <= 0.0051
    finally:
        assert alice.bye() == 200
        bob.answer_bye()
        assert wait_no_channels(sb)
        alice.close()
        bob.close()
