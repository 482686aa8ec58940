"""NOTIFY on demand (res_pjsip_notify): AMI PJSIPNotify with a pjsip_notify.conf type or
Variable lines, chan_sip's SIPnotify, and `pjsip send notify`, checked on the NOTIFY a
registered phone receives, plus every error message."""

import re

from sip_helpers import free_port
from sip_phone import Phone, body_of, header
from test_ami import Ami, manager_conf
from test_calls import DIALPLAN, configure, wait_output

NOTIFY_CONF = """
[general]
ignored = yes

[clear-mwi]
Event=>message-summary
Content-type=>application/simple-message-summary
Content=>Messages-Waiting: no
Content=>Message-Account: sip:asterisk@127.0.0.1
Content=>Voice-Message: 0/0 (0/0)
Content=>

[polycom-check-cfg]
Event=>check-sync
X-Reason=>provisioning
"""


def start(sb, notify_conf=NOTIFY_CONF):
    port = free_port()
    ami_port = free_port()
    configure(sb, port, DIALPLAN)
    sb.write("manager.conf", manager_conf(ami_port))
    if notify_conf is not None:
        sb.write("pjsip_notify.conf", notify_conf)
    sb.start()
    return port, ami_port


def login(ami_port):
    client = Ami(ami_port)
    assert client.login("admin", "s3cret", events="off")["Response"] == "Success"
    return client


def registered(port, user="bob", password="bob-secret"):
    phone = Phone(port, user, password)
    assert phone.register() == 200
    return phone


def receive_notify(phone):
    """The next NOTIFY the phone gets, answered with 200 OK."""
    notify = phone.wait_request("NOTIFY")
    phone.respond(notify, 200, "OK")
    return notify


def header_names(text):
    head = text.split("\r\n\r\n", 1)[0].split("\r\n")[1:]
    return [line.split(":", 1)[0] for line in head]


def action(client, name, action_id, *lines):
    client.send(f"Action: {name}", f"ActionID: {action_id}", *lines)
    return client.read()


def test_pjsip_notify_option_sends_the_configured_type_to_the_registered_contact(sb):
    port, ami_port = start(sb)
    bob = registered(port)
    client = login(ami_port)
    assert action(client, "PJSIPNotify", "n1", "Endpoint: bob", "Option: clear-mwi") == [
        ("Response", "Success"), ("ActionID", "n1"), ("Message", "NOTIFY sent")]
    notify = receive_notify(bob)
    request_line = notify.split("\r\n", 1)[0]
    assert request_line == f"NOTIFY sip:bob@127.0.0.1:{bob.port} SIP/2.0"
    assert header(notify, "To") == f"<sip:bob@127.0.0.1:{bob.port}>"
    assert header(notify, "Event") == "message-summary"
    assert header(notify, "Subscription-State") == "terminated"
    assert header(notify, "Content-Type") == "application/simple-message-summary"
    body = ("Messages-Waiting: no\r\nMessage-Account: sip:asterisk@127.0.0.1\r\n"
            "Voice-Message: 0/0 (0/0)\r\n")
    assert body_of(notify) == body
    assert header(notify, "Content-Length") == str(len(body))
    assert header(notify, "CSeq") == "1 NOTIFY"
    # The "PJSIP/" prefix and a type name in another case are accepted as in Asterisk.
    assert action(client, "PJSIPNotify", "n2", "Endpoint: PJSIP/bob",
                  "Option: POLYCOM-check-cfg")[0] == ("Response", "Success")
    notify = receive_notify(bob)
    assert header(notify, "Event") == "check-sync"
    assert header(notify, "X-Reason") == "provisioning"
    assert header(notify, "Content-Length") == "0" and body_of(notify) == ""
    assert "Content-Type" not in header_names(notify)
    client.close()
    bob.close()


def test_pjsip_notify_variables_build_headers_and_body_in_order(sb):
    port, ami_port = start(sb)
    bob = registered(port)
    client = login(ami_port)
    reply = action(client, "PJSIPNotify", "v1", "Endpoint: bob",
                   "Variable: Event=check-sync", "Variable: X-First=1,X-Second=two",
                   "Variable: Call-ID=forged", "Variable: Event=second-event",
                   "Variable: Content-Type=text/plain", "Variable: Content=line one",
                   "Variable: Content=line two", "Variable: Content-Length=99")
    assert reply == [("Response", "Success"), ("ActionID", "v1"), ("Message", "NOTIFY sent")]
    notify = receive_notify(bob)
    names = header_names(notify)
    assert names.index("Subscription-State") < names.index("Event") < names.index("X-First") \
        < names.index("X-Second")
    assert names.count("Event") == 1 and header(notify, "Event") == "check-sync"
    assert header(notify, "X-First") == "1" and header(notify, "X-Second") == "two"
    assert header(notify, "Call-ID") != "forged"
    assert header(notify, "Content-Type") == "text/plain"
    assert body_of(notify) == "line one\r\nline two"
    assert header(notify, "Content-Length") == str(len("line one\r\nline two"))
    assert wait_output(sb, "Cannot specify Call-ID header, ignoring")
    client.close()
    bob.close()


