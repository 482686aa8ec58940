"""AMI events Asterisk raises outside calls: Reload (main/loader.c, class system) after
every reload, and VarSet (main/stasis_channels.c, class dialplan) when a variable is set,
delivered only to users whose read= classes include dialplan. And the channel events of
main/manager_channels.c that follow a channel's identity and hang-up requests: NewCallerid,
NewConnectedLine, HangupRequest and SoftHangupRequest (class call), each exactly when Asterisk
raises it."""

from sip_helpers import free_port
from sip_phone import Phone, header, status_of
from test_ami import Ami, manager_conf
from test_ami_calls import CHANNEL_STATE_FIELDS
from test_calls import DIALPLAN, configure, register, wait_no_channels, wait_output

CALL_ONLY_USER = """
    [watcher]
    secret = w4tch
    read = call
    write = call
    """

VARSET_DIALPLAN = """
exten => 830,1,Answer()
 same => n,Set(__COLOUR=blue)
 same => n,Wait(30)

exten => 831,1,Answer()
 same => n,Set(CALLERID(num)=555)
 same => n,Set(CALLERID(num)=555)
 same => n,Set(CALLERID(pres)=prohib)
 same => n,Set(CALLERID(name)=Eve)
 same => n,Set(CALLERID(colour)=red)
 same => n,Set(CALLERID(all)="Zed Q" <777>)
 same => n,UserEvent(IdentityDone)
 same => n,Wait(30)

exten => 832,1,Answer()
 same => n,Set(CONNECTEDLINE(all)="Front Desk" <300>)
 same => n,Set(CONNECTEDLINE(num,i)=300)
 same => n,UserEvent(IdentityDone,Read: ${CONNECTEDLINE(name)}/${CALLERID(num)})
 same => n,Wait(30)

exten => 833,1,Ringing()
 same => n,Wait(30)
"""


def start(sb):
    port = free_port()
    ami_port = free_port()
    configure(sb, port, DIALPLAN.replace("[internal]\n", "[internal]\n" + VARSET_DIALPLAN, 1))
    sb.write("manager.conf", manager_conf(ami_port) + CALL_ONLY_USER)
    sb.start()
    return port, ami_port


def login(ami_port, user="admin", secret="s3cret"):
    client = Ami(ami_port)
    assert client.login(user, secret, events="on")["Response"] == "Success"
    if user == "admin":  # FullyBooted is class system, which only admin reads
        assert client.read_dict()["Event"] == "FullyBooted"
    return client


def next_event(client, name, limit=200):
    for _ in range(limit):
        message = client.read()
        if ("Event", name) in message:
            return message
    raise AssertionError(f"no {name} event")


def test_reload_events_name_the_module_and_status(sb):
    _, ami_port = start(sb)
    client = login(ami_port)
    assert sb.rx("module reload res_pjsip.so").returncode == 0
    assert next_event(client, "Reload") == [("Event", "Reload"), ("Privilege", "system,all"),
                                            ("Module", "res_pjsip.so"), ("Status", "0")]
    assert sb.rx("core reload").returncode == 0
    assert next_event(client, "Reload") == [("Event", "Reload"), ("Privilege", "system,all"),
                                            ("Module", "All"), ("Status", "0")]
    sb.rx("module reload no_such_module")
    assert next_event(client, "Reload") == [("Event", "Reload"), ("Privilege", "system,all"),
                                            ("Module", "no_such_module"), ("Status", "2")]
    # The Reload action reloads through the same path.
    client.action("Reload", Module="res_pjsip", ActionID="rl")
    messages = [client.read() for _ in range(2)]
    assert [("Event", "Reload"), ("Privilege", "system,all"), ("Module", "res_pjsip"),
            ("Status", "0")] in messages
    assert [("Response", "Success"), ("ActionID", "rl"), ("Message", "Module Reloaded.")] \
        in messages
    client.close()


def test_reload_with_a_broken_file_reports_an_error_status(sb):
    _, ami_port = start(sb)
    client = login(ami_port)
    sb.write("pjsip.conf", "[broken\n")
    sb.rx("module reload res_pjsip.so")
    assert next_event(client, "Reload")[2:] == [("Module", "res_pjsip.so"), ("Status", "3")]
    client.close()


