"""The bounds on peers are configurable in pjsip.conf's [system] section: message size,
connections per source, time to the first message; a reload changes them for new
connections without touching established ones."""

import socket
import time

from sip_helpers import LOOPBACK_PEER, free_port, options_request, udp_exchange


def configure(sb, per_source, first_message_ms=32000, max_message_size=65535):
    port = free_port()
    sb.write("pjsip.conf", f"""
        [system]
        type = system
        stream_max_connections_per_source = {per_source}
        stream_first_message_timeout = {first_message_ms}
        max_message_size = {max_message_size}

        [udp]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{port}
        [tcp]
        type = transport
        protocol = tcp
        bind = 127.0.0.1:{port}
        """)
    sb.append("pjsip.conf", LOOPBACK_PEER)
    return port


def answers(conn, port, call_id):
    conn.sendall(options_request("127.0.0.1", port, transport="TCP", call_id=call_id))
    return conn.recv(65535).startswith(b"SIP/2.0 200 OK")


def closed_by_server(conn, within=5.0):
    """True when the server closes `conn` (EOF or reset) within `within` seconds."""
    conn.settimeout(within)
    try:
        return conn.recv(1) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


def test_connections_per_source_limit_and_its_reload(sb):
    port = configure(sb, per_source=2)
    sb.start()
    first = socket.create_connection(("127.0.0.1", port), timeout=5)
    second = socket.create_connection(("127.0.0.1", port), timeout=5)
    assert answers(first, port, "lim-1") and answers(second, port, "lim-2")
    third = socket.create_connection(("127.0.0.1", port), timeout=5)
    assert closed_by_server(third)
    third.close()

    # Raised by a reload: new connections get the new bound, the old ones stay up.
    sb.write("pjsip.conf", sb.root.joinpath("etc", "pjsip.conf").read_text().replace(
        "stream_max_connections_per_source = 2", "stream_max_connections_per_source = 3"))
    assert sb.rx("module reload res_pjsip.so").returncode == 0
    third = socket.create_connection(("127.0.0.1", port), timeout=5)
    assert answers(third, port, "lim-3")
    assert answers(first, port, "lim-4") and answers(second, port, "lim-5")
    for conn in (first, second, third):
        conn.close()


def test_first_message_timeout(sb):
    port = configure(sb, per_source=64, first_message_ms=500)
    sb.start()
    silent = socket.create_connection(("127.0.0.1", port), timeout=5)
    started = time.monotonic()
    assert closed_by_server(silent, within=10)
    assert time.monotonic() - started < 5  # the default would keep it 32 s
    silent.close()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as talking:
        assert answers(talking, port, "fm-1")


def test_max_message_size(sb):
    port = configure(sb, per_source=64, max_message_size=2000)
    sb.start()
    padding = "X-Pad: " + "a" * 2500 + "\r\n"
    big = options_request("127.0.0.1", port, extra=padding)
    assert udp_exchange("127.0.0.1", port, big).startswith(b"SIP/2.0 513 ")
    assert udp_exchange("127.0.0.1", port, options_request("127.0.0.1", port)).startswith(
        b"SIP/2.0 200 OK")
