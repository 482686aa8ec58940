"""chan_pjsip and chan_sip AMI actions and the SIP events (ContactStatus, security events),
with Asterisk's EventList framing and ActionID echoes."""

import socket
import time

from sip_client import Uac
from sip_helpers import free_port
from test_ami import Ami, manager_conf


def configure(sb, sip_port, ami_port):
    sb.write("manager.conf", manager_conf(ami_port))
    sb.write(
        "pjsip.conf",
        f"""
        [udp]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{sip_port}
        [alice]
        type = endpoint
        context = internal
        auth = alice
        aors = alice
        [alice]
        type = auth
        username = alice
        password = wonderland
        [alice]
        type = aor
        max_contacts = 1
        remove_existing = yes
        [bob]
        type = endpoint
        aors = bob
        [bob]
        type = aor
        max_contacts = 1
        """,
    )


def login(port, user="admin", secret="s3cret"):
    ami = Ami(port)
    ami.action("Login", Username=user, Secret=secret)
    assert ami.read_dict()["Response"] == "Success"
    assert ami.read_dict()["Event"] == "FullyBooted"
    return ami


def read_list(ami):
    """The response and every event up to and including the ...Complete one."""
    response = ami.read_dict()
    items = []
    while True:
        message = ami.read_dict()
        items.append(message)
        if message.get("EventList") == "Complete":
            return response, items


def wait_for_event(ami, name, seconds=5.0):
    ami.sock.settimeout(seconds)
    while True:
        message = ami.read_dict()
        if message.get("Event") == name:
            return message


def test_show_endpoints_contacts_and_endpoint_detail(sb):
    sip_port, ami_port = free_port(), free_port()
    configure(sb, sip_port, ami_port)
    sb.start()
    uac = Uac("127.0.0.1", sip_port)
    assert uac.register("wonderland")[0] == 200
    ami = login(ami_port)

    ami.action("PJSIPShowEndpoints", ActionID="e1")
    response, items = read_list(ami)
    assert response["Response"] == "Success" and response["EventList"] == "start"
    assert response["ActionID"] == "e1"
    assert response["Message"] == "A listing of Endpoints follows, presented as EndpointList events"
    endpoints = {item["ObjectName"]: item for item in items if item["Event"] == "EndpointList"}
    assert set(endpoints) == {"alice", "bob"}
    assert all(item["ActionID"] == "e1" for item in items)
    assert endpoints["alice"]["Contacts"].startswith(f"alice/sip:alice@127.0.0.1:{uac.local_port}")
    assert endpoints["alice"]["Auths"] == "alice" and endpoints["alice"]["DeviceState"] == "Not in use"
    assert endpoints["bob"]["DeviceState"] == "Unavailable"
    complete = items[-1]
    assert complete["Event"] == "EndpointListComplete" and complete["ListItems"] == "2"

    ami.action("pjsipshowcontacts", actionid="c1")  # names are case-insensitive
    response, items = read_list(ami)
    contacts = [item for item in items if item["Event"] == "ContactList"]
    assert len(contacts) == 1 and contacts[0]["Endpoint"] == "alice" and contacts[0]["ActionID"] == "c1"
    assert contacts[0]["Uri"].startswith("sip:alice@127.0.0.1:")

    ami.action("PJSIPShowEndpoint", Endpoint="PJSIP/alice", ActionID="d1")
    response, items = read_list(ami)
    kinds = [item["Event"] for item in items]
    assert kinds[0] == "EndpointDetail" and "AuthDetail" in kinds and "AorDetail" in kinds
    assert "ContactStatusDetail" in kinds and kinds[-1] == "EndpointDetailComplete"
    detail = items[0]
    assert detail["ObjectName"] == "alice" and detail["Context"] == "internal"
    aor = next(item for item in items if item["Event"] == "AorDetail")
    assert aor["MaxContacts"] == "1" and aor["ContactsRegistered"] == "1"

    ami.action("PJSIPShowEndpoint", Endpoint="nobody", ActionID="d2")
    reply = ami.read_dict()
    assert reply["Response"] == "Error" and reply["Message"] == "Unable to retrieve endpoint nobody"


