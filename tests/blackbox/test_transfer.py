"""Call transfer by REFER (RFC 3515, RFC 3891 Replaces, RFC 3420 sipfrag, RFC 4488
Refer-Sub) as Asterisk's res_pjsip_refer does it: blind transfers (with and without
progress reports, TRANSFER_CONTEXT, refused and failing ones), attended transfers joining
the two far parties, and INVITE with Replaces."""

import re
import time
import uuid

from sip_helpers import free_port, free_rtp_range
from sip_phone import Phone, body_of, header, status_of
from test_ami import Ami, manager_conf
from test_ami_redirect import read_matching
from test_calls import channel_count, wait_no_channels, wait_output

EXTENSIONS = """
[general]
static = yes

[internal]
exten => _[bc]!,1,Dial(PJSIP/${EXTEN},10)
 same => n,Hangup()

exten => xbob,1,Set(__TRANSFER_CONTEXT=xfer)
 same => n,Dial(PJSIP/bob,10)
 same => n,Hangup()

exten => 300,1,Dial(PJSIP/carol,10)
 same => n,Hangup()

exten => vm,1,Answer()
 same => n,Wait(2)
 same => n,UserEvent(InApp,Chan: ${CHANNEL})
 same => n,Hangup()

exten => 320,1,Set(LANDED=internal-320)
 same => n,Wait(10)
 same => n,Hangup()

[xfer]
exten => 320,1,Set(LANDED=xfer-320)
 same => n,Wait(10)
 same => n,Hangup()
"""


def configure(sb, port, bob_options="", alice_options=""):
    rtp = free_rtp_range(60)
    sb.write("rtp.conf", f"[general]\nrtpstart = {rtp}\nrtpend = {rtp + 60}\n")
    phones = ""
    for name, options in (("alice", alice_options), ("bob", bob_options), ("carol", "")):
        phones += f"""
        [{name}](phone)
        auth = {name}
        aors = {name}
        {options}
        [{name}]
        type = auth
        auth_type = userpass
        username = {name}
        password = {name}-secret
        [{name}]
        type = aor
        max_contacts = 1
        """
    sb.write("pjsip.conf", f"""
        [udp]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{port}

        [phone](!)
        type = endpoint
        context = internal
        disallow = all
        allow = ulaw,alaw
        {phones}
        """)
    sb.write("extensions.conf", EXTENSIONS)


def start(sb, **options):
    port = free_port()
    ami_port = free_port()
    configure(sb, port, **options)
    sb.write("manager.conf", manager_conf(ami_port))
    sb.start()
    ami = Ami(ami_port)
    assert ami.login("admin", "s3cret", events="on")["Response"] == "Success"
    return port, ami


def register(port, user):
    phone = Phone(port, user, f"{user}-secret")
    assert phone.register() == 200
    return phone


