"""Device states as Asterisk reports them: DeviceStateChange events (class call) when a
PJSIP endpoint's state really changes, the DEVICE_STATE dialplan function, and UNAVAILABLE
for an endpoint whose only contact does not answer qualify."""

import socket
import time

from sip_helpers import free_port
from sip_phone import Phone, status_of
from test_ami import Ami, manager_conf
from test_calls import DIALPLAN, configure, register, wait_no_channels, wait_output

STATE_DIALPLAN = """
exten => ds,1,Answer()
 same => n,NoOp(alice=${DEVICE_STATE(PJSIP/alice)})
 same => n,NoOp(bob=${DEVICE_STATE(SIP/bob)})
 same => n,NoOp(carol=${DEVICE_STATE(PJSIP/carol)})
 same => n,NoOp(nobody=${DEVICE_STATE(PJSIP/nobody)})
 same => n,Set(DEVICE_STATE(Custom:lamp)=busy)
 same => n,NoOp(lamp=${DEVICE_STATE(Custom:lamp)})
 same => n,Hangup()
"""


def start(sb, pjsip_extra=""):
    port, ami_port = free_port(), free_port()
    configure(sb, port, DIALPLAN.replace("[internal]\n", "[internal]\n" + STATE_DIALPLAN, 1))
    if pjsip_extra:
        sb.append("pjsip.conf", pjsip_extra)
    sb.write("manager.conf", manager_conf(ami_port))
    sb.start()
    return port, ami_port


def login(ami_port, events):
    client = Ami(ami_port)
    assert client.login("admin", "s3cret", events=events)["Response"] == "Success"
    return client


def device_events(client, done, timeout=10.0):
    """DeviceStateChange events (as key/value pairs) until done(list of (device, state))."""
    deadline = time.time() + timeout
    seen = []
    events = []
    while not done(seen):
        assert time.time() < deadline, f"device states so far: {seen}"
        pairs = client.read()
        message = dict(pairs)
        if message.get("Event") == "DeviceStateChange":
            events.append(pairs)
            seen.append((message["Device"], message["State"]))
    return events, seen


def states_of(seen, device):
    return [state for name, state in seen if name == device]


def test_call_changes_the_device_states_of_both_endpoints(sb):
    port, ami_port = start(sb)
    bob = register(port, "bob", "bob-secret")
    alice = Phone(port, "alice", "alice-secret")
    assert alice.register() == 200
    client = login(ami_port, "call")
    control = login(ami_port, "off")
    try:
        alice.dial("bob")
        bob.wait_invite()
        bob.ring()
        events, seen = device_events(client, lambda s: ("PJSIP/bob", "RINGING") in s)
        # Asterisk's fields and class.
        assert events[0][0] == ("Event", "DeviceStateChange")
        assert [key for key, _ in events[0]] == ["Event", "Privilege", "Device", "State"]
        assert dict(events[0])["Privilege"] == "call,all"
        bob.answer()
        assert status_of(alice.final()) == 200

        more, seen_up = device_events(client, lambda s: ("PJSIP/bob", "INUSE") in s)
        seen += seen_up
        # DEVICE_STATE through AMI Getvar while the call is up (SIP/ is the same device).
        for device, expected in [("PJSIP/bob", "INUSE"), ("SIP/bob", "INUSE"),
                                 ("PJSIP/alice", "INUSE"), ("PJSIP/carol", "UNAVAILABLE"),
                                 ("PJSIP/nobody", "INVALID"), ("Custom:nothing", "UNKNOWN")]:
            control.action("Getvar", Variable=f"DEVICE_STATE({device})")
            assert control.read_dict()["Value"] == expected, device

        assert alice.bye() == 200
        bob.answer_bye()
        _, seen_end = device_events(
            client, lambda s: ("PJSIP/bob", "NOT_INUSE") in s and ("PJSIP/alice", "NOT_INUSE") in s)
        seen += seen_end
        # The states follow the channels' (ast_state_chan2dev), as chan_pjsip sets them:
        # bob's leg is Down (NOT_INUSE, no change) until its 180 makes it Ringing, alice's
        # channel is Ring (INUSE) throughout the ringing, and both are Up once bob answers.
        assert states_of(seen, "PJSIP/bob") == ["RINGING", "INUSE", "NOT_INUSE"], seen
        assert states_of(seen, "PJSIP/alice") == ["INUSE", "NOT_INUSE"], seen
        for device in ("PJSIP/alice", "PJSIP/bob"):
            states = states_of(seen, device)
            assert all(a != b for a, b in zip(states, states[1:])), seen
        assert {device for device, _ in seen} == {"PJSIP/alice", "PJSIP/bob"}
        assert wait_no_channels(sb)
        # Nothing more once the call is over: no repeated NOT_INUSE.
        control.action("Ping")
        client.action("Ping", ActionID="last")
        tail = []
        while True:
            message = client.read_dict()
            if message.get("ActionID") == "last":
                break
            tail.append(message)
        assert not [m for m in tail if m.get("Event") == "DeviceStateChange"], tail
    finally:
        client.close()
        control.close()
        alice.close()
        bob.close()


def test_device_state_function_in_the_dialplan(sb):
    port, ami_port = start(sb)
    bob = register(port, "bob", "bob-secret")
    alice = Phone(port, "alice", "alice-secret")
    client = login(ami_port, "call")
    try:
        alice.dial("ds")
        assert status_of(alice.final()) == 200
        for value in ["alice=INUSE", "bob=NOT_INUSE", "carol=UNAVAILABLE", "nobody=INVALID",
                      "lamp=BUSY"]:
            assert wait_output(sb, f'"{value}")'), value
        # Setting a custom device publishes its change.
        _, seen = device_events(client, lambda s: ("Custom:lamp", "BUSY") in s)
        assert ("Custom:lamp", "BUSY") in seen
    finally:
        client.close()
        alice.close()
        bob.close()


def test_unreachable_contact_makes_the_device_unavailable(sb):
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    silent_port = silent.getsockname()[1]
    port, ami_port = start(sb, f"""
        [dave](phone)
        aors = dave
        [dave]
        type = aor
        contact = sip:dave@127.0.0.1:{silent_port}
        qualify_frequency = 2
        qualify_timeout = 1.5
        """)
    client = login(ami_port, "call")
    control = login(ami_port, "off")
    try:
        control.action("Getvar", Variable="DEVICE_STATE(PJSIP/dave)")
        assert control.read_dict()["Value"] in ("NOT_INUSE", "UNAVAILABLE")
        _, seen = device_events(client, lambda s: ("PJSIP/dave", "UNAVAILABLE") in s)
        assert seen == [("PJSIP/dave", "UNAVAILABLE")]
        control.action("Getvar", Variable="DEVICE_STATE(SIP/dave)")
        assert control.read_dict()["Value"] == "UNAVAILABLE"
    finally:
        client.close()
        control.close()
        silent.close()
