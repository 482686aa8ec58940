"""The Asterisk Manager Interface end to end: banner, login (plain and MD5), actions, event
delivery by read classes, permissions, logoff and the authentication timeout."""

import hashlib
import re
import socket
import time

import pytest

from sip_helpers import free_port

BANNER = b"Asterisk Call Manager/11.0.0\r\n"


def manager_conf(port, general_extra=""):
    return f"""
    [general]
    enabled = yes
    port = {port}
    bindaddr = 127.0.0.1
    {general_extra}

    [admin]
    secret = s3cret
    read = all
    write = all

    [sysonly]
    secret = sys
    read = system
    write = system

    [useronly]
    secret = usr
    read = user
    write = user
    """


class Ami:
    """A minimal AMI client: sends actions, reads whole messages (blank-line terminated)."""

    def __init__(self, port, timeout=5.0):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buffer = b""
        self.banner = self._read_line()

    def _read_line(self):
        while b"\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line + b"\r\n"

    def send(self, *lines):
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())

    def action(self, name, **headers):
        lines = [f"Action: {name}"] + [f"{key}: {value}" for key, value in headers.items()]
        self.send(*lines)

    def read(self):
        """One message as a list of (key, value) pairs."""
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        pairs = []
        for line in raw.decode().split("\r\n"):
            key, _, value = line.partition(":")
            pairs.append((key, value.strip()))
        return pairs

    def read_dict(self):
        return dict(self.read())

    def read_until(self, predicate, limit=20):
        for _ in range(limit):
            message = self.read_dict()
            if predicate(message):
                return message
        raise AssertionError("message not found")

    def login(self, user="admin", secret="s3cret", events=None):
        headers = {"Username": user, "Secret": secret}
        if events is not None:
            headers["Events"] = events
        self.action("Login", **headers)
        return self.read_dict()

    def closed(self, timeout=3.0):
        self.sock.settimeout(timeout)
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return True
                self.buffer += chunk
        except (ConnectionResetError, BrokenPipeError):
            return True
        except socket.timeout:
            return False

    def close(self):
        self.sock.close()


@pytest.fixture
def ami(sb):
    port = free_port()
    sb.write("manager.conf", manager_conf(port))
    sb.start()
    clients = []

    def connect():
        client = Ami(port)
        clients.append(client)
        return client

    connect.port = port
    yield connect
    for client in clients:
        client.close()


def test_banner_and_login(ami, sb):
    client = ami()
    assert client.banner == BANNER
    reply = client.login()
    assert reply == {"Response": "Success", "Message": "Authentication accepted"}
    booted = client.read()
    assert [key for key, _ in booted] == ["Event", "Privilege", "Uptime", "LastReload", "Status"]
    booted = dict(booted)
    assert booted["Event"] == "FullyBooted"
    assert booted["Privilege"] == "system,all"
    assert booted["Status"] == "Fully Booted"
    assert int(booted["Uptime"]) >= 0
    deadline = time.monotonic() + 5
    while "Manager 'admin' logged on from 127.0.0.1" not in sb.output_text():
        assert time.monotonic() < deadline, sb.output_text()
        time.sleep(0.05)


def test_failed_login_closes(ami, sb):
    client = ami()
    started = time.monotonic()
    client.action("Login", Username="admin", Secret="wrong", ActionID="f1")
    assert client.read_dict() == {"Response": "Error", "ActionID": "f1",
                                  "Message": "Authentication failed"}
    assert time.monotonic() - started >= 0.9
    assert client.closed()
    unknown = ami()
    unknown.action("Login", Username="nobody", Secret="x")
    assert unknown.read_dict()["Message"] == "Authentication failed"
    assert unknown.closed()
    text = sb.output_text()
    assert "127.0.0.1 failed to authenticate as 'admin'" in text
    assert "127.0.0.1 tried to authenticate with nonexistent user 'nobody'" in text


def test_a_source_that_keeps_failing_waits_longer_but_can_still_log_in(ami):
    """The first three failures within a minute are answered after a second, the fourth after
    two; a correct login from the same address still goes through at once."""
    waits = []
    for attempt in range(4):
        client = ami()
        started = time.monotonic()
        client.action("Login", Username="admin", Secret=f"guess{attempt}")
        assert client.read_dict()["Message"] == "Authentication failed"
        waits.append(time.monotonic() - started)
        assert client.closed()
    assert all(0.9 <= wait < 1.9 for wait in waits[:3]), waits
    assert 1.9 <= waits[3] < 3.5, waits
    client = ami()
    started = time.monotonic()
    assert client.login("admin", "s3cret")["Response"] == "Success"
    assert time.monotonic() - started < 0.9


