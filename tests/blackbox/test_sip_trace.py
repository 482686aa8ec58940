"""SIP message tracing and histories as Asterisk administrators know them: res_pjsip_logger's
`pjsip set logger` (host/add/subnet filters, verbose, pcap) and [global] debug, chan_sip's
`sip set debug peer` and per-call `sip set history` / `sip show history`, and
res_pjsip_history's `pjsip set history` / `pjsip show history`."""

import re
import socket
import struct
import time
import uuid

from sip_helpers import LOOPBACK_PEER, free_port, options_request
from sip_phone import Phone, status_of
from test_calls import DIALPLAN, configure as configure_calls, wait_no_channels


def wait_for(predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def configure(sb, extra=""):
    """A UDP transport, and loopback identified as an endpoint so OPTIONS get 200."""
    port = free_port()
    sb.write("pjsip.conf", f"[udp]\ntype = transport\nprotocol = udp\nbind = 127.0.0.1:{port}\n"
                           f"{extra}{LOOPBACK_PEER}")
    return port


def in_trace(sb, call_id):
    """True when a message of `call_id` was printed."""
    return f"\nCall-ID: {call_id}\n" in sb.output_text()


class Client:
    """A UDP socket on one loopback address that sends OPTIONS and keeps what went both ways."""

    def __init__(self, host):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((host, 0))
        self.sock.settimeout(5)
        self.address = self.sock.getsockname()

    def options(self, port, call_id):
        """Sends an OPTIONS (Call-ID `call_id`); returns (request, response) bytes."""
        local = f"{self.address[0]}:{self.address[1]}"
        request = options_request("127.0.0.1", port, local=local, call_id=call_id)
        self.sock.sendto(request, ("127.0.0.1", port))
        response, _ = self.sock.recvfrom(65535)
        return request, response

    def close(self):
        self.sock.close()


def traced(sb, call_id):
    """True once the answer to `call_id` was printed (so anything before it was too)."""
    def printed():
        blocks = sb.output_text().split("<--- ")
        return any(re.match(r"Transmitting SIP response \(\d+ bytes\) to UDP:127\.0\.0\.\d+:\d+ --->\n",
                            block) and f"\nCall-ID: {call_id}\n" in block for block in blocks)
    return wait_for(printed)


def test_logger_host_add_and_subnets_choose_whose_messages_are_printed(sb):
    port = configure(sb)
    sb.start()
    two, three, five = Client("127.0.0.2"), Client("127.0.0.3"), Client("127.0.0.5")
    try:
        out = sb.rx("pjsip set logger host 127.0.0.2")
        assert out.returncode == 0 and out.stdout == "PJSIP Logging Enabled for host: 127.0.0.2\n"
        three.options(port, "three-before-add")
        two.options(port, "two-on-host")
        assert traced(sb, "two-on-host")
        text = sb.output_text()
        assert not in_trace(sb, "three-before-add")
        assert f"<--- Received SIP request (" in text and "from UDP:127.0.0.2:" in text

        out = sb.rx("pjsip set logger add 127.0.0.3")
        assert out.stdout == "PJSIP Logging Enabled for host: 127.0.0.3\n"
        three.options(port, "three-after-add")
        assert traced(sb, "three-after-add")

        # A subnet replaces the list: 127.0.0.4/30 is .4 to .7.
        out = sb.rx("pjsip set logger host 127.0.0.4/30")
        assert out.stdout == "PJSIP Logging Enabled for host: 127.0.0.4/30\n"
        two.options(port, "two-outside-subnet")
        five.options(port, "five-in-subnet")
        assert traced(sb, "five-in-subnet")
        assert not in_trace(sb, "two-outside-subnet")

        out = sb.rx("pjsip set logger host pbx.example.com")
        assert out.returncode == 1
        assert out.stdout == "Failed to add address 'pbx.example.com' for logging\n"

        # A method filter alone logs that method from anyone.
        assert sb.rx("pjsip set logger off").stdout == "PJSIP Logging disabled\n"
        out = sb.rx("pjsip set logger method OPTIONS")
        assert out.stdout == "PJSIP Logging Enabled for SIP Methods: OPTIONS\n"
        out = sb.rx("pjsip set logger methodadd INVITE")
        assert out.stdout == "PJSIP Logging Enabled for SIP Methods: INVITE, OPTIONS\n"
        assert sb.rx("pjsip set logger methodadd invite").stdout == \
            "Method 'invite' is already enabled\n"
        two.options(port, "two-by-method")
        assert traced(sb, "two-by-method")
        assert sb.rx("pjsip set logger off").stdout == "PJSIP Logging disabled\n"
    finally:
        for client in (two, three, five):
            client.close()


def read_pcap(path):
    """(global header fields, [(ts, frame bytes)]) of a classic pcap file."""
    data = path.read_bytes()
    header = struct.unpack("=IHHiIII", data[:24])
    records, offset = [], 24
    while offset < len(data):
        sec, usec, incl, orig = struct.unpack("=IIII", data[offset:offset + 16])
        assert incl == orig
        records.append((sec + usec / 1e6, data[offset + 16:offset + 16 + incl]))
        offset += 16 + incl
    assert offset == len(data)
    return header, records


def udp_of(frame):
    """(source ip, source port, destination ip, destination port, payload) of an
    Ethernet/IPv4/UDP frame, checking the headers on the way."""
    assert frame[12:14] == b"\x08\x00"
    ip = frame[14:34]
    version_ihl, _, total, _, _, ttl, protocol, _ = struct.unpack("!BBHHHBBH", ip[:12])
    assert version_ihl == 0x45 and protocol == 17 and ttl == 128
    assert total == len(frame) - 14
    # The IPv4 header checksum verifies.
    words = struct.unpack("!10H", ip)
    total_sum = sum(words)
    while total_sum >> 16:
        total_sum = (total_sum & 0xFFFF) + (total_sum >> 16)
    assert total_sum == 0xFFFF
    src, dst = socket.inet_ntoa(ip[12:16]), socket.inet_ntoa(ip[16:20])
    sport, dport, length, _ = struct.unpack("!HHHH", frame[34:42])
    assert length == len(frame) - 34
    return src, sport, dst, dport, frame[42:]


def test_logger_writes_a_pcap_file_and_verbose_off_keeps_the_console_quiet(sb, tmp_path):
    port = configure(sb)
    sb.start()
    pcap = tmp_path / "trace.pcap"
    client = Client("127.0.0.2")
    try:
        assert sb.rx("pjsip set logger on").stdout == "PJSIP Logging enabled\n"
        out = sb.rx("pjsip set logger verbose off")
        assert out.stdout == "PJSIP Logging to verbose has been disabled\n"
        out = sb.rx(f"pjsip set logger pcap {pcap}")
        assert out.stdout == f"PJSIP logging to pcap file '{pcap}'\n"
        exchanged = [client.options(port, f"pcap-{i}") for i in range(3)]
        # Switching off closes (and so flushes) the file.
        assert sb.rx("pjsip set logger off").stdout == "PJSIP Logging disabled\n"
    finally:
        client.close()
    assert not in_trace(sb, "pcap-0")

    (magic, major, minor, zone, sigfigs, snaplen, linktype), records = read_pcap(pcap)
    assert (magic, major, minor, zone, sigfigs, snaplen, linktype) == \
        (0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)
    assert len(records) == 2 * len(exchanged)
    server = ("127.0.0.1", port)
    for index, (request, response) in enumerate(exchanged):
        src, sport, dst, dport, payload = udp_of(records[2 * index][1])
        assert (src, sport) == client.address and (dst, dport) == server
        assert payload == request
        src, sport, dst, dport, payload = udp_of(records[2 * index + 1][1])
        assert (src, sport) == server and (dst, dport) == client.address
        assert payload == response
    assert abs(records[0][0] - time.time()) < 60

    out = sb.rx("pjsip set logger pcap /nonexistent-dir/trace.pcap")
    assert out.stdout == "Failed to open file '/nonexistent-dir/trace.pcap' for pcap writing\n"

    # `off` put verbose output back on.
    assert sb.rx("pjsip set logger on").returncode == 0
    client = Client("127.0.0.2")
    try:
        client.options(port, "after-off")
        assert traced(sb, "after-off")
    finally:
        client.close()


def test_global_debug_traces_from_start_and_follows_reloads(sb):
    port = configure(sb, "[global]\ntype = global\ndebug = yes\n")
    sb.start()
    client = Client("127.0.0.2")
    try:
        client.options(port, "debug-from-start")
        assert traced(sb, "debug-from-start")

        sb.write("pjsip.conf", (sb.etc / "pjsip.conf").read_text().replace("debug = yes",
                                                                        "debug = 127.0.0.3"))
        assert sb.rx("module reload res_pjsip.so").returncode == 0
        client.options(port, "debug-not-this-host")
        three = Client("127.0.0.3")
        try:
            three.options(port, "debug-this-host")
            assert traced(sb, "debug-this-host")
        finally:
            three.close()
        assert not in_trace(sb, "debug-not-this-host")

        sb.write("pjsip.conf", (sb.etc / "pjsip.conf").read_text().replace("debug = 127.0.0.3",
                                                                        "debug = no"))
        assert sb.rx("module reload res_pjsip.so").returncode == 0
        client.options(port, "debug-off")
        time.sleep(0.5)
        assert not in_trace(sb, "debug-off")
    finally:
        client.close()


def test_sip_set_debug_peer_watches_the_peers_address(sb):
    port = free_port()
    configure_calls(sb, port, DIALPLAN)
    sb.append("pjsip.conf", """
        [trunk]
        type = endpoint
        aors = trunk
        [trunk]
        type = aor
        contact = sip:trunk@127.0.0.3:5060
        """)
    sb.start()
    alice = Phone(port, "alice", "alice-secret", bind_host="127.0.0.2")
    others = Client("127.0.0.4")
    try:
        assert alice.register() == 200
        out = sb.rx("sip set debug peer alice")
        assert out.returncode == 0 and out.stdout == "SIP Debugging Enabled for IP: 127.0.0.2\n"
        others.options(port, "peer-other-address")
        assert alice.register() == 200
        assert wait_for(lambda: "Received SIP request" in sb.output_text() and
                        "from UDP:127.0.0.2:" in sb.output_text())
        assert wait_for(lambda: "SIP/2.0 200 OK" in sb.output_text())
        assert not in_trace(sb, "peer-other-address")

        # Without a registration, the host of the AOR's static contact.
        out = sb.rx("sip set debug peer trunk")
        assert out.stdout == "SIP Debugging Enabled for IP: 127.0.0.3\n"
        out = sb.rx("sip set debug peer bob")  # bob has neither
        assert out.returncode == 1 and out.stdout == "Unable to get IP address of peer 'bob'\n"
        out = sb.rx("sip set debug ip 127.0.0.4:5060")
        assert out.stdout == "SIP Debugging Enabled for IP: 127.0.0.4\n"
        others.options(port, "ip-watched")
        assert traced(sb, "ip-watched")
        out = sb.rx("sip set debug peer nobody")
        assert out.returncode == 1 and out.stdout == "No such peer 'nobody'\n"
        assert sb.rx("sip set debug off").stdout == "SIP Debugging Disabled\n"
    finally:
        alice.close()
        others.close()


def test_sip_show_history_lists_a_calls_ladder(sb):
    port = free_port()
    configure_calls(sb, port, DIALPLAN)
    sb.start()
    out = sb.rx("sip set history on")
    assert out.stdout == "SIP History Recording Enabled (use 'sip show history')\n"
    alice = Phone(port, "alice", "alice-secret")
    try:
        alice.dial("600")
        assert status_of(alice.final()) == 200
        assert alice.bye() == 200
        assert wait_no_channels(sb)
    finally:
        alice.close()
    call_id = alice.call["call_id"]
    uri = f"sip:600@127.0.0.1:{port}"

    def ladder(text):
        assert text.startswith("\n  * SIP Call\n"), text
        lines = text.splitlines()[2:]
        for number, line in enumerate(lines, 1):
            assert line.startswith(f"{number}. "), text
        return [line.split(". ", 1)[1] for line in lines]

    assert wait_for(lambda: any(e.startswith("Hangup")
                                for e in ladder(sb.rx(f"sip show history {call_id}").stdout)))
    events = ladder(sb.rx(f"sip show history {call_id[:6].upper()}").stdout)
    expected_in_order = [
        f"Rx              INVITE / 1 INVITE / {uri}",
        "TxRespRel       SIP/2.0 / 1 INVITE - 401 Unauthorized",
        f"Rx              ACK / 1 ACK / {uri}",
        f"Rx              INVITE / 2 INVITE / {uri}",
        "TxResp          SIP/2.0 / 2 INVITE - 100 Trying",
        "NewChan         Channel PJSIP/alice-",
        "TxRespRel       SIP/2.0 / 2 INVITE - 200 OK",
        "Rx              ACK / 2 ACK / ",
        "Rx              BYE / 3 BYE / ",
        "TxResp          SIP/2.0 / 3 BYE - 200 OK",
        "Hangup          Cause Normal Clearing",
    ]
    position = 0
    for wanted in expected_in_order:
        while position < len(events) and not events[position].startswith(wanted):
            position += 1
        assert position < len(events), f"{wanted!r} missing or out of order in {events}"
    assert all(len(event) <= 79 for event in events)

    assert sb.rx("sip show history nosuchcall").stdout == \
        "No such SIP Call ID starting with 'nosuchcall'\n"

    assert sb.rx("sip set history off").stdout == "SIP History Recording Disabled\n"
    out = sb.rx(f"sip show history {call_id}").stdout
    note = "\n***Note: History recording is currently DISABLED.  Use 'sip set history on' to ENABLE.\n"
    assert out.startswith(note)
    assert ladder(out[len(note):]) == events


def test_sip_show_history_of_a_call_we_place(sb):
    port = free_port()
    configure_calls(sb, port, DIALPLAN)
    sb.start()
    assert sb.rx("sip set history on").returncode == 0
    bob = Phone(port, "bob", "bob-secret")
    alice = Phone(port, "alice", "alice-secret")
    try:
        assert bob.register() == 200
        alice.dial("bob")
        invite = bob.wait_invite()
        bob.answer()
        assert status_of(alice.final()) == 200
        assert alice.bye() == 200
        bob.answer_bye()
        assert wait_no_channels(sb)
    finally:
        alice.close()
        bob.close()
    bob_call = re.search(r"(?im)^Call-ID:\s*(\S+)", invite).group(1)
    assert wait_for(lambda: "Hangup" in sb.rx(f"sip show history {bob_call}").stdout)
    out = sb.rx(f"sip show history {bob_call}").stdout
    assert out.startswith("\n  * SIP Call\n")
    new_channel = re.search(r"\n1\. (NewChan         Channel (PJSIP/bob-[0-9a-f]{8}) - from .*)\n",
                            out)
    # chan_sip's 80-byte buffer cuts the line (and here the Call-ID) at 79 characters.
    assert new_channel.group(1) == \
        f"NewChan         Channel {new_channel.group(2)} - from {bob_call}"[:79], out
    assert re.search(r"\n2\. TxReqRel        INVITE / (\d+) INVITE - INVITE\n", out), out
    assert re.search(r"\. Rx              SIP/2\.0 / \d+ INVITE / 200 OK\n", out), out
    assert re.search(r"\. TxReq           ACK / \d+ ACK - ACK\n", out), out
    assert re.search(r"\. TxReqRel        BYE / \d+ BYE - BYE\n", out), out
    assert re.search(r"\. Hangup          Cause Normal Clearing\n", out), out


def test_sip_history_is_not_recorded_while_off(sb):
    port = free_port()
    configure_calls(sb, port, DIALPLAN)
    sb.start()
    alice = Phone(port, "alice", "alice-secret")
    try:
        alice.dial("600")
        assert status_of(alice.final()) == 200
        # A live call recorded nothing: chan_sip's words for a dialog without history.
        out = sb.rx(f"sip show history {alice.call['call_id']}").stdout
        assert out == ("\n***Note: History recording is currently DISABLED.  Use 'sip set history "
                       "on' to ENABLE.\n\n  * SIP Call\n"
                       f"Call '{alice.call['call_id']}' has no history\n")
        assert alice.bye() == 200
        assert wait_no_channels(sb)
    finally:
        alice.close()


HISTORY_HEADER = ("No.   Timestamp  (Dir) Address                  SIP Message                        \n"
                  "===== ========== ============================== ===================================\n")


def test_pjsip_history_captures_lists_shows_and_filters(sb):
    port = configure(sb)
    sb.start()
    assert sb.rx("pjsip set history on").stdout == "PJSIP History enabled\n"
    client = Client("127.0.0.2")
    try:
        first = client.options(port, "hist-one")
        client.options(port, "hist-two")
    finally:
        client.close()
    peer = f"127.0.0.2:{client.address[1]}"

    out = sb.rx("pjsip show history").stdout
    assert out.startswith(HISTORY_HEADER)
    rows = out[len(HISTORY_HEADER):].splitlines()
    assert len(rows) == 4
    request_row = re.compile(r"^(\d{5}) (\d{10}) \* <== " + re.escape(f"{peer:<24}") +
                             re.escape(f" OPTIONS sip:server@127.0.0.1:{port} SIP/2.0") + "$")
    response_row = re.compile(r"^(\d{5}) (\d{10}) \* ==> " + re.escape(f"{peer:<24}") +
                              r" SIP/2\.0 \d{3} .+$")
    assert request_row.match(rows[0]) and request_row.match(rows[0]).group(1) == "00000"
    assert response_row.match(rows[1]) and rows[1].startswith("00001 ")
    assert request_row.match(rows[2]) and response_row.match(rows[3])
    timestamp = request_row.match(rows[0]).group(2)
    assert abs(int(timestamp) - time.time()) < 60

    out = sb.rx("pjsip show history entry 1").stdout
    assert out.startswith(f"<--- History Entry 1 Sent to {peer} at ")
    # (-rx output is read as text: CRLF comes back as LF)
    assert out.split(" --->\n", 1)[1] == first[1].decode().replace("\r\n", "\n") + "\n"
    out = sb.rx("pjsip show history entry 0").stdout
    assert out == f"<--- History Entry 0 Received from {peer} at {timestamp} --->\n" + \
        first[0].decode().replace("\r\n", "\n") + "\n"
    out = sb.rx("pjsip show history entry 99")
    assert out.returncode == 1 and out.stdout == "Entry '99' does not exist\n"
    out = sb.rx("pjsip show history entry x")
    assert out.returncode == 1 and out.stdout == "'x' is not a valid entry number\n"

    # Two entries match: a list; one entry: shown in full, as res_pjsip_history does.
    out = sb.rx("pjsip show history where sip.msg.call-id = hist-two").stdout
    assert out.startswith(HISTORY_HEADER) and len(out.splitlines()) == 4
    assert out.splitlines()[2].startswith("00002 ") and out.splitlines()[3].startswith("00003 ")
    out = sb.rx("pjsip show history where sip.msg.request.method = OPTIONS and "
                "sip.msg.call-id like ^hist-o").stdout
    assert out.startswith("<--- History Entry 0 Received from ")
    out = sb.rx(f'pjsip show history where number >= 1 and ( addr = "{peer}" or '
                'addr = 10.0.0.1 )').stdout
    assert [line[:5] for line in out.splitlines()[2:]] == ["00001", "00002", "00003"]
    out = sb.rx("pjsip show history where sip.msg.call-id != hist-two and number != 0").stdout
    assert out.startswith("<--- History Entry 1 Sent to ")
    out = sb.rx("pjsip show history where color = red")
    assert out.returncode == 1 and out.stdout == "Unknown or unrecognized field: color\n"

    assert sb.rx("pjsip set history off").stdout == "PJSIP History disabled\n"
    client = Client("127.0.0.2")
    try:
        client.options(port, "hist-three")
    finally:
        client.close()
    assert len(sb.rx("pjsip show history").stdout.splitlines()) == 6  # kept, not grown

    assert sb.rx("pjsip set history clear").stdout == "PJSIP History cleared\n"
    assert sb.rx("pjsip show history").stdout == HISTORY_HEADER
