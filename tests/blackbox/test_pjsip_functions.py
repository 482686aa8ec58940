"""chan_pjsip's dialplan functions against a running server with registered and static
contacts: PJSIP_ENDPOINT, PJSIP_AOR, PJSIP_CONTACT, PJSIP_DIAL_CONTACTS, PJSIP_PARSE_URI(_FROM),
PJSIP_DTMF_MODE, PJSIP_MEDIA_OFFER, chan_sip's SIPPEER, CHECKSIPDOMAIN and SIPDtmfMode, and
`core show function(s)`. Values are read from the dialplan's own NoOp lines on the console."""

import hashlib
import re
import socket
import time
import uuid

from sip_client import digest_authorization
from sip_helpers import free_port, free_rtp_range
from sip_phone import Phone, body_of, header, status_of
from test_ami import Ami, manager_conf


class UaPhone(Phone):
    """A phone whose REGISTER carries a User-Agent and a Call-ID the test knows."""

    def register(self, expires=300, user_agent="FunctionsPhone/2.1"):
        self.register_call_id = uuid.uuid4().hex
        authorization = None
        for _ in range(2):
            self.cseq += 1
            uri = f"sip:127.0.0.1:{self.server[1]}"
            lines = [f"REGISTER {uri} SIP/2.0",
                     f"Via: SIP/2.0/UDP {self.local()};branch=z9hG4bK{uuid.uuid4().hex[:16]};rport",
                     f"From: <sip:{self.user}@127.0.0.1>;tag={uuid.uuid4().hex[:8]}",
                     f"To: <sip:{self.user}@127.0.0.1>", f"Call-ID: {self.register_call_id}",
                     f"CSeq: {self.cseq} REGISTER", "Max-Forwards: 70",
                     f"Contact: <sip:{self.user}@{self.local()}>", f"Expires: {expires}",
                     f"User-Agent: {user_agent}"]
            if authorization:
                lines.append(f"Authorization: {authorization}")
            self.send("\r\n".join(lines + ["Content-Length: 0", "", ""]))
            reply = self.wait_response("REGISTER")
            if status_of(reply) != 401:
                return status_of(reply)
            authorization = digest_authorization(header(reply, "WWW-Authenticate"), "REGISTER",
                                                 uri, self.user, self.password)
        return status_of(reply)

    @property
    def contact_uri(self):
        return f"sip:{self.user}@{self.local()}"


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


