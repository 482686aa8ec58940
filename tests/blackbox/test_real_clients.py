"""Real soft-phones (baresip, linphone's linphonec; Debian packages, run headless) register
with digest authentication and show as reachable in `pjsip show contacts`."""

import subprocess
import time

from sip_helpers import free_port


def configure(sb, port):
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
        [phone](!)
        type = aor
        max_contacts = 1
        remove_existing = yes
        qualify_frequency = 1
        [alice]
        type = endpoint
        auth = alice
        aors = alice
        [alice]
        type = auth
        username = alice
        password = wonderland
        [alice](phone)
        """,
    )


def wait_for_reachable(sb, needle, seconds=15):
    deadline = time.monotonic() + seconds
    listing = ""
    while time.monotonic() < deadline:
        listing = sb.rx("pjsip show contacts").stdout
        rows = [line for line in listing.splitlines() if needle in line]
        if rows and " Avail " in rows[0]:
            return rows[0]
        time.sleep(0.2)
    raise AssertionError(f"no reachable contact {needle}:\n{listing}")


def test_baresip_registers_and_answers_qualify(sb, tmp_path):
    port, phone_port = free_port(), free_port()
    configure(sb, port)
    sb.start()
    home = tmp_path / "baresip"
    home.mkdir()
    (home / "config").write_text(
        f"sip_listen 127.0.0.1:{phone_port}\nmodule_path /usr/lib/baresip/modules\n"
        "module g711.so\nmodule_app account.so\n")
    (home / "accounts").write_text(
        f"<sip:alice@127.0.0.1:{port};transport=tcp>;auth_pass=wonderland;regint=600\n")
    phone = subprocess.Popen(["baresip", "-f", str(home), "-t", "30"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
    try:
        # baresip registers over TCP; qualify reaches it over the same connection
        row = wait_for_reachable(sb, "alice/sip:alice")
        assert "@127.0.0.1:" in row
        assert "tcp" in sb.rx("sip show tcp").stdout.lower()
    finally:
        phone.terminate()
        output = phone.communicate(timeout=15)[0]
    assert "200 OK" in output, output


def test_linphonec_registers_and_answers_qualify(sb, tmp_path):
    port, phone_port = free_port(), free_port()
    configure(sb, port)
    sb.start()
    home = tmp_path / "linphone"
    (home / ".local" / "share" / "linphone").mkdir(parents=True)
    rc = home / "linphonerc"
    rc.write_text(f"[sip]\nsip_port={phone_port}\nsip_tcp_port=-1\nsip_tls_port=-1\n"
                  "[rtp]\naudio_rtp_port=0\n")
    phone = subprocess.Popen(["linphonec", "-c", str(rc)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, env={"HOME": str(home), "PATH": "/usr/bin:/bin"})
    try:
        phone.stdin.write(f"register sip:alice@127.0.0.1:{port} sip:127.0.0.1:{port} wonderland\n")
        phone.stdin.flush()
        row = wait_for_reachable(sb, "alice/sip:alice@127.0.0.1")
        assert f":{phone_port}" in row
    finally:
        try:
            phone.stdin.write("quit\n")
            phone.stdin.flush()
            phone.wait(timeout=10)
        except Exception:
            phone.kill()
            phone.wait()
