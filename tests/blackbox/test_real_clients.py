"""Real soft-phones (baresip, linphone's linphonec; Debian packages, run headless) register
with digest authentication and show as reachable in `pjsip show contacts`."""

import re
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


def baresip_home(path, listen_port, account):
    path.mkdir()
    (path / "config").write_text(
        f"sip_listen 127.0.0.1:{listen_port}\nmodule_path /usr/lib/baresip/modules\n"
        "module g711.so\nmodule ausine.so\nmodule aufile.so\nmodule_app account.so\n"
        # A tone generator as microphone (it only runs at 48 kHz stereo; baresip resamples).
        "module_app menu.so\naudio_source ausine,440\nausrc_srate 48000\nausrc_channels 2\n"
        "rtp_ports 36000-36999\n")
    (path / "accounts").write_text(account + "\n")
    return path


def test_baresip_calls_baresip_through_the_relay(sb, tmp_path):
    """Two real soft-phones: alice dials bob; bob answers automatically; each phone's tone
    reaches the other from Switchboard's relay ports (rtp.conf), not from the other phone."""
    port = free_port()
    sb.write("rtp.conf", "[general]\nrtpstart = 37000\nrtpend = 37999\n")
    sb.write("pjsip.conf", f"""
        [udp]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{port}
        [phone](!)
        type = endpoint
        context = phones
        disallow = all
        allow = ulaw
        [alice](phone)
        auth = alice
        aors = alice
        [alice]
        type = auth
        username = alice
        password = wonderland
        [alice]
        type = aor
        max_contacts = 1
        [bob](phone)
        auth = bob
        aors = bob
        [bob]
        type = auth
        username = bob
        password = builder
        [bob]
        type = aor
        max_contacts = 1
        """)
    sb.write("extensions.conf", "[phones]\nexten => bob,1,Dial(PJSIP/bob,20)\n same => n,Hangup()\n")
    sb.start()
    bob_home = baresip_home(tmp_path / "bob", free_port(),
                            f"<sip:bob@127.0.0.1:{port}>;auth_pass=builder;answermode=auto")
    bob = subprocess.Popen(["baresip", "-f", str(bob_home), "-t", "25"], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
    alice = None
    try:
        wait_registered(sb, "bob/sip:bob")
        alice_home = baresip_home(tmp_path / "alice", free_port(),
                                  f"<sip:alice@127.0.0.1:{port}>;auth_pass=wonderland;regint=0")
        alice = subprocess.Popen(["baresip", "-f", str(alice_home), "-t", "12", "-e",
                                  f"/dial sip:bob@127.0.0.1:{port}"], stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
        deadline = time.monotonic() + 10
        listing = ""
        while time.monotonic() < deadline:
            listing = sb.rx("core show channels").stdout
            if "2 active channels" in listing and listing.count(" Up ") == 2:
                break
            time.sleep(0.2)
        assert "2 active channels" in listing and listing.count(" Up ") == 2, listing
        time.sleep(2)  # two seconds of tone through the relay
    finally:
        outputs = []
        for phone in (alice, bob):
            if phone is not None:
                phone.terminate()
                outputs.append(phone.communicate(timeout=15)[0])
    relayed = r"incoming rtp for 'audio' established, receiving from 127\.0\.0\.1:37\d\d\d"
    assert re.search(relayed, outputs[0]), outputs[0]
    assert re.search(relayed, outputs[1]), outputs[1]


def wait_registered(sb, needle, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in sb.rx("pjsip show contacts").stdout:
            return
        time.sleep(0.2)
    raise AssertionError(f"{needle} did not register")