def closed_udp_port():
    """A loopback UDP port nothing listens on (qualify gets ICMP port unreachable)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def configure(sb, port, desk_port, gone_port, dialplan, ami_port=None):
    rtp = free_rtp_range(40)
    sb.write("rtp.conf", f"[general]\nrtpstart = {rtp}\nrtpend = {rtp + 40}\n")
    sb.write(
        "pjsip.conf",
        f"""
        [udp]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{port}

        [phone](!)
        type = endpoint
        context = functions
        disallow = all
        allow = ulaw,alaw

        [alice](phone)
        auth = alice
        aors = alice
        callerid = Alice Liddell <6001>
        mailboxes = 6001@default, 6009
        set_var = COLOUR=blue
        language = fr
        [alice]
        type = auth
        auth_type = userpass
        username = alice
        password = alice-secret
        [alice]
        type = aor
        max_contacts = 1

        [bob](phone)
        auth = bob
        aors = bob,bob-desk
        dtmf_mode = info
        [bob]
        type = auth
        auth_type = userpass
        username = bob
        password = bob-secret
        [bob]
        type = aor
        max_contacts = 2
        [bob-desk]
        type = aor
        contact = sip:desk@127.0.0.1:{desk_port}

        [carol](phone)
        aors = carol-gone
        [carol-gone]
        type = aor
        contact = sip:gone@127.0.0.1:{gone_port}
        qualify_frequency = 1
        qualify_timeout = 0.5

        [office.example]
        type = domain_alias
        domain = 127.0.0.1
        """,
    )
    sb.write("extensions.conf", dialplan)
    if ami_port:
        sb.write("manager.conf", manager_conf(ami_port))


def start(sb, dialplan, ami=False):
    port = free_port()
    ami_port = free_port() if ami else None
    desk = UaPhone(port, "desk", "unused")
    gone_port = closed_udp_port()
    configure(sb, port, desk.port, gone_port, dialplan, ami_port)
    sb.start()
    return port, desk, gone_port, ami_port


def noop_values(sb, exten, timeout=5.0):
    """name -> value of every `NoOp(name=value)` the dialplan ran at `exten`, once the
    extension has run its `NoOp(done)`."""
    deadline = time.time() + timeout
    pattern = re.compile(rf'Executing \[{re.escape(exten)}@functions:\d+\] NoOp\("[^"]*", '
                         rf'"(.*)"\) in new stack')
    while time.time() < deadline:
        found = pattern.findall(sb.output_text())
        if "done" in found:
            values = {}
            for item in found:
                name, _, value = item.partition("=")
                values.setdefault(name, value)
            return values
        time.sleep(0.05)
    raise AssertionError(f"extension {exten} did not finish:\n{sb.output_text()[-3000:]}")


def run_extension(port, exten, caller="alice", password="alice-secret"):
    """Calls `exten` as the caller; the dialplan answers or hangs up on its own."""
    phone = Phone(port, caller, password)
    phone.dial(exten)
    reply = phone.final()
    if status_of(reply) == 200:
        phone.answer_bye()
    phone.close()
    return reply


def wait_output(sb, text, timeout=5.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if text in sb.output_text():
            return True
        time.sleep(0.05)
    return False


OBJECTS_DIALPLAN = r"""
[functions]
exten => objects,1,NoOp(context=${PJSIP_ENDPOINT(alice,context)})
 same => n,NoOp(allow=${PJSIP_ENDPOINT(alice,allow)})
 same => n,NoOp(callerid=${PJSIP_ENDPOINT(alice,callerid)})
 same => n,NoOp(colour=${PJSIP_ENDPOINT(alice,COLOUR)})
 same => n,NoOp(dtmf=${PJSIP_ENDPOINT(bob,dtmf_mode)})
 same => n,NoOp(connected=${PJSIP_ENDPOINT(bob,send_connected_line)})
 same => n,NoOp(missing=${PJSIP_ENDPOINT(nobody,context)})
 same => n,NoOp(bogus=${PJSIP_ENDPOINT(alice,bogus)})
 same => n,NoOp(none=${PJSIP_ENDPOINT()})
 same => n,Set(MINE=${PJSIP_AOR(alice,contact)})
 same => n,NoOp(alice_contacts=${MINE})
 same => n,NoOp(desk_contacts=${PJSIP_AOR(bob-desk,contact)})
 same => n,NoOp(max=${PJSIP_AOR(alice,max_contacts)})
 same => n,NoOp(timeout=${PJSIP_AOR(alice,qualify_timeout)})
 same => n,NoOp(aor_bogus=${PJSIP_AOR(alice,bogus)})
 same => n,NoOp(uri=${PJSIP_CONTACT(${MINE},uri)})
 same => n,NoOp(ua=${PJSIP_CONTACT(${MINE},user_agent)})
 same => n,NoOp(callid=${PJSIP_CONTACT(${MINE},call_id)})
 same => n,NoOp(endpoint=${PJSIP_CONTACT(${MINE},endpoint)})
 same => n,NoOp(via_port=${PJSIP_CONTACT(${MINE},via_port)})
 same => n,NoOp(expires=${PJSIP_CONTACT(${MINE},expiration_time)})
 same => n,NoOp(status=${PJSIP_CONTACT(${MINE},status)})
 same => n,NoOp(rtt=${PJSIP_CONTACT(${MINE},rtt)})
 same => n,NoOp(desk_uri=${PJSIP_CONTACT(${PJSIP_AOR(bob-desk,contact)},uri)})
 same => n,NoOp(desk_status=${PJSIP_CONTACT(${PJSIP_AOR(bob-desk,contact)},status)})
 same => n,NoOp(no_contact=${PJSIP_CONTACT(alice\;@nothing,uri)})
 same => n,NoOp(done)
 same => n,Hangup()