class Dialog:
    """One phone's side of an answered call, for the in-dialog requests Phone does not
    send (REFER). `placed`: the phone sent the INVITE (phone.call), else it answered
    phone.incoming."""

    def __init__(self, phone, placed):
        self.phone = phone
        self.placed = placed
        if placed:
            c = phone.call
            self.target = c["target"]
            self.routes = c.get("routes", [])
            self.local = f"\"{phone.user.title()}\" <sip:{phone.user}@127.0.0.1>;tag={c['tag']}"
            self.remote = c["to"]
            self.call_id = c["call_id"]
            self.cseq = c["cseq"] + 10
        else:
            invite = phone.incoming
            self.target = re.search(r"<([^>]+)>", header(invite, "Contact")).group(1)
            self.routes = [f"Route: {v.strip()}"
                           for v in re.findall(r"(?im)^Record-Route\s*:\s*(.*)$", invite)]
            self.local = f"{header(invite, 'To')};tag={phone.user}tag"
            self.remote = header(invite, "From")
            self.call_id = header(invite, "Call-ID")
            self.cseq = 100

    def tags(self):
        """(our tag, their tag) as the phone sees the dialog."""
        return (re.search(r";tag=([^;>\s]+)", self.local).group(1),
                re.search(r";tag=([^;>\s]+)", self.remote).group(1))

    def send(self, method, extra=()):
        self.cseq += 1
        if self.placed:
            self.phone.call["cseq"] = self.cseq  # Phone.bye() counts on from here
        self.phone.send("\r\n".join([
            f"{method} {self.target} SIP/2.0",
            f"Via: SIP/2.0/UDP {self.phone.local()};branch=z9hG4bK{uuid.uuid4().hex[:16]};rport",
            *self.routes, f"From: {self.local}", f"To: {self.remote}",
            f"Call-ID: {self.call_id}", f"CSeq: {self.cseq} {method}", "Max-Forwards: 70",
            f"Contact: <sip:{self.phone.user}@{self.phone.local()}>", *extra,
            "Content-Length: 0", "", ""]))

    def refer(self, refer_to, extra=()):
        """Sends a REFER and returns its final response."""
        self.send("REFER", [f"Refer-To: {refer_to}", *extra])
        return self.phone.wait_response("REFER", codes=set(range(200, 700)))


def notifications(phone, until_final=True, timeout=5.0):
    """The NOTIFYs the phone receives (each answered 200), up to a terminated one."""
    seen = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            notify = phone.wait_request("NOTIFY", timeout=max(0.1, deadline - time.time()))
        except TimeoutError:
            break
        phone.respond(notify, 200, "OK")
        seen.append(notify)
        if until_final and header(notify, "Subscription-State").startswith("terminated"):
            break
    return seen


def fragment(notify):
    return body_of(notify).strip()


def bridged_call(port, caller, callee_name, exten=None, codecs=(0, 8)):
    """caller dials exten (the callee's name); the callee answers with the first of
    `codecs` offered. Returns the callee."""
    callee = register(port, callee_name)
    callee.codecs = list(codecs)
    caller.dial(exten or callee_name)
    callee.wait_invite()
    callee.answer()
    assert status_of(caller.final()) == 200
    return callee


def relayed(sender, destination, receiver, count=20):
    """How many of `count` RTP packets sent by sender to destination reach receiver."""
    sender.send_rtp(destination, count=count)
    return len(receiver.receive_rtp(count, timeout=2.0))


def event(ami, name, limit=600):
    return dict(read_matching(ami, lambda m: m.get("Event") == name, limit=limit))


def varsets(ami, channel_prefix, names, limit=600):
    """The values VarSet reports for `names` on the channel starting with channel_prefix."""
    found = {}
    read_matching(ami, lambda m: m.get("Event") == "VarSet" and
                  m.get("Channel", "").startswith(channel_prefix) and
                  m.get("Variable") in names and found.update({m["Variable"]: m["Value"]}) is None
                  and set(found) == set(names), limit=limit)
    return found