def test_varset_for_global_and_channel_variables_only_for_dialplan_readers(sb):
    port, ami_port = start(sb)
    admin = login(ami_port)
    watcher = login(ami_port, "watcher", "w4tch")
    # The admin reads security events too: the watcher's login comes first.
    assert dict(admin.read())["Event"] == "SuccessfulAuth"

    admin.action("Setvar", Variable="SITE", Value='north "wing"', ActionID="g")
    assert admin.read() == [("Event", "VarSet"), ("Privilege", "dialplan,all"),
                            ("Channel", "none"), ("Uniqueid", "none"), ("Variable", "SITE"),
                            ("Value", 'north \\"wing\\"')]
    assert admin.read() == [("Response", "Success"), ("ActionID", "g"),
                            ("Message", "Variable Set")]

    alice = Phone(port, "alice", "alice-secret")
    alice.dial("830")
    assert status_of(alice.final()) == 200
    message = next_event(admin, "VarSet")
    assert [key for key, _ in message] == (["Event", "Privilege"] + CHANNEL_STATE_FIELDS +
                                           ["Variable", "Value"])
    event = dict(message)
    assert event["Channel"].startswith("PJSIP/alice-")
    assert (event["Context"], event["Exten"], event["Priority"]) == ("internal", "830", "2")
    # The variable is named as it was set, inheritance marks included, once.
    assert (event["Variable"], event["Value"]) == ("__COLOUR", "blue")

    # The call-only user saw the channel's events but no VarSet at all.
    seen = []
    watcher.action("Ping", ActionID="p")
    while True:
        message = dict(watcher.read())
        seen.append(message.get("Event"))
        if message.get("ActionID") == "p":
            break
    assert "Newchannel" in seen and "VarSet" not in seen
    assert alice.bye() == 200
    admin.close()
    watcher.close()
    alice.close()


def test_peer_status_follows_an_endpoints_contacts(sb):
    port, ami_port = start(sb)
    admin = login(ami_port)
    bob = Phone(port, "bob", "bob-secret")
    assert bob.register() == 200
    assert next_event(admin, "PeerStatus") == [
        ("Event", "PeerStatus"), ("Privilege", "system,all"), ("ChannelType", "PJSIP"),
        ("Peer", "PJSIP/bob"), ("PeerStatus", "Reachable")]
    # A refresh changes nothing; the unregistration of the last contact does.
    assert bob.register() == 200
    assert bob.register(expires=0) == 200
    assert next_event(admin, "PeerStatus") == [
        ("Event", "PeerStatus"), ("Privilege", "system,all"), ("ChannelType", "PJSIP"),
        ("Peer", "PJSIP/bob"), ("PeerStatus", "Unreachable")]
    assert wait_output(sb, "Endpoint bob is now Unreachable")
    admin.action("Ping", ActionID="p")
    while True:  # nothing else about bob came in between
        message = dict(admin.read())
        assert message.get("Event") != "PeerStatus"
        if message.get("ActionID") == "p":
            break
    admin.close()
    bob.close()


def test_disabledevents_keeps_varset_from_everyone(sb):
    port = free_port()
    ami_port = free_port()
    configure(sb, port, DIALPLAN)
    sb.write("manager.conf", manager_conf(ami_port, "disabledevents = Newexten, VarSet"))
    sb.start()
    admin = login(ami_port)
    admin.action("Setvar", Variable="SITE", Value="north", ActionID="g")
    # The reply comes first: no VarSet was generated before it.
    assert admin.read() == [("Response", "Success"), ("ActionID", "g"),
                            ("Message", "Variable Set")]
    # Other events still flow.
    assert sb.rx("module reload res_pjsip.so").returncode == 0
    assert next_event(admin, "Reload")[2:] == [("Module", "res_pjsip.so"), ("Status", "0")]
    admin.close()


def events_until(client, stop, limit=400):
    """Every event up to and including the first for which `stop(event)` holds, as lists of
    pairs (responses skipped)."""
    seen = []
    for _ in range(limit):
        message = client.read()
        if message and message[0][0] != "Event":
            continue
        seen.append(message)
        if stop(dict(message)):
            return seen
    raise AssertionError("event not found")


def of_channel(events, prefix, names=None):
    """The events about the channel whose name starts with `prefix` (by Channel:), optionally
    only those named in `names`."""
    return [e for e in events if dict(e).get("Channel", "").startswith(prefix)
            and (names is None or dict(e)["Event"] in names)]


IDENTITY = ("NewCallerid", "NewConnectedLine")
REQUESTS = ("HangupRequest", "SoftHangupRequest")