"""


def test_endpoint_aor_and_contact_functions_read_objects_and_contacts(sb):
    port, desk, _, _ = start(sb, OBJECTS_DIALPLAN)
    alice = UaPhone(port, "alice", "alice-secret")
    assert alice.register(expires=600) == 200
    registered = int(time.time())
    run_extension(port, "objects")
    values = noop_values(sb, "objects")
    assert values["context"] == "functions"
    assert values["allow"] == "(ulaw|alaw)"
    assert values["callerid"] == '"Alice Liddell" <6001>'
    assert values["colour"] == "blue"
    assert values["dtmf"] == "info"
    assert values["connected"] == "yes"
    assert values["missing"] == "" and values["bogus"] == "" and values["none"] == ""
    # Contact ids: "<aor>;@<md5 of the URI>" registered, "<aor>@@<md5 of the URI>" static.
    assert values["alice_contacts"] == "alice;@" + md5(alice.contact_uri)
    assert values["desk_contacts"] == "bob-desk@@" + md5(desk.contact_uri)
    assert values["max"] == "1"
    assert values["timeout"] == "3.000000"
    assert values["aor_bogus"] == ""
    assert values["uri"] == alice.contact_uri
    assert values["ua"] == "FunctionsPhone/2.1"
    assert values["callid"] == alice.register_call_id
    assert values["endpoint"] == "alice"
    assert values["via_port"] == str(alice.port)
    assert abs(int(values["expires"]) - (registered + 600)) <= 5
    assert values["status"] == "NonQualified" and values["rtt"] == "N/A"
    assert values["desk_uri"] == desk.contact_uri
    assert values["desk_status"] == "NonQualified"
    assert values["no_contact"] == ""
    # Bad arguments are logged in Asterisk's words.
    output = sb.output_text()
    for line in ("Failed to retrieve information for endpoint 'nobody'",
                 "Unknown property 'bogus' for PJSIP endpoint",
                 "Cannot call PJSIP_ENDPOINT without arguments",
                 "Unknown property 'bogus' for PJSIP AOR",
                 "Failed to retrieve information for contact 'alice;@nothing'"):
        assert line in output, line
    # `pjsip show endpoint` lists the same values.
    shown = sb.rx("pjsip show endpoint alice").stdout
    assert re.search(r"(?m)^ allow +: \(ulaw\|alaw\)$", shown)
    assert re.search(r'(?m)^ callerid +: "Alice Liddell" <6001>$', shown)
    assert not re.search(r"(?m)^ disallow ", shown)
    alice.close()
    desk.close()


DIAL_DIALPLAN = """
[functions]
exten => dialall,1,Set(TARGETS=${PJSIP_DIAL_CONTACTS(bob)})
 same => n,NoOp(targets=${TARGETS})
 same => n,NoOp(as200=${PJSIP_DIAL_CONTACTS(bob,bob-desk,200)})
 same => n,NoOp(nobody=${PJSIP_DIAL_CONTACTS(nobody)})
 same => n,NoOp(carol=${PJSIP_DIAL_CONTACTS(carol)})
 same => n,NoOp(gone=${PJSIP_CONTACT(${PJSIP_AOR(carol-gone,contact)},status)})
 same => n,NoOp(done)
 same => n,Dial(${TARGETS},5)
 same => n,Hangup()

exten => dial200,1,Dial(${PJSIP_DIAL_CONTACTS(bob,,200)},5)
 same => n,Hangup()