def test_blind_transfer_follows_the_transferee_until_the_target_answers(sb):
    port, ami = start(sb)
    alice = Phone(port, "alice", "alice-secret", codecs=(0,))
    carol = register(port, "carol")
    carol.codecs = [8]
    bob = bridged_call(port, alice, "bob")
    bob_side = Dialog(bob, placed=False)

    reply = bob_side.refer("<sip:300@127.0.0.1>", ["Referred-By: <sip:bob@127.0.0.1>"])
    assert status_of(reply) == 202, reply
    assert header(reply, "Contact")
    # The transferer is hung up at once, as Asterisk does.
    bye = bob.answer_bye()
    assert header(bye, "Reason") == "Q.850;cause=16"

    # The transferee (alice) now runs 300, which dials carol: as alice, not as bob.
    invite = carol.wait_invite()
    assert "<sip:alice@" in header(invite, "From") and "Alice" in header(invite, "From")
    carol.ring()
    ringing = notifications(bob, until_final=False, timeout=2.0)
    assert [fragment(n) for n in ringing] == ["SIP/2.0 100 Trying", "SIP/2.0 180 Ringing"]
    for notify in ringing:
        assert notify.startswith("NOTIFY ")
        assert header(notify, "Event") == "refer"
        assert header(notify, "Content-Type") == "message/sipfrag;version=2.0"
        assert re.fullmatch(r"active;expires=(600|599|598)", header(notify, "Subscription-State"))
        assert header(notify, "Call-ID") == bob_side.call_id
        assert ";tag=bobtag" in header(notify, "To")
    carol.answer()
    final = notifications(bob)
    assert [fragment(n) for n in final] == ["SIP/2.0 200 OK"]
    assert header(final[0], "Subscription-State") == "terminated;reason=noresource"
    assert body_of(final[0]) == "SIP/2.0 200 OK\r\n"

    # alice's media now reaches carol (transcoded: carol answered A-law) and back.
    a_addr, a_port, _ = alice.call["remote_media"]
    assert relayed(alice, (a_addr, a_port), carol) >= 15
    c_addr, c_port, _ = carol.remote_media
    assert relayed(carol, (c_addr, c_port), alice) >= 15

    # SIPREFERREDBYHDR is set inheritable, as Asterisk's __SIPREFERREDBYHDR.
    names = {"SIPTRANSFER", "SIPREFERRINGCONTEXT", "__SIPREFERREDBYHDR", "SIPREFERTOHDR",
             "BLINDTRANSFER"}
    values = varsets(ami, "PJSIP/alice-", names)
    assert values["SIPTRANSFER"] == "yes"
    assert values["SIPREFERRINGCONTEXT"] == "internal"
    assert values["__SIPREFERREDBYHDR"] == "<sip:bob@127.0.0.1>"
    assert values["SIPREFERTOHDR"] == "sip:300@127.0.0.1"
    assert values["BLINDTRANSFER"].startswith("PJSIP/bob-")


    transfer = event(ami, "BlindTransfer")
    assert transfer["Result"] == "Success"
    assert transfer["TransfererChannel"].startswith("PJSIP/bob-")
    assert transfer["TransfereeChannel"].startswith("PJSIP/alice-")
    assert transfer["TransfereeExten"] == "bob" and transfer["TransfereeContext"] == "internal"
    assert transfer["TransfererChannelStateDesc"] == "Up"
    assert transfer["BridgeUniqueid"] and transfer["BridgeNumChannels"] == "2"
    assert transfer["IsExternal"] == "Yes"
    assert (transfer["Context"], transfer["Extension"]) == ("internal", "300")
    assert transfer["Privilege"] == "call,all"

    assert transfer["TransfererChannel"] == values["BLINDTRANSFER"]

    assert alice.bye() == 200
    carol.answer_bye()
    assert wait_no_channels(sb)
    for phone in (alice, bob, carol):
        phone.close()
    ami.close()


def test_without_blind_progress_200_is_notified_at_once(sb):
    port, ami = start(sb, bob_options="refer_blind_progress = no")
    alice = Phone(port, "alice", "alice-secret")
    carol = register(port, "carol")
    bob = bridged_call(port, alice, "bob")
    reply = Dialog(bob, placed=False).refer("<sip:300@127.0.0.1>")
    assert status_of(reply) == 202
    # Both NOTIFYs come before carol is even answered.
    seen = notifications(bob)
    assert [fragment(n) for n in seen] == ["SIP/2.0 100 Trying", "SIP/2.0 200 OK"]
    assert header(seen[0], "Subscription-State").startswith("active;expires=")
    assert header(seen[1], "Subscription-State") == "terminated;reason=noresource"
    bob.answer_bye()
    carol.wait_invite()
    carol.answer()
    assert alice.bye() == 200
    carol.answer_bye()
    assert wait_no_channels(sb)
    for phone in (alice, bob, carol):
        phone.close()
    ami.close()