def test_md5_challenge_login(ami):
    client = ami()
    client.action("Challenge", AuthType="MD5", ActionID="c1")
    reply = client.read_dict()
    assert reply["Response"] == "Success" and reply["ActionID"] == "c1"
    challenge = reply["Challenge"]
    assert challenge.isdigit()
    key = hashlib.md5((challenge + "s3cret").encode()).hexdigest()
    client.action("Login", AuthType="MD5", Username="admin", Key=key)
    assert client.read_dict() == {"Response": "Success", "Message": "Authentication accepted"}


def test_ping_echoes_action_id_and_lower_case_works(ami):
    client = ami()
    client.login(events="off")
    client.action("Ping", ActionID="42")
    reply = client.read()
    assert reply[:3] == [("Response", "Success"), ("ActionID", "42"), ("Ping", "Pong")]
    assert reply[3][0] == "Timestamp" and "." in reply[3][1]
    client.send("action: ping", "actionid: low")
    reply = client.read_dict()
    assert reply["Ping"] == "Pong" and reply["ActionID"] == "low"


def test_command_output(ami):
    client = ami()
    client.login(events="off")
    client.action("Command", Command="module show like manager", ActionID="cmd")
    reply = client.read()
    assert reply[:3] == [("Response", "Success"), ("ActionID", "cmd"),
                         ("Message", "Command output follows")]
    outputs = [value for key, value in reply[3:] if key == "Output"]
    assert any("manager.so" in line and "Asterisk Manager Interface" in line for line in outputs)
    assert all(key == "Output" for key, _ in reply[3:])


def test_list_commands(ami):
    client = ami()
    client.login(events="off")
    client.action("ListCommands")
    reply = client.read_dict()
    assert reply["Response"] == "Success"
    assert reply["Ping"] == "Keepalive command. (Priv: <none>)"
    assert reply["Command"] == "Execute Asterisk CLI Command. (Priv: command,all)"
    assert "UserEvent" in reply and "CoreSettings" in reply


def test_core_settings(ami):
    client = ami()
    client.login(events="off")
    client.action("CoreSettings", ActionID="cs")
    reply = client.read_dict()
    assert reply["AMIversion"] == "11.0.0"
    assert reply["CoreMaxLoadAvg"] == "0.000000"
    assert reply["ActionID"] == "cs"


def test_events_off_then_on_and_user_event_by_read_class(ami):
    sender = ami()
    sender.login(events="off")
    user_reader = ami()
    user_reader.login("useronly", "usr")
    system_reader = ami()
    system_reader.login("sysonly", "sys")
    system_reader.read_dict()  # FullyBooted
    sender.action("Events", EventMask="off", ActionID="e1")
    assert sender.read_dict() == {"Response": "Success", "ActionID": "e1", "Events": "Off"}
    sender.action("UserEvent", UserEvent="Hello", Foo="bar", ActionID="u1")
    assert sender.read_dict()["Response"] == "Success"
    event = user_reader.read()
    assert event == [("Event", "UserEvent"), ("Privilege", "user,all"), ("UserEvent", "Hello"),
                     ("Foo", "bar")]
    # The system-only reader and the sender (events off) got nothing: their next message is
    # the reply to a Ping.
    system_reader.action("Ping", ActionID="p")
    assert system_reader.read_dict()["ActionID"] == "p"
    sender.action("Ping", ActionID="p2")
    assert sender.read_dict()["ActionID"] == "p2"
    sender.action("Events", EventMask="on")
    assert sender.read_dict() == {"Response": "Success", "Events": "On"}
    sender.action("UserEvent", UserEvent="Again")
    messages = [sender.read_dict(), sender.read_dict()]
    assert {"Event": "UserEvent", "Privilege": "user,all", "UserEvent": "Again"} in messages


def test_permission_denied_and_unknown_action(ami):
    client = ami()
    client.action("Ping", ActionID="early")
    assert client.read_dict() == {"Response": "Error", "ActionID": "early",
                                  "Message": "Permission denied"}
    client.login("useronly", "usr")
    client.action("Command", Command="module show", ActionID="d")
    assert client.read_dict() == {"Response": "Error", "ActionID": "d",
                                  "Message": "Permission denied"}
    client.action("NoSuchThing", ActionID="x")
    assert client.read_dict() == {
        "Response": "Error", "ActionID": "x",
        "Message": "Invalid/unknown command: NoSuchThing. "
                   "Use Action: ListCommands to show available commands."}
    client.send("ActionID: none")
    assert client.read_dict() == {"Response": "Error", "ActionID": "none",
                                  "Message": "Missing action in request"}


