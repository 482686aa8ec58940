"""OPTIONS answered over UDP and TCP on IPv4 and IPv6, by SIPp and by hand, and transports
that follow reloads without disturbing the others."""

import socket
import time

from sip_helpers import LOOPBACK_PEER, free_port, options_request, sipp, udp_exchange


def configure(sb, port4, port6, extra=""):
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

        [udp6]
        type = transport
        protocol = udp
        bind = [::1]:{port6}

        [tcp6]
        type = transport
        protocol = tcp
        bind = [::1]:{port6}
        {extra}
        """,
    )
    sb.append("pjsip.conf", LOOPBACK_PEER)


def test_sipp_options_over_udp_and_tcp_on_both_families(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.start()
    for target, local, transport in (
        (f"127.0.0.1:{port4}", "127.0.0.1", "u1"),
        (f"127.0.0.1:{port4}", "127.0.0.1", "t1"),
        (f"[::1]:{port6}", "::1", "u1"),
        (f"[::1]:{port6}", "::1", "t1"),
    ):
        result = sipp("options.xml", target, local, transport, calls=5)
        assert result.returncode == 0, (target, transport, result.stdout[-2000:], result.stderr[-2000:])


def test_replies_carry_capabilities_and_the_configured_user_agent(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6, "\n[global]\ntype = global\nuser_agent = TestPBX 1.0\n")
    sb.start()
    reply = udp_exchange("127.0.0.1", port4, options_request("127.0.0.1", port4)).decode()
    assert reply.startswith("SIP/2.0 200 OK\r\n")
    # The registrar handles REGISTER, chan_pjsip INVITE and the requests of its dialogs.
    assert "\r\nAllow: OPTIONS, REGISTER, INVITE, ACK, BYE, CANCEL, UPDATE, INFO, REFER\r\n" in reply
    assert "\r\nAccept: application/sdp\r\n" in reply
    assert "\r\nServer: TestPBX 1.0\r\n" in reply
    assert ";received=127.0.0.1" in reply and ";rport=" in reply


def test_bad_requests_get_a_reason_and_the_server_keeps_answering(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.start()
    no_callid = options_request("127.0.0.1", port4, call_id="t-1").replace(b"Call-ID: t-1\r\n", b"")
    reply = udp_exchange("127.0.0.1", port4, no_callid).decode()
    assert reply.startswith("SIP/2.0 400 ") and "Call-ID" in reply.splitlines()[0]
    unknown = options_request("127.0.0.1", port4).replace(b"OPTIONS sip", b"FROB sip").replace(b"1 OPTIONS", b"1 FROB")
    assert udp_exchange("127.0.0.1", port4, unknown).startswith(b"SIP/2.0 501 Not Implemented\r\n")
    # Garbage and a truncated datagram get no answer but do no harm.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.sendto(b"\x00\xff" * 500, ("127.0.0.1", port4))
        sock.sendto(options_request("127.0.0.1", port4)[:40], ("127.0.0.1", port4))
    assert udp_exchange("127.0.0.1", port4, options_request("127.0.0.1", port4)).startswith(b"SIP/2.0 200 OK")


def test_transport_added_and_removed_by_reload_while_a_tcp_connection_stays_up(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.start()
    conn = socket.create_connection(("127.0.0.1", port4), timeout=5)
    conn.sendall(options_request("127.0.0.1", port4, transport="TCP", call_id="keep-1"))
    assert conn.recv(65535).startswith(b"SIP/2.0 200 OK")

    extra_port = free_port()
    configure(sb, port4, port6, f"\n[udp-extra]\ntype = transport\nprotocol = udp\nbind = 127.0.0.1:{extra_port}\n")
    assert sb.rx("module reload res_pjsip").returncode == 0
    assert udp_exchange("127.0.0.1", extra_port, options_request("127.0.0.1", extra_port)).startswith(b"SIP/2.0 200")
    assert "udp-extra" in sb.rx("pjsip show transports").stdout

    configure(sb, port4, port6)  # and remove it again
    assert sb.rx("module reload res_pjsip").returncode == 0
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(0.5)
        sock.sendto(options_request("127.0.0.1", extra_port), ("127.0.0.1", extra_port))
        try:
            sock.recv(65535)
            raise AssertionError("the removed transport still answers")
        except (socket.timeout, ConnectionRefusedError):
            pass

    # The TCP connection opened before both reloads still works.
    conn.sendall(options_request("127.0.0.1", port4, transport="TCP", call_id="keep-2"))
    assert conn.recv(65535).startswith(b"SIP/2.0 200 OK")
    assert "127.0.0.1" in sb.rx("sip show tcp").stdout
    conn.close()


def test_pjsip_logger_prints_messages_with_addresses(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.start()
    assert sb.rx("pjsip set logger on").stdout.strip() == "PJSIP Logging enabled"
    udp_exchange("127.0.0.1", port4, options_request("127.0.0.1", port4, call_id="traced"))
    deadline = time.monotonic() + 10
    while "Transmitting SIP response" not in sb.output_text():
        assert time.monotonic() < deadline, sb.output_text()
        time.sleep(0.05)
    out = sb.output_text()
    assert "<--- Received SIP request (" in out and "from UDP:127.0.0.1:" in out
    assert "Call-ID: traced" in out
    assert sb.rx("pjsip set logger off").stdout.strip() == "PJSIP Logging disabled"


def test_tls_transport_with_a_self_signed_certificate_made_on_first_start(sb):
    import ssl

    port = free_port()
    sb.write("pjsip.conf", f"[tls]\ntype = transport\nprotocol = tls\nbind = 127.0.0.1:{port}\n")
    sb.append("pjsip.conf", LOOPBACK_PEER)
    sb.start()
    cert = sb.root / "var" / "lib" / "keys" / "tls.crt"
    assert cert.exists() and (sb.root / "var" / "lib" / "keys" / "tls.key").stat().st_mode & 0o077 == 0
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.load_verify_locations(cafile=str(cert))  # the generated certificate is its own CA
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with context.wrap_socket(raw) as tls:
            tls.sendall(options_request("127.0.0.1", port, transport="TLS", call_id="tls-1"))
            reply = tls.recv(65535)
    assert reply.startswith(b"SIP/2.0 200 OK\r\n"), reply
    assert b"Via: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bK-tls-1;rport=" in reply
    listing = sb.rx("pjsip show transports").stdout
    assert "tls" in listing
    # A restart reuses the same certificate rather than making a new one.
    first = cert.read_bytes()
    assert sb.rx("core stop now").returncode == 0
    sb.wait_exit()
    sb.output.close()
    sb.start()
    assert cert.read_bytes() == first


def test_websocket_and_secure_websocket_carry_sip(sb):
    from sip_helpers import websocket_exchange

    http_port, https_port = free_port(), free_port()
    sb.write("pjsip.conf", "[transport-ws]\ntype = transport\nprotocol = ws\nbind = 0.0.0.0\n"
                           "[transport-wss]\ntype = transport\nprotocol = wss\nbind = 0.0.0.0\n")
    sb.append("pjsip.conf", LOOPBACK_PEER)
    sb.write("http.conf", f"[general]\nenabled = yes\nbindaddr = 127.0.0.1\nbindport = {http_port}\n"
                          f"tlsenable = yes\ntlsbindaddr = 127.0.0.1:{https_port}\n")
    sb.start()
    for port, tls, transport in ((http_port, False, "WS"), (https_port, True, "WSS")):
        status, headers, reply = websocket_exchange(
            "127.0.0.1", port, options_request("127.0.0.1", port, local="df7jal23ls0d.invalid", transport=transport),
            tls=tls)
        assert status.startswith("HTTP/1.1 101"), status
        assert headers.get("sec-websocket-protocol") == "sip"
        assert reply.startswith(b"SIP/2.0 200 OK\r\n"), reply
    status, _, _ = websocket_exchange("127.0.0.1", http_port, b"", path="/other")
    assert status.startswith("HTTP/1.1 404")
    status, _, _ = websocket_exchange("127.0.0.1", http_port, b"", protocol="")
    assert status.startswith("HTTP/1.1 400")
    sb.write("http.conf", "[general]\nenabled = yes\nbindport = notaport\n")
    result = sb.run("--check-config")
    assert "http.conf:3: error: invalid value 'notaport' for option 'bindport'" in result.stderr


def ws_client_exchange(url: str, payload: bytes) -> dict:
    """One SIP message over WebSocket with the npm `ws` client (Debian's node-ws)."""
    import json
    import os
    import pathlib
    import subprocess

    env = dict(os.environ, NODE_PATH="/usr/share/nodejs:/usr/lib/nodejs")
    script = pathlib.Path(__file__).with_name("ws_client.js")
    done = subprocess.run(["node", str(script), url], input=payload, capture_output=True,
                          timeout=20, env=env)
    assert done.stdout, done.stderr.decode(errors="replace")
    return json.loads(done.stdout.decode().splitlines()[-1])


def test_ws_and_wss_with_the_ws_client_on_ipv4_and_ipv6(sb):
    http4, https4, http6, https6 = free_port(), free_port(), free_port(), free_port()
    sb.write("pjsip.conf", "[transport-ws]\ntype = transport\nprotocol = ws\nbind = 0.0.0.0\n"
                           "[transport-wss]\ntype = transport\nprotocol = wss\nbind = 0.0.0.0\n")
    sb.append("pjsip.conf", LOOPBACK_PEER)
    for http, https, address, host in ((http4, https4, "127.0.0.1", "127.0.0.1"),
                                       (http6, https6, "::1", "[::1]")):
        sb.write("http.conf", f"[general]\nenabled = yes\nbindaddr = {address}\nbindport = {http}\n"
                              f"tlsenable = yes\ntlsbindaddr = {host}:{https}\n")
        sb.start()
        for scheme, port, transport in (("ws", http, "WS"), ("wss", https, "WSS")):
            reply = ws_client_exchange(
                f"{scheme}://{host}:{port}/ws",
                options_request(host, port, local="df7jal23ls0d.invalid", transport=transport,
                                call_id=f"{scheme}-{port}"))
            assert reply.get("protocol") == "sip", reply
            assert reply["message"].startswith("SIP/2.0 200 OK\r\n"), reply
            assert f"Call-ID: {scheme}-{port}" in reply["message"]
        assert sb.rx("core stop now").returncode == 0
        sb.wait_exit()
        sb.output.close()


def test_tls_on_ipv6(sb):
    import ssl

    port = free_port(socket.AF_INET6)
    sb.write("pjsip.conf", f"[tls6]\ntype = transport\nprotocol = tls\nbind = [::1]:{port}\n")
    sb.append("pjsip.conf", LOOPBACK_PEER)
    sb.start()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection(("::1", port), timeout=5) as raw:
        with context.wrap_socket(raw) as tls:
            tls.sendall(options_request("[::1]", port, local="[::1]:5999", transport="TLS",
                                        call_id="tls6-1"))
            reply = tls.recv(65535)
    assert reply.startswith(b"SIP/2.0 200 OK\r\n"), reply
    assert b"Via: SIP/2.0/TLS [::1]:5999;branch=z9hG4bK-tls6-1;rport=" in reply


def options_to(host: str, port: int, call_id: str) -> bytes:
    request = options_request("127.0.0.1", port, call_id=call_id).decode()
    return request.replace(f"OPTIONS sip:server@127.0.0.1:{port}", f"OPTIONS sip:server@{host}", 1).encode()


def test_requests_for_domains_not_served_get_404(sb):
    port = free_port()
    sb.write("pjsip.conf", f"[udp]\ntype = transport\nprotocol = udp\nbind = 127.0.0.1:{port}\n"
                           "[example.org]\ntype = domain_alias\ndomain = example.com\n")
    sb.append("pjsip.conf", LOOPBACK_PEER)
    sb.start()
    assert udp_exchange("127.0.0.1", port, options_to("elsewhere.example", port, "d-1")).startswith(
        b"SIP/2.0 404 Not Found\r\n")
    for n, host in enumerate(("example.com", "EXAMPLE.org", "localhost", f"127.0.0.1:{port}")):
        assert udp_exchange("127.0.0.1", port, options_to(host, port, f"d-ok-{n}")).startswith(
            b"SIP/2.0 200 OK\r\n"), host


def test_a_configuration_naming_no_domain_serves_any(sb):
    # As Asterisk: a lone PBX is reached by names it cannot know.
    port = free_port()
    sb.write("pjsip.conf", f"[udp]\ntype = transport\nprotocol = udp\nbind = 127.0.0.1:{port}\n")
    sb.append("pjsip.conf", LOOPBACK_PEER)
    sb.start()
    assert udp_exchange("127.0.0.1", port, options_to("pbx.example.net", port, "any-1")).startswith(
        b"SIP/2.0 200 OK\r\n")
