"""Transport options that shape how packets leave: tos and cos mark UDP, TCP and outgoing TCP
packets (IP TOS byte, socket priority), and symmetric_transport sends requests to a contact
back over the transport it registered on, naming it in the contact's x-ast-txp parameter."""

import re
import socket
import subprocess
import time

from sip_helpers import free_port, options_request
from sip_phone import Phone, header

EF = 0xB8    # tos = ef
AF41 = 0x88  # tos = af41


def received_tos(sock) -> int:
    """The TOS byte of the next datagram on `sock` (IP_RECVTOS ancillary data)."""
    sock.settimeout(5)
    _, ancillary, _, _ = sock.recvmsg(65535, socket.CMSG_SPACE(4))
    for level, kind, data in ancillary:
        if level == socket.IPPROTO_IP and kind == socket.IP_TOS:
            return data[0]
    raise AssertionError("no TOS in the ancillary data")


def socket_marks(local_port: int, peer_port: int):
    """(tos, priority) of the established TCP socket 127.0.0.1:local_port <-> peer_port, as
    `ss --tos` reports them (class_id is the socket priority when no cgroup class is set)."""
    for _ in range(50):
        out = subprocess.run(["ss", "-tnH", "--tos", "state", "established"],
                             capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            if re.search(rf"\s127\.0\.0\.1:{local_port}\s+127\.0\.0\.1:{peer_port}\s", line):
                tos = re.search(r"tos:(0x[0-9a-f]+|0)", line)
                cls = re.search(r"class_id:(0x[0-9a-f]+|0)", line)
                return int(tos.group(1), 0), int(cls.group(1), 0)
        time.sleep(0.1)
    raise AssertionError(f"no socket 127.0.0.1:{local_port} <-> {peer_port} in ss output")


def test_tos_and_cos_mark_udp_and_tcp_packets(sb):
    udp_port, tcp_port = free_port(), free_port()
    sb.write("pjsip.conf", f"""
        [udp]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{udp_port}
        tos = ef
        cos = 5

        [tcp]
        type = transport
        protocol = tcp
        bind = 127.0.0.1:{tcp_port}
        tos = af41
        cos = 3
        """)
    sb.start()
    assert re.search(rf"udp\s+udp\s+5\s+184\s+127\.0\.0\.1:{udp_port}",
                     sb.rx("pjsip show transports").stdout)

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:
        client.bind(("127.0.0.1", 0))
        client.setsockopt(socket.IPPROTO_IP, socket.IP_RECVTOS, 1)
        local = f"127.0.0.1:{client.getsockname()[1]}"
        client.sendto(options_request("127.0.0.1", udp_port, local), ("127.0.0.1", udp_port))
        assert received_tos(client) == EF

    with socket.create_connection(("127.0.0.1", tcp_port), timeout=5) as client:
        local = f"127.0.0.1:{client.getsockname()[1]}"
        client.sendall(options_request("127.0.0.1", tcp_port, local, transport="TCP"))
        assert client.recv(65535).startswith(b"SIP/2.0 ")
        # The accepted connection carries the transport's marks, priority included.
        assert socket_marks(tcp_port, client.getsockname()[1]) == (AF41, 3)


def test_tos_and_cos_mark_connections_the_server_opens(sb):
    tcp_port = free_port()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    peer_port = listener.getsockname()[1]
    sb.write("pjsip.conf", f"""
        [tcp]
        type = transport
        protocol = tcp
        bind = 127.0.0.1:{tcp_port}
        tos = af41
        cos = 3

        [peer]
        type = aor
        contact = sip:peer@127.0.0.1:{peer_port}\\;transport=tcp
        qualify_frequency = 1
        [peer]
        type = endpoint
        aors = peer
        """)
    sb.start()
    listener.settimeout(10)
    connection, remote = listener.accept()  # the qualify OPTIONS
    with connection:
        assert socket_marks(remote[1], peer_port) == (AF41, 3)
    listener.close()


def registered_contact(phone):
    """The binding the registrar lists in its 200 (the stored URI; the CLI table cuts it)."""
    found = re.search(r"<([^>]+)>", header(phone.last_register_reply, "Contact"))
    assert found, phone.last_register_reply
    return found.group(1)


def test_symmetric_transport_sends_back_over_the_registration_transport(sb):
    first_port, symmetric_port = free_port(), free_port()
    sb.write("pjsip.conf", f"""
        [a-first]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{first_port}

        [b-symmetric]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{symmetric_port}
        symmetric_transport = yes

        [alice]
        type = endpoint
        context = internal
        allow = ulaw
        auth = alice
        aors = alice
        [alice]
        type = auth
        username = alice
        password = alice-secret
        [alice]
        type = aor
        max_contacts = 1
        qualify_frequency = 1
        """)
    sb.write("extensions.conf", "[internal]\nexten => 700,1,Dial(PJSIP/alice,5)\n")
    sb.start()
    alice = Phone(symmetric_port, "alice", "alice-secret")
    alice.sip.settimeout(0.2)
    try:
        assert alice.register() == 200
        assert registered_contact(alice).endswith(";x-ast-txp=b-symmetric")

        # Both transports fit 127.0.0.1 equally; the contact's goes first.
        deadline = time.time() + 5
        while True:
            try:
                data, sender = alice.sip.recvfrom(65535)
            except socket.timeout:
                assert time.time() < deadline
                continue
            text = data.decode()
            if text.startswith("OPTIONS "):
                break
        assert sender == ("127.0.0.1", symmetric_port)
        request_uri = text.split("\r\n", 1)[0].split(" ")[1]
        assert request_uri == f"sip:alice@{alice.local()}", text
        assert "x-ast-txp" not in text

        # A refresh keeps one binding (its id is that of the URI the phone wrote).
        assert alice.register() == 200
        assert len(re.findall(r"Contact:\s+alice/", sb.rx("pjsip show contacts").stdout)) == 1
    finally:
        alice.close()


def test_without_symmetric_transport_the_selected_transport_sends(sb):
    # The control for the test above: the same set-up without the option.
    first_port, second_port = free_port(), free_port()
    sb.write("pjsip.conf", f"""
        [a-first]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{first_port}

        [b-second]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{second_port}

        [alice]
        type = endpoint
        auth = alice
        aors = alice
        [alice]
        type = auth
        username = alice
        password = alice-secret
        [alice]
        type = aor
        max_contacts = 1
        qualify_frequency = 1
        """)
    sb.start()
    alice = Phone(second_port, "alice", "alice-secret")
    try:
        assert alice.register() == 200
        assert "x-ast-txp" not in registered_contact(alice)
        deadline = time.time() + 5
        while True:
            try:
                data, sender = alice.sip.recvfrom(65535)
            except socket.timeout:
                assert time.time() < deadline
                continue
            if data.startswith(b"OPTIONS "):
                break
        assert sender == ("127.0.0.1", first_port)
    finally:
        alice.close()
