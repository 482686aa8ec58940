"""Helpers for tests that speak SIP to the server: free ports, SIPp runs, raw sockets."""

import socket
import subprocess
import pathlib

SCENARIOS = pathlib.Path(__file__).parent / "scenarios"


def free_port(family=socket.AF_INET) -> int:
    """A port free for both UDP and TCP on loopback (asked of the kernel, then released)."""
    host = "127.0.0.1" if family == socket.AF_INET else "::1"
    for _ in range(50):
        with socket.socket(family, socket.SOCK_DGRAM) as udp:
            udp.bind((host, 0))
            port = udp.getsockname()[1]
            with socket.socket(family, socket.SOCK_STREAM) as tcp:
                try:
                    tcp.bind((host, port))
                except OSError:
                    continue
                return port
    raise RuntimeError("no free port")


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


def options_request(host: str, port: int, local: str = "127.0.0.1:5999", transport="UDP", call_id="t-1",
                    extra: str = "") -> bytes:
    return (
        f"OPTIONS sip:server@{host}:{port} SIP/2.0\r\n"
        f"Via: SIP/2.0/{transport} {local};branch=z9hG4bK-{call_id};rport\r\n"
        f"From: <sip:t@{local}>;tag=1\r\nTo: <sip:server@{host}:{port}>\r\n"
        f"Call-ID: {call_id}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n{extra}Content-Length: 0\r\n\r\n"
    ).encode()
