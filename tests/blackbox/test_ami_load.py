"""AMI under load and with a third-party client: panoramisk (Debian's asyncio AMI library)
logs in, lists and receives events; 200 clients all receive every call event while 50 SIPp
calls run, and a client that stops reading is dropped without holding anyone up; an AMI
Originate reaches a SIPp UAS with the events in Asterisk's order."""

import asyncio
import selectors
import socket
import subprocess
import threading
import time

import pytest

from sip_helpers import free_port, free_rtp_range
from test_ami import Ami, manager_conf
from test_calls import DIALPLAN, HARNESS, configure, wait_no_channels, wait_output


def start_with_uas(sb, tmp_path, uas_port):
    port, ami_port = free_port(), free_port()
    configure(sb, port, DIALPLAN)
    sb.append("pjsip.conf", f"""
        [uas](phone)
        aors = uas
        [uas]
        type = aor
        contact = sip:uas@127.0.0.1:{uas_port}
        """)
    sb.append("extensions.conf", """
        [internal](+)
        exten => 700,1,Dial(PJSIP/uas,5)
         same => n,Hangup()
        """)
    sb.write("manager.conf", manager_conf(ami_port))
    # 50 calls at once need 100 RTP port pairs.
    rtp = free_rtp_range(600)
    sb.write("rtp.conf", f"[general]\nrtpstart = {rtp}\nrtpend = {rtp + 600}\n")
    sb.start()
    return port, ami_port