def test_newcallerid_when_the_caller_id_changes_and_only_then(sb):
    port, ami_port = start(sb)
    admin = login(ami_port)
    alice = Phone(port, "alice", "alice-secret")
    alice.dial("831")
    assert status_of(alice.final()) == 200
    seen = events_until(admin, lambda e: e.get("UserEvent") == "IdentityDone")
    # The new channel carries the From header's identity, and no NewCallerid for it.
    new = dict(of_channel(seen, "PJSIP/alice-", ["Newchannel"])[0])
    assert (new["CallerIDNum"], new["CallerIDName"]) == ("alice", "Alice")
    changes = of_channel(seen, "PJSIP/alice-", IDENTITY)
    # 555 twice, a presentation and an unknown item: one event; then the name, then all.
    assert [dict(e)["Event"] for e in changes] == ["NewCallerid"] * 3
    for message in changes:
        assert [key for key, _ in message] == (["Event", "Privilege"] + CHANNEL_STATE_FIELDS +
                                               ["CID-CallingPres"])
        assert dict(message)["Privilege"] == "call,all"
    first, second, third = (dict(e) for e in changes)
    assert (first["CallerIDNum"], first["CallerIDName"]) == ("555", "Alice")
    assert first["CID-CallingPres"] == "0 (Presentation Allowed, Not Screened)"
    assert (first["ConnectedLineNum"], first["ConnectedLineName"]) == ("<unknown>", "<unknown>")
    assert (second["CallerIDNum"], second["CallerIDName"]) == ("555", "Eve")
    assert second["CID-CallingPres"] == "35 (Presentation Prohibited, Network Number)"
    assert (third["CallerIDNum"], third["CallerIDName"]) == ("777", "Zed Q")
    assert (first["Context"], first["Exten"], first["Priority"]) == ("internal", "831", "2")
    assert second["Priority"] == "5" and third["Priority"] == "7"
    assert wait_output(sb, "Unknown callerid data type 'colour'.")

    # AMI Setvar on a CALLERID item is a write like any other; the same value again is none.
    channel = first["Channel"]
    admin.action("Setvar", Channel=channel, Variable="CALLERID(num)", Value="888", ActionID="s1")
    admin.action("Setvar", Channel=channel, Variable="CALLERID(num)", Value="888", ActionID="s2")
    admin.action("Ping", ActionID="p")
    seen = []
    while True:
        message = admin.read()
        seen.append(message)
        if ("ActionID", "p") in message:
            break
    changes = [dict(m) for m in seen if dict(m).get("Event") in IDENTITY]
    assert len(changes) == 1 and changes[0]["Event"] == "NewCallerid"
    assert changes[0]["CallerIDNum"] == "888" and changes[0]["CallerIDName"] == "Zed Q"
    assert alice.bye() == 200
    admin.close()
    alice.close()


def test_newconnectedline_when_the_connected_line_changes(sb):
    port, ami_port = start(sb)
    admin = login(ami_port)
    alice = Phone(port, "alice", "alice-secret")
    alice.dial("832")
    assert status_of(alice.final()) == 200
    seen = events_until(admin, lambda e: e.get("UserEvent") == "IdentityDone")
    changes = of_channel(seen, "PJSIP/alice-", IDENTITY)
    assert len(changes) == 1, changes
    assert [key for key, _ in changes[0]] == ["Event", "Privilege"] + CHANNEL_STATE_FIELDS
    event = dict(changes[0])
    assert event["Event"] == "NewConnectedLine" and event["Privilege"] == "call,all"
    assert (event["ConnectedLineNum"], event["ConnectedLineName"]) == ("300", "Front Desk")
    assert (event["CallerIDNum"], event["CallerIDName"]) == ("alice", "Alice")
    done = dict(of_channel(seen, "PJSIP/alice-", ["UserEvent"])[0])
    assert done["Read"] == "Front Desk/alice"
    assert alice.bye() == 200
    admin.close()
    alice.close()


