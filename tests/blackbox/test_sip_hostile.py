"""Hostile input on the SIP transports: the server keeps answering OPTIONS afterwards."""

import socket
import time

from sip_helpers import LOOPBACK_PEER, free_port, options_request, udp_exchange


def configure(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    sb.write(
        "pjsip.conf",
        f"""
        [udp4]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{port4}
        [tcp4]
        type = transport
        protocol = tcp
        bind = 127.0.0.1:{port4}
        [tcp6]
        type = transport
        protocol = tcp
        bind = [::1]:{port6}
        """,
    )
    sb.append("pjsip.conf", LOOPBACK_PEER)
    return port4, port6


def still_answers(port4, port6):
    assert udp_exchange("127.0.0.1", port4, options_request("127.0.0.1", port4)).startswith(b"SIP/2.0 200 OK")
    with socket.create_connection(("::1", port6), timeout=5) as conn:
        conn.sendall(options_request("[::1]", port6, local="[::1]:5999", transport="TCP"))
        assert conn.recv(65535).startswith(b"SIP/2.0 200 OK")


def test_oversized_and_binary_datagrams(sb):
    port4, port6 = configure(sb)
    sb.start()
    huge_header = b"X-Big: " + b"a" * 65000 + b"\r\n"
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(2)
        sock.sendto(options_request("127.0.0.1", port4, extra=huge_header.decode()), ("127.0.0.1", port4))
        try:
            reply = sock.recv(65535)
            assert reply.startswith(b"SIP/2.0 4"), reply[:100]
        except socket.timeout:
            pass  # dropping an oversized datagram is fine too
        for size in (1, 7, 100, 1400, 60000):
            sock.sendto(bytes((i * 37) % 256 for i in range(size)), ("127.0.0.1", port4))
    still_answers(port4, port6)


def test_wrong_content_length_and_huge_headers_over_tcp(sb):
    port4, port6 = configure(sb)
    sb.start()
    # A Content-Length larger than the body: the connection waits for bytes that never come.
    waiting = socket.create_connection(("127.0.0.1", port4), timeout=5)
    waiting.sendall(options_request("127.0.0.1", port4, transport="TCP").replace(b"Content-Length: 0",
                                                                                   b"Content-Length: 900"))
    # 64 KiB of headers: the framer refuses and closes that connection.
    big = socket.create_connection(("127.0.0.1", port4), timeout=5)
    big.sendall(b"OPTIONS sip:x@127.0.0.1 SIP/2.0\r\n" + b"X-Pad: " + b"b" * 70000 + b"\r\n")
    big.settimeout(5)
    try:
        data = big.recv(65535)
        while data:
            data = big.recv(65535)
    except (ConnectionResetError, socket.timeout):
        pass
    big.close()
    still_answers(port4, port6)
    waiting.close()


def test_one_byte_per_interval_client_does_not_block_others(sb):
    port4, port6 = configure(sb)
    sb.start()
    slow = socket.create_connection(("127.0.0.1", port4), timeout=5)
    request = options_request("127.0.0.1", port4, transport="TCP", call_id="slow")
    for byte in request[:20]:
        slow.send(bytes([byte]))
        time.sleep(0.02)
        # Everyone else is served meanwhile.
    still_answers(port4, port6)
    slow.sendall(request[20:])
    assert slow.recv(65535).startswith(b"SIP/2.0 200 OK")
    slow.close()


def test_a_thousand_abandoned_tcp_connections(sb):
    port4, port6 = configure(sb)
    sb.start()
    sockets = []
    for _ in range(1000):
        try:
            sockets.append(socket.create_connection(("127.0.0.1", port4), timeout=5))
        except OSError:
            pass  # refused beyond the per-source limit: that is the point
    still_answers(port4, port6)
    for sock in sockets:
        sock.close()
    still_answers(port4, port6)
