"""Transactions on the wire (RFC 3261 17, RFC 6026): retransmitted requests absorbed, a
CANCEL held until the callee's first provisional response, the extra 2xx of a forked INVITE
ACKed and ended with BYE (with a scripted UA and with SIPp as the forked callee), and Timer F
giving up on a silent registrar."""

import re
import socket
import time
import uuid

from sip_helpers import free_port
from sip_phone import Phone, header, status_of
from test_calls import DIALPLAN, channel_count, configure, wait_no_channels


def respond_with_tag(phone, request, code, reason, tag, body=""):
    """A response to `request` from `phone` with To tag `tag` (a second fork's answer)."""
    head = request.split("\r\n\r\n", 1)[0].split("\r\n")
    lines = [f"SIP/2.0 {code} {reason}"]
    for line in head[1:]:
        name = line.split(":", 1)[0].strip().lower()
        if name in ("via", "from", "call-id", "cseq"):
            lines.append(line)
        elif name == "to":
            lines.append(line + ";tag=" + tag)
    lines.append(f"Contact: <sip:{phone.user}@{phone.local()}>")
    if body:
        lines += ["Content-Type: application/sdp", f"Content-Length: {len(body)}", "", body]
    else:
        lines += ["Content-Length: 0", "", ""]
    phone.send("\r\n".join(lines))


def registered(sb, port, *names):
    phones = [Phone(port, name, f"{name}-secret") for name in names]
    for phone in phones:
        assert phone.register() == 200
    return phones


def test_retransmitted_invite_is_absorbed(sb):
    port = free_port()
    configure(sb, port, DIALPLAN)
    sb.start()
    alice, = registered(sb, port, "alice")
    try:
        alice.dial("600")
        first = alice.final()
        assert status_of(first) == 200
        # The same INVITE again (same branch): the transaction answers it, no second call.
        alice.send(alice.invite_text("600", branch=alice.call["branch"]))
        time.sleep(0.5)
        assert channel_count(sb) == 1
        assert alice.bye() == 200
        assert wait_no_channels(sb)
    finally:
        alice.close()


def test_cancel_waits_for_the_first_provisional_response(sb):
    port = free_port()
    configure(sb, port, DIALPLAN)
    sb.start()
    alice, bob = registered(sb, port, "alice", "bob")
    try:
        alice.dial("bob")
        invite = bob.wait_request("INVITE")  # received; no 100 Trying yet
        assert status_of(alice.wait_response("INVITE", codes={100})) == 100
        assert status_of(alice.cancel()) == 200
        # RFC 3261 9.1: no CANCEL towards bob before he sent a provisional response.
        try:
            early = bob.wait_request("CANCEL", timeout=1.0)
        except TimeoutError:
            early = None
        assert early is None, early
        bob.respond(invite, 180, "Ringing", [f"Contact: <sip:bob@{bob.local()}>"])
        cancel = bob.wait_request("CANCEL", timeout=3.0)
        assert header(cancel, "Call-ID") == header(invite, "Call-ID")
        bob.respond(cancel, 200, "OK")
        bob.respond(invite, 487, "Request Terminated")
        bob.wait_request("ACK")
        assert status_of(alice.wait_response("INVITE", codes={487})) == 487
        assert wait_no_channels(sb)
    finally:
        alice.close()
        bob.close()


def test_second_2xx_of_a_forked_invite_is_acked_and_ended(sb):
    port = free_port()
    configure(sb, port, DIALPLAN)
    sb.start()
    alice, bob = registered(sb, port, "alice", "bob")
    try:
        alice.dial("bob")
        invite = bob.wait_invite()
        bob.incoming = invite
        bob.answer()  # the first fork: To tag "bobtag", ACKed
        assert status_of(alice.final()) == 200
        # A forking proxy in front of bob lets a second UA answer too.
        respond_with_tag(bob, invite, 200, "OK", "second-fork", bob.offer([0]))
        ack = bob.wait_for(lambda t: t.startswith("ACK ") and "tag=second-fork" in header(t, "To"))
        assert header(ack, "CSeq").endswith(" ACK")
        bye = bob.wait_for(lambda t: t.startswith("BYE ") and "tag=second-fork" in header(t, "To"))
        bob.respond(bye, 200, "OK")
        # The call on the first fork goes on.
        assert channel_count(sb) == 2
        assert alice.bye() == 200
        bob.answer_bye()
        assert wait_no_channels(sb)
    finally:
        alice.close()
        bob.close()


def test_timer_f_gives_up_on_a_silent_registrar(sb):
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    silent.settimeout(0.2)
    port = free_port()
    sb.write("pjsip.conf", f"""
        [system]
        type = system
        timer_t1 = 100

        [udp]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{port}

        [trunk]
        type = registration
        server_uri = sip:127.0.0.1:{silent.getsockname()[1]}
        client_uri = sip:user@127.0.0.1:{silent.getsockname()[1]}
        retry_interval = 60
        max_random_initial_delay = 0
        """)
    sb.start()
    try:
        copies, branches, first = 0, set(), None
        started = time.monotonic()
        while time.monotonic() - started < 15:
            try:
                data = silent.recv(65535).decode()
            except socket.timeout:
                if copies and time.monotonic() - last > 4.5:  # Timer E waits at most 3.2 s
                    break  # so the transaction has ended
                continue
            last = time.monotonic()
            first = first or last
            if data.startswith("REGISTER "):
                copies += 1
                branches.add(re.search(r"branch=([^;\s]+)", data).group(1))
        # Timer E retransmits after 100, 200, 400, 800, 1600 and 3200 ms (the last copy
        # 6.3 s after the first), then Timer F (64*T1 = 6.4 s) ends the transaction.
        assert len(branches) == 1 and copies == 7, copies
        assert 5.5 <= last - first <= 7.0, last - first
        deadline = time.time() + 5
        while "Rejected" not in sb.rx("pjsip show registrations").stdout:
            assert time.time() < deadline, sb.rx("pjsip show registrations").stdout
            time.sleep(0.2)
        detail = sb.rx("pjsip show registration trunk").stdout
        assert re.search(r" status_reason\s+: \S", detail), detail
    finally:
        silent.close()


def test_sipp_forked_callee_gets_both_2xx_acked_and_the_second_ended(sb):
    import subprocess
    from pathlib import Path

    port, callee_port = free_port(), free_port()
    configure(sb, port, DIALPLAN + "\n[internal]\nexten => 700,1,Dial(PJSIP/forked,10)\n")
    sb.append("pjsip.conf", f"""
        [forked]
        type = endpoint
        context = internal
        allow = ulaw
        aors = forked
        [forked]
        type = aor
        contact = sip:forked@127.0.0.1:{callee_port}
        """)
    callee = subprocess.Popen(
        ["sipp", "-sf", str(Path(__file__).with_name("scenarios") / "uas_two_200.xml"),
         "-p", str(callee_port), "-i", "127.0.0.1", "-m", "1", "-timeout", "30s",
         "-timeout_error", "-nostdin", "-trace_err"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    sb.start()
    alice, = registered(sb, port, "alice")
    try:
        alice.dial("700")
        assert status_of(alice.final()) == 200
        time.sleep(0.5)
        assert alice.bye() == 200
        # SIPp checked the two ACKs, the BYE of the second fork and then of the first.
        assert callee.wait(timeout=20) == 0, callee.stderr.read()
        assert wait_no_channels(sb)
    finally:
        if callee.poll() is None:
            callee.kill()
        alice.close()
