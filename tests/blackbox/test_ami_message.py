"""Out-of-dialog SIP MESSAGE with the AMI action MessageSend (res_pjsip_messaging): every
destination form, From/To, Body and Base64Body, Variable headers, the endpoint's
outbound_auth answering a challenge, chan_sip's sip: destinations, and Asterisk's error
answers, checked on the MESSAGE a scripted phone receives."""

import base64

from sip_client import challenge_params
from sip_helpers import free_port
from sip_phone import Phone, body_of, header
from test_ami import Ami, manager_conf
from test_ami_notify import action, header_names

PJSIP_CONF = """
[udp]
type = transport
protocol = udp
bind = 127.0.0.1:{port}

[bob]
type = endpoint
context = default
auth = bob
aors = bob
[bob]
type = auth
auth_type = userpass
username = bob
password = bob-secret
[bob]
type = aor
max_contacts = 1

[alice]
type = endpoint
context = default
from_user = alice-from
from_domain = example.org
aors = alice
[alice]
type = aor

[carrier-auth]
type = auth
auth_type = userpass
username = pbx
password = secret

[carrier]
type = endpoint
context = default
outbound_auth = carrier-auth
aors = carrier
[carrier]
type = aor
contact = sip:127.0.0.1:{far}
"""

DEFAULT_OUTBOUND = """
[default_outbound_endpoint]
type = endpoint
context = default
from_user = pbx-default
"""


class Setup:
    """A started server with bob registered, a far phone behind the carrier's static contact,
    and an AMI session."""

    def __init__(self, sb, default_outbound=True):
        self.port = free_port()
        self.far = Phone(self.port, "far", "x")
        self.ami_port = ami_port = free_port()
        conf = PJSIP_CONF.format(port=self.port, far=self.far.port)
        if default_outbound:
            conf += DEFAULT_OUTBOUND
        sb.write("pjsip.conf", conf)
        sb.write("manager.conf", manager_conf(ami_port))
        sb.write("extensions.conf", "[default]\n")
        sb.start()
        self.bob = Phone(self.port, "bob", "bob-secret")
        assert self.bob.register() == 200
        self.ami = Ami(ami_port)
        assert self.ami.login("admin", "s3cret", events="off")["Response"] == "Success"

    def send(self, action_id, *lines):
        return action(self.ami, "MessageSend", action_id, *lines)

    def close(self):
        self.ami.close()
        self.bob.close()
        self.far.close()


def sent(action_id):
    return [("Response", "Success"), ("ActionID", action_id),
            ("Message", "Message successfully sent")]


def failed(action_id, message="Message failed to send."):
    return [("Response", "Error"), ("ActionID", action_id), ("Message", message)]


def receive(phone, code=202, reason="Accepted"):
    message = phone.wait_request("MESSAGE")
    phone.respond(message, code, reason)
    return message


def request_uri(message):
    return message.split("\r\n", 1)[0].split(" ")[1]


def test_to_a_registered_endpoint_with_variables(sb):
    s = Setup(sb)
    try:
        assert s.send("m1", "To: pjsip:bob", "Body: hello bob",
                      "Variable: X-Campaign=spring,X-Ref=42",
                      "Variable: Call-ID=forged,Via=forged", "Variable: X-Ref=43") == sent("m1")
        message = receive(s.bob)
        assert message.startswith(f"MESSAGE sip:bob@127.0.0.1:{s.bob.port} SIP/2.0\r\n")
        assert header(message, "To") == f"<sip:bob@127.0.0.1:{s.bob.port}>"
        from_ = header(message, "From")
        assert from_.startswith("<sip:asterisk@127.0.0.1>;tag=")
        assert header(message, "Content-Type") == "text/plain"
        assert body_of(message) == "hello bob"
        assert header(message, "Content-Length") == str(len("hello bob"))
        assert header(message, "CSeq") == "1 MESSAGE"
        assert header(message, "Max-Forwards") == "70"
        # A later variable of the same name replaces the value; the stack's headers are kept.
        assert header(message, "X-Campaign") == "spring" and header(message, "X-Ref") == "43"
        assert header(message, "Call-ID") != "forged"
        names = header_names(message)
        assert names.count("Via") == 1 and names.count("X-Ref") == 1
        assert "Contact" not in names  # RFC 3428
    finally:
        s.close()