AUDITOR = """
    [auditor]
    secret = aud
    read = security
    write = system
    """

SECURITY_COMMON = ["Event", "Privilege", "EventTV", "Severity", "Service", "EventVersion"]
ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$")


def security_events(client):
    """The security events queued for `client` (its read= is security only), up to the reply
    to a Ping sent now."""
    client.action("Ping", ActionID="mark")
    seen = []
    while True:
        message = client.read()
        if ("ActionID", "mark") in message:
            return seen
        seen.append(message)


def test_refused_requests_raise_security_events(sb):
    port = free_port()
    sb.write("manager.conf", manager_conf(port) + AUDITOR)
    sb.start()
    auditor = Ami(port)
    assert auditor.login("auditor", "aud", events="on")["Response"] == "Success"
    offender = Ami(port)
    local = f"IPV4/TCP/127.0.0.1/{port}"
    remote = f"IPV4/TCP/127.0.0.1/{offender.sock.getsockname()[1]}"

    # Before logging in, anything but Login/Logoff/Challenge is not allowed (no account yet).
    offender.action("Ping", ActionID="a")
    assert offender.read_dict()["Message"] == "Permission denied"
    (event,) = security_events(auditor)
    assert [key for key, _ in event] == SECURITY_COMMON + [
        "AccountID", "SessionID", "LocalAddress", "RemoteAddress", "RequestType", "SessionTV"]
    first = dict(event)
    assert first["Event"] == "RequestNotAllowed" and first["Privilege"] == "security,all"
    assert ISO_TIME.match(first["EventTV"]) and ISO_TIME.match(first["SessionTV"])
    assert (first["Severity"], first["Service"], first["EventVersion"]) == ("Error", "AMI", "1")
    assert first["AccountID"] == "" and first["SessionID"].startswith("0x")
    assert (first["LocalAddress"], first["RemoteAddress"]) == (local, remote)
    assert first["RequestType"] == "Action: Ping"

    # Logged in (SuccessfulAuth, as manager.c reports it) without the write class an action
    # needs.
    assert offender.login("useronly", "usr")["Response"] == "Success"
    (event,) = security_events(auditor)
    assert [key for key, _ in event] == SECURITY_COMMON + [
        "AccountID", "SessionID", "LocalAddress", "RemoteAddress", "UsingPassword", "SessionTV"]
    success = dict(event)
    assert (success["Event"], success["Severity"], success["AccountID"]) == (
        "SuccessfulAuth", "Informational", "useronly")
    assert success["UsingPassword"] == "0" and success["SessionID"] == first["SessionID"]
    offender.action("Command", Command="core show uptime", ActionID="b")
    assert offender.read_dict()["Message"] == "Permission denied"
    (event,) = security_events(auditor)
    refused = dict(event)
    assert refused["Event"] == "RequestNotAllowed" and refused["AccountID"] == "useronly"
    assert refused["RequestType"] == "Action: Command"
    assert refused["SessionID"] == first["SessionID"]
    assert refused["SessionTV"] == first["SessionTV"]

    # An unknown action and a message without one are badly formed: AccountID is optional
    # there and comes last.
    offender.action("NoSuchThing", ActionID="c")
    assert offender.read_dict()["Message"].startswith("Invalid/unknown command: NoSuchThing.")
    offender.send("ActionID: d")
    assert offender.read_dict()["Message"] == "Missing action in request"
    long_name = "X" * 80
    offender.action(long_name, ActionID="e")
    assert offender.read_dict()["Response"] == "Error"
    events = security_events(auditor)
    assert len(events) == 3
    for event in events:
        assert [key for key, _ in event] == SECURITY_COMMON + [
            "SessionID", "LocalAddress", "RemoteAddress", "RequestType", "SessionTV", "AccountID"]
        assert dict(event)["Event"] == "RequestBadFormat"
        assert dict(event)["AccountID"] == "useronly"
    assert [dict(e)["RequestType"] for e in events] == [
        "Action: NoSuchThing", "Action: NONE", ("Action: " + long_name)[:63]]

    # What is allowed raises nothing.
    offender.action("UserEvent", UserEvent="Fine", ActionID="f")
    assert offender.read_dict()["Response"] == "Success"
    assert security_events(auditor) == []

    # A session that reads security events gets its reply first, then its own event.
    admin = Ami(port)
    assert admin.login(events="security")["Response"] == "Success"
    admin.action("Bogus", ActionID="g")
    assert admin.read_dict()["ActionID"] == "g"
    own = admin.read_dict()
    assert own["Event"] == "RequestBadFormat" and own["AccountID"] == "admin"
    for client in (auditor, offender, admin):
        client.close()