"""


def wait_unreachable(sb, aor, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if re.search(rf"{aor}/\S+ +\S+ +Unavail", sb.rx("pjsip show contacts").stdout):
            return True
        time.sleep(0.2)
    return False


def test_dial_contacts_rings_every_reachable_contact(sb):
    port, desk, gone_port, _ = start(sb, DIAL_DIALPLAN)
    phones = [UaPhone(port, "bob", "bob-secret") for _ in range(2)]
    for phone in phones:
        assert phone.register() == 200
    assert wait_unreachable(sb, "carol-gone")
    alice = Phone(port, "alice", "alice-secret")
    alice.dial("dialall")
    values = noop_values(sb, "dialall")
    # Registered contacts by id (md5 of their URI), then the static one; '&' between.
    registered = sorted(phones, key=lambda p: md5(p.contact_uri))
    expected = [f"PJSIP/bob/{p.contact_uri}" for p in registered] + \
        [f"PJSIP/bob/{desk.contact_uri}"]
    assert values["targets"] == "&".join(expected)
    assert values["as200"] == f"PJSIP/200@bob/{desk.contact_uri}"
    assert values["nobody"] == ""
    # carol's only contact failed qualify: nothing to dial.
    assert values["carol"] == ""
    assert values["gone"] == "Unreachable"
    assert wait_output(sb, "Specified endpoint 'nobody' was not found")
    # Dial forks to all three; the desk answers, the others are cancelled.
    invites = [phone.wait_invite() for phone in registered + [desk]]
    for phone, invite in zip(registered + [desk], invites):
        assert invite.startswith(f"INVITE {phone.contact_uri} SIP/2.0"), invite
    desk.ring()
    desk.answer()
    assert status_of(alice.final()) == 200
    for phone in registered:
        cancel = phone.wait_request("CANCEL")
        phone.respond(cancel, 200, "OK")
        phone.respond(phone.incoming, 487, "Request Terminated")
    assert alice.bye() == 200
    desk.answer_bye()
    # The request user replaces the user part of each contact's URI.
    alice.dial("dial200")
    for phone in registered + [desk]:
        invite = phone.wait_invite()
        assert invite.startswith(f"INVITE sip:200@{phone.local()} SIP/2.0"), invite
        phone.respond(invite, 486, "Busy Here")
    assert status_of(alice.final()) >= 400
    for phone in phones + [alice, desk]:
        phone.close()


URI_DIALPLAN = r"""
[functions]
exten => uris,1,Set(URI="Bob B" <sips:bo%62:pw@[::1]:5071\;transport=tcp\;user=phone\;ttl=5\;lr>)
 same => n,NoOp(display=${PJSIP_PARSE_URI_FROM(URI,display)})
 same => n,NoOp(scheme=${PJSIP_PARSE_URI_FROM(URI,scheme)})
 same => n,NoOp(user=${PJSIP_PARSE_URI_FROM(URI,user)})
 same => n,NoOp(passwd=${PJSIP_PARSE_URI_FROM(URI,passwd)})
 same => n,NoOp(host=${PJSIP_PARSE_URI_FROM(URI,host)})
 same => n,NoOp(port=${PJSIP_PARSE_URI_FROM(URI,port)})
 same => n,NoOp(transport=${PJSIP_PARSE_URI_FROM(URI,transport_param)})
 same => n,NoOp(user_param=${PJSIP_PARSE_URI_FROM(URI,user_param)})
 same => n,NoOp(ttl=${PJSIP_PARSE_URI_FROM(URI,ttl_param)})
 same => n,NoOp(lr=${PJSIP_PARSE_URI_FROM(URI,lr_param)})
 same => n,NoOp(plain_host=${PJSIP_PARSE_URI(sip:carol@example.com:5090,host)})
 same => n,NoOp(plain_port=${PJSIP_PARSE_URI(sip:carol@example.com:5090,port)})
 same => n,NoOp(no_ttl=${PJSIP_PARSE_URI(sip:carol@example.com,ttl_param)})
 same => n,NoOp(maddr=${PJSIP_PARSE_URI(sip:carol@example.com\;maddr=239.0.0.1,maddr_param)})
 same => n,NoOp(tel=${PJSIP_PARSE_URI(tel:+15551234,user)})
 same => n,NoOp(badtype=${PJSIP_PARSE_URI(sip:carol@example.com,colour)})
 same => n,NoOp(notype=${PJSIP_PARSE_URI(sip:carol@example.com)})
 same => n,NoOp(novar=${PJSIP_PARSE_URI_FROM(,host)})
 same => n,NoOp(done)
 same => n,Hangup()
"""


def test_parse_uri_functions_read_each_part(sb):
    port, desk, _, _ = start(sb, URI_DIALPLAN)
    run_extension(port, "uris")
    values = noop_values(sb, "uris")
    assert values["display"] == "Bob B"
    assert values["scheme"] == "sips"
    assert values["user"] == "bob"
    assert values["passwd"] == "pw"
    assert values["host"] == "::1"
    assert values["port"] == "5071"
    assert values["transport"] == "tcp"
    assert values["user_param"] == "phone"
    assert values["ttl"] == "5"
    assert values["lr"] == "1"
    assert values["plain_host"] == "example.com" and values["plain_port"] == "5090"
    assert values["no_ttl"] == "-1"
    assert values["maddr"] == "239.0.0.1"
    assert values["tel"] == "" and values["badtype"] == "" and values["notype"] == ""
    assert values["novar"] == ""
    output = sb.output_text()
    for line in ("Failed to parse URI 'tel:+15551234'", "Unknown type part 'colour' specified",
                 "A type part of the URI must be specified when using the 'PJSIP_PARSE_URI' "
                 "dialplan function",
                 "The name of a variable containing a URI must be specified when using the "
                 "'PJSIP_PARSE_URI_FROM' dialplan function"):
        assert line in output, line
    desk.close()


DTMF_DIALPLAN = """
[functions]
exten => dtmf,1,NoOp(before=${PJSIP_DTMF_MODE()})
 same => n,Set(PJSIP_DTMF_MODE()=info)
 same => n,NoOp(after=${PJSIP_DTMF_MODE()})
 same => n,Set(PJSIP_DTMF_MODE()=bogus)
 same => n,NoOp(kept=${PJSIP_DTMF_MODE()})
 same => n,SIPDtmfMode(inband)
 same => n,NoOp(legacy=${PJSIP_DTMF_MODE()})
 same => n,SIPDtmfMode(shortinfo)
 same => n,NoOp(short=${PJSIP_DTMF_MODE()})
 same => n,SIPDtmfMode(sideways)
 same => n,NoOp(done)
 same => n,Answer()
 same => n,Wait(1)
 same => n,SIPDtmfMode(rfc2833)
 same => n,NoOp(reoffered=${PJSIP_DTMF_MODE()})
 same => n,Wait(2)
 same => n,Hangup()
