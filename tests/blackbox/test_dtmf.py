"""DTMF in SIP INFO (application/dtmf-relay and application/dtmf, as res_pjsip_dtmf_info
reads them): the digit is reported in DTMFBegin/DTMFEnd AMI events and played to the bridged
peer as an INFO when that endpoint's dtmf_mode is info; unreadable bodies get 500."""

import time
import uuid

from sip_helpers import free_port
from sip_phone import Phone, body_of, header, status_of
from test_ami import Ami, manager_conf
from test_calls import DIALPLAN, configure


def send_info(phone, content_type, body):
    c = phone.call
    c["cseq"] += 1
    phone.send("\r\n".join([
        f"INFO {c['target']} SIP/2.0",
        f"Via: SIP/2.0/UDP {phone.local()};branch=z9hG4bK{uuid.uuid4().hex[:16]};rport",
        *c.get("routes", []),
        f"From: \"{phone.user.title()}\" <sip:{phone.user}@127.0.0.1>;tag={c['tag']}",
        f"To: {c['to']}", f"Call-ID: {c['call_id']}", f"CSeq: {c['cseq']} INFO",
        "Max-Forwards: 70", f"Content-Type: {content_type}", f"Content-Length: {len(body)}", "",
        body]))
    return status_of(phone.wait_response("INFO"))


def dtmf_events(ami, count, timeout=5.0):
    events = []
    deadline = time.monotonic() + timeout
    while len(events) < count and time.monotonic() < deadline:
        message = ami.read_dict()
        if message.get("Event", "").startswith("DTMF"):
            events.append(message)
    return events


def test_info_digits_are_reported_and_relayed_as_info(sb):
    port, ami_port = free_port(), free_port()
    configure(sb, port, DIALPLAN)
    sb.append("pjsip.conf", "[alice](+type=endpoint)\ndtmf_mode = info\n"
                            "[bob](+type=endpoint)\ndtmf_mode = info\n")
    sb.write("manager.conf", manager_conf(ami_port))
    sb.start()
    ami = Ami(ami_port)
    assert ami.login(events="dtmf")["Response"] == "Success"
    alice, bob = Phone(port, "alice", "alice-secret"), Phone(port, "bob", "bob-secret")
    try:
        assert alice.register() == 200 and bob.register() == 200
        alice.dial("bob")
        bob.wait_invite()
        bob.answer()
        assert status_of(alice.final()) == 200

        assert send_info(alice, "application/dtmf-relay", "Signal=5\r\nDuration=250\r\n") == 200
        info = bob.wait_request("INFO")
        bob.respond(info, 200, "OK")
        assert header(info, "Content-Type") == "application/dtmf-relay"
        assert body_of(info) == "Signal=5\r\nDuration=250\r\n"
        events = dtmf_events(ami, 4)
        summary = [(e["Event"], e["Channel"].split("-")[0], e["Digit"], e["Direction"],
                    e.get("DurationMs")) for e in events]
        assert summary == [
            ("DTMFBegin", "PJSIP/alice", "5", "Received", None),
            ("DTMFEnd", "PJSIP/alice", "5", "Received", "250"),
            ("DTMFBegin", "PJSIP/bob", "5", "Sent", None),
            ("DTMFEnd", "PJSIP/bob", "5", "Sent", "250"),
        ], summary

        # application/dtmf carries the digit or its event number (11 is '#').
        assert send_info(alice, "application/dtmf", "11") == 200
        info = bob.wait_request("INFO")
        bob.respond(info, 200, "OK")
        assert body_of(info) == "Signal=#\r\nDuration=100\r\n"

        assert send_info(alice, "application/dtmf-relay", "Signal=Z\r\n") == 500
        assert alice.bye() == 200
        bob.answer_bye()
    finally:
        alice.close()
        bob.close()
        ami.close()