def test_transfer_context_of_the_transferer_is_used(sb):
    port, ami = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    bob = bridged_call(port, alice, "bob", exten="xbob")
    # bob's leg inherited __TRANSFER_CONTEXT=xfer from alice's dialplan.
    assert status_of(Dialog(bob, placed=False).refer("<sip:320@127.0.0.1>")) == 202
    bob.answer_bye()
    transfer = event(ami, "BlindTransfer")
    assert transfer["Context"] == "xfer"
    landed = dict(read_matching(ami, lambda m: m.get("Event") == "VarSet" and
                                m.get("Variable") == "LANDED", limit=600))
    assert landed["Value"] == "xfer-320" and landed["Context"] == "xfer"
    assert landed["Channel"].startswith("PJSIP/alice-")
    # 320 reports no progress (no media, no bridge): the subscription stays active.
    assert [fragment(n) for n in notifications(bob, until_final=False, timeout=1.0)] == []
    assert alice.bye() == 200
    # The transferee's hang-up ends the subscription with 503, as Asterisk's framehook does.
    final = notifications(bob)
    assert [fragment(n) for n in final] == ["SIP/2.0 100 Trying",
                                            "SIP/2.0 503 Service Unavailable"]
    assert wait_no_channels(sb)
    for phone in (alice, bob):
        phone.close()
    ami.close()


def test_transfer_refused_by_configuration_gets_603(sb):
    port, ami = start(sb, bob_options="allow_transfer = no")
    alice = Phone(port, "alice", "alice-secret")
    bob = bridged_call(port, alice, "bob")
    reply = Dialog(bob, placed=False).refer("<sip:300@127.0.0.1>")
    assert status_of(reply) == 603
    assert notifications(bob, timeout=0.5) == []
    # The call goes on.
    assert channel_count(sb) == 2
    assert alice.bye() == 200
    bob.answer_bye()
    assert wait_no_channels(sb)
    assert wait_output(sb, "Endpoint bob transfer attempt blocked due to configuration")
    alice.close()
    bob.close()
    ami.close()


def test_unknown_target_is_notified_as_404_and_answered_404_without_subscription(sb):
    port, ami = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    bob = bridged_call(port, alice, "bob")
    bob_side = Dialog(bob, placed=False)
    assert status_of(bob_side.refer("<sip:999@127.0.0.1>")) == 202
    seen = notifications(bob)
    assert [fragment(n) for n in seen] == ["SIP/2.0 100 Trying", "SIP/2.0 404 Not Found"]
    reply = bob_side.refer("<sip:999@127.0.0.1>", ["Refer-Sub: false"])
    assert status_of(reply) == 404
    assert header(reply, "Refer-Sub") == "false"
    # Unreadable targets are refused before anything is accepted.
    assert status_of(bob_side.refer("<tel:+15551234>")) == 400
    assert status_of(bob_side.refer("<sip:300@")) == 400
    assert "attempted blind transfer to '999@internal' but target does not exist" in \
        sb.output_text()
    assert channel_count(sb) == 2
    assert alice.bye() == 200
    bob.answer_bye()
    assert wait_no_channels(sb)
    alice.close()
    bob.close()
    ami.close()


def test_refer_sub_false_is_answered_200_and_never_notified(sb):
    port, ami = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    carol = register(port, "carol")
    bob = bridged_call(port, alice, "bob")
    reply = Dialog(bob, placed=False).refer("<sip:300@127.0.0.1>", ["Refer-Sub: false"])
    assert status_of(reply) == 200
    assert header(reply, "Refer-Sub") == "false"
    bob.answer_bye()
    carol.wait_invite()
    carol.ring()
    carol.answer()
    assert notifications(bob, timeout=1.0) == []
    assert alice.bye() == 200
    carol.answer_bye()
    assert wait_no_channels(sb)
    for phone in (alice, bob, carol):
        phone.close()
    ami.close()