def test_legacy_sip_actions(sb):
    sip_port, ami_port = free_port(), free_port()
    configure(sb, sip_port, ami_port)
    sb.start()
    uac = Uac("127.0.0.1", sip_port)
    assert uac.register("wonderland")[0] == 200
    ami = login(ami_port)
    ami.action("SIPpeers", ActionID="p1")
    response, items = read_list(ami)
    assert response["Message"] == "Peer status list will follow"
    peers = {item["ObjectName"]: item for item in items if item["Event"] == "PeerEntry"}
    assert peers["alice"]["IPaddress"] == "127.0.0.1" and peers["alice"]["IPport"] == str(uac.local_port)
    assert peers["bob"]["IPaddress"] == "-none-"
    assert items[-1]["Event"] == "PeerlistComplete" and items[-1]["ListItems"] == "2"
    ami.action("SIPshowpeer", Peer="alice", ActionID="p2")
    reply = ami.read_dict()
    assert reply["Response"] == "Success" and reply["ObjectName"] == "alice" and reply["SecretExist"] == "Y"
    ami.action("PJSIPQualify", Endpoint="alice", ActionID="q")
    reply = ami.read_dict()
    assert reply["Response"] == "Success" and reply["Message"] == "Endpoint found, will qualify"


def test_contact_status_and_security_events_reach_ami(sb):
    sip_port, ami_port = free_port(), free_port()
    configure(sb, sip_port, ami_port)
    sb.start()
    ami = login(ami_port)
    uac = Uac("127.0.0.1", sip_port)
    assert uac.register("wonderland", wrong_password=True)[0] == 401
    event = wait_for_event(ami, "InvalidPassword")
    assert event["Privilege"] == "security,all" and event["Service"] == "PJSIP"
    assert event["AccountID"] == "alice" and event["RemoteAddress"].startswith("IPV4/UDP/127.0.0.1/")
    assert uac.register("wonderland")[0] == 200
    event = wait_for_event(ami, "ContactStatus")
    assert event["ContactStatus"] == "Created" and event["AOR"] == "alice"
    assert event["EndpointName"] == "alice" and event["URI"].startswith("sip:alice@127.0.0.1:")
    assert uac.register("wonderland", expires=0)[0] == 200
    event = wait_for_event(ami, "ContactStatus")
    assert event["ContactStatus"] == "Removed"


def test_registrar_test_events_only_with_test_events_switch(sb):
    sip_port, ami_port = free_port(), free_port()
    configure(sb, sip_port, ami_port)
    sb.start("--test-events")
    ami = login(ami_port)
    uac = Uac("127.0.0.1", sip_port)
    assert uac.register("wonderland")[0] == 200
    event = wait_for_event(ami, "TestEvent")
    assert event["Privilege"] == "test,all" and event["Type"] == "StateChange"
    assert event["State"] == "AOR_CONTACT_ADDED" and event["AOR"] == "alice"
    assert event["Contact"].startswith("sip:alice@127.0.0.1:") and int(event["Expiration"]) > 3500
    assert uac.register("wonderland", expires=0)[0] == 200
    event = wait_for_event(ami, "TestEvent")
    assert event["State"] == "AOR_CONTACT_REMOVED"


def test_no_test_events_by_default(sb):
    sip_port, ami_port = free_port(), free_port()
    configure(sb, sip_port, ami_port)
    sb.start()
    ami = login(ami_port)
    uac = Uac("127.0.0.1", sip_port)
    assert uac.register("wonderland")[0] == 200
    # ContactStatus comes right after the registration; a TestEvent would come before it.
    ami.sock.settimeout(5)
    events = []
    while not events or events[-1] != "ContactStatus":
        events.append(ami.read_dict().get("Event"))
    assert "TestEvent" not in events, events
