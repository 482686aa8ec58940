"""The README's quick start on the shipped sample configuration (configs/): two phones
register as 6001 and 6002, call each other with RTP flowing both ways through the relay,
and reach the echo test (600) and the prompt (601). Only the ports are moved to free ones,
so the test does not depend on 5060 being free."""

import pathlib
import re
import shutil
import time

from sip_helpers import free_port, free_rtp_range
from sip_phone import Phone, status_of

ROOT = pathlib.Path(__file__).resolve().parents[2]


def sample_server(sb):
    shutil.copytree(ROOT / "configs", sb.etc, dirs_exist_ok=True)
    port, tls_port, ami_port = free_port(), free_port(), free_port()
    pjsip = (sb.etc / "pjsip.conf").read_text()
    pjsip = pjsip.replace(":5060", f":{port}").replace(":5061", f":{tls_port}")
    (sb.etc / "pjsip.conf").write_text(pjsip)
    manager = (sb.etc / "manager.conf").read_text().replace("5038", str(ami_port))
    (sb.etc / "manager.conf").write_text(manager)
    rtp = free_rtp_range(100)
    (sb.etc / "rtp.conf").write_text(f"[general]\nrtpstart = {rtp}\nrtpend = {rtp + 100}\n")
    # The prompts the build generates, where the sample's astdatadir looks for them.
    binary = pathlib.Path(__import__("switchboard").binary())
    shutil.copytree(binary.parent / "sounds", sb.root / "var" / "lib" / "sounds",
                    dirs_exist_ok=True)
    # The sample switchboard.conf keeps state in ../var relative to etc/, like the checkout.
    sb.start()
    return port


def test_two_sample_phones_call_each_other_and_the_demo_extensions(sb):
    port = sample_server(sb)
    phone1 = Phone(port, "6001", "change-me-6001")
    phone2 = Phone(port, "6002", "change-me-6002")
    assert phone1.register() == 200
    assert phone2.register() == 200
    assert "6002" in sb.rx("pjsip show contacts").stdout

    phone1.dial("6002")
    phone2.wait_invite()
    phone2.ring()
    phone2.answer()
    assert status_of(phone1.final()) == 200
    address, media_port, _ = phone1.call["remote_media"]
    phone1.send_rtp((address, media_port), count=20)
    assert len(phone2.receive_rtp(20)) >= 15
    b_address, b_port, _ = phone2.remote_media
    phone2.send_rtp((b_address, b_port), count=20)
    assert len(phone1.receive_rtp(20)) >= 15
    assert re.search(r"PJSIP/6001-\w+ +6002@internal", sb.rx("core show channels").stdout)
    assert phone1.bye() == 200
    phone2.answer_bye()

    phone1.dial("600")
    assert status_of(phone1.final()) == 200
    address, media_port, _ = phone1.call["remote_media"]
    phone1.send_rtp((address, media_port), count=10)
    assert len(phone1.receive_rtp(10)) >= 8
    assert phone1.bye() == 200

    phone1.dial("601")
    assert status_of(phone1.final()) == 200
    prompt = phone1.receive_rtp(40, timeout=5)
    assert len(prompt) == 40  # the generated demo-congrats lasts 1.8 s: 90 frames
    bye = phone1.wait_request("BYE", timeout=10)
    phone1.respond(bye, 200, "OK")
    deadline = time.time() + 5
    while "0 active channels" not in sb.rx("core show channels count").stdout:
        assert time.time() < deadline
        time.sleep(0.1)
    phone1.close()
    phone2.close()
