"""Outbound registration (type=registration): REGISTER to another server with digest
answers (MD5, SHA-256), refresh before expiry, retries, 403 handling, unregister on request
and on shutdown, the CLI views; against a Python registrar and against a real Kamailio."""

import os
import pathlib
import re
import shutil
import subprocess
import sys
import time

import pytest

from fake_registrar import FakeRegistrar
from sip_helpers import free_port

KAMAILIO_ANCHOR = pathlib.Path(__file__).resolve().parents[2] / "bench" / "harness" / "anchors" / "kamailio"


def configure(sb, server_port, password="secret", options="", transport="udp"):
    local = free_port()
    # ';' starts a comment in pjsip.conf: the URI parameter is escaped.
    tcp_param = "\\;transport=tcp" if transport == "tcp" else ""
    sb.write(
        "pjsip.conf",
        f"""
        [t-udp]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{local}
        [t-tcp]
        type = transport
        protocol = tcp
        bind = 127.0.0.1:{local}

        [trunk-auth]
        type = auth
        auth_type = userpass
        username = trunk
        password = {password}

        [trunk]
        type = registration
        server_uri = sip:127.0.0.1:{server_port}{tcp_param}
        client_uri = sip:trunk@127.0.0.1
        contact_user = 5551000
        outbound_auth = trunk-auth
        max_random_initial_delay = 0
        retry_interval = 1
        {options}
        """,
    )
    return local


def wait_status(sb, name, status, timeout=10.0):
    deadline = time.monotonic() + timeout
    output = ""
    while time.monotonic() < deadline:
        output = sb.rx("pjsip show registrations").stdout
        for line in output.splitlines():
            if line.startswith(f" {name}/") and re.search(rf"\s{status}\s", line + " "):
                return output
        time.sleep(0.1)
    raise AssertionError(f"{name} never {status}:\n{output}\n{sb.output_text()}")


@pytest.fixture
def registrar():
    servers = []

    def make(**options):
        server = FakeRegistrar(**options)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()


@pytest.mark.parametrize("algorithm", ["MD5", "SHA-256"])
def test_registers_answering_the_challenge(sb, registrar, algorithm):
    server = registrar(algorithm=algorithm)
    configure(sb, server.port)
    sb.start()
    output = wait_status(sb, "trunk", "Registered")
    assert " <Registration/ServerURI..............................>  <Auth....................>  <Status.......>" in output
    assert re.search(rf" trunk/sip:127.0.0.1:{server.port}\s+trunk-auth\s+Registered\s+\(exp\. \d+s\)", output)
    assert "Objects found: 1" in output

    first, answered = server.registers()[:2]
    assert not first.authorized and answered.authorized
    assert first.header("call-id") == answered.header("call-id")
    assert 'username="trunk"' in answered.header("authorization")
    assert f"algorithm={algorithm}" in answered.header("authorization")
    assert answered.start == f"REGISTER sip:127.0.0.1:{server.port} SIP/2.0"
    assert answered.header("to") == "<sip:trunk@127.0.0.1>"
    assert re.match(r"<sip:5551000@127\.0\.0\.1:\d+>", answered.header("contact"))
    assert answered.expires == 3600

    listing = sb.rx("pjsip list registrations").stdout
    assert "trunk/sip:127.0.0.1" in listing
    detail = sb.rx("pjsip show registration trunk").stdout
    assert re.search(r" server_uri\s+: sip:127.0.0.1:", detail)
    assert re.search(r" status\s+: Registered", detail)
    assert re.search(r" retry_interval\s+: 1", detail)
    registry = sb.rx("sip show registry").stdout
    assert re.search(rf"127.0.0.1:{server.port}\s+N\s+trunk\s+3600 Registered", registry), registry
    assert "1 SIP registrations." in registry


def test_refreshes_before_expiry_with_the_same_call_id(sb, registrar):
    server = registrar(grant=4)
    configure(sb, server.port)
    sb.start()
    wait_status(sb, "trunk", "Registered")
    # Granted 4 s: too short for Asterisk's 10 s margin, so refreshed at half time.
    server.wait_for(lambda r: r.authorized and r.expires == 3600 and len(server.registers()) >= 3,
                    timeout=8)
    time.sleep(2.5)
    refreshes = [r for r in server.registers() if r.expires == 3600]
    assert len(refreshes) >= 3
    assert len({r.header("call-id") for r in refreshes}) == 1
    cseqs = [int(r.header("cseq").split()[0]) for r in refreshes]
    assert cseqs == sorted(cseqs) and len(set(cseqs)) == len(cseqs)
    wait_status(sb, "trunk", "Registered")


def test_wrong_password_is_rejected_and_not_retried(sb, registrar):
    server = registrar(password="right")
    configure(sb, server.port, password="wrong")
    sb.start()
    output = wait_status(sb, "trunk", "Rejected")
    assert "(exp." not in output.split("trunk/")[1].splitlines()[0]
    detail = sb.rx("pjsip show registration trunk").stdout
    assert re.search(r" status_reason\s+: authentication rejected \(401", detail), detail
    count = len(server.registers())
    assert count == 2  # the challenged one and the answer: no auth loop
    time.sleep(2.5)
    assert len(server.registers()) == count


