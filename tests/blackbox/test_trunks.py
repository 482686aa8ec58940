"""Trunks: calls in through an outbound registration (matched by its ;line= token) and out
through a carrier that challenges with 407, against a real Kamailio; the registration
surviving a Kamailio restart; RFC 3263 failover between SRV targets and NAPTR choosing TCP,
with a dnsmasq as the name server."""

import re
import time

import pytest

from carrier import HERE, Kamailio, TcpResponder, start_dnsmasq
from fake_registrar import FakeRegistrar
from sip_helpers import free_port, free_rtp_range
from sip_phone import Phone, header, status_of

DIALPLAN = """
[internal]
exten => _9X.,1,Dial(PJSIP/${EXTEN:1}@trunk,10)
 same => n,Hangup()
exten => _8X.,1,Dial(PJSIP/${EXTEN:1}@carrier,10)
 same => n,Hangup()

[from-trunk]
exten => user0001,1,Answer()
 same => n,Wait(20)
"""


def configure(sb, port, trunk, extra=""):
    rtp = free_rtp_range(40)
    sb.write("rtp.conf", f"[general]\nrtpstart = {rtp}\nrtpend = {rtp + 40}\n")
    sb.write("extensions.conf", DIALPLAN)
    sb.write(
        "pjsip.conf",
        f"""
        [udp]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{port}
        [tcp]
        type = transport
        protocol = tcp
        bind = 127.0.0.1:{port}

        [alice]
        type = endpoint
        context = internal
        disallow = all
        allow = ulaw
        auth = alice
        aors = alice
        [alice]
        type = auth
        auth_type = userpass
        username = alice
        password = alice-secret
        [alice]
        type = aor
        max_contacts = 1

        [trunk-auth]
        type = auth
        auth_type = userpass
        username = user0001
        password = secret

        [trunk]
        type = registration
        server_uri = sip:127.0.0.1:{trunk}
        client_uri = sip:user0001@127.0.0.1
        contact_user = user0001
        outbound_auth = trunk-auth
        line = yes
        endpoint = trunk
        retry_interval = 1
        max_random_initial_delay = 0

        [trunk]
        type = endpoint
        context = from-trunk
        disallow = all
        allow = ulaw
        outbound_auth = trunk-auth
        aors = trunk
        from_user = user0001
        from_domain = 127.0.0.1
        [trunk]
        type = aor
        contact = sip:127.0.0.1:{trunk}
        {extra}
        """,
    )


def wait_registration(sb, status, timeout=15.0, negate=False):
    deadline = time.monotonic() + timeout
    output = ""
    while time.monotonic() < deadline:
        output = sb.rx("pjsip show registrations").stdout
        found = re.search(rf"^ trunk/\S+\s.*\s{status}\s", output + " ", re.M) is not None
        if found != negate:
            return output
        time.sleep(0.1)
    raise AssertionError(f"trunk {'still' if negate else 'never'} {status}:\n{output}")


@pytest.fixture
def far():
    phone = Phone(0, "far", "unused")
    yield phone
    phone.close()


@pytest.fixture
def kamailio(tmp_path, far):
    pbx_port, port = free_port(), free_port()
    proxy = Kamailio(tmp_path / "kamailio", HERE / "kamailio" / "trunk.cfg", port,
                     {"PBX_PORT": pbx_port, "FAR_URI": f'"sip:127.0.0.1:{far.port}"'})
    proxy.pbx_port = pbx_port
    far.server = ("127.0.0.1", port)
    proxy.start()
    yield proxy
    proxy.stop()


def test_call_out_through_the_trunk_answers_the_carriers_407(sb, kamailio, far):
    configure(sb, kamailio.pbx_port, kamailio.port)
    sb.start()
    wait_registration(sb, "Registered")
    alice = Phone(kamailio.pbx_port, "alice", "alice-secret")
    try:
        assert alice.register() == 200
        alice.dial("9100")
        invite = far.wait_invite(timeout=10)
        # The carrier let it through only with valid proxy credentials of user0001.
        assert invite.startswith(f"INVITE sip:100@127.0.0.1:{kamailio.port} SIP/2.0"), invite
        assert header(invite, "X-Carrier-Authenticated") == "user0001"
        assert "<sip:user0001@127.0.0.1>" in header(invite, "From")
        far.answer()
        reply = alice.final()
        assert status_of(reply) == 200, reply
        assert alice.bye() == 200
        far.answer_bye()
    finally:
        alice.close()


def test_call_in_through_the_registration_is_matched_by_line(sb, kamailio):
    configure(sb, kamailio.pbx_port, kamailio.port)
    sb.start()
    wait_registration(sb, "Registered")
    caller = Phone(kamailio.port, "caller", "unused")
    try:
        # Kamailio routes it to the Contact Switchboard registered, ;line=<token> included;
        # nothing else identifies the caller (it would be challenged).
        caller.dial("user0001", challenged=False)
        reply = caller.final(timeout=10)
        assert status_of(reply) == 200, reply
        channels = sb.rx("core show channels concise").stdout
        assert re.search(r"^PJSIP/trunk-\w+!from-trunk!user0001!", channels, re.M), channels
        assert caller.bye() == 200
    finally:
        caller.close()


