"""AMI events Asterisk raises outside calls: Reload (main/loader.c, class system) after
every reload, and VarSet (main/stasis_channels.c, class dialplan) when a variable is set,
delivered only to users whose read= classes include dialplan."""

from sip_helpers import free_port
from sip_phone import Phone, status_of
from test_ami import Ami, manager_conf
from test_ami_calls import CHANNEL_STATE_FIELDS
from test_calls import DIALPLAN, configure, wait_output

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
