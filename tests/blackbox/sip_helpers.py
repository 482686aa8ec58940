"""Helpers for tests that speak SIP to the server: free ports, SIPp runs, raw sockets."""

import random
import socket
import subprocess
import pathlib

SCENARIOS = pathlib.Path(__file__).parent / "scenarios"

# Requests from nobody are challenged (as Asterisk does); tests that only want a transport to
# answer identify loopback as an endpoint without auth.
LOOPBACK_PEER = """
[loopback]
type = endpoint
[loopback]
type = identify
endpoint = loopback
match = 127.0.0.0/8,::1
"""


# Ports are drawn below the kernel's ephemeral range (32768 and up on Linux), which clients'
# connect() and bind(0) draw from, and never twice in one test: a port handed out and not yet
# bound by the server cannot be given to another listener of the same test. (Two listeners on
# one port made a TLS client talk to the plain TCP transport and time out.)
_PORT_RANGE = (20000, 32767)
_handed_out: set = set()
_port_random = random.Random()


def free_port(family=socket.AF_INET, span: int = 1) -> int:
    """A port free for both UDP and TCP on loopback, not handed out before in this test; with
    span > 1 the whole block port..port+span-1 is kept from later calls (an RTP range)."""
    host = "127.0.0.1" if family == socket.AF_INET else "::1"
    for _ in range(500):
        port = _port_random.randint(_PORT_RANGE[0], _PORT_RANGE[1] - span + 1)
        block = range(port, port + span)
        if any(p in _handed_out for p in block):
            continue
        try:
            for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
                with socket.socket(family, kind) as probe:
                    probe.bind((host, port))
        except OSError:
            continue
        _handed_out.update(block)
        return port
    raise RuntimeError("no free port")


def free_rtp_range(size: int) -> int:
    """The even first port of a free block for rtpstart..rtpstart+size (rtp.conf)."""
    return (free_port(span=size + 2) + 1) & ~1


def forget_handed_out_ports():
    """Called between tests: the previous test's servers are gone, their ports free again."""
    _handed_out.clear()


def sipp(scenario: str, target: str, local_ip: str, transport: str = "u1", calls: int = 1, timeout=30):
    """Runs SIPp as a client; returns the CompletedProcess (exit 0 when every call passed)."""
    return subprocess.run(
        ["sipp", "-sf", str(SCENARIOS / scenario), "-m", str(calls), "-t", transport, "-i", local_ip,
         "-timeout", f"{timeout}s", "-timeout_error", "-nostdin", "-trace_err", target],
        capture_output=True,
        text=True,
        timeout=timeout + 15,
        stdin=subprocess.DEVNULL,
    )


def udp_exchange(host: str, port: int, payload: bytes, family=socket.AF_INET, timeout=5.0) -> bytes:
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        sock.sendto(payload, (host, port))
        return sock.recv(65535)


def options_request(host: str, port: int, local: str = "127.0.0.1:5999", transport="UDP", call_id=None,
                    extra: str = "") -> bytes:
    """An OPTIONS request; each call gets its own Call-ID and branch unless call_id is given
    (a repeated branch is a retransmission, which the server answers on the first flow)."""
    if call_id is None:
        import uuid
        call_id = uuid.uuid4().hex[:12]
    return (
        f"OPTIONS sip:server@{host}:{port} SIP/2.0\r\n"
        f"Via: SIP/2.0/{transport} {local};branch=z9hG4bK-{call_id};rport\r\n"
        f"From: <sip:t@{local}>;tag=1\r\nTo: <sip:server@{host}:{port}>\r\n"
        f"Call-ID: {call_id}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n{extra}Content-Length: 0\r\n\r\n"
    ).encode()


def websocket_exchange(host: str, port: int, payload: bytes, path="/ws", protocol="sip", tls=False,
                       timeout=5.0):
    """A minimal RFC 6455 client: upgrade, send one masked text frame, return
    (status line, response headers, first message received or None)."""
    import base64
    import os
    import ssl

    raw = socket.create_connection((host, port), timeout=timeout)
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        raw = context.wrap_socket(raw)
    key = base64.b64encode(os.urandom(16)).decode()
    request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n")
    if protocol:
        request += f"Sec-WebSocket-Protocol: {protocol}\r\n"
    raw.sendall((request + "\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = raw.recv(4096)
        if not chunk:
            break
        head += chunk
    header_text, _, rest = head.partition(b"\r\n\r\n")
    lines = header_text.decode(errors="replace").split("\r\n")
    headers = {line.split(":", 1)[0].lower(): line.split(":", 1)[1].strip() for line in lines[1:] if ":" in line}
    if not lines[0].startswith("HTTP/1.1 101"):
        raw.close()
        return lines[0], headers, None
    mask = os.urandom(4)
    frame = bytes([0x81])
    length = len(payload)
    if length < 126:
        frame += bytes([0x80 | length])
    elif length < 65536:
        frame += bytes([0x80 | 126]) + length.to_bytes(2, "big")
    else:
        frame += bytes([0x80 | 127]) + length.to_bytes(8, "big")
    frame += mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    raw.sendall(frame)
    data = rest
    while len(data) < 2:
        data += raw.recv(65536)
    size = data[1] & 0x7F
    offset = 2
    if size == 126:
        while len(data) < 4:
            data += raw.recv(65536)
        size = int.from_bytes(data[2:4], "big")
        offset = 4
    while len(data) < offset + size:
        data += raw.recv(65536)
    raw.close()
    return lines[0], headers, data[offset:offset + size]