def test_registration_survives_a_kamailio_restart(sb, kamailio):
    configure(sb, kamailio.pbx_port, kamailio.port)
    text = (sb.etc / "pjsip.conf").read_text()
    # Over TCP the restart is noticed at once (the connection breaks).
    text = text.replace(f"server_uri = sip:127.0.0.1:{kamailio.port}",
                        f"server_uri = sip:127.0.0.1:{kamailio.port}\\;transport=tcp")
    (sb.etc / "pjsip.conf").write_text(text)
    sb.start()
    wait_registration(sb, "Registered")
    kamailio.stop()
    assert sb.rx("pjsip send register trunk").returncode == 0
    wait_registration(sb, "Registered", negate=True)
    kamailio.start()
    wait_registration(sb, "Registered", timeout=20)
    # The new Kamailio knows the binding again: a call comes in through it.
    caller = Phone(kamailio.port, "caller", "unused")
    try:
        caller.dial("user0001", challenged=False)
        reply = caller.final(timeout=10)
        assert status_of(reply) == 200, reply
        assert caller.bye() == 200
    finally:
        caller.close()


@pytest.fixture
def dns_records(tmp_path):
    processes = []

    def start(records):
        port = free_port()
        processes.append(start_dnsmasq(tmp_path, port, records))
        return port

    yield start
    for process in processes:
        process.terminate()
        process.wait()


CARRIER = """
        [carrier]
        type = endpoint
        context = from-trunk
        disallow = all
        allow = ulaw
        aors = carrier
        [carrier]
        type = aor
        contact = {contact}
"""


def test_call_fails_over_to_the_next_srv_target_on_503(sb, dns_records):
    port = free_port()
    first, second = Phone(port, "first", "x"), Phone(port, "second", "x")
    alice = Phone(port, "alice", "alice-secret")
    try:
        dns = dns_records([
            "--host-record=carrier.test,127.0.0.1", "--host-record=a.carrier.test,127.0.0.1",
            "--host-record=b.carrier.test,127.0.0.1",
            f"--srv-host=_sip._udp.carrier.test,a.carrier.test,{first.port},10,10",
            f"--srv-host=_sip._udp.carrier.test,b.carrier.test,{second.port},20,10"])
        configure(sb, port, free_port(), CARRIER.format(contact="sip:carrier.test"))
        sb.write("resolver_unbound.conf", f"[general]\nnameserver = 127.0.0.1:{dns}\n")
        sb.start()
        assert alice.register() == 200
        alice.dial("8100")
        invite = first.wait_invite(timeout=10)
        assert invite.startswith("INVITE sip:100@carrier.test SIP/2.0"), invite
        first.reject(503, "Service Unavailable")
        retried = second.wait_invite(timeout=10)
        assert header(retried, "Call-ID") == header(invite, "Call-ID")
        assert header(retried, "Via") != header(invite, "Via")  # a new transaction
        second.answer()
        reply = alice.final()
        assert status_of(reply) == 200, reply
        assert alice.bye() == 200
        second.answer_bye()
    finally:
        for phone in (first, second, alice):
            phone.close()


def test_naptr_chooses_tcp_when_offered(sb, dns_records):
    port = free_port()
    over_tcp = TcpResponder(486, "Busy Here")
    over_udp = Phone(port, "udp", "x")
    alice = Phone(port, "alice", "alice-secret")
    try:
        dns = dns_records([
            "--host-record=carrier.test,127.0.0.1", "--host-record=a.carrier.test,127.0.0.1",
            "--naptr-record=carrier.test,10,10,S,SIP+D2T,,_sip._tcp.carrier.test",
            "--naptr-record=carrier.test,20,10,S,SIP+D2U,,_sip._udp.carrier.test",
            f"--srv-host=_sip._tcp.carrier.test,a.carrier.test,{over_tcp.port},10,10",
            f"--srv-host=_sip._udp.carrier.test,a.carrier.test,{over_udp.port},10,10"])
        configure(sb, port, free_port(), CARRIER.format(contact="sip:carrier.test"))
        sb.write("resolver_unbound.conf", f"[general]\nnameserver = 127.0.0.1:{dns}\n")
        sb.start()
        assert alice.register() == 200
        alice.dial("8100")
        reply = alice.final()
        assert status_of(reply) >= 400, reply  # the TCP target said busy
        invites = [r for r in over_tcp.requests if r.startswith("INVITE ")]
        assert len(invites) == 1 and "SIP/2.0/TCP" in header(invites[0], "Via"), over_tcp.requests
        with pytest.raises(TimeoutError):
            over_udp.wait_request("INVITE", timeout=0.5)
    finally:
        over_tcp.close()
        over_udp.close()
        alice.close()