"""


def test_dtmf_mode_changes_the_answer_and_reoffers_an_established_call(sb):
    port, desk, _, _ = start(sb, DTMF_DIALPLAN)
    alice = Phone(port, "alice", "alice-secret")
    alice.dial("dtmf")
    ok = alice.final()
    assert status_of(ok) == 200
    values = noop_values(sb, "dtmf")
    assert values["before"] == "rfc4733"
    assert values["after"] == "info"
    assert values["kept"] == "info"
    assert values["legacy"] == "inband"
    assert values["short"] == "info"
    output = sb.output_text()
    assert re.search(r"Cannot set DTMF mode to 'bogus' on channel 'PJSIP/alice-\w+' as value is "
                     r"invalid\.", output)
    assert "I don't know about this dtmf mode: sideways" in output
    # Changed before the answer: alice offered telephone-event, the answer leaves it out.
    assert "telephone-event" not in body_of(ok)
    # Changed once the call is up: a re-INVITE offers it again on the same port.
    reinvite = alice.wait_request("INVITE", timeout=5)
    offer = body_of(reinvite)
    assert "a=rtpmap:101 telephone-event/8000" in offer
    assert re.search(r"m=audio (\d+) ", offer).group(1) == str(alice.call["remote_media"][1])
    alice.respond(reinvite, 200, "OK", [f"Contact: <sip:alice@{alice.local()}>"], alice.offer([0]))
    alice.wait_request("ACK")
    assert wait_output(sb, "reoffered=rfc4733")
    alice.answer_bye()
    alice.close()
    desk.close()


MEDIA_DIALPLAN = """
[functions]
exten => media,1,NoOp(audio=${PJSIP_MEDIA_OFFER(audio)})
 same => n,NoOp(video=${PJSIP_MEDIA_OFFER(video)})
 same => n,Set(PJSIP_MEDIA_OFFER(audio)=!all,alaw,bogon)
 same => n,Set(PJSIP_MEDIA_OFFER(video)=h264)
 same => n,NoOp(restricted=${PJSIP_MEDIA_OFFER(audio)})
 same => n,NoOp(still_no_video=${PJSIP_MEDIA_OFFER(video)})
 same => n,NoOp(other=${PJSIP_MEDIA_OFFER(text)})
 same => n,NoOp(done)
 same => n,Answer()
 same => n,Wait(0.5)
 same => n,Hangup()