def test_dial_sets_the_legs_identity_and_the_callers_connected_line(sb):
    port, ami_port = start(sb)
    admin = login(ami_port)
    bob = register(port, "bob", "bob-secret")
    alice = Phone(port, "alice", "alice-secret")
    alice.dial("bob")
    invite = bob.wait_invite()
    # The far end still sees the caller: From comes from the leg's connected line.
    assert header(invite, "From").startswith('"Alice" <sip:alice@')
    bob.ring()
    bob.answer()
    assert status_of(alice.final()) == 200
    seen = events_until(admin, lambda e: e.get("Event") == "BridgeEnter"
                        and e["Channel"].startswith("PJSIP/alice-"))
    leg = [dict(e) for e in of_channel(seen, "PJSIP/bob-")]
    names = [e["Event"] for e in leg]
    # Newchannel shows the leg as its driver made it; Dial's identity follows as one change.
    assert names[:3] == ["Newchannel", "NewCallerid", "NewConnectedLine"], names
    assert (leg[0]["CallerIDNum"], leg[0]["ConnectedLineNum"]) == ("<unknown>", "<unknown>")
    for event in leg[1:3]:
        # The leg's caller id is the dialled extension, its connected line the caller.
        assert (event["CallerIDNum"], event["CallerIDName"]) == ("bob", "<unknown>")
        assert (event["ConnectedLineNum"], event["ConnectedLineName"]) == ("alice", "Alice")
    assert leg[1]["CID-CallingPres"] == "0 (Presentation Allowed, Not Screened)"
    assert names.count("NewCallerid") == 1 and names.count("NewConnectedLine") == 1
    # The caller's connected line becomes the leg once it is called, once.
    caller = [dict(e) for e in of_channel(seen, "PJSIP/alice-", IDENTITY + ("DialBegin",))]
    assert [e["Event"] for e in caller] == ["DialBegin", "NewConnectedLine"], caller
    assert (caller[1]["ConnectedLineNum"], caller[1]["ConnectedLineName"]) == ("bob", "<unknown>")
    assert (caller[1]["CallerIDNum"], caller[1]["CallerIDName"]) == ("alice", "Alice")

    # bob hangs up: his channel's driver queues the hang-up (HangupRequest, Cause 16); alice's
    # channel is hung up by her dialplan, which requests nothing.
    assert bob.bye_incoming() == 200
    alice.answer_bye()
    seen = events_until(admin, lambda e: e.get("Event") == "Hangup"
                        and e["Channel"].startswith("PJSIP/alice-"))
    requests = [m for m in seen if dict(m)["Event"] in REQUESTS]
    assert len(requests) == 1, requests
    assert [key for key, _ in requests[0]] == (["Event", "Privilege"] + CHANNEL_STATE_FIELDS +
                                               ["Cause"])
    request = dict(requests[0])
    assert request["Event"] == "HangupRequest" and request["Channel"].startswith("PJSIP/bob-")
    assert request["Cause"] == "16" and request["Privilege"] == "call,all"
    names = [dict(m)["Event"] for m in of_channel(seen, "PJSIP/bob-")]
    assert names.index("HangupRequest") < names.index("Hangup")
    assert not of_channel(seen, "PJSIP/", IDENTITY)
    assert wait_no_channels(sb)
    admin.close()
    alice.close()
    bob.close()


def test_hangup_requests_are_told_apart_by_where_they_come_from(sb):
    port, ami_port = start(sb)
    admin = login(ami_port)

    # Busy() on an unanswered call sends 486: the session ends under the channel, as when the
    # far end hangs up (HangupRequest with the cause the 486 maps to).
    alice = Phone(port, "alice", "alice-secret")
    alice.dial("602")
    assert status_of(alice.final()) == 486
    seen = events_until(admin, lambda e: e.get("Event") == "Hangup")
    requests = [dict(m) for m in seen if dict(m)["Event"] in REQUESTS]
    assert [(r["Event"], r["Cause"]) for r in requests] == [("HangupRequest", "17")]

    # Hangup() in the dialplan requests nothing (ast_softhangup_nolock).
    alice.dial("604")
    assert status_of(alice.final()) == 403
    seen = events_until(admin, lambda e: e.get("Event") == "Hangup")
    assert not [m for m in seen if dict(m)["Event"] in REQUESTS]

    # Neither does the AMI Hangup action.
    alice.dial("833")
    new = dict(events_until(admin, lambda e: e.get("Event") == "Newchannel")[-1])
    admin.action("Hangup", Channel=new["Channel"], ActionID="h")
    assert status_of(alice.final()) >= 400
    seen = events_until(admin, lambda e: e.get("Event") == "Hangup")
    assert not [m for m in seen if dict(m).get("Event") in REQUESTS]

    # `channel request hangup` is a soft hang-up from elsewhere: SoftHangupRequest, Cause 32
    # (AST_SOFTHANGUP_EXPLICIT).
    alice.dial("833")
    new = dict(events_until(admin, lambda e: e.get("Event") == "Newchannel")[-1])
    out = sb.rx(f"channel request hangup {new['Channel']}").stdout
    assert f"Requested Hangup on channel '{new['Channel']}'" in out
    assert status_of(alice.final()) >= 400
    seen = events_until(admin, lambda e: e.get("Event") == "Hangup")
    requests = [m for m in seen if dict(m)["Event"] in REQUESTS]
    assert len(requests) == 1
    assert [key for key, _ in requests[0]] == (["Event", "Privilege"] + CHANNEL_STATE_FIELDS +
                                               ["Cause"])
    request = dict(requests[0])
    assert (request["Event"], request["Cause"]) == ("SoftHangupRequest", "32")
    assert request["Channel"] == new["Channel"] and request["ChannelStateDesc"] == "Ring"
    assert wait_no_channels(sb)
    admin.close()
    alice.close()
