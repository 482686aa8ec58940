"""Attack tools against the registrar: sipvicious's svwar must not tell real extensions from
made-up ones, and svcrack's guesses must raise security events (and only the right password
may work)."""

import socket
import subprocess
import time

from sip_helpers import free_port


def configure(sb, port):
    sb.write("logger.conf", "[logfiles]\nsecurity => security\nmessages => notice,warning,error\n")
    sb.write(
        "pjsip.conf",
        f"""
        [udp]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{port}
        [100]
        type = endpoint
        auth = 100
        aors = 100
        [100]
        type = auth
        username = 100
        password = 1025
        [100]
        type = aor
        max_contacts = 1
        [105]
        type = endpoint
        auth = 105
        aors = 105
        [105]
        type = auth
        username = 105
        password = secret
        [105]
        type = aor
        max_contacts = 1
        """,
    )


def run(*args, timeout=120):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def test_svwar_finds_no_extension_with_any_method(sb):
    port = free_port()
    configure(sb, port)
    sb.start()
    for method in ("REGISTER", "OPTIONS", "INVITE"):
        result = run("svwar", "--force", "-e90-110", "-m", method, "-p", str(port), "127.0.0.1")
        output = result.stdout + result.stderr
        assert "found nothing" in output, (method, output[-2000:])
        assert "| Extension" not in output, output[-2000:]


def test_svcrack_guesses_raise_security_events_and_fail_until_the_right_one(sb):
    port = free_port()
    configure(sb, port)
    sb.start()
    wrong = run("svcrack", "-u", "105", "-r1000-1030", "-p", str(port), "127.0.0.1")
    assert "found nothing" in wrong.stdout + wrong.stderr
    right = run("svcrack", "-u", "100", "-r1020-1030", "-p", str(port), "127.0.0.1")
    assert "1025" in right.stdout, right.stdout + right.stderr
    time.sleep(0.5)
    security = (sb.log_dir / "security").read_text()
    assert security.count('SecurityEvent="InvalidPassword"') >= 31
    assert 'SecurityEvent="SuccessfulAuth"' in security and 'AccountID="100"' in security
    messages = (sb.log_dir / "messages").read_text()
    assert "- Failed to authenticate" in messages and "failed for '127.0.0.1:" in messages