def test_the_caller_can_transfer_too(sb):
    """The REFER comes in the dialog of the inbound call: the callee is redirected."""
    port, ami = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    bob = bridged_call(port, alice, "bob")
    reply = Dialog(alice, placed=True).refer("<sip:320@127.0.0.1>")
    assert status_of(reply) == 202
    alice.respond(alice.wait_request("BYE"), 200, "OK")
    landed = dict(read_matching(ami, lambda m: m.get("Event") == "VarSet" and
                                m.get("Variable") == "LANDED", limit=600))
    assert landed["Channel"].startswith("PJSIP/bob-") and landed["Value"] == "internal-320"
    assert bob.bye_incoming() == 200
    assert [fragment(n) for n in notifications(alice)][-1] == "SIP/2.0 503 Service Unavailable"
    assert wait_no_channels(sb)
    alice.close()
    bob.close()
    ami.close()


def test_transferee_hanging_up_right_after_the_202_leaves_nothing_behind(sb):
    port, ami = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    carol = register(port, "carol")
    bob = bridged_call(port, alice, "bob")
    assert status_of(Dialog(bob, placed=False).refer("<sip:300@127.0.0.1>")) == 202
    assert alice.bye() == 200
    bob.answer_bye()
    # carol may or may not have been called before alice's BYE arrived.
    try:
        carol.wait_invite(timeout=1.0)
        cancel = carol.wait_request("CANCEL")
        carol.respond(cancel, 200, "OK")
        carol.reject(487, "Request Terminated")
    except TimeoutError:
        pass
    final = notifications(bob)
    assert fragment(final[-1]) == "SIP/2.0 503 Service Unavailable"
    assert header(final[-1], "Subscription-State") == "terminated;reason=noresource"
    assert wait_no_channels(sb)
    assert "0 active channels" in sb.rx("core show channels").stdout
    for phone in (alice, bob, carol):
        phone.close()
    ami.close()


def replaces_of(dialog):
    """The Replaces value naming `dialog` as its phone sees it (from-tag: the phone's)."""
    ours, theirs = dialog.tags()
    return f"{dialog.call_id};to-tag={theirs};from-tag={ours}"


def escaped(value):
    return value.replace("@", "%40").replace(";", "%3B").replace("=", "%3D")


def attended_setup(port):
    """alice calls bob and carol (two phones of hers); returns the phones and dialogs."""
    first = Phone(port, "alice", "alice-secret", codecs=(0,))
    second = Phone(port, "alice", "alice-secret", codecs=(0,))
    bob = bridged_call(port, first, "bob")
    carol = bridged_call(port, second, "carol", codecs=(8,))
    return first, second, bob, carol