def test_forbidden_follows_forbidden_retry_interval(sb, registrar):
    server = registrar(password="right", wrong="forbidden")
    configure(sb, server.port, password="wrong", options="forbidden_retry_interval = 1")
    sb.start()
    wait_status(sb, "trunk", "Rejected")
    time.sleep(3)
    answered = [r for r in server.registers() if r.authorized]
    assert len(answered) >= 3, [r.start for r in server.registers()]
    detail = sb.rx("pjsip show registration trunk").stdout
    assert re.search(r" status_reason\s+: 403 Forbidden", detail), detail


def test_forbidden_without_retry_interval_stops(sb, registrar):
    server = registrar(password="right", wrong="forbidden")
    configure(sb, server.port, password="wrong")
    sb.start()
    wait_status(sb, "trunk", "Rejected")
    count = len(server.registers())
    time.sleep(2.5)
    assert len(server.registers()) == count


def test_server_errors_are_retried_until_registered(sb, registrar):
    server = registrar(fail_first=3, fail_code=503)
    configure(sb, server.port)
    sb.start()
    wait_status(sb, "trunk", "Rejected", timeout=5)
    wait_status(sb, "trunk", "Registered", timeout=10)
    starts = [r.time for r in server.registers()]
    assert len(starts) >= 5
    # retry_interval = 1 between the failed attempts
    gaps = [b - a for a, b in zip(starts[:4], starts[1:4])]
    assert all(0.7 < gap < 2.5 for gap in gaps), gaps


def test_unreachable_server_is_retried(sb):
    port = free_port()  # nobody listens: the TCP connection is refused at once
    configure(sb, port, transport="tcp")
    sb.start()
    wait_status(sb, "trunk", "Rejected", timeout=10)
    detail = sb.rx("pjsip show registration trunk").stdout
    assert re.search(r" status\s+: Failed", detail), detail
    assert re.search(r" status_reason\s+: transport error", detail), detail
    first = int(re.search(r" retries\s+: (\d+)", detail).group(1))
    time.sleep(2.5)
    detail = sb.rx("pjsip show registration trunk").stdout
    assert int(re.search(r" retries\s+: (\d+)", detail).group(1)) >= first + 2, detail


def test_send_unregister_and_register(sb, registrar):
    server = registrar()
    configure(sb, server.port)
    sb.start()
    wait_status(sb, "trunk", "Registered")
    result = sb.rx("pjsip send unregister trunk")
    assert result.stdout == "Unregister queued for trunk\n"
    server.wait_for(lambda r: r.expires == 0 and r.authorized)
    unregister = [r for r in server.registers() if r.expires == 0][0]
    assert ";expires=0" in unregister.header("contact")
    wait_status(sb, "trunk", "Unregistered")
    count = len(server.registers())
    time.sleep(1.5)
    assert len(server.registers()) == count  # no refresh after an unregister

    assert sb.rx("pjsip send register trunk").stdout == "Register queued for trunk\n"
    wait_status(sb, "trunk", "Registered")
    assert sb.rx("pjsip send register *all").stdout == "Register all queued\n"
    missing = sb.rx("pjsip send unregister nosuch")
    assert missing.stdout == "Unable to retrieve registration nosuch\n"
    assert missing.returncode != 0


def test_unregisters_on_shutdown(sb, registrar):
    server = registrar()
    configure(sb, server.port)
    sb.start()
    wait_status(sb, "trunk", "Registered")
    sb.stop()
    server.wait_for(lambda r: r.expires == 0, timeout=5)


def test_reload_removes_and_adds_registrations(sb, registrar):
    server = registrar()
    configure(sb, server.port)
    sb.start()
    wait_status(sb, "trunk", "Registered")
    text = (sb.etc / "pjsip.conf").read_text().replace("[trunk]\n", "[trunk2]\n")
    (sb.etc / "pjsip.conf").write_text(text)
    assert sb.rx("module reload res_pjsip_outbound_registration").returncode == 0
    wait_status(sb, "trunk2", "Registered")
    server.wait_for(lambda r: r.expires == 0)
    assert " trunk/" not in sb.rx("pjsip show registrations").stdout


def test_registry_event_on_ami(sb, registrar):
    from test_ami import Ami, manager_conf
    server = registrar()
    ami_port = free_port()
    configure(sb, server.port)
    sb.write("manager.conf", manager_conf(ami_port))
    sb.start()
    wait_status(sb, "trunk", "Registered")
    ami = Ami(ami_port)
    ami.login()
    sb.rx("pjsip send unregister trunk")
    event = ami.read_until(lambda m: m.get("Event") == "Registry", limit=50)
    assert event["Status"] == "Unregistered"
    sb.rx("pjsip send register trunk")
    event = ami.read_until(lambda m: m.get("Event") == "Registry", limit=50)
    assert event["ChannelType"] == "PJSIP"
    assert event["Username"] == "sip:trunk@127.0.0.1"
    assert event["Domain"] == f"sip:127.0.0.1:{server.port}"
    assert event["Status"] == "Registered"