def test_failed_logins_carry_the_fields_of_their_security_events(sb):
    port = free_port()
    sb.write("manager.conf", manager_conf(port) + AUDITOR)
    sb.start()
    auditor = Ami(port)
    assert auditor.login("auditor", "aud", events="on")["Response"] == "Success"
    for user, event, version in (("nobody", "InvalidAccountID", "1"),
                                 ("admin", "InvalidPassword", "2")):
        client = Ami(port)
        client.action("Login", Username=user, Secret="wrong")
        assert client.read_dict()["Message"] == "Authentication failed"
        (message,) = security_events(auditor)
        assert [key for key, _ in message] == SECURITY_COMMON + [
            "AccountID", "SessionID", "LocalAddress", "RemoteAddress", "SessionTV"]
        fields = dict(message)
        assert (fields["Event"], fields["EventVersion"], fields["AccountID"]) == (
            event, version, user)
        client.close()
    # A wrong MD5 key is a failed challenge response, with the challenge and both keys.
    client = Ami(port)
    client.action("Challenge", AuthType="MD5")
    challenge = client.read_dict()["Challenge"]
    client.action("Login", AuthType="MD5", Username="admin", Key="0" * 32)
    assert client.read_dict()["Message"] == "Authentication failed"
    (message,) = security_events(auditor)
    assert [key for key, _ in message] == SECURITY_COMMON + [
        "AccountID", "SessionID", "LocalAddress", "RemoteAddress", "Challenge", "Response",
        "ExpectedResponse", "SessionTV"]
    fields = dict(message)
    assert (fields["Event"], fields["AccountID"], fields["Challenge"], fields["Response"]) == (
        "ChallengeResponseFailed", "admin", challenge, "0" * 32)
    assert fields["ExpectedResponse"] == hashlib.md5((challenge + "s3cret").encode()).hexdigest()
    client.close()
    auditor.close()


def test_a_user_already_logged_in_is_refused_when_multiple_logins_are_off(sb):
    """allowmultiplelogin = no: a second login is refused before its secret is looked at,
    with manager.c's SessionLimit event and "Login Already In Use"."""
    port = free_port()
    sb.write("manager.conf", manager_conf(port) + AUDITOR +
             "[single]\nsecret = one\nread = system\nwrite = system\nallowmultiplelogin = no\n")
    sb.start()
    auditor = Ami(port)
    assert auditor.login("auditor", "aud", events="on")["Response"] == "Success"
    first = Ami(port)
    assert first.login("single", "one")["Response"] == "Success"
    assert dict(security_events(auditor)[0])["Event"] == "SuccessfulAuth"
    second = Ami(port)
    second.action("Login", Username="single", Secret="not-even-right", ActionID="s")
    assert second.read_dict() == {"Response": "Error", "ActionID": "s",
                                  "Message": "Login Already In Use"}
    assert second.closed()
    (message,) = security_events(auditor)
    assert [key for key, _ in message] == SECURITY_COMMON + [
        "AccountID", "SessionID", "LocalAddress", "RemoteAddress", "SessionTV"]
    assert (dict(message)["Event"], dict(message)["AccountID"]) == ("SessionLimit", "single")
    # Once the first session is gone the user may log in again.
    first.action("Logoff", ActionID="bye")
    while (reply := first.read_dict()).get("ActionID") != "bye":
        pass  # system events it may read
    assert reply["Response"] == "Goodbye"
    assert first.closed()
    again = Ami(port)
    assert again.login("single", "one")["Response"] == "Success"
    for client in (again, auditor):
        client.close()


def test_logoff_says_goodbye(ami, sb):
    client = ami()
    client.login(events="off")
    client.action("Logoff", ActionID="bye")
    assert client.read_dict() == {"Response": "Goodbye", "ActionID": "bye",
                                  "Message": "Thanks for all the fish."}
    assert client.closed()
    deadline = time.monotonic() + 5
    while "Manager 'admin' logged off from 127.0.0.1" not in sb.output_text():
        assert time.monotonic() < deadline, sb.output_text()
        time.sleep(0.05)


def test_authtimeout_closes_idle_unauthenticated_socket(sb):
    port = free_port()
    sb.write("manager.conf", manager_conf(port, "authtimeout = 1"))
    sb.start()
    client = Ami(port)
    started = time.monotonic()
    assert client.closed(timeout=4)
    assert time.monotonic() - started < 3.5
    client.close()


