"""Endpoint identification by source address: IP, network and host name (resolved through
the name servers of resolver_unbound.conf, here a dnsmasq on a loopback port)."""

import socket
import subprocess
import time

import pytest

from sip_helpers import free_port, options_request, udp_exchange
from test_calls import wait_output


def wait_until_answering(port, seconds=10.0):
    """Polls dnsmasq with an A query for pbx.test until it answers: a server that is not
    listening yet would make the first lookup fail and be retried only 30 s later."""
    query = (b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"
             b"\x03pbx\x04test\x00\x00\x01\x00\x01")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.settimeout(0.2)
            try:
                sock.sendto(query, ("127.0.0.1", port))
                if sock.recv(512)[:2] == b"\x12\x34":
                    return
            except OSError:
                time.sleep(0.05)
    raise RuntimeError("dnsmasq does not answer")


@pytest.fixture
def dns(tmp_path):
    """dnsmasq answering pbx.test -> 127.0.0.1 and elsewhere.test -> 192.0.2.99."""
    port = free_port()
    process = subprocess.Popen(
        ["dnsmasq", "--no-daemon", "--keep-in-foreground", f"--port={port}", "--listen-address=127.0.0.1",
         "--bind-interfaces", "--no-resolv", "--no-hosts", "--conf-file=/dev/null",
         f"--pid-file={tmp_path / 'dnsmasq.pid'}", "--address=/pbx.test/127.0.0.1",
         "--address=/elsewhere.test/192.0.2.99"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_answering(port)
    yield port
    process.terminate()
    process.wait()


def configure(sb, port, dns_port, match):
    sb.write("resolver_unbound.conf", f"[general]\nnameserver = 127.0.0.1:{dns_port}\n")
    sb.write(
        "pjsip.conf",
        f"""
        [udp]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{port}
        [trunk]
        type = endpoint
        context = from-trunk
        [trunk]
        type = identify
        endpoint = trunk
        match = {match}
        """,
    )


def status_of_options(port) -> str:
    return udp_exchange("127.0.0.1", port, options_request("127.0.0.1", port)).decode().split("\r\n", 1)[0]


def eventually_status(port, wanted, seconds=5.0) -> str:
    deadline = time.monotonic() + seconds
    status = ""
    while time.monotonic() < deadline:
        status = status_of_options(port)
        if status == wanted:
            break
        time.sleep(0.1)
    return status


@pytest.mark.parametrize("match", ["127.0.0.1", "127.0.0.0/8", "127.0.0.0/255.0.0.0", "192.0.2.1,127.0.0.1"])
def test_identify_by_address_and_network(sb, dns, match):
    port = free_port()
    configure(sb, port, dns, match)
    sb.start()
    assert status_of_options(port) == "SIP/2.0 200 OK"


def test_identify_by_host_name_resolved_through_dns(sb, dns):
    port = free_port()
    configure(sb, port, dns, "pbx.test")
    sb.start()
    assert eventually_status(port, "SIP/2.0 200 OK") == "SIP/2.0 200 OK"


def test_host_name_resolving_elsewhere_does_not_identify(sb, dns):
    port = free_port()
    configure(sb, port, dns, "elsewhere.test")
    sb.start()
    time.sleep(1.0)  # give the lookup time to complete
    assert status_of_options(port) == "SIP/2.0 401 Unauthorized"


def test_named_acl_from_acl_conf_refuses_the_source(sb, dns):
    port = free_port()
    configure(sb, port, dns, "127.0.0.1")
    sb.append("pjsip.conf", "[trunk](+type=endpoint)\nacl = office\n")
    sb.write("acl.conf", "[office]\ndeny = 0.0.0.0/0.0.0.0\npermit = 10.0.0.0/8\n")
    sb.start()
    assert status_of_options(port) == "SIP/2.0 403 Forbidden"
    assert wait_output(sb, "- Not match Endpoint ACL")
    sb.write("acl.conf", "[office]\ndeny = 0.0.0.0/0.0.0.0\npermit = 127.0.0.0/8\n")
    assert sb.rx("module reload res_pjsip").returncode == 0
    assert status_of_options(port) == "SIP/2.0 200 OK"


def test_identify_by_request_uri(sb, dns):
    port = free_port()
    configure(sb, port, dns, "192.0.2.1")  # the address does not match
    sb.append("pjsip.conf", f"[trunk](+type=identify)\nmatch_request_uri = sip:server@127.0.0.1:{port}\n"
                            "[trunk](+type=endpoint)\nidentify_by = request_uri\n"
                            "[global]\ntype = global\nendpoint_identifier_order = request_uri,ip,username\n")
    sb.start()
    assert status_of_options(port) == "SIP/2.0 200 OK"