@pytest.fixture
def kamailio(tmp_path):
    if shutil.which("kamailio") is None:
        pytest.skip("kamailio is not installed")
    run = tmp_path / "kamailio"
    run.mkdir()
    port = free_port()
    database = run / "kamailio.sqlite"
    subprocess.run([sys.executable, str(KAMAILIO_ANCHOR / "gen_subscribers.py"), str(database), "3",
                    "secret"], check=True, capture_output=True)
    env = dict(os.environ, KAMAILIO_DBURL=f"sqlite:///{database}")
    log = open(run / "kamailio.log", "w")
    process = subprocess.Popen(
        ["kamailio", "-f", str(KAMAILIO_ANCHOR / "kamailio.cfg"), "-DD", "-E", "-m", "64", "-M", "8",
         "-w", str(run), "-A", f"KPORT={port}"],
        env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    time.sleep(1.0)
    if process.poll() is not None:
        log.close()
        pytest.fail("kamailio did not start:\n" + (run / "kamailio.log").read_text())
    yield port
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


@pytest.mark.parametrize("transport", ["udp", "tcp"])
def test_registers_to_kamailio(sb, kamailio, transport):
    configure(sb, kamailio, transport=transport)
    text = (sb.etc / "pjsip.conf").read_text()
    text = text.replace("username = trunk", "username = user0001")
    text = text.replace("client_uri = sip:trunk@127.0.0.1", "client_uri = sip:user0001@127.0.0.1")
    (sb.etc / "pjsip.conf").write_text(text)
    sb.start()
    wait_status(sb, "trunk", "Registered")
    assert sb.rx("pjsip send unregister trunk").returncode == 0
    wait_status(sb, "trunk", "Unregistered")
    assert sb.rx("pjsip send register trunk").returncode == 0
    wait_status(sb, "trunk", "Registered")


def test_wrong_password_at_kamailio_is_rejected(sb, kamailio):
    configure(sb, kamailio, password="nope")
    text = (sb.etc / "pjsip.conf").read_text()
    text = text.replace("username = trunk", "username = user0002")
    text = text.replace("client_uri = sip:trunk@127.0.0.1", "client_uri = sip:user0002@127.0.0.1")
    (sb.etc / "pjsip.conf").write_text(text)
    sb.start()
    wait_status(sb, "trunk", "Rejected")
    detail = sb.rx("pjsip show registration trunk").stdout
    assert "authentication rejected" in detail


def test_ami_outbound_registration_actions(sb, registrar):
    from test_ami import Ami, manager_conf
    server = registrar()
    ami_port = free_port()
    configure(sb, server.port)
    sb.write("manager.conf", manager_conf(ami_port))
    sb.start()
    wait_status(sb, "trunk", "Registered")
    ami = Ami(ami_port)
    ami.login()
    ami.action("PJSIPShowRegistrationsOutbound", ActionID="1")
    response = ami.read_until(lambda m: m.get("ActionID") == "1" and "Response" in m)
    assert response["Response"] == "Success"
    detail = ami.read_until(lambda m: m.get("Event") == "OutboundRegistrationDetail")
    assert detail["ObjectName"] == "trunk"
    assert detail["ServerUri"] == f"sip:127.0.0.1:{server.port}"
    assert detail["Status"] == "Registered"
    assert int(detail["NextReg"]) > 3000
    auth = ami.read_until(lambda m: m.get("Event") == "AuthDetail")
    assert auth["ObjectName"] == "trunk-auth"
    complete = ami.read_until(lambda m: m.get("Event") == "OutboundRegistrationDetailComplete")
    assert complete["Registered"] == "1" and complete["NotRegistered"] == "0"

    ami.action("PJSIPUnregister", ActionID="2", Registration="trunk")
    reply = ami.read_until(lambda m: m.get("ActionID") == "2")
    assert reply["Response"] == "Success" and reply["Message"] == "Unregistration sent"
    server.wait_for(lambda r: r.expires == 0)
    ami.action("PJSIPRegister", ActionID="3", Registration="nosuch")
    reply = ami.read_until(lambda m: m.get("ActionID") == "3")
    assert reply["Response"] == "Error"
    ami.action("PJSIPRegister", ActionID="4", Registration="trunk")
    reply = ami.read_until(lambda m: m.get("ActionID") == "4")
    assert reply["Response"] == "Success"
    wait_status(sb, "trunk", "Registered")

    ami.action("SIPshowregistry", ActionID="5")
    entry = ami.read_until(lambda m: m.get("Event") == "RegistryEntry")
    assert entry["Host"] == "127.0.0.1" and entry["Port"] == str(server.port)
    assert entry["Username"] == "trunk" and entry["State"] == "Registered"