def test_from_and_to_as_given(sb):
    s = Setup(sb)
    try:
        assert s.send("f1", "Destination: pjsip:bob", "To: sip:robert@example.com",
                      'From: "Alice Example" <sip:alice@example.com:5080>',
                      "Body: hi") == sent("f1")
        message = receive(s.bob)
        assert request_uri(message) == f"sip:bob@127.0.0.1:{s.bob.port}"
        assert header(message, "To") == "<sip:robert@example.com>"
        assert header(message, "From").startswith(
            '"Alice Example" <sip:alice@example.com:5080>;tag=')
        # A bare user replaces only the user; user@domain the host too.
        assert s.send("f2", "To: pjsip:bob", "From: 1234", "Body: x") == sent("f2")
        assert header(receive(s.bob), "From").startswith("<sip:1234@127.0.0.1>;tag=")
        assert s.send("f3", "To: pjsip:bob", "From: carol@example.net", "Body: x") == sent("f3")
        assert header(receive(s.bob), "From").startswith("<sip:carol@example.net>;tag=")
        # A To without sip: does not change the To header.
        assert s.send("f4", "Destination: pjsip:bob", "To: robert", "Body: x") == sent("f4")
        assert header(receive(s.bob), "To") == f"<sip:bob@127.0.0.1:{s.bob.port}>"
    finally:
        s.close()


def test_endpoint_forms_put_the_user_and_uri_in_the_request_uri(sb):
    s = Setup(sb)
    try:
        # PJSIP/user@endpoint: the contact's URI with that user.
        assert s.send("u1", "To: pjsip:PJSIP/6001@bob", "Body: a") == sent("u1")
        assert request_uri(receive(s.bob)) == f"sip:6001@127.0.0.1:{s.bob.port}"
        # endpoint/aor: that AOR's contact; endpoint@domain: the endpoint's, domain dropped.
        assert s.send("u2", "To: pjsip:carrier/bob", "Body: b") == sent("u2")
        assert request_uri(receive(s.bob)) == f"sip:bob@127.0.0.1:{s.bob.port}"
        assert s.send("u3", "To: pjsip:bob@elsewhere.example", "Body: c") == sent("u3")
        assert request_uri(receive(s.bob)) == f"sip:bob@127.0.0.1:{s.bob.port}"
        # endpoint/uri: that URI, with the endpoint's From.
        uri = f"sip:someone@127.0.0.1:{s.far.port}"
        assert s.send("u4", f'To: pjsip:alice/"Some One" <{uri}>', "Body: d") == sent("u4")
        message = receive(s.far)
        assert request_uri(message) == uri
        assert header(message, "To") == f'"Some One" <{uri}>'
        assert header(message, "From").startswith("<sip:alice-from@example.org>;tag=")
    finally:
        s.close()


def test_to_a_uri_uses_the_default_outbound_endpoint(sb):
    s = Setup(sb)
    try:
        uri = f"sip:someone@127.0.0.1:{s.far.port}"
        assert s.send("d1", f"To: pjsip:{uri}", "Body: direct",
                      "Variable: Content-Type=text/x-custom;charset=utf-8") == sent("d1")
        message = receive(s.far)
        assert message.startswith(f"MESSAGE {uri} SIP/2.0\r\n")
        assert header(message, "To") == f"<{uri}>"
        assert header(message, "From").startswith("<sip:pbx-default@127.0.0.1>;tag=")
        # Only the media type is kept, as Asterisk does.
        assert header(message, "Content-Type") == "text/x-custom"
        assert body_of(message) == "direct"
        # user@host without a scheme, when the user is no endpoint.
        assert s.send("d2", f"To: pjsip:nobody@127.0.0.1:{s.far.port}", "Body: x") == sent("d2")
        assert request_uri(receive(s.far)) == f"sip:nobody@127.0.0.1:{s.far.port}"
    finally:
        s.close()


def test_without_a_default_outbound_endpoint_a_uri_is_refused(sb):
    s = Setup(sb, default_outbound=False)
    try:
        uri = f"sip:someone@127.0.0.1:{s.far.port}"
        assert s.send("n1", f"To: pjsip:{uri}", "Body: x") == failed("n1")
        assert s.send("n2", "To: pjsip:nobody", "Body: x") == failed("n2")
        assert "Could not find endpoint 'nobody' and no default outbound endpoint configured" \
            in sb.output_text()
    finally:
        s.close()