def test_attended_transfer_bridges_the_far_parties(sb):
    port, ami = start(sb)
    first, second, bob, carol = attended_setup(port)
    to_bob = Dialog(first, placed=True)
    to_carol = Dialog(second, placed=True)
    refer_to = f"<sip:carol@127.0.0.1?Replaces={escaped(replaces_of(to_carol))}>"
    reply = to_bob.refer(refer_to)
    assert status_of(reply) == 202, reply
    seen = notifications(first)
    assert [fragment(n) for n in seen] == ["SIP/2.0 100 Trying", "SIP/2.0 200 OK"]
    assert header(seen[-1], "Subscription-State") == "terminated;reason=noresource"
    # Both of alice's calls are ended by the server.
    first.respond(first.wait_request("BYE"), 200, "OK")
    second.respond(second.wait_request("BYE"), 200, "OK")

    # bob and carol hear each other through the server (bob's µ-law, carol's A-law).
    b_addr, b_port, _ = bob.remote_media
    c_addr, c_port, _ = carol.remote_media
    deadline = time.time() + 3
    while channel_count(sb) != 2 and time.time() < deadline:
        time.sleep(0.05)
    assert channel_count(sb) == 2
    assert relayed(bob, (b_addr, b_port), carol) >= 15
    assert relayed(carol, (c_addr, c_port), bob) >= 15

    transfer = event(ami, "AttendedTransfer")
    assert transfer["Result"] == "Success"
    assert transfer["OrigTransfererChannel"].startswith("PJSIP/alice-")
    assert transfer["SecondTransfererChannel"].startswith("PJSIP/alice-")
    assert transfer["OrigTransfererChannel"] != transfer["SecondTransfererChannel"]
    assert transfer["TransfereeChannel"].startswith("PJSIP/bob-")
    assert transfer["TransferTargetChannel"].startswith("PJSIP/carol-")
    assert transfer["OrigBridgeUniqueid"] != transfer["SecondBridgeUniqueid"]
    assert transfer["DestType"] == "Bridge" and transfer["DestBridgeUniqueid"]
    assert transfer["IsExternal"] == "Yes"
    enter = dict(read_matching(ami, lambda m: m.get("Event") == "BridgeEnter" and
                               m.get("BridgeUniqueid") == transfer["DestBridgeUniqueid"],
                               limit=600))
    assert enter["Channel"].split("-")[0] in ("PJSIP/bob", "PJSIP/carol")
    # The new bridge connects each far party to the other (each was connected to alice).
    lines = {}
    for _ in range(2):
        line = dict(read_matching(ami, lambda m: m.get("Event") == "NewConnectedLine",
                                  limit=600))
        lines[line["Channel"].split("-")[0]] = (line["ConnectedLineNum"], line["CallerIDNum"])
    assert lines == {"PJSIP/bob": ("carol", "bob"), "PJSIP/carol": ("bob", "carol")}

    # When bob hangs up, carol is hung up.
    assert bob.bye_incoming() == 200
    carol.answer_bye()
    assert wait_no_channels(sb)
    for phone in (first, second, bob, carol):
        phone.close()
    ami.close()


def test_attended_transfer_tags_may_be_given_either_way_round(sb):
    port, ami = start(sb)
    first, second, bob, carol = attended_setup(port)
    to_carol = Dialog(second, placed=True)
    ours, theirs = to_carol.tags()
    swapped = f"{to_carol.call_id};to-tag={ours};from-tag={theirs}"
    reply = Dialog(first, placed=True).refer(
        f"<sip:carol@127.0.0.1?Replaces={escaped(swapped)}>", ["Refer-Sub: false"])
    assert status_of(reply) == 200 and header(reply, "Refer-Sub") == "false"
    first.respond(first.wait_request("BYE"), 200, "OK")
    second.respond(second.wait_request("BYE"), 200, "OK")
    assert notifications(first, timeout=0.5) == []
    assert carol.bye_incoming() == 200
    bob.answer_bye()
    assert wait_no_channels(sb)
    for phone in (first, second, bob, carol):
        phone.close()
    ami.close()


def test_attended_transfer_to_an_unknown_dialog_or_with_a_bad_replaces(sb):
    port, ami = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    bob = bridged_call(port, alice, "bob")
    to_bob = Dialog(alice, placed=True)
    # No dialog of ours and no external_replaces extension: 404, as Asterisk.
    assert status_of(to_bob.refer(
        "<sip:carol@127.0.0.1?Replaces=nosuch%3Bto-tag%3Da%3Bfrom-tag%3Db>")) == 202
    assert [fragment(n) for n in notifications(alice)] == ["SIP/2.0 100 Trying",
                                                           "SIP/2.0 404 Not Found"]
    assert wait_output(sb, "'external_replaces' extension not found in context internal")
    # A Replaces without its tags is a bad request.
    assert status_of(to_bob.refer(
        "<sip:carol@127.0.0.1?Replaces=nosuch>", ["Refer-Sub: false"])) == 400
    assert wait_output(sb, "with invalid Replaces header, rejecting")
    assert channel_count(sb) == 2
    assert alice.bye() == 200
    bob.answer_bye()
    assert wait_no_channels(sb)
    alice.close()
    bob.close()
    ami.close()


