"""The registrar: digest authentication (MD5, SHA-256), refusals that reveal nothing about
accounts, binding rules (max_contacts, remove_existing, 423, unregister, instance ids), and
contacts that survive kill -9."""

import os
import signal
import socket
import threading
import time

from sip_client import Uac, challenge_params, digest_authorization, parse_response
from sip_helpers import free_port
from test_calls import wait_output


def configure(sb, port4, port6, extra_global="", aor_options="max_contacts = 1\nremove_existing = yes"):
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
        [global]
        type = global
        {extra_global}

        [user](!)
        type = endpoint
        context = internal

        [alice](user)
        auth = alice
        aors = alice
        [alice]
        type = auth
        auth_type = userpass
        username = alice
        password = wonderland
        [alice]
        type = aor
        """,
    )
    sb.append("pjsip.conf", aor_options + "\n")
    sb.append(
        "pjsip.conf",
        """
        [bob](user)
        auth = bob
        aors = bob
        [bob]
        type = auth
        username = bob
        password = builder
        [bob]
        type = aor
        max_contacts = 3
        minimum_expiration = 120
        """,
    )


def contacts(sb):
    return sb.rx("pjsip show contacts").stdout


def test_register_with_md5_over_udp_and_tcp_on_both_families(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.start()
    for host, port in (("127.0.0.1", port4), ("::1", port6)):
        for transport in ("udp", "tcp"):
            uac = Uac(host, port, transport, user="alice")
            code, headers = uac.register("wonderland")
            assert code == 200, (host, transport, code, headers)
            # max_contacts 1 with remove_existing: each registration replaces the last
            assert len(headers["contact"]) == 1, headers
            assert f":{uac.local_port};transport={transport}>" in headers["contact"][0], headers
            assert "date" in headers
            listing = contacts(sb)
            assert listing.count("alice/sip:alice@") == 1, listing
            assert f":{uac.local_port};transport={transport}" in listing
            uac.close()


def test_fourth_binding_beyond_max_contacts_is_forbidden(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.start()
    uacs = [Uac("127.0.0.1", port4, "udp", user="bob") for _ in range(4)]
    codes = [uac.register("builder")[0] for uac in uacs]
    assert codes == [200, 200, 200, 403]


def test_remove_existing_replaces_the_soonest_to_expire(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.start()
    first, second = Uac("127.0.0.1", port4), Uac("127.0.0.1", port4)
    assert first.register("wonderland")[0] == 200
    code, headers = second.register("wonderland")
    assert code == 200
    assert len(headers["contact"]) == 1 and f":{second.local_port};" in headers["contact"][0]
    listing = contacts(sb)
    assert f":{second.local_port};" in listing and f":{first.local_port};" not in listing


def test_sha256_and_md5_offered_together_when_configured(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6, extra_global="default_auth_algorithms_uas = SHA-256,MD5")
    sb.start()
    uac = Uac("127.0.0.1", port4)
    code, headers = uac.request(uac.register_request())
    assert code == 401
    algorithms = [challenge_params(v).get("algorithm") for v in headers["www-authenticate"]]
    assert algorithms == ["SHA-256", "MD5"]
    nonces = {challenge_params(v)["nonce"] for v in headers["www-authenticate"]}
    assert len(nonces) == 1
    assert uac.register("wonderland", algorithm="SHA-256")[0] == 200


def test_unknown_user_gets_the_same_challenge_and_failure_as_a_wrong_password(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.start()
    known, unknown = Uac("127.0.0.1", port4, user="alice"), Uac("127.0.0.1", port4, user="mallory")
    code_known, known_headers = known.request(known.register_request())
    code_unknown, unknown_headers = unknown.request(unknown.register_request())
    assert code_known == code_unknown == 401
    shape = lambda headers: sorted((k, v) for k, v in challenge_params(headers["www-authenticate"][0]).items()
                                   if k != "nonce")
    assert shape(known_headers) == shape(unknown_headers)
    assert sorted(known_headers) == sorted(unknown_headers)
    # Answering the challenge: a wrong password and an unknown account fail alike.
    assert known.register("nope", wrong_password=True)[0] == 401
    assert unknown.register("anything")[0] == 401
    time.sleep(0.5)
    log = sb.output_path.read_text()
    assert "Request 'REGISTER' from '<sip:mallory@" in log and "- Failed to authenticate" in log


def test_security_events_reach_the_security_log(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.write("logger.conf", "[logfiles]\nsecurity => security\nmessages => notice,warning,error\n")
    sb.start()
    uac = Uac("127.0.0.1", port4, user="alice")
    assert uac.register("wonderland", wrong_password=True)[0] == 401
    assert uac.register("wonderland")[0] == 200
    time.sleep(0.5)
    security = (sb.log_dir / "security").read_text()
    for event in ("ChallengeSent", "InvalidPassword", "SuccessfulAuth"):
        assert f'SecurityEvent="{event}"' in security, security
    assert 'Service="PJSIP"' in security and 'RemoteAddress="IPV4/UDP/127.0.0.1/' in security


def test_stale_nonce_is_rechallenged_with_stale_true_and_replays_are_refused(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.append("pjsip.conf", "[alice](+type=auth)\nnonce_lifetime = 1\n")
    sb.start()
    uac = Uac("127.0.0.1", port4)
    code, headers = uac.request(uac.register_request())
    uri = f"sip:127.0.0.1:{port4}"
    authorization = digest_authorization(headers["www-authenticate"][0], "REGISTER", uri, "alice", "wonderland")
    assert uac.request(uac.register_request(authorization=authorization))[0] == 200
    # The same nonce and nonce-count again is a replay.
    code, headers = uac.request(uac.register_request(authorization=authorization))
    assert code == 401
    # A correct answer to a nonce older than nonce_lifetime is stale, not wrong.
    time.sleep(2.2)
    old = digest_authorization(headers["www-authenticate"][0], "REGISTER", uri, "alice", "wonderland")
    code, headers = uac.request(uac.register_request(authorization=old))
    assert code == 401
    assert challenge_params(headers["www-authenticate"][0]).get("stale", "").lower() == "true"
    fresh = digest_authorization(headers["www-authenticate"][0], "REGISTER", uri, "alice", "wonderland")
    assert uac.request(uac.register_request(authorization=fresh))[0] == 200


def test_unregister_one_and_all(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.start()
    a, b = Uac("127.0.0.1", port4, user="bob"), Uac("127.0.0.1", port4, user="bob")
    assert a.register("builder")[0] == 200
    assert b.register("builder")[0] == 200
    code, headers = a.register("builder", expires=0)
    assert code == 200 and len(headers["contact"]) == 1
    assert f":{a.local_port};" not in contacts(sb)
    code, headers = b.register("builder", contacts=["*"], expires=0)
    assert code == 200 and "contact" not in headers
    assert "bob/" not in contacts(sb)


def test_interval_too_brief_gets_423_with_min_expires(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.start()
    uac = Uac("127.0.0.1", port4, user="bob")
    code, headers = uac.register("builder", expires=60)
    assert code == 423 and headers["min-expires"] == ["120"]


def test_same_instance_from_a_new_port_replaces_its_binding(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.start()
    instance = '+sip.instance="<urn:uuid:00000000-0000-1000-8000-000a95a0e128>";reg-id=1'
    first, second = Uac("127.0.0.1", port4, user="bob"), Uac("127.0.0.1", port4, user="bob")
    assert first.register("builder", contacts=[f"<sip:bob@127.0.0.1:{first.local_port}>;{instance}"])[0] == 200
    code, headers = second.register("builder", contacts=[f"<sip:bob@127.0.0.1:{second.local_port}>;{instance}"])
    assert code == 200 and len(headers["contact"]) == 1
    assert f":{second.local_port}>" in headers["contact"][0]


def test_aor_without_max_contacts_refuses_registration(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6, aor_options="")
    sb.start()
    assert Uac("127.0.0.1", port4).register("wonderland")[0] == 403


def test_acknowledged_contacts_survive_kill_9(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.append("pjsip.conf", "[bob](+type=aor)\nmax_contacts = 1000\n")
    sb.start()
    acknowledged = []
    uacs = []
    for _ in range(200):
        uac = Uac("127.0.0.1", port4, user="bob")
        if uac.register("builder")[0] == 200:
            acknowledged.append(uac.local_port)
        uacs.append(uac)
    os.kill(sb.process.pid, signal.SIGKILL)
    sb.process.wait()
    sb.start()
    listing = contacts(sb)
    missing = [port for port in acknowledged if f"127.0.0.1:{port};" not in listing]
    assert len(acknowledged) == 200 and not missing, missing


def test_qualify_marks_answering_contacts_reachable_and_silent_ones_unreachable(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6, aor_options="max_contacts = 1\nqualify_frequency = 1\nqualify_timeout = 0.5")
    sb.start()
    uac = Uac("127.0.0.1", port4)
    assert uac.register("wonderland")[0] == 200
    # The server's OPTIONS arrives within the first interval and is answered.
    request = uac.answer_next_request()
    assert request.startswith(f"OPTIONS sip:alice@127.0.0.1:{uac.local_port};transport=udp SIP/2.0\r\n")
    # Every later OPTIONS is answered too until the phone goes silent: a slow status query
    # (a sanitizer build) must not outlast an interval and see the next one time out.
    silent = threading.Event()
    uac.sock.settimeout(0.1)

    def keep_answering():
        while not silent.is_set():
            try:
                uac.answer_next_request()
            except OSError:  # the receive timed out: look at the flag again
                pass

    answering = threading.Thread(target=keep_answering)
    answering.start()
    try:
        deadline = time.monotonic() + 5
        while " Avail " not in contacts(sb) and time.monotonic() < deadline:
            time.sleep(0.1)
        row = [line for line in contacts(sb).splitlines() if "alice/sip:" in line][0]
        assert " Avail " in row and "nan" not in row, row
    finally:
        silent.set()
        answering.join()
    # Then the phone goes silent: the next OPTIONS times out after qualify_timeout.
    uac.close()
    deadline = time.monotonic() + 6
    while "Unavail" not in contacts(sb) and time.monotonic() < deadline:
        time.sleep(0.1)
    row = [line for line in contacts(sb).splitlines() if "alice/sip:" in line][0]
    assert " Unavail " in row and row.rstrip().endswith("nan"), row
    assert wait_output(sb, "is now Unreachable")  # logged by the logger thread, maybe later
    assert wait_output(sb, "Contact alice/sip:alice@127.0.0.1")


def test_contacts_without_qualify_are_nonqualified_and_pjsip_qualify_sends_options(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.start()
    uac = Uac("127.0.0.1", port4)
    assert uac.register("wonderland")[0] == 200
    time.sleep(1.5)
    row = [line for line in contacts(sb).splitlines() if "alice/sip:" in line][0]
    assert " NonQual " in row, row
    result = sb.rx("pjsip qualify alice")
    assert result.stdout == "Qualifying AOR 'alice' on endpoint 'alice'\n"
    assert uac.answer_next_request().startswith("OPTIONS ")
    assert sb.rx("pjsip qualify nobody").stdout == "Unable to retrieve endpoint nobody\n"


def test_keep_alives_go_out_on_tcp_connections(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6, extra_global="keep_alive_interval = 1")
    sb.start()
    uac = Uac("127.0.0.1", port4, "tcp")
    assert uac.register("wonderland")[0] == 200
    uac.sock.settimeout(3)
    data = uac.sock.recv(64)  # one keep-alive, or several if the test was slow to read
    assert data.startswith(b"\r\n\r\n") and set(data) <= {13, 10} and len(data) % 4 == 0, data


def test_aor_that_cannot_register_is_reported_at_load(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6, aor_options="")
    sb.start()
    time.sleep(0.3)
    assert wait_output(sb, "AOR 'alice' (endpoint 'alice', which has auth) has max_contacts=0")


def test_register_over_tls_ws_and_wss(sb):
    tls_port, http_port, https_port = free_port(), free_port(), free_port()
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.append("pjsip.conf", f"[tls]\ntype = transport\nprotocol = tls\nbind = 127.0.0.1:{tls_port}\n"
                            "[ws]\ntype = transport\nprotocol = ws\nbind = 0.0.0.0\n"
                            "[wss]\ntype = transport\nprotocol = wss\nbind = 0.0.0.0\n")
    sb.write("http.conf", f"[general]\nenabled = yes\nbindaddr = 127.0.0.1\nbindport = {http_port}\n"
                          f"tlsenable = yes\ntlsbindaddr = 127.0.0.1:{https_port}\n")
    sb.start()
    for transport, port in (("tls", tls_port), ("ws", http_port), ("wss", https_port)):
        uac = Uac("127.0.0.1", port, transport, user="bob")
        code, headers = uac.register("builder")
        assert code == 200, (transport, code, headers)
        assert any(f";transport={transport}>" in c for c in headers["contact"]), headers
        uac.close()


def test_path_is_stored_echoed_and_used_as_route_for_qualify(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6, aor_options="max_contacts = 1\nsupport_path = yes\nqualify_frequency = 1")
    sb.start()
    uac = Uac("127.0.0.1", port4)
    path = f"<sip:edge@127.0.0.1:{uac.local_port};lr>"
    code, headers = uac.register("wonderland", extra=f"Path: {path}\r\nSupported: path")
    assert code == 200 and headers["path"] == [path] and "path" in headers["supported"][0]
    request = uac.answer_next_request()
    assert f"\r\nRoute: {path}\r\n" in request, request


def test_path_required_without_support_path_is_420(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.start()
    uac = Uac("127.0.0.1", port4)
    code, headers = uac.register("wonderland", extra="Path: <sip:edge@127.0.0.1;lr>\r\nRequire: path")
    assert code == 420 and headers["unsupported"] == ["path"]


def test_precomputed_md5_cred_and_sha256_password_digest(sb):
    import hashlib
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6, extra_global="default_auth_algorithms_uas = SHA-256,MD5")
    md5 = hashlib.md5(b"carol:asterisk:hidden").hexdigest()
    sha = hashlib.sha256(b"dave:asterisk:hidden").hexdigest()
    sb.append("pjsip.conf", f"""
        [carol]
        type = endpoint
        auth = carol
        aors = carol
        [carol]
        type = auth
        auth_type = md5
        username = carol
        md5_cred = {md5}
        [carol]
        type = aor
        max_contacts = 1
        [dave]
        type = endpoint
        auth = dave
        aors = dave
        [dave]
        type = auth
        username = dave
        password_digest = SHA-256:{sha}
        [dave]
        type = aor
        max_contacts = 1
        """)
    sb.start()
    assert Uac("127.0.0.1", port4, user="carol").register("hidden", algorithm="MD5")[0] == 200
    assert Uac("127.0.0.1", port4, user="dave").register("hidden", algorithm="SHA-256")[0] == 200
    # A SHA-256 HA1 cannot answer an MD5 challenge: that fails like a wrong password.
    assert Uac("127.0.0.1", port4, user="dave").register("hidden", algorithm="MD5")[0] == 401


def test_sipp_registers_users_over_udp_and_tcp(sb, tmp_path):
    import pathlib
    import subprocess
    harness = pathlib.Path(__file__).resolve().parents[2] / "bench" / "harness"
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    users = "".join(f"[u{i}]\ntype = endpoint\nauth = u{i}\naors = u{i}\n[u{i}]\ntype = auth\nusername = u{i}\n"
                    f"password = secret\n[u{i}]\ntype = aor\nmax_contacts = 1\nremove_existing = yes\n"
                    for i in range(20))
    sb.append("pjsip.conf", users)
    sb.start()
    csv = tmp_path / "users.csv"
    csv.write_text("SEQUENTIAL\n" + "".join(f"u{i};[authentication username=u{i} password=secret];secret;\n"
                                            for i in range(20)))
    for transport in ("u1", "t1"):
        result = subprocess.run(
            ["sipp", "-sf", str(harness / "reg_auth.xml"), "-inf", str(csv), "-key", "domain", "127.0.0.1",
             "-t", transport, "-i", "127.0.0.1", "-p", str(free_port()), "-m", "20", "-r", "100",
             "-timeout", "20s", "-timeout_error", "-nostdin", f"127.0.0.1:{port4}"],
            capture_output=True, text=True, timeout=40, stdin=subprocess.DEVNULL, cwd=tmp_path)
        assert result.returncode == 0, (transport, result.stdout[-1500:], result.stderr[-1500:])
    listing = sb.rx("pjsip show contacts").stdout
    assert listing.count("Contact:  u") == 20, listing


def test_register_over_tls_and_ws_on_ipv6(sb):
    port4, port6 = free_port(), free_port(socket.AF_INET6)
    tls_port, http_port = free_port(socket.AF_INET6), free_port(socket.AF_INET6)
    configure(sb, port4, port6)
    sb.append("pjsip.conf", f"[tls6]\ntype = transport\nprotocol = tls\nbind = [::1]:{tls_port}\n"
                            "[ws]\ntype = transport\nprotocol = ws\nbind = [::]\n")
    sb.write("http.conf", f"[general]\nenabled = yes\nbindaddr = ::1\nbindport = {http_port}\n")
    sb.start()
    for transport, port in (("tls", tls_port), ("ws", http_port)):
        uac = Uac("::1", port, transport, user="bob")
        code, headers = uac.register("builder")
        assert code == 200, (transport, code, headers)
        assert any(f"@[::1]:{uac.local_port};transport={transport}>" in c for c in headers["contact"]), headers
        uac.close()
