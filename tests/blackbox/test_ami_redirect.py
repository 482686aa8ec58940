"""AMI Redirect (manager.c's action_redirect) on real SIP calls: a channel running its
dialplan, either leg of a Dial bridge (the other leg hangs up), both legs at once
(ExtraChannel), and every error message Asterisk writes."""

import time

from sip_helpers import free_port
from sip_phone import Phone, status_of
from test_ami import Ami, manager_conf
from test_calls import DIALPLAN, configure, register, wait_no_channels

REDIRECT_DIALPLAN = """
exten => 800,1,Answer()
 same => n,Wait(30)
 same => n,Hangup()

exten => 810,1,Set(LANDED=810)
 same => n(after),Wait(0.5)
 same => n,Hangup()

exten => 820,1,Set(LANDED=820)
 same => n,Wait(0.5)
 same => n,Hangup()
"""


def start(sb):
    port = free_port()
    ami_port = free_port()
    configure(sb, port, DIALPLAN.replace("[internal]\n", "[internal]\n" + REDIRECT_DIALPLAN, 1))
    sb.write("manager.conf", manager_conf(ami_port))
    sb.start()
    return port, ami_port


def login(ami_port):
    client = Ami(ami_port)
    assert client.login("admin", "s3cret", events="on")["Response"] == "Success"
    return client


def read_matching(client, predicate, limit=400):
    """The first message (as (key, value) pairs) for which predicate(dict) holds."""
    for _ in range(limit):
        message = client.read()
        if predicate(dict(message)):
            return message
    raise AssertionError("message not found")


def response_to(client, action_id):
    return read_matching(client, lambda m: m.get("ActionID") == action_id and "Response" in m)


def channel_of(client, prefix):
    """The name of the first channel whose Newchannel event starts with prefix."""
    event = read_matching(
        client, lambda m: m.get("Event") == "Newchannel" and m["Channel"].startswith(prefix))
    return dict(event)["Channel"]


def landed(client, channel):
    """The VarSet event of Set(LANDED=...) on channel, as a dict."""
    return dict(read_matching(client, lambda m: m.get("Event") == "VarSet" and
                              m.get("Variable") == "LANDED" and m.get("Channel") == channel))


def bridged_call(port, client):
    bob = register(port, "bob", "bob-secret")
    alice = Phone(port, "alice", "alice-secret")
    alice.dial("bob")
    bob.wait_invite()
    bob.ring()
    bob.answer()
    assert status_of(alice.final()) == 200
    alice_channel = channel_of(client, "PJSIP/alice-")
    bob_channel = channel_of(client, "PJSIP/bob-")
    read_matching(client, lambda m: m.get("Event") == "BridgeEnter" and
                  m.get("Channel") == bob_channel)
    return alice, bob, alice_channel, bob_channel


def test_redirect_errors_use_asterisks_messages(sb):
    port, ami_port = start(sb)
    client = Ami(ami_port)
    assert client.login("admin", "s3cret", events="off")["Response"] == "Success"
    cases = [
        ({}, "Channel not specified"),
        ({"Channel": "PJSIP/x"}, "Context not specified"),
        ({"Channel": "PJSIP/x", "Context": "internal"}, "Exten not specified"),
        ({"Channel": "PJSIP/x", "Context": "internal", "Exten": "810"},
         "Priority not specified"),
        ({"Channel": "PJSIP/x", "Context": "internal", "Exten": "810", "Priority": "nolabel"},
         "Priority is invalid"),
        ({"Channel": "PJSIP/x", "Context": "internal", "Exten": "810", "Priority": "0"},
         "Priority is invalid"),
        ({"Channel": "PJSIP/x", "Context": "internal", "Exten": "810", "Priority": "1",
          "ExtraChannel": "PJSIP/y", "ExtraContext": "internal"}, "ExtraExten not specified"),
        ({"Channel": "PJSIP/x", "Context": "internal", "Exten": "810", "Priority": "1",
          "ExtraChannel": "PJSIP/y", "ExtraContext": "internal", "ExtraExten": "820"},
         "ExtraPriority not specified"),
        ({"Channel": "PJSIP/x", "Context": "internal", "Exten": "810", "Priority": "1",
          "ExtraChannel": "PJSIP/y", "ExtraContext": "internal", "ExtraExten": "820",
          "ExtraPriority": "nolabel"}, "ExtraPriority is invalid"),
        ({"Channel": "PJSIP/nobody-00000001", "Context": "internal", "Exten": "810",
          "Priority": "after"}, "Channel does not exist: PJSIP/nobody-00000001"),
    ]
    for number, (headers, message) in enumerate(cases):
        client.action("Redirect", ActionID=f"e{number}", **headers)
        assert client.read() == [("Response", "Error"), ("ActionID", f"e{number}"),
                                 ("Message", message)], headers
    client.close()


