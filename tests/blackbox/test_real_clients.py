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


class Linphonec:
    """linphonec run headless: its console commands on stdin, its output in a file. Without a
    sound card it can still carry audio: `soundcard use files`, then `play` and `record` name
    the WAV files it talks from and hears into."""

    def __init__(self, home, sip_port):
        (home / ".local" / "share" / "linphone").mkdir(parents=True)
        rc = home / "linphonerc"
        rc.write_text(f"[sip]\nsip_port={sip_port}\nsip_tcp_port=-1\nsip_tls_port=-1\n"
                      "[rtp]\naudio_rtp_port=0\n")
        self.log = home / "linphonec.log"
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                ["linphonec", "-c", str(rc)], stdin=subprocess.PIPE, stdout=log,
                stderr=subprocess.STDOUT, text=True,
                env={"HOME": str(home), "PATH": "/usr/bin:/bin"})

    def say(self, *lines):
        for line in lines:
            self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def output(self):
        return self.log.read_text(errors="replace")

    def quit(self):
        try:
            if self.process.poll() is None:
                self.say("quit")
                self.process.wait(timeout=10)
        except Exception:
            self.process.kill()
            self.process.wait()
        finally:
            self.process.stdin.close()


def test_linphonec_registers_and_answers_qualify(sb, tmp_path):
    port, phone_port = free_port(), free_port()
    configure(sb, port)
    sb.start()
    phone = Linphonec(tmp_path / "linphone", phone_port)
    try:
        phone.say(f"register sip:alice@127.0.0.1:{port} sip:127.0.0.1:{port} wonderland")
        row = wait_for_reachable(sb, "alice/sip:alice@127.0.0.1")
        assert f":{phone_port}" in row
    finally:
        phone.quit()


# A tone generator as microphone (it only runs at 48 kHz stereo; baresip resamples).
SINE_SOURCE = "module ausine.so\naudio_source ausine,440\nausrc_srate 48000\nausrc_channels 2\n"


def two_phones_config(sb, port):
    """alice (password wonderland) and bob (builder) on UDP `port`, relay ports 37000-37999."""
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


def baresip_home(path, listen_port, account, audio=SINE_SOURCE):
    """A baresip configuration folder; `audio` holds the lines choosing its sound source and any
    other modules."""
    path.mkdir()
    (path / "config").write_text(
        # Media on loopback too (else its SDP offers the first interface's address).
        f"sip_listen 127.0.0.1:{listen_port}\nnet_interface 127.0.0.1\n"
        "module_path /usr/lib/baresip/modules\nmodule g711.so\nmodule aufile.so\n"
        "module_app account.so\nmodule_app menu.so\n" + audio + "rtp_ports 36000-36999\n")
    (path / "accounts").write_text(account + "\n")
    return path


def test_baresip_calls_baresip_through_the_relay(sb, tmp_path):
    """Two real soft-phones: alice dials bob; bob answers automatically; each phone's tone
    reaches the other from Switchboard's relay ports (rtp.conf), not from the other phone."""
    port = free_port()
    two_phones_config(sb, port)
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