"""


def test_media_offer_reads_and_restricts_the_codecs_of_the_call(sb):
    port, desk, _, _ = start(sb, MEDIA_DIALPLAN)
    alice = Phone(port, "alice", "alice-secret", codecs=(0, 8))
    alice.dial("media")
    ok = alice.final()
    assert status_of(ok) == 200
    values = noop_values(sb, "media")
    assert values["audio"] == "ulaw,alaw"
    assert values["video"] == ""
    assert values["restricted"] == "alaw"
    assert values["still_no_video"] == ""
    assert values["other"] == ""
    assert wait_output(sb, "Cannot allow unknown format 'bogon'")
    # alice preferred PCMU; the answer has only what the dialplan left.
    media = re.search(r"(?m)^m=audio \d+ RTP/AVP ([\d ]+)", body_of(ok)).group(1).split()
    assert media[0] == "8" and "0" not in media
    alice.answer_bye()
    alice.close()
    desk.close()


LEGACY_DIALPLAN = """
[functions]
exten => legacy,1,NoOp(ip=${SIPPEER(alice)})
 same => n,NoOp(port=${SIPPEER(alice,port)})
 same => n,NoOp(upper=${SIPPEER(ALICE,IP)})
 same => n,NoOp(status=${SIPPEER(alice,status)})
 same => n,NoOp(mailbox=${SIPPEER(alice,mailbox)})
 same => n,NoOp(context=${SIPPEER(alice,context)})
 same => n,NoOp(cid_name=${SIPPEER(alice,callerid_name)})
 same => n,NoOp(cid_num=${SIPPEER(alice,callerid_num)})
 same => n,NoOp(codecs=${SIPPEER(alice,codecs)})
 same => n,NoOp(codec1=${SIPPEER(alice,codec[1])})
 same => n,NoOp(dynamic=${SIPPEER(alice,dynamic)})
 same => n,NoOp(ua=${SIPPEER(alice,useragent)})
 same => n,NoOp(var=${SIPPEER(alice,chanvar[COLOUR])})
 same => n,NoOp(language=${SIPPEER(alice,language)})
 same => n,NoOp(expire=${SIPPEER(alice,expire)})
 same => n,NoOp(curcalls=${SIPPEER(alice,curcalls)})
 same => n,NoOp(unknown_item=${SIPPEER(alice,colour)})
 same => n,NoOp(desk_ip=${SIPPEER(bob)})
 same => n,NoOp(carol_ip=${SIPPEER(carol)})
 same => n,NoOp(nobody=${SIPPEER(nobody)})
 same => n,NoOp(alias=${CHECKSIPDOMAIN(office.example)})
 same => n,NoOp(ours=${CHECKSIPDOMAIN(127.0.0.1)})
 same => n,NoOp(foreign=${CHECKSIPDOMAIN(example.org)})
 same => n,NoOp(empty=${CHECKSIPDOMAIN()})
 same => n,NoOp(done)
 same => n,Hangup()
"""


def test_sippeer_and_checksipdomain_map_onto_endpoints_and_domains(sb):
    port, desk, _, ami_port = start(sb, LEGACY_DIALPLAN, ami=True)
    alice = UaPhone(port, "alice", "alice-secret")
    assert alice.register(expires=600) == 200
    registered = int(time.time())
    run_extension(port, "legacy", caller="alice")
    values = noop_values(sb, "legacy")
    assert values["ip"] == "127.0.0.1" and values["upper"] == "127.0.0.1"
    assert values["port"] == str(alice.port)
    assert values["status"] == "Unmonitored"
    assert values["mailbox"] == "6001@default,6009"
    assert values["context"] == "functions"
    assert values["cid_name"] == "Alice Liddell" and values["cid_num"] == "6001"
    assert values["codecs"] == "(ulaw|alaw)" and values["codec1"] == "alaw"
    assert values["dynamic"] == "yes"
    assert values["ua"] == "FunctionsPhone/2.1"
    assert values["var"] == "blue"
    assert values["language"] == "fr"
    assert abs(int(values["expire"]) - (registered + 600)) <= 5
    assert values["curcalls"] == "1"  # the call running this dialplan
    assert values["unknown_item"] == ""
    # bob has no registration: its static contact stands for chan_sip's host=.
    assert values["desk_ip"] == "127.0.0.1"
    assert values["nobody"] == ""
    assert values["alias"] == "office.example"
    assert values["ours"] == "127.0.0.1"
    assert values["foreign"] == "" and values["empty"] == ""
    assert wait_output(sb, "CHECKSIPDOMAIN requires an argument - A domain name")
    # Channel functions need a PJSIP channel.
    client = Ami(ami_port)
    client.action("Login", Username="admin", Secret="s3cret", Events="off")
    assert client.read_dict()["Response"] == "Success"
    client.action("Getvar", Variable="PJSIP_DTMF_MODE()")
    assert client.read_dict()["Value"] == ""
    assert wait_output(sb, "No channel was provided to PJSIP_DTMF_MODE function.")
    client.action("Getvar", Variable="SIPPEER(alice,context)")
    assert client.read_dict()["Value"] == "functions"
    alice.close()
    desk.close()


def test_core_show_functions_lists_them_with_asterisks_synopsis(sb):
    port, desk, _, _ = start(sb, "[functions]\n")
    listing = sb.rx("core show functions like PJSIP_")
    assert listing.returncode == 0
    lines = listing.stdout.splitlines()
    assert lines[0] == "Matching Custom Functions:"
    assert ("PJSIP_AOR             PJSIP_AOR(name,field)                Get information about "
            "a PJSIP AOR") in lines
    assert ("PJSIP_DIAL_CONTACTS   PJSIP_DIAL_CONTACTS(endpoint[,aor[,  Return a dial string "
            "for dialing all contacts on an AOR.") in lines
    for name in ("PJSIP_CONTACT", "PJSIP_ENDPOINT", "PJSIP_PARSE_URI", "PJSIP_PARSE_URI_FROM",
                 "PJSIP_DTMF_MODE", "PJSIP_MEDIA_OFFER"):
        assert any(line.startswith(name + " ") for line in lines), name
    assert re.search(r"^\d+ matching custom functions installed\.$", lines[-1])
    everything = sb.rx("core show functions").stdout
    assert re.search(r"(?m)^SIPPEER +SIPPEER\(peername\[,item\]\) +Gets SIP peer information\.$",
                     everything)
    assert re.search(r"(?m)^CHECKSIPDOMAIN +CHECKSIPDOMAIN\(domain\) +Checks if domain is a "
                     r"local domain\.$", everything)
    detail = sb.rx("core show function PJSIP_DTMF_MODE").stdout
    assert "  -= Info about Function 'PJSIP_DTMF_MODE' =- " in detail
    assert "[Synopsis]\nGet or change the DTMF mode for a SIP call.\n" in detail
    assert "[Syntax]\nPJSIP_DTMF_MODE()\n" in detail
    missing = sb.rx("core show function PJSIP_NOTHING")
    assert missing.returncode == 1
    assert missing.stdout == "No function by that name registered.\n"
    assert "SIPDtmfMode: Change the dtmfmode for a SIP call." in \
        sb.rx("core show applications").stdout
    desk.close()


BRIDGE_DIALPLAN = """
[functions]
exten => bob,1,Dial(PJSIP/bob,5)
 same => n,Hangup()