def test_pjsip_notify_to_a_uri(sb):
    port, ami_port = start(sb)
    phone = Phone(port, "carol", "carol-secret")
    client = login(ami_port)
    uri = f"sip:carol@127.0.0.1:{phone.port}"
    assert action(client, "PJSIPNotify", "u1", f"URI: {uri}", "Option: polycom-check-cfg") == [
        ("Response", "Success"), ("ActionID", "u1"), ("Message", "NOTIFY sent")]
    notify = receive_notify(phone)
    assert notify.split("\r\n", 1)[0] == f"NOTIFY {uri} SIP/2.0"
    assert header(notify, "Event") == "check-sync"
    client.close()
    phone.close()


def test_pjsip_notify_errors(sb):
    port, ami_port = start(sb)
    client = login(ami_port)
    either = ("PJSIPNotify requires either an Option or Variable(s)."
              "You must use only one of them.")
    cases = [
        (["Endpoint: bob"], either),
        (["Endpoint: bob", "Option: clear-mwi", "Variable: Event=x"], either),
        # A Variable line without name=value is no variable at all.
        (["Endpoint: bob", "Variable: garbage"], either),
        (["Endpoint: bob", "URI: sip:bob@127.0.0.1", "Option: clear-mwi"],
         "PJSIPNotify requires either an endpoint name, a SIP URI, or a channel.  "
         "You must use only one of them."),
        (["Option: clear-mwi"],
         "PJSIPNotify requires either an endpoint name, a SIP URI, or a channel."),
        (["Endpoint: nobody", "Option: clear-mwi"], "Unable to retrieve endpoint nobody"),
        (["Endpoint: PJSIP/nobody", "Variable: Event=x"], "Unable to retrieve endpoint nobody"),
        (["Endpoint: bob", "Option: no-such-type"], "Unable to find notify type 'no-such-type'"),
        (["Channel: PJSIP/bob-00000001", "Variable: Event=x"], "Channel not found"),
    ]
    for number, (lines, message) in enumerate(cases):
        assert action(client, "PJSIPNotify", f"e{number}", *lines) == [
            ("Response", "Error"), ("ActionID", f"e{number}"), ("Message", message)], lines
    client.close()


def test_missing_pjsip_notify_conf_means_no_types(sb):
    port, ami_port = start(sb, notify_conf=None)
    client = login(ami_port)
    assert action(client, "PJSIPNotify", "m1", "Endpoint: bob", "Option: clear-mwi") == [
        ("Response", "Error"), ("ActionID", "m1"),
        ("Message", "Unable to find notify type 'clear-mwi'")]
    client.close()


def test_sip_notify_legacy_action(sb):
    port, ami_port = start(sb)
    bob = registered(port)
    client = login(ami_port)
    assert action(client, "SIPnotify", "s1", "Channel: SIP/bob", "Variable: Event=check-sync",
                  "Variable: Content-Type=text/plain", "Variable: Content=hello") == [
        ("Response", "Success"), ("ActionID", "s1"), ("Message", "Notify Sent")]
    notify = receive_notify(bob)
    assert header(notify, "Event") == "check-sync"
    assert header(notify, "Subscription-State") == "terminated"
    assert body_of(notify) == "hello"
    assert action(client, "SIPnotify", "s2", "Variable: Event=x") == [
        ("Response", "Error"), ("ActionID", "s2"), ("Message", "SIPNotify requires a channel name")]
    for number, peer in enumerate(["nobody", "alice"]):  # unknown, and known but unregistered
        assert action(client, "SIPnotify", f"s3{number}", f"Channel: {peer}",
                      "Variable: Event=x") == [
            ("Response", "Error"), ("ActionID", f"s3{number}"),
            ("Message", "Could not create address")]
    client.close()
    bob.close()