def tag_of(value):
    return re.search(r";tag=([^;>\s]+)", value).group(1)


def test_invite_with_replaces_takes_the_place_of_a_bridged_call(sb):
    port, ami = start(sb)
    alice = Phone(port, "alice", "alice-secret", codecs=(0,))
    bob = bridged_call(port, alice, "bob")
    carol = Phone(port, "carol", "carol-secret", codecs=(8,))
    # carol takes bob's call (bob's side of it: our tag is the to-tag, his the from-tag).
    carol.dial("bob", extra=[f"Replaces: {replaces_of(Dialog(bob, placed=False))}"])
    ok = carol.final()
    assert status_of(ok) == 200, ok
    bye = bob.answer_bye()
    assert header(bye, "Reason") == "Q.850;cause=16"
    deadline = time.time() + 3
    while channel_count(sb) != 2 and time.time() < deadline:
        time.sleep(0.05)
    a_addr, a_port, _ = alice.call["remote_media"]
    c_addr, c_port, c_pts = carol.call["remote_media"]
    assert c_pts[0] == 8
    assert relayed(alice, (a_addr, a_port), carol) >= 15
    assert relayed(carol, (c_addr, c_port), alice) >= 15
    enter = dict(read_matching(ami, lambda m: m.get("Event") == "BridgeEnter" and
                               m.get("Channel", "").startswith("PJSIP/carol-"), limit=600))
    assert enter["BridgeNumChannels"] in ("1", "2")
    assert carol.bye() == 200
    alice.respond(alice.wait_request("BYE"), 200, "OK")
    assert wait_no_channels(sb)
    for phone in (alice, bob, carol):
        phone.close()
    ami.close()


def test_invite_with_replaces_picks_up_a_call_we_are_placing(sb):
    port, ami = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    bob = register(port, "bob")
    alice.dial("bob")
    bob.wait_invite()
    bob.ring()
    alice.wait_response("INVITE", codes={180})
    carol = Phone(port, "carol", "carol-secret")
    carol.dial("bob", extra=[f"Replaces: {replaces_of(Dialog(bob, placed=False))}"])
    assert status_of(carol.final()) == 200
    cancel = bob.wait_request("CANCEL")
    assert header(cancel, "Reason") == 'SIP;cause=200;text="Call completed elsewhere"'
    bob.respond(cancel, 200, "OK")
    bob.reject(487, "Request Terminated")
    # alice's call is answered: by carol.
    assert status_of(alice.final()) == 200
    a_addr, a_port, _ = alice.call["remote_media"]
    c_addr, c_port, _ = carol.call["remote_media"]
    assert relayed(alice, (a_addr, a_port), carol) >= 15
    assert relayed(carol, (c_addr, c_port), alice) >= 15
    assert alice.bye() == 200
    carol.respond(carol.wait_request("BYE"), 200, "OK")
    assert wait_no_channels(sb)
    for phone in (alice, bob, carol):
        phone.close()
    ami.close()


def test_invite_with_replaces_refusals(sb):
    port, ami = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    bob = register(port, "bob")
    alice.dial("bob")
    bob.wait_invite()
    bob.ring()
    ringing = alice.wait_response("INVITE", codes={180})
    carol = Phone(port, "carol", "carol-secret")
    # An early dialog we did not place (alice's call, still ringing towards us): 481.
    ours = tag_of(header(ringing, "To"))
    carol.dial("bob", extra=[
        f"Replaces: {alice.call['call_id']};to-tag={ours};from-tag={alice.call['tag']}"])
    assert status_of(carol.final()) == 481
    # No such dialog: 481; an unreadable header: 400.
    carol.dial("bob", extra=["Replaces: nosuch;to-tag=a;from-tag=b"])
    assert status_of(carol.final()) == 481
    carol.dial("bob", extra=["Replaces: nosuch"])
    assert status_of(carol.final()) == 400
    # early-only for a call that is answered: 486.
    bob.answer()
    assert status_of(alice.final()) == 200
    carol.dial("bob", extra=[f"Replaces: {replaces_of(Dialog(bob, placed=False))};early-only"])
    assert status_of(carol.final()) == 486
    # The replaced extension must exist like any other.
    carol.dial("999", extra=[f"Replaces: {replaces_of(Dialog(bob, placed=False))}"])
    assert status_of(carol.final()) == 404
    assert channel_count(sb) == 2
    assert alice.bye() == 200
    bob.answer_bye()
    assert wait_no_channels(sb)
    for phone in (alice, bob, carol):
        phone.close()
    ami.close()


