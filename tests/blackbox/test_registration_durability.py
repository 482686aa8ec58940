"""kill -9 under registration load: every contact whose 200 OK reached SIPp is back after the
restart (the registrar answers only once the contact is on disk)."""

import os
import pathlib
import re
import signal
import subprocess
import time

from sip_helpers import free_port

HARNESS = pathlib.Path(__file__).resolve().parents[2] / "bench" / "harness"
USERS = 400


def configure(sb, port):
    lines = [f"[udp]\ntype = transport\nprotocol = udp\nbind = 127.0.0.1:{port}\n"]
    for i in range(1, USERS + 1):
        user = f"user{i:04d}"
        lines.append(f"[{user}]\ntype = endpoint\nauth = {user}\naors = {user}\n"
                     f"[{user}]\ntype = auth\nusername = {user}\npassword = secret\n"
                     f"[{user}]\ntype = aor\nmax_contacts = 1\nremove_existing = yes\n")
    (sb.etc / "pjsip.conf").write_text("".join(lines))


def acknowledged_users(message_log: pathlib.Path) -> set:
    """Users whose REGISTER got a 200 OK, from SIPp's message trace."""
    text = message_log.read_text(errors="replace") if message_log.exists() else ""
    users = set()
    for block in text.split("----------------------------------------------- "):
        if "SIP/2.0 200 OK" in block:
            found = re.search(r"(?m)^To: <sip:(user\d+)@", block)
            if found:
                users.add(found.group(1))
    return users


def test_contacts_acknowledged_under_load_survive_kill_9(sb, tmp_path):
    port = free_port()
    configure(sb, port)
    sb.start()
    users_csv = tmp_path / "users.csv"
    users_csv.write_text(subprocess.run(["sh", str(HARNESS / "gen_users.sh"), str(USERS)],
                                        capture_output=True, text=True, check=True).stdout)
    messages = tmp_path / "messages.log"
    sipp = subprocess.Popen(
        ["sipp", "-sf", str(HARNESS / "reg_auth.xml"), "-inf", str(users_csv), "-key", "domain", "127.0.0.1",
         "-t", "u1", "-i", "127.0.0.1", "-p", str(free_port()), "-r", "2000", "-l", "100", "-m", str(USERS),
         "-timeout", "20s", "-nostdin", "-trace_msg", "-message_file", str(messages), f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    try:
        # Kill the server in the middle of the load: once some 200s have arrived.
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if messages.exists() and messages.read_text(errors="replace").count("SIP/2.0 200 OK") >= 60:
                break
            time.sleep(0.01)
        os.kill(sb.process.pid, signal.SIGKILL)
        sb.process.wait()
    finally:
        # What is in flight can no longer complete; SIGTERM makes SIPp flush its trace and quit.
        time.sleep(0.3)
        sipp.terminate()
        try:
            sipp.wait(timeout=10)
        except subprocess.TimeoutExpired:
            sipp.kill()
            sipp.wait()
    acknowledged = acknowledged_users(messages)
    assert len(acknowledged) >= 60, len(acknowledged)
    print(f"acknowledged before kill -9: {len(acknowledged)}")
    sb.start()
    listing = sb.rx("pjsip show contacts").stdout
    present = set(re.findall(r"Contact:\s+(user\d+)/sip:", listing))
    missing = sorted(acknowledged - present)
    assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged contacts lost: {missing[:10]}"
