"""AMI call actions end to end (module manager_calls): CoreShowChannels, Status, Getvar,
Setvar, Hangup and Originate against real SIP calls, and the console's `channel originate`.
And chan_pjsip's PJSIPHangup, as a dialplan application and as a manager action."""

import re
import time

from sip_helpers import free_port
from sip_phone import Phone, body_of, header, sdp_media, status_of
from test_ami import Ami, manager_conf
from test_calls import DIALPLAN, channel_count, configure, register, wait_no_channels, wait_output

EXTRA_DIALPLAN = """
exten => 700,1,NoOp(originated FOO=${FOO})
 same => n,Wait(1)
 same => n,Hangup()

exten => 840,1,PJSIPHangup(486)
 same => n,NoOp(after PJSIPHangup)
exten => 841,1,Ringing()
 same => n,PJSIPHangup(UNSUPPORTED_CERTIFICATE)
exten => 842,1,PJSIPHangup(700)
exten => 843,1,Answer()
 same => n,PJSIPHangup(486)
exten => 844,1,PJSIPHangup()
exten => 845,1,Ringing()
 same => n,Wait(30)
"""

# May originate and read call events, but not run system applications.
DIALER_USER = """
    [dialer]
    secret = d1al
    read = call
    write = originate,call
    """

CHANNEL_STATE_FIELDS = [
    "Channel", "ChannelState", "ChannelStateDesc", "CallerIDNum", "CallerIDName",
    "ConnectedLineNum", "ConnectedLineName", "Language", "AccountCode", "Context", "Exten",
    "Priority", "Uniqueid", "Linkedid",
]


def start(sb):
    """Starts with the call test dialplan (+ extension 700) and the manager; returns the SIP
    and AMI ports."""
    port = free_port()
    ami_port = free_port()
    configure(sb, port, DIALPLAN.replace("[internal]\n", "[internal]\n" + EXTRA_DIALPLAN, 1))
    sb.write("manager.conf", manager_conf(ami_port) + DIALER_USER)
    sb.start()
    return port, ami_port


def login(ami_port, events="off", user="admin", secret="s3cret"):
    client = Ami(ami_port)
    assert client.login(user, secret, events=events)["Response"] == "Success"
    return client


def read_list(client):
    """The messages of an event list up to its EventList: Complete message."""
    messages = []
    while True:
        message = client.read()
        messages.append(message)
        if ("EventList", "Complete") in message:
            return messages


def bridged_call(port):
    """alice calls bob, bob answers: two channels bridged by Dial."""
    bob = register(port, "bob", "bob-secret")
    alice = Phone(port, "alice", "alice-secret")
    alice.dial("bob")
    bob.wait_invite()
    bob.ring()
    bob.answer()
    assert status_of(alice.final()) == 200
    return alice, bob