"""


def test_dtmf_mode_set_over_ami_reoffers_the_dialled_leg(sb):
    port, desk, _, ami_port = start(sb, BRIDGE_DIALPLAN, ami=True)
    bob = UaPhone(port, "bob", "bob-secret")
    assert bob.register() == 200
    alice = Phone(port, "alice", "alice-secret")
    alice.dial("bob")
    invites = {}
    # bob's registration and the static desk contact both ring; bob answers.
    invites["bob"] = bob.wait_invite()
    invites["desk"] = desk.wait_invite()
    assert "telephone-event" not in body_of(invites["bob"])  # bob's dtmf_mode is info
    bob.answer()
    assert status_of(alice.final()) == 200
    cancel = desk.wait_request("CANCEL")
    desk.respond(cancel, 200, "OK")
    desk.respond(desk.incoming, 487, "Request Terminated")
    concise = sb.rx("core show channels concise").stdout
    leg = re.search(r"(?m)^(PJSIP/bob-\w+)!", concise).group(1)
    client = Ami(ami_port)
    client.action("Login", Username="admin", Secret="s3cret", Events="off")
    assert client.read_dict()["Response"] == "Success"
    client.action("Getvar", Channel=leg, Variable="PJSIP_DTMF_MODE()")
    assert client.read_dict()["Value"] == "info"
    client.action("Setvar", Channel=leg, Variable="PJSIP_DTMF_MODE()", Value="rfc4733")
    assert client.read_dict()["Response"] == "Success"
    # The answered outbound leg is re-offered with telephone-event.
    reinvite = bob.wait_request("INVITE", timeout=5)
    assert "a=rtpmap:101 telephone-event/8000" in body_of(reinvite)
    bob.respond(reinvite, 200, "OK", [f"Contact: <sip:bob@{bob.local()}>"], bob.offer([0]))
    bob.wait_request("ACK")
    client.action("Getvar", Channel=leg, Variable="PJSIP_DTMF_MODE()")
    assert client.read_dict()["Value"] == "rfc4733"
    assert alice.bye() == 200
    bob.answer_bye()
    for phone in (alice, bob, desk):
        phone.close()