def test_base64_body(sb):
    s = Setup(sb)
    try:
        text = "line one\nline two\n"
        encoded = base64.b64encode(text.encode()).decode()
        assert s.send("b1", "To: pjsip:bob", "Body: ignored",
                      f"Base64Body: {encoded}") == sent("b1")
        message = receive(s.bob)
        assert body_of(message) == text
        assert header(message, "Content-Length") == str(len(text))
        assert s.send("b2", "To: pjsip:bob", "Base64Body: not*base64!") == failed(
            "b2", "Base64Body is not valid base64.")
    finally:
        s.close()


def test_challenge_answered_with_outbound_auth(sb):
    s = Setup(sb)
    try:
        assert s.send("a1", "To: pjsip:carrier", "Body: authenticated") == sent("a1")
        first = s.far.wait_request("MESSAGE")
        assert request_uri(first) == f"sip:127.0.0.1:{s.far.port}"
        s.far.respond(first, 401, "Unauthorized",
                      ['WWW-Authenticate: Digest realm="carrier", nonce="n0nce1", qop="auth", '
                       'algorithm=MD5'])
        again = s.far.wait_request("MESSAGE", timeout=3)
        params = challenge_params(header(again, "Authorization"))
        assert params["username"] == "pbx" and params["realm"] == "carrier"
        assert params["uri"] == f"sip:127.0.0.1:{s.far.port}"
        assert header(again, "CSeq") == "2 MESSAGE"
        assert header(again, "Call-ID") == header(first, "Call-ID")
        assert body_of(again) == "authenticated"
        s.far.respond(again, 401, "Unauthorized",
                      ['WWW-Authenticate: Digest realm="carrier", nonce="n0nce2", qop="auth", '
                       'algorithm=MD5'])
        # Answered once only: no third attempt.
        try:
            s.far.wait_request("MESSAGE", timeout=1)
            raise AssertionError("challenge answered twice")
        except TimeoutError:
            pass
    finally:
        s.close()


def test_chan_sip_destinations(sb):
    s = Setup(sb)
    try:
        assert s.send("l1", "To: sip:bob", "Body: legacy") == sent("l1")
        message = receive(s.bob)
        assert request_uri(message) == f"sip:bob@127.0.0.1:{s.bob.port}"
        assert body_of(message) == "legacy"
        assert s.send("l2", "To: sip:9000@bob", "Body: x") == sent("l2")
        assert request_uri(receive(s.bob)) == f"sip:9000@127.0.0.1:{s.bob.port}"
        uri = f"sip:someone@127.0.0.1:{s.far.port}"
        assert s.send("l3", f"To: {uri}", "Body: x") == sent("l3")
        assert request_uri(receive(s.far)) == uri
        assert s.send("l4", "To: sip:alice", "Body: x") == failed("l4")  # no contact
    finally:
        s.close()


def test_errors(sb):
    s = Setup(sb)
    try:
        assert s.send("e1", "Body: x") == failed("e1", "No 'To' address specified.")
        assert s.send("e2", "From: bob", "To:", "Body: x") == failed(
            "e2", "No 'To' address specified.")
        assert s.send("e3", "To: xmpp:bob@example.com", "Body: x") == failed(
            "e3", "Message technology not found.")
        assert s.send("e4", "To: PJSIP:bob", "Body: x") == failed(
            "e4", "Message technology not found.")
        # An endpoint without contacts, a missing endpoint in the endpoint/uri form, and a
        # Max-Forwards that would reach zero.
        assert s.send("e5", "To: pjsip:alice", "Body: x") == failed("e5")
        assert s.send("e6", "To: pjsip:nobody/sip:x@127.0.0.1", "Body: x") == failed("e6")
        assert s.send("e7", "To: pjsip:bob", "Variable: Max-Forwards=1", "Body: x") == failed("e7")
        try:
            s.bob.wait_request("MESSAGE", timeout=0.5)
            raise AssertionError("a refused MESSAGE was sent")
        except TimeoutError:
            pass
        # Max-Forwards is passed on one lower.
        assert s.send("e8", "To: pjsip:bob", "Variable: Max-Forwards=10", "Body: x") == sent("e8")
        assert header(receive(s.bob), "Max-Forwards") == "9"
    finally:
        s.close()


def test_needs_the_message_write_class(sb):
    s = Setup(sb)
    other = Ami(s.ami_port)
    try:
        assert other.login("sysonly", "sys", events="off")["Response"] == "Success"
        assert action(other, "MessageSend", "p1", "To: pjsip:bob", "Body: x") == failed(
            "p1", "Permission denied")
        try:
            s.bob.wait_request("MESSAGE", timeout=0.5)
            raise AssertionError("sent without permission")
        except TimeoutError:
            pass
    finally:
        other.close()
        s.close()