def test_disabled_by_default(sb):
    port = free_port()
    sb.write("manager.conf", manager_conf(port).replace("enabled = yes", ""))
    sb.start()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_reload_rebinds_when_port_changes(sb):
    first = free_port()
    sb.write("manager.conf", manager_conf(first))
    sb.start()
    Ami(first).close()
    second = free_port()
    sb.write("manager.conf", manager_conf(second))
    assert sb.rx("module reload manager").returncode == 0
    client = Ami(second)
    assert client.banner == BANNER
    assert client.login()["Response"] == "Success"
    client.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", first), timeout=1).close()


def test_slow_reader_is_dropped_not_buffered_forever(ami, sb):
    """A client that never reads while events pile up is dropped once 8 MiB are queued."""
    reader = ami()
    reader.login(events="on")
    reader.read_dict()  # FullyBooted
    sender = ami()
    sender.login(events="off")
    payload = "x" * 60000
    count = 400  # 24 MB: far more than the kernel buffers plus the 8 MiB queue
    for index in range(count):
        sender.action("UserEvent", UserEvent="Big", Data=payload, ActionID=str(index))
    for index in range(count):
        assert sender.read_dict()["ActionID"] == str(index)
    deadline = time.monotonic() + 5
    while "the client does not read" not in sb.output_text():
        assert time.monotonic() < deadline, sb.output_text()
        time.sleep(0.05)
    reader.sock.settimeout(5)
    received = 0
    try:
        while True:
            chunk = reader.sock.recv(1 << 20)
            if not chunk:
                break
            received += len(chunk)
    except (ConnectionResetError, socket.timeout):
        pass
    assert received < count * 60000


def test_wait_event_times_out_or_returns_the_next_event(ami):
    client = ami()
    client.login(events="off")
    client.action("WaitEvent", Timeout="1", ActionID="w1")
    assert client.read_dict() == {"Response": "Success", "ActionID": "w1",
                                  "Message": "Waiting for Event completed."}
    assert client.read_dict() == {"Event": "WaitEventComplete", "ActionID": "w1"}
    client.action("Events", EventMask="user")
    assert client.read_dict()["Events"] == "On"
    client.action("WaitEvent", Timeout="10", ActionID="w2")
    other = ami()
    other.login(events="off")
    other.action("UserEvent", UserEvent="Wake")
    assert other.read_dict()["Response"] == "Success"
    assert client.read_dict()["Message"] == "Waiting for Event completed."
    assert client.read_dict()["UserEvent"] == "Wake"
    assert client.read_dict() == {"Event": "WaitEventComplete", "ActionID": "w2"}


def test_event_filter_excludes(sb):
    port = free_port()
    sb.write("manager.conf", manager_conf(port) + """
    [filtered]
    secret = f
    read = user
    write = user
    eventfilter = !UserEvent: Noisy
    """)
    sb.start()
    client = Ami(port)
    client.login("filtered", "f")
    client.action("UserEvent", UserEvent="Noisy")
    assert client.read_dict()["Response"] == "Success"
    client.action("UserEvent", UserEvent="Quiet")
    assert client.read_dict()["Response"] == "Success"
    assert client.read_dict()["UserEvent"] == "Quiet"
    client.close()


def test_advanced_eventfilters(sb):
    port = free_port()
    sb.write("manager.conf", manager_conf(port) + """
    [advanced]
    secret = a
    read = user
    write = user
    eventfilter(name(UserEvent),header(UserEvent),method(starts_with)) = Keep
    eventfilter(action(exclude),name(UserEvent),header(Level),method(exact)) = debug
    eventfilter(colour(red)) = x
    """)
    sb.start()
    client = Ami(port)
    client.login("advanced", "a")
    for name, level in (("KeepMe", "info"), ("DropMe", "info"), ("KeepQuiet", "debug"),
                        ("KeepLoud", "warning")):
        client.action("UserEvent", UserEvent=name, Level=level)
    client.action("Ping", ActionID="end")
    seen = []
    while True:
        message = client.read_dict()
        if message.get("ActionID") == "end":
            break
        if "Event" in message:
            seen.append(message["UserEvent"])
    # Included by name and header prefix, then the exact Level excluded.
    assert seen == ["KeepMe", "KeepLoud"]
    client.close()
    assert "Manager user 'advanced': 'eventfilter(colour(red)) = x': Filter option 'colour(red' " \
           "is unknown" in sb.output_text()