def wait_for(predicate, timeout=5.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_core_show_channels_lists_both_legs_of_a_call(sb):
    port, ami_port = start(sb)
    client = login(ami_port)
    client.action("CoreShowChannels", ActionID="csc-1")
    empty = read_list(client)
    assert dict(empty[0]) == {"Response": "Success", "ActionID": "csc-1", "EventList": "start",
                              "Message": "Channels will follow"}
    assert empty[1] == [("Event", "CoreShowChannelsComplete"), ("ActionID", "csc-1"),
                        ("EventList", "Complete"), ("ListItems", "0")]

    alice, bob = bridged_call(port)
    client.action("CoreShowChannels", ActionID="csc-2")
    messages = read_list(client)
    assert [key for key, _ in messages[0]] == ["Response", "ActionID", "EventList", "Message"]
    items = messages[1:-1]
    assert len(items) == 2
    for item in items:
        keys = [key for key, _ in item]
        assert keys == (["Event", "ActionID"] + CHANNEL_STATE_FIELDS +
                        ["Application", "ApplicationData", "Duration", "BridgeId"])
    first, second = (dict(item) for item in items)
    assert first["Event"] == "CoreShowChannel" and first["ActionID"] == "csc-2"
    assert first["Channel"].startswith("PJSIP/alice-")
    assert first["ChannelState"] == "6" and first["ChannelStateDesc"] == "Up"
    assert first["Context"] == "internal" and first["Exten"] == "bob"
    assert first["Application"] == "Dial" and first["ApplicationData"].startswith("PJSIP/bob")
    assert first["Duration"].count(":") == 2 and first["Duration"].startswith("00:00:")
    assert second["Channel"].startswith("PJSIP/bob-")
    assert second["Linkedid"] == first["Uniqueid"]
    assert first["BridgeId"] and first["BridgeId"] == second["BridgeId"]
    assert messages[-1] == [("Event", "CoreShowChannelsComplete"), ("ActionID", "csc-2"),
                            ("EventList", "Complete"), ("ListItems", "2")]

    assert alice.bye() == 200
    bob.answer_bye()
    assert wait_no_channels(sb)
    client.close()
    alice.close()
    bob.close()


def test_status_setvar_getvar_and_hangup_by_name(sb):
    port, ami_port = start(sb)
    client = login(ami_port)
    alice, bob = bridged_call(port)
    client.action("CoreShowChannels")
    channels = [dict(m)["Channel"] for m in read_list(client)[1:-1]]
    alice_channel = next(c for c in channels if c.startswith("PJSIP/alice-"))

    # Setvar / Getvar on the channel and on globals.
    client.action("Setvar", Channel=alice_channel, Variable="COLOUR", Value="blue", ActionID="s1")
    assert client.read() == [("Response", "Success"), ("ActionID", "s1"),
                             ("Message", "Variable Set")]
    client.action("Getvar", Channel=alice_channel, Variable="COLOUR", ActionID="g1")
    assert client.read() == [("Response", "Success"), ("ActionID", "g1"),
                             ("Variable", "COLOUR"), ("Value", "blue")]
    client.action("Getvar", Channel=alice_channel, Variable="CALLERID(num)")
    assert client.read_dict()["Value"] == "alice"
    client.action("Setvar", Variable="SITE", Value="north")
    assert client.read_dict()["Message"] == "Variable Set"
    client.action("Getvar", Variable="SITE")
    assert client.read_dict() == {"Response": "Success", "Variable": "SITE", "Value": "north"}
    client.action("Getvar", Variable="TIMEOUT")  # from [globals]
    assert client.read_dict()["Value"] == "10"
    client.action("Getvar", Channel="PJSIP/nobody-00000000", Variable="X")
    assert client.read_dict() == {"Response": "Error", "Message": "No such channel"}
    client.action("Getvar", Channel=alice_channel)
    assert client.read_dict() == {"Response": "Error", "Message": "No variable specified"}

    # Status of one channel, with requested variables.
    client.action("Status", Channel=alice_channel, Variables="COLOUR,SITE", ActionID="st")
    messages = read_list(client)
    assert dict(messages[0])["Message"] == "Channel status will follow"
    assert len(messages) == 3
    status = messages[1]
    keys = [key for key, _ in status]
    assert keys[:2] == ["Event", "Privilege"] and keys[2:16] == CHANNEL_STATE_FIELDS
    assert keys[16:] == ["Type", "DNID", "EffectiveConnectedLineNum",
                         "EffectiveConnectedLineName", "TimeToHangup", "BridgeID", "Application",
                         "Data", "Nativeformats", "Readformat", "Readtrans", "Writeformat",
                         "Writetrans", "Callgroup", "Pickupgroup", "Seconds", "Variable",
                         "Variable", "ActionID"]
    assert ("Variable", "COLOUR=blue") in status and ("Variable", "SITE=north") in status
    fields = dict(status)
    assert fields["Event"] == "Status" and fields["Privilege"] == "Call"
    assert fields["Channel"] == alice_channel and fields["Type"] == "PJSIP"
    assert fields["Application"] == "Dial" and fields["ActionID"] == "st"
    assert messages[2] == [("Event", "StatusComplete"), ("ActionID", "st"),
                           ("EventList", "Complete"), ("ListItems", "1"), ("Items", "1")]
    client.action("Status")
    assert len(read_list(client)) == 4  # ack, two channels, complete
    client.action("Status", Channel="PJSIP/nobody")
    assert client.read_dict() == {"Response": "Error", "Message": "No such channel"}

    # Hangup by exact name ends the whole call: both phones get a BYE.
    client.action("Hangup", Channel="PJSIP/nobody-1")
    assert client.read_dict() == {"Response": "Error", "Message": "No such channel"}
    client.action("Hangup", Channel=alice_channel, Cause="16", ActionID="h1")
    assert client.read() == [("Response", "Success"), ("ActionID", "h1"),
                             ("Message", "Channel Hungup")]
    alice.answer_bye()
    bob.answer_bye()
    assert wait_no_channels(sb)
    client.close()
    alice.close()
    bob.close()


def test_hangup_by_regex_lists_the_channels(sb):
    port, ami_port = start(sb)
    client = login(ami_port)
    alice, bob = bridged_call(port)
    client.action("Hangup", Channel="/^PJSIP/bob-/", ActionID="rx")
    messages = read_list(client)
    assert dict(messages[0])["Message"] == "Channels hung up will follow"
    assert len(messages) == 3
    assert [key for key, _ in messages[1]] == ["Event", "Channel", "ActionID"]
    assert dict(messages[1])["Channel"].startswith("PJSIP/bob-")
    assert messages[2] == [("Event", "ChannelsHungupListComplete"), ("ActionID", "rx"),
                           ("EventList", "Complete"), ("ListItems", "1")]
    bob.answer_bye()
    alice.answer_bye()
    assert wait_no_channels(sb)
    client.action("Hangup", Channel="/bob")
    assert client.read_dict()["Message"] == "Regex format invalid, Channel param should be /regex/"
    client.close()
    alice.close()
    bob.close()


def test_async_originate_into_an_extension(sb):
    port, ami_port = start(sb)
    bob = register(port, "bob", "bob-secret")
    client = login(ami_port, events="call")
    client.action("Originate", Channel="PJSIP/bob", Context="internal", Exten="700",
                  Priority="1", CallerID="Ops <999>", Variable="FOO=bar", Async="true",
                  ActionID="orig-1")
    assert client.read_until(lambda m: "Response" in m and "Event" not in m, limit=500) == {
        "Response": "Success", "ActionID": "orig-1", "Message": "Originate successfully queued"}
    invite = bob.wait_invite()
    assert "Ops" in header(invite, "From") and "<sip:999@" in header(invite, "From")
    bob.ring()
    bob.answer()
    response = client.read_until(lambda m: m.get("Event") == "OriginateResponse", limit=500)
    assert response["ActionID"] == "orig-1"
    assert response["Privilege"] == "call,all"
    assert response["Response"] == "Success" and response["Reason"] == "4"
    assert response["Channel"].startswith("PJSIP/bob-")
    assert response["Context"] == "internal" and response["Exten"] == "700"
    assert response["CallerIDNum"] == "999" and response["CallerIDName"] == "Ops"
    # The channel runs the dialplan with the variable set, then hangs up.
    getter = login(ami_port)
    getter.action("Getvar", Channel=response["Channel"], Variable="FOO")
    assert getter.read_dict()["Value"] == "bar"
    bob.answer_bye(timeout=5)
    assert wait_no_channels(sb)
    assert wait_output(sb, "originated FOO=bar")
    getter.close()
    client.close()
    bob.close()


def test_originate_to_a_phone_that_declines(sb):
    port, ami_port = start(sb)
    bob = register(port, "bob", "bob-secret")
    client = login(ami_port, events="call")
    # Asynchronous: queued, then a failure event.
    client.action("Originate", Channel="PJSIP/bob", Application="Wait", Data="1", Async="yes",
                  ActionID="a1")
    assert client.read_until(lambda m: "Response" in m and "Event" not in m, limit=500)["Message"] == \
        "Originate successfully queued"
    bob.wait_invite()
    bob.reject(603, "Decline")
    response = client.read_until(lambda m: m.get("Event") == "OriginateResponse", limit=500)
    assert response["Response"] == "Failure" and response["Reason"] == "8"
    assert response["Channel"] == "PJSIP/bob" and response["Uniqueid"] == "<unknown>"
    assert response["Application"] == "Wait" and response["Data"] == "1"
    assert response["CallerIDNum"] == "<unknown>"
    assert wait_no_channels(sb)
    # Synchronous: the reply waits for the outcome.
    client.action("Originate", Channel="PJSIP/bob", Application="Wait", Data="1", ActionID="s1")
    bob.wait_invite()
    bob.reject(486, "Busy Here")
    assert client.read_until(lambda m: "Response" in m and "Event" not in m, limit=500) == {
        "Response": "Error", "ActionID": "s1", "Message": "Originate failed"}
    assert wait_no_channels(sb)
    # Checked before anything is dialled.
    client.action("Originate", Channel="PJSIP/bob", Context="internal", Exten="nowhere",
                  Priority="1")
    assert client.read_until(lambda m: "Response" in m and "Event" not in m, limit=500)["Message"] == \
        "Extension does not exist."
    client.action("Originate", Channel="bob", Application="Wait")
    assert client.read_until(lambda m: "Response" in m and "Event" not in m, limit=500)["Message"] == \
        "Invalid channel"
    dialer = login(ami_port, user="dialer", secret="d1al")
    dialer.action("Originate", Channel="PJSIP/bob", Application="System", Data="true")
    assert dialer.read_dict() == {
        "Response": "Error", "Message": "Originate Access Forbidden: app or data blacklisted"}
    dialer.action("Getvar", Variable="SHELL(id)")
    assert dialer.read_dict() == {"Response": "Error",
                                  "Message": "GetVar Access Forbidden: Variable"}
    dialer.action("CoreShowChannels")
    assert dialer.read_dict()["Message"] == "Permission denied"
    dialer.close()
    client.close()
    bob.close()


def test_originate_ring_timeout_cancels_the_call(sb):
    port, ami_port = start(sb)
    bob = register(port, "bob", "bob-secret")
    client = login(ami_port, events="call")
    client.action("Originate", Channel="PJSIP/bob", Context="internal", Exten="700",
                  Priority="1", Timeout="1000", Async="1", ChannelId="wanted-id", ActionID="t")
    assert client.read_until(lambda m: "Response" in m and "Event" not in m, limit=500)[
        "Message"] == "Originate successfully queued"
    bob.wait_invite()
    bob.ring()
    cancel = bob.wait_request("CANCEL", timeout=5)
    bob.respond(cancel, 200, "OK")
    bob.respond(bob.incoming, 487, "Request Terminated")
    response = client.read_until(lambda m: m.get("Event") == "OriginateResponse", limit=500)
    assert response["Response"] == "Failure" and response["Reason"] == "3"
    assert response["Channel"] == "PJSIP/bob" and response["Uniqueid"] == "wanted-id"
    assert wait_no_channels(sb)
    client.close()
    bob.close()


def test_sync_originate_to_an_application_hangs_up_after_it(sb):
    port, ami_port = start(sb)
    bob = register(port, "bob", "bob-secret")
    client = login(ami_port)
    client.action("Originate", Channel="PJSIP/bob", Application="Wait", Data="0.5",
                  ActionID="w")
    bob.wait_invite()
    bob.answer()
    assert client.read() == [("Response", "Success"), ("ActionID", "w"),
                             ("Message", "Originate successfully queued")]
    bob.answer_bye()
    assert wait_no_channels(sb)
    client.close()
    bob.close()


def test_console_channel_originate(sb):
    port, _ = start(sb)
    bob = register(port, "bob", "bob-secret")
    result = sb.rx("channel originate PJSIP/bob application Wait 2")
    assert result.returncode == 0 and result.stdout == ""
    bob.wait_invite()
    bob.answer()
    assert wait_for(lambda: channel_count(sb) == 1)
    bob.answer_bye()
    assert wait_no_channels(sb)

    result = sb.rx("channel originate PJSIP/bob extension 700@internal")
    assert result.returncode == 0
    bob.wait_invite()
    bob.answer()
    bob.answer_bye(timeout=5)
    assert wait_no_channels(sb)

    result = sb.rx("channel originate bob application Wait")
    assert "*** No data provided after channel type! ***" in result.stdout
    assert "Usage1: channel originate <tech/data> application <appname> [appdata]" in result.stdout
    result = sb.rx("channel originate PJSIP/bob sideways")
    assert "Usage1:" in result.stdout
    bob.close()


def event_pairs(client, predicate, limit=50):
    """The next event (as its ordered key/value pairs) for which predicate(dict) holds."""
    for _ in range(limit):
        pairs = client.read()
        if predicate(dict(pairs)):
            return pairs
    raise AssertionError("event not found")


def chan_variables(pairs):
    return [value for key, value in pairs if key == "ChanVariable"]


def test_channelvars_ride_on_every_channel_event(sb):
    port, ami_port = free_port(), free_port()
    configure(sb, port, DIALPLAN.replace("[globals]\n", "[globals]\nSITE = north\n", 1).replace(
        "exten => 610,1,", "exten => 611,1,Set(FOO=hello)\n same => n,Answer()\n"
        " same => n,Wait(5)\n same => n,Hangup()\nexten => 610,1,", 1))
    sb.write("manager.conf", manager_conf(ami_port, "channelvars = FOO,SITE,UNSET"))
    sb.start()
    client = login(ami_port, events="call")
    alice = Phone(port, "alice", "alice-secret")
    try:
        alice.dial("611")
        new = event_pairs(client, lambda m: m.get("Event") == "Newchannel")
        # One ChanVariable per name after the channel fields, in the configured order: a
        # channel variable, else a global, else empty.
        assert [key for key, _ in new][-4:] == ["Linkedid", "ChanVariable", "ChanVariable",
                                                  "ChanVariable"], new
        assert chan_variables(new) == ["FOO=", "SITE=north", "UNSET="]
        up = event_pairs(client, lambda m: m.get("Event") == "Newstate"
                         and m.get("ChannelStateDesc") == "Up")
        assert chan_variables(up) == ["FOO=hello", "SITE=north", "UNSET="]
        assert status_of(alice.final()) == 200
        assert alice.bye() == 200
        hangup = event_pairs(client, lambda m: m.get("Event") == "Hangup")
        assert chan_variables(hangup) == ["FOO=hello", "SITE=north", "UNSET="]
    finally:
        alice.close()
        client.close()


def test_originate_codecs_restrict_the_offer(sb):
    port, ami_port = start(sb)
    bob = register(port, "bob", "bob-secret")
    client = login(ami_port, events="call")
    try:
        # bob's endpoint allows ulaw,alaw: only alaw is offered.
        client.action("Originate", Channel="PJSIP/bob", Application="Wait", Data="1",
                      Codecs="alaw,g722", Async="true", ActionID="codecs-1")
        invite = bob.wait_invite()
        audio = re.search(r"(?m)^m=audio \d+ RTP/AVP ([\d ]+)\r?$", body_of(invite))
        assert audio and audio.group(1).split() == ["8", "101"], body_of(invite)
        bob.reject(486, "Busy Here")
    finally:
        client.close()
        bob.close()


def test_originate_early_media_counts_as_the_answer(sb):
    port, ami_port = start(sb)
    bob = register(port, "bob", "bob-secret")
    client = login(ami_port, events="call")
    try:
        client.action("Originate", Channel="PJSIP/bob", Context="internal", Exten="700",
                      Priority="1", EarlyMedia="true", Async="true", ActionID="early-1")
        invite = bob.wait_invite()
        address, port_, pts = sdp_media(body_of(invite))
        bob.respond(invite, 183, "Session Progress", [f"Contact: <sip:bob@{bob.local()}>"],
                    bob.offer([pts[0]]))
        # The 183 is the answer: the dialplan runs while bob has not answered.
        response = client.read_until(lambda m: m.get("Event") == "OriginateResponse", limit=500)
        assert response["Response"] == "Success" and response["Reason"] == "4", response
        assert wait_output(sb, "originated FOO=")
        # Extension 700 hangs up after Wait(1): the unanswered leg is cancelled.
        cancel = bob.wait_request("CANCEL", timeout=5)
        bob.respond(cancel, 200, "OK")
        bob.respond(invite, 487, "Request Terminated")
        bob.wait_request("ACK")
        assert wait_no_channels(sb)
    finally:
        client.close()
        bob.close()


def final_line(reply):
    """The status line of a response: "SIP/2.0 486 Busy Here"."""
    return reply.split("\r\n", 1)[0]


def test_pjsiphangup_application_sends_that_final_response(sb):
    port, ami_port = start(sb)
    client = login(ami_port, events="call")
    alice = Phone(port, "alice", "alice-secret")
    try:
        alice.dial("840")
        assert final_line(alice.final()) == "SIP/2.0 486 Busy Here"
        # The session ended under the channel: HangupRequest with the 486's cause, then the
        # hang-up; the dialplan stopped at PJSIPHangup.
        request = dict(event_pairs(client, lambda m: m.get("Event") == "HangupRequest"))
        assert request["Cause"] == "17" and request["Channel"].startswith("PJSIP/alice-")
        hangup = dict(event_pairs(client, lambda m: m.get("Event") == "Hangup"))
        assert (hangup["Cause"], hangup["Cause-txt"]) == ("17", "User busy")
        assert "after PJSIPHangup" not in sb.output_text()

        alice.dial("841")  # a response code name, after a 180
        assert status_of(alice.wait_response("INVITE", codes={180})) == 180
        assert final_line(alice.final()) == "SIP/2.0 437 Unsupported Certificate"

        alice.dial("842")  # out of range: Decline
        assert final_line(alice.final()) == "SIP/2.0 603 Decline"
        assert wait_output(sb, "Response code 700 is out of range 400 -> 699. "
                               "Defaulting to 603 DECLINE")

        alice.dial("844")  # no code: a warning, and the dialplan ends as after Hangup()
        assert status_of(alice.final()) == 603
        assert wait_output(sb, ": Missing response code parameter")

        alice.dial("843")  # answered already: refused, and the call ends normally
        assert status_of(alice.final()) == 200
        alice.answer_bye()
        assert wait_output(sb, ": Not an incoming channel or invalid state 'CONNECTING'")
        assert wait_no_channels(sb)
    finally:
        alice.close()
        client.close()


def ringing_channel(client, alice):
    """alice calls 845 (rings for 30 s); returns her channel's name."""
    alice.dial("845")
    assert status_of(alice.wait_response("INVITE", codes={180})) == 180
    client.action("CoreShowChannels")
    return next(dict(m)["Channel"] for m in read_list(client)[1:-1]
                if dict(m)["Channel"].startswith("PJSIP/alice-"))


def test_pjsiphangup_action_answers_a_ringing_call_with_that_code(sb):
    port, ami_port = start(sb)
    client = login(ami_port)
    alice = Phone(port, "alice", "alice-secret")
    try:
        client.action("PJSIPHangup", Cause="486", ActionID="n")
        assert client.read() == [("Response", "Error"), ("ActionID", "n"),
                                 ("Message", "No channel specified")]
        client.action("PJSIPHangup", Channel="PJSIP/nobody-00000001", Cause="486")
        assert client.read_dict() == {"Response": "Error", "Message": "No such channel"}

        channel = ringing_channel(client, alice)
        client.action("PJSIPHangup", Channel=channel, Cause="TEMPORARILY_UNAVAILABLE",
                      ActionID="h")
        assert client.read() == [("Response", "Success"), ("ActionID", "h"),
                                 ("Message", "Channel Hungup")]
        assert final_line(alice.final()) == "SIP/2.0 480 Temporarily Unavailable"
        assert wait_no_channels(sb)

        # Without Cause: Decline, with the validator's warning.
        channel = ringing_channel(client, alice)
        client.action("PJSIPHangup", Channel=channel)
        assert client.read_dict()["Message"] == "Channel Hungup"
        assert final_line(alice.final()) == "SIP/2.0 603 Decline"
        assert wait_output(sb, f"{channel}: Unrecognized response code parameter ''. "
                               "Defaulting to 603 DECLINE")

        # By regular expression: a list of the channels hung up.
        ringing_channel(client, alice)
        client.action("PJSIPHangup", Channel="/^PJSIP/alice-/", Cause="404", ActionID="rx")
        messages = read_list(client)
        assert dict(messages[0])["Message"] == "Channels hung up will follow"
        assert [key for key, _ in messages[1]] == ["Event", "Channel", "ActionID"]
        assert dict(messages[1])["Channel"].startswith("PJSIP/alice-")
        assert messages[2] == [("Event", "ChannelsHungupListComplete"), ("ActionID", "rx"),
                               ("EventList", "Complete"), ("ListItems", "1")]
        assert final_line(alice.final()) == "SIP/2.0 404 Not Found"
        assert wait_no_channels(sb)

        # Write class system or call: a user without either may not.
        limited = Ami(ami_port)
        assert limited.login("useronly", "usr")["Response"] == "Success"
        limited.action("PJSIPHangup", Channel="PJSIP/alice-1", Cause="486")
        assert limited.read_dict()["Message"] == "Permission denied"
        limited.close()
    finally:
        alice.close()
        client.close()


def test_pjsiphangup_action_leaves_answered_and_outgoing_channels_alone(sb):
    port, ami_port = start(sb)
    client = login(ami_port)
    alice, bob = bridged_call(port)
    try:
        client.action("CoreShowChannels")
        channels = [dict(m)["Channel"] for m in read_list(client)[1:-1]]
        for channel in channels:
            # Asterisk replies Success even when the handler refuses; only the log tells.
            client.action("PJSIPHangup", Channel=channel, Cause="486")
            assert client.read_dict()["Message"] == "Channel Hungup"
            assert wait_output(sb, f"{channel}: Not an incoming channel or invalid state "
                                   "'CONFIRMED'")
        assert channel_count(sb) == 2
        assert alice.bye() == 200
        bob.answer_bye()
        assert wait_no_channels(sb)
    finally:
        alice.close()
        bob.close()
        client.close()