def sipp_uas(tmp_path, uas_port, calls):
    return subprocess.Popen(
        ["sipp", "-sf", str(HARNESS / "uas.xml"), "-p", str(uas_port), "-i", "127.0.0.1",
         "-m", str(calls), "-nostdin", "-default_behaviors", "all,-abortunexp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)


def test_panoramisk_logs_in_lists_and_receives_events(sb, tmp_path):
    panoramisk = pytest.importorskip("panoramisk")
    port, ami_port = start_with_uas(sb, tmp_path, free_port())

    async def session():
        manager = panoramisk.Manager(host="127.0.0.1", port=ami_port, username="admin",
                                     secret="s3cret", ping_delay=3600, ping_interval=3600)
        received = asyncio.get_running_loop().create_future()

        def on_user_event(_, message):
            if message.UserEvent == "Hello" and not received.done():
                received.set_result(message)

        manager.register_event("UserEvent", on_user_event)
        await manager.connect()
        ping = await manager.send_action({"Action": "Ping"})
        settings = await manager.send_action({"Action": "CoreSettings"})
        channels = await manager.send_action({"Action": "CoreShowChannels"})
        endpoints = await manager.send_action({"Action": "PJSIPShowEndpoints"})
        await manager.send_action({"Action": "UserEvent", "UserEvent": "Hello", "Who": "world"})
        event = await asyncio.wait_for(received, 5)
        manager.close()
        return ping, settings, channels, endpoints, event

    ping, settings, channels, endpoints, event = asyncio.run(session())
    assert ping.Response == "Success" and ping.Ping == "Pong"
    assert settings.Response == "Success" and settings.AMIversion
    # An empty list still comes as start + Complete, which panoramisk gathers.
    assert [m.Event for m in channels[1:]] == ["CoreShowChannelsComplete"]
    names = sorted(m.ObjectName for m in endpoints if m.Event == "EndpointList")
    assert names == ["alice", "bob", "carol", "uas"]
    assert endpoints[-1].Event == "EndpointListComplete"
    assert event.Who == "world"


def test_200_clients_get_every_call_event_and_a_stalled_one_is_dropped(sb, tmp_path):
    uas_port = free_port()
    port, ami_port = start_with_uas(sb, tmp_path, uas_port)
    readers = []
    for _ in range(200):
        client = Ami(ami_port)
        assert client.login(events="call")["Response"] == "Success"
        readers.append(client)
    # The stalled client also reads user events, which only it gets: 24 MB of them.
    stalled = Ami(ami_port)
    stalled.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    assert stalled.login(events="call,user")["Response"] == "Success"

    received = {id(client): b"" for client in readers}
    stop = threading.Event()

    def pump():
        selector = selectors.DefaultSelector()
        for client in readers:
            client.sock.setblocking(False)
            received[id(client)] = client.buffer
            selector.register(client.sock, selectors.EVENT_READ, client)
        while not stop.is_set():
            for key, _ in selector.select(timeout=0.1):
                try:
                    chunk = key.fileobj.recv(1 << 16)
                except BlockingIOError:
                    continue
                received[id(key.data)] += chunk

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    users = tmp_path / "users.csv"
    users.write_text("SEQUENTIAL\nalice;[authentication username=alice password=alice-secret]\n")
    uas = sipp_uas(tmp_path, uas_port, 50)
    flood = Ami(ami_port)
    assert flood.login(events="off")["Response"] == "Success"
    try:
        started = time.monotonic()
        uac = subprocess.Popen(["timeout", "90", "sipp", f"127.0.0.1:{port}", "-sf",
                                str(HARNESS / "uac_call.xml"), "-inf", str(users), "-s", "700",
                                "-key", "domain", "127.0.0.1", "-m", "50", "-r", "25", "-l", "50",
                                "-d", "1000", "-i", "127.0.0.1", "-p", str(free_port()),
                                "-nostdin", "-trace_err"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
        payload = "x" * 60000
        for index in range(400):
            flood.action("UserEvent", UserEvent="Big", Data=payload, ActionID=str(index))
            flood.read_dict()
        errors = lambda: "".join(p.read_text(errors="replace")[-3000:]
                                 for p in tmp_path.glob("*_errors.log"))
        assert uac.wait(timeout=90) == 0, errors() + sb.output_text()[-4000:]
        took = time.monotonic() - started
        assert uas.wait(timeout=20) == 0
        assert wait_no_channels(sb)
        assert wait_output(sb, "the client does not read")
    finally:
        for process in (uas,):
            if process.poll() is None:
                process.kill()
    time.sleep(1.0)  # the last Hangup events are on their way
    stop.set()
    thread.join()
    # 50 calls of 1 s at 25/s take about 3 s (more under ASan); the stalled client slowed
    # nobody down.
    assert took < 30
    expected = None
    for client in readers:
        text = received[id(client)].decode(errors="replace")
        events = [line.split(":", 1)[1].strip() for line in text.split("\r\n")
                  if line.startswith("Event:")]
        assert events.count("Hangup") == 100, events.count("Hangup")
        assert "UserEvent" not in events
        expected = expected or events
        assert events == expected  # every client, the same events in the same order
    stalled.close()  # dropped by the server (logged above); draining 8 MiB through its
    # 4 KiB window would only take time
    for client in readers + [flood]:
        client.close()


def test_originate_to_a_sipp_uas_emits_asterisks_events_in_order(sb, tmp_path):
    uas_port = free_port()
    port, ami_port = start_with_uas(sb, tmp_path, uas_port)
    uas = sipp_uas(tmp_path, uas_port, 1)
    client = Ami(ami_port)
    assert client.login(events="call")["Response"] == "Success"
    try:
        client.action("Originate", Channel="PJSIP/uas", Application="Wait", Data="1",
                      Async="true", ActionID="o1")
        events = []
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            message = client.read_dict()
            if "Event" in message:
                events.append(message)
                if message["Event"] == "Hangup":
                    break
        names = [event["Event"] for event in events]
        for earlier, later in [("Newchannel", "DialBegin"), ("DialBegin", "DialEnd"),
                               ("DialEnd", "OriginateResponse"), ("OriginateResponse", "Hangup")]:
            assert names.index(earlier) < names.index(later), names
        response = next(event for event in events if event["Event"] == "OriginateResponse")
        assert response["ActionID"] == "o1" and response["Response"] == "Success"
        assert response["Reason"] == "4" and response["Channel"].startswith("PJSIP/uas-")
        dial_end = next(event for event in events if event["Event"] == "DialEnd")
        assert dial_end["DialStatus"] == "ANSWER"
        assert uas.wait(timeout=20) == 0
    finally:
        if uas.poll() is None:
            uas.kill()
        client.close()