def test_registration_fails_over_to_the_next_srv_target(sb, dns_records):
    unavailable = FakeRegistrar(fail_first=1000, fail_code=503)
    working = FakeRegistrar()
    try:
        dns = dns_records([
            "--host-record=reg.test,127.0.0.1", "--host-record=a.reg.test,127.0.0.1",
            "--host-record=b.reg.test,127.0.0.1",
            f"--srv-host=_sip._udp.reg.test,a.reg.test,{unavailable.port},10,10",
            f"--srv-host=_sip._udp.reg.test,b.reg.test,{working.port},20,10"])
        port = free_port()
        configure(sb, port, free_port())
        text = (sb.etc / "pjsip.conf").read_text()
        text = re.sub(r"server_uri = \S+", "server_uri = sip:reg.test", text)
        text = text.replace("username = user0001\n        password = secret",
                            "username = user0001\n        password = secret\n        realm = fake.test")
        (sb.etc / "pjsip.conf").write_text(text)
        sb.write("resolver_unbound.conf", f"[general]\nnameserver = 127.0.0.1:{dns}\n")
        sb.start()
        wait_registration(sb, "Registered")
        assert unavailable.registers(), "the first SRV target was not tried first"
        assert working.registers()[-1].header("authorization")
    finally:
        unavailable.close()
        working.close()


def test_outbound_proxy_carries_calls_to_names_only_it_can_resolve(sb, kamailio, far):
    # carrier.invalid resolves nowhere: only the proxy can take the call, with itself as the
    # first Route and the target left in the Request-URI.
    proxied = f"""
        [proxied]
        type = endpoint
        context = from-trunk
        disallow = all
        allow = ulaw
        outbound_auth = trunk-auth
        outbound_proxy = sip:127.0.0.1:{kamailio.port}\\;lr
        from_user = user0001
        aors = proxied
        [proxied]
        type = aor
        contact = sip:carrier.invalid
        """
    configure(sb, kamailio.pbx_port, kamailio.port, proxied)
    sb.write("extensions.conf", DIALPLAN + "\n[internal]\nexten => _7X.,1,Dial(PJSIP/${EXTEN:1}@proxied,10)\n")
    sb.start()
    alice = Phone(kamailio.pbx_port, "alice", "alice-secret")
    try:
        assert alice.register() == 200
        alice.dial("7100")
        invite = far.wait_invite(timeout=10)
        assert invite.startswith("INVITE sip:100@carrier.invalid SIP/2.0"), invite
        assert header(invite, "Route") == f"<sip:127.0.0.1:{kamailio.port};lr>"
        assert header(invite, "X-Carrier-Authenticated") == "user0001"
        far.reject(486, "Busy Here")
        assert status_of(alice.final()) >= 400
    finally:
        alice.close()


def test_call_in_from_a_trunk_identified_by_address(sb):
    port = free_port()
    carrier = Phone(port, "carrier", "unused")
    try:
        configure(sb, port, free_port(), f"""
        [carrier]
        type = endpoint
        context = from-trunk
        disallow = all
        allow = ulaw
        [carrier]
        type = identify
        endpoint = carrier
        match = 127.0.0.1
        """)
        sb.start()
        carrier.dial("user0001", challenged=False)
        reply = carrier.final(timeout=10)
        assert status_of(reply) == 200, reply
        channels = sb.rx("core show channels concise").stdout
        assert re.search(r"^PJSIP/carrier-\w+!from-trunk!user0001!", channels, re.M), channels
        assert carrier.bye() == 200
    finally:
        carrier.close()


def test_call_fails_over_when_the_first_srv_target_is_silent(sb, dns_records):
    port = free_port()
    silent, second = Phone(port, "silent", "x"), Phone(port, "second", "x")
    alice = Phone(port, "alice", "alice-secret")
    try:
        dns = dns_records([
            "--host-record=carrier.test,127.0.0.1", "--host-record=a.carrier.test,127.0.0.1",
            "--host-record=b.carrier.test,127.0.0.1",
            f"--srv-host=_sip._udp.carrier.test,a.carrier.test,{silent.port},10,10",
            f"--srv-host=_sip._udp.carrier.test,b.carrier.test,{second.port},20,10"])
        configure(sb, port, free_port(), CARRIER.format(contact="sip:carrier.test"))
        # T1 = 100 ms: Timer B (64*T1) gives up on the silent target after 6.4 s.
        sb.append("pjsip.conf", "[system]\ntype = system\ntimer_t1 = 100\n")
        sb.write("resolver_unbound.conf", f"[general]\nnameserver = 127.0.0.1:{dns}\n")
        sb.start()
        assert alice.register() == 200
        alice.dial("8100")
        silent.wait_request("INVITE", timeout=10)  # received, never answered
        started = time.monotonic()
        retried = second.wait_invite(timeout=12)
        assert 4 <= time.monotonic() - started <= 9
        assert retried.startswith("INVITE sip:100@carrier.test SIP/2.0")
        second.answer()
        assert status_of(alice.final()) == 200
        assert alice.bye() == 200
        second.answer_bye()
    finally:
        for phone in (silent, second, alice):
            phone.close()