def test_redirect_moves_a_channel_running_its_dialplan(sb):
    port, ami_port = start(sb)
    client = login(ami_port)
    alice = Phone(port, "alice", "alice-secret")
    alice.dial("800")
    assert status_of(alice.final()) == 200
    channel = channel_of(client, "PJSIP/alice-")
    client.action("Redirect", ActionID="r1", Channel=channel, Context="internal", Exten="810",
                  Priority="1")
    assert response_to(client, "r1") == [("Response", "Success"), ("ActionID", "r1"),
                                         ("Message", "Redirect successful")]
    event = landed(client, channel)
    assert (event["Context"], event["Exten"], event["Priority"]) == ("internal", "810", "1")
    assert event["Value"] == "810"
    # 810 hangs up after its Wait: long before 800's Wait(30) would have.
    started = time.time()
    alice.wait_request("BYE", timeout=5)
    assert time.time() - started < 5
    assert wait_no_channels(sb)
    client.close()
    alice.close()


def test_redirect_to_a_label_of_the_extension(sb):
    port, ami_port = start(sb)
    client = login(ami_port)
    alice = Phone(port, "alice", "alice-secret")
    alice.dial("800")
    assert status_of(alice.final()) == 200
    channel = channel_of(client, "PJSIP/alice-")
    client.action("Redirect", ActionID="r2", Channel=channel, Context="internal", Exten="810",
                  Priority="after")
    assert dict(response_to(client, "r2"))["Message"] == "Redirect successful"
    # Priority 2 ("after") skips Set(LANDED=...): the call just ends after the Wait.
    alice.wait_request("BYE", timeout=5)
    between = []
    read_matching(client, lambda m: between.append(m) or (
        m.get("Event") == "Hangup" and m.get("Channel") == channel))
    assert not [m for m in between if m.get("Variable") == "LANDED"]
    assert wait_no_channels(sb)
    client.close()
    alice.close()


def test_redirecting_the_caller_out_of_a_bridge_hangs_up_the_callee(sb):
    port, ami_port = start(sb)
    client = login(ami_port)
    alice, bob, alice_channel, bob_channel = bridged_call(port, client)
    client.action("Redirect", ActionID="r3", Channel=alice_channel, Context="internal",
                  Exten="810", Priority="1")
    assert response_to(client, "r3") == [("Response", "Success"), ("ActionID", "r3"),
                                         ("Message", "Redirect successful")]
    bob.answer_bye()
    event = landed(client, alice_channel)
    assert (event["Exten"], event["Priority"]) == ("810", "1")
    alice.wait_request("BYE", timeout=5)
    assert wait_no_channels(sb)
    client.close()
    alice.close()
    bob.close()


def test_redirecting_the_callee_out_of_a_bridge_hangs_up_the_caller(sb):
    port, ami_port = start(sb)
    client = login(ami_port)
    alice, bob, alice_channel, bob_channel = bridged_call(port, client)
    client.action("Redirect", ActionID="r4", Channel=bob_channel, Context="internal",
                  Exten="810", Priority="1")
    assert dict(response_to(client, "r4"))["Message"] == "Redirect successful"
    alice.wait_request("BYE", timeout=5)
    event = landed(client, bob_channel)
    assert (event["Context"], event["Exten"]) == ("internal", "810")
    bob.answer_bye()
    assert wait_no_channels(sb)
    client.close()
    alice.close()
    bob.close()


def test_dual_redirect_moves_both_legs_and_neither_hangs_up_early(sb):
    port, ami_port = start(sb)
    client = login(ami_port)
    alice, bob, alice_channel, bob_channel = bridged_call(port, client)
    client.action("Redirect", ActionID="r5", Channel=alice_channel, Context="internal",
                  Exten="810", Priority="1", ExtraChannel=bob_channel,
                  ExtraContext="internal", ExtraExten="820", ExtraPriority="1")
    assert response_to(client, "r5") == [("Response", "Success"), ("ActionID", "r5"),
                                         ("Message", "Dual Redirect successful")]
    seen = {}
    while len(seen) < 2:
        event = dict(read_matching(client, lambda m: m.get("Event") == "VarSet" and
                                   m.get("Variable") == "LANDED"))
        seen[event["Channel"]] = event["Exten"]
    assert seen == {alice_channel: "810", bob_channel: "820"}
    alice.wait_request("BYE", timeout=5)
    bob.answer_bye()
    assert wait_no_channels(sb)
    client.close()
    alice.close()
    bob.close()


def test_extra_channel_without_extra_context_follows_the_first(sb):
    port, ami_port = start(sb)
    client = login(ami_port)
    alice, bob, alice_channel, bob_channel = bridged_call(port, client)
    client.action("Redirect", ActionID="r6", Channel=alice_channel, Context="internal",
                  Exten="820", Priority="1", ExtraChannel=bob_channel)
    assert dict(response_to(client, "r6"))["Message"] == "Dual Redirect successful"
    seen = {}
    while len(seen) < 2:
        event = dict(read_matching(client, lambda m: m.get("Event") == "VarSet" and
                                   m.get("Variable") == "LANDED"))
        seen[event["Channel"]] = event["Exten"]
    assert seen == {alice_channel: "820", bob_channel: "820"}
    alice.wait_request("BYE", timeout=5)
    bob.answer_bye()
    assert wait_no_channels(sb)
    client.close()
    alice.close()
    bob.close()