def test_pjsip_send_notify_console_command(sb):
    port, _ = start(sb)
    bob = registered(port)
    result = sb.rx("pjsip send notify clear-mwi endpoint bob nobody")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "Sending NOTIFY of type 'clear-mwi' to 'bob'",
        "Sending NOTIFY of type 'clear-mwi' to 'nobody'",
        "Unable to retrieve endpoint nobody",
    ]
    notify = receive_notify(bob)
    assert header(notify, "Event") == "message-summary"
    assert body_of(notify).startswith("Messages-Waiting: no\r\n")

    uri = f"sip:bob@127.0.0.1:{bob.port}"
    result = sb.rx(f"pjsip send notify polycom-check-cfg uri {uri}")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Sending NOTIFY of type 'polycom-check-cfg' to '{uri}'"
    notify = receive_notify(bob)
    assert re.match(rf"NOTIFY {re.escape(uri)} SIP/2.0", notify)
    assert header(notify, "Event") == "check-sync"

    result = sb.rx("pjsip send notify nope endpoint bob")
    assert result.returncode == 1
    assert result.stdout.strip() == "Unable to find notify type 'nope'"
    bob.close()


def echo_call(port):
    """alice in the echo test (600): her phone, the 200 OK, and her channel's name."""
    alice = Phone(port, "alice", "alice-secret")
    alice.dial("600")
    ok = alice.final()
    assert ok.startswith("SIP/2.0 200")
    return alice, ok


def channel_name(sb):
    concise = sb.rx("core show channels concise").stdout.strip().splitlines()
    assert len(concise) == 1, concise
    return concise[0].split("!", 1)[0]


def assert_in_dialog(notify, ok):
    """The NOTIFY belongs to the call: its Call-ID, our tag in To, the server's in From."""
    assert header(notify, "Call-ID") == header(ok, "Call-ID")
    assert header(notify, "From").endswith(header(ok, "To").rsplit(";tag=", 1)[1])
    assert ";tag=" + header(ok, "From").rsplit(";tag=", 1)[1] in header(notify, "To")
    assert header(notify, "Subscription-State") == "terminated"


def test_pjsip_notify_into_a_channels_dialog(sb):
    port, ami_port = start(sb)
    alice, ok = echo_call(port)
    name = channel_name(sb)
    client = login(ami_port)
    assert action(client, "PJSIPNotify", "c1", f"Channel: {name}", "Variable: Event=talk",
                  "Variable: Content-Type=text/plain", "Variable: Content=now") == [
        ("Response", "Success"), ("ActionID", "c1"), ("Message", "NOTIFY sent")]
    notify = receive_notify(alice)
    assert notify.startswith("NOTIFY sip:alice@")
    assert_in_dialog(notify, ok)
    assert header(notify, "Event") == "talk"
    assert body_of(notify) == "now"
    # A pjsip_notify.conf type works the same way, and channel names are matched
    # case-insensitively (as Asterisk finds channels by name).
    assert action(client, "PJSIPNotify", "c2", f"Channel: {name.upper()}",
                  "Option: polycom-check-cfg")[0] == ("Response", "Success")
    notify = receive_notify(alice)
    assert_in_dialog(notify, ok)
    assert header(notify, "Event") == "check-sync"
    assert header(notify, "X-Reason") == "provisioning"
    # The console's channel form.
    result = sb.rx(f"pjsip send notify clear-mwi channel {name} PJSIP/nobody-00000009")
    assert result.stdout.splitlines() == [
        f"Sending NOTIFY of type 'clear-mwi' to '{name}'",
        "Sending NOTIFY of type 'clear-mwi' to 'PJSIP/nobody-00000009'",
        "Unable to find channel PJSIP/nobody-00000009",
    ]
    notify = receive_notify(alice)
    assert_in_dialog(notify, ok)
    assert header(notify, "Event") == "message-summary"
    # Once the call is over there is no dialog to carry one.
    assert alice.bye() == 200
    assert action(client, "PJSIPNotify", "c3", f"Channel: {name}", "Variable: Event=x") == [
        ("Response", "Error"), ("ActionID", "c3"), ("Message", "Channel not found")]
    client.close()
    alice.close()


def test_sip_notify_with_a_call_id_goes_into_that_dialog(sb):
    port, ami_port = start(sb)
    alice, ok = echo_call(port)
    client = login(ami_port)
    call_id = header(ok, "Call-ID")
    assert action(client, "SIPnotify", "d1", "Channel: SIP/alice", f"Call-ID: {call_id}",
                  "Variable: Event=hold") == [
        ("Response", "Success"), ("ActionID", "d1"), ("Message", "Notify Sent")]
    notify = receive_notify(alice)
    assert_in_dialog(notify, ok)
    assert header(notify, "Event") == "hold"
    assert action(client, "SIPnotify", "d2", "Channel: SIP/alice", "Call-ID: no-such-call",
                  "Variable: Event=hold") == [
        ("Response", "Error"), ("ActionID", "d2"), ("Message", "Call-ID not found")]
    assert alice.bye() == 200
    client.close()
    alice.close()