def test_attended_transfer_to_a_call_in_an_application_moves_the_transferee_there(sb):
    port, ami = start(sb)
    first = Phone(port, "alice", "alice-secret", codecs=(0,))
    second = Phone(port, "alice", "alice-secret", codecs=(0,))
    bob = bridged_call(port, first, "bob")
    second.dial("vm")
    assert status_of(second.final()) == 200
    to_bob = Dialog(first, placed=True)
    refer_to = f"<sip:vm@127.0.0.1?Replaces={escaped(replaces_of(Dialog(second, placed=True)))}>"
    assert status_of(to_bob.refer(refer_to)) == 202
    assert [fragment(n) for n in notifications(first)][-1] == "SIP/2.0 200 OK"
    first.respond(first.wait_request("BYE"), 200, "OK")
    second.respond(second.wait_request("BYE"), 200, "OK")
    transfer = event(ami, "AttendedTransfer")
    assert (transfer["Result"], transfer["DestType"], transfer["DestApp"]) == \
        ("Success", "App", "Wait")
    # bob's call now runs the rest of vm (nothing ended it on the way): its UserEvent, then
    # the Hangup that ends bob's call.
    try:
        bob.wait_request("BYE", timeout=0.3)
        raise AssertionError("bob was hung up by the move")
    except TimeoutError:
        pass
    assert channel_count(sb) == 1
    in_app = event(ami, "UserEvent")
    assert in_app["UserEvent"] == "InApp"
    bob.answer_bye()
    assert wait_no_channels(sb)
    for phone in (first, second, bob):
        phone.close()
    ami.close()


def test_attended_transfer_to_a_ringing_call_hands_the_transferee_to_it(sb):
    port, ami = start(sb)
    first = Phone(port, "alice", "alice-secret", codecs=(0,))
    second = Phone(port, "alice", "alice-secret", codecs=(0,))
    carol = register(port, "carol")
    carol.codecs = [8]
    bob = bridged_call(port, first, "bob")
    second.dial("300")
    carol.wait_invite()
    carol.ring()
    ringing = second.wait_response("INVITE", codes={180, 183})
    their_tag = re.search(r";tag=([^;>\s]+)", header(ringing, "To")).group(1)
    replaces = f"{second.call['call_id']};to-tag={their_tag};from-tag={second.call['tag']}"
    refer_to = f"<sip:300@127.0.0.1?Replaces={escaped(replaces)}>"
    assert status_of(Dialog(first, placed=True).refer(refer_to)) == 202
    first.respond(first.wait_request("BYE"), 200, "OK")
    assert status_of(second.final()) >= 400  # alice's second call ends unanswered
    transfer = event(ami, "AttendedTransfer")
    assert (transfer["DestType"], transfer["DestApp"]) == ("App", "Dial")
    # carol answers the Dial that now serves bob's call: they talk.
    carol.answer()
    b_addr, b_port, _ = bob.remote_media
    c_addr, c_port, _ = carol.remote_media
    assert relayed(bob, (b_addr, b_port), carol) >= 15
    assert relayed(carol, (c_addr, c_port), bob) >= 15
    assert carol.bye_incoming() == 200
    bob.answer_bye()
    assert wait_no_channels(sb)
    for phone in (first, second, bob, carol):
        phone.close()
    ami.close()
