#!/usr/bin/env python3
"""AMI delivery benchmark: events per second delivered to 1, 10 and 100 connected clients,
and Originate actions per second against a SIPp UAS.

usage: bench/ami_events.py [--binary build-bench/switchboard] [--events 200000] [--originates 1000]

For each client count, one extra connection fires `--events` UserEvent actions (pipelined,
responses read as they come) while the clients read everything; the rate is events
delivered (events x clients) per second from the first action to the last event read by
the slowest client, with the server's CPU time over the same span. Originate: `--originates`
Async Originate actions to PJSIP/uas (SIPp uas.xml answering) running Wait(0); the rate is
OriginateResponse events per second."""

import argparse
import os
import pathlib
import selectors
import shutil
import socket
import subprocess
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.bind(("127.0.0.1", 0))
        return udp.getsockname()[1]


def cpu_seconds(pid):
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Client:
    def __init__(self, port, events):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.buffer = b""
        self.send(f"Action: Login\r\nUsername: admin\r\nSecret: s3cret\r\nEvents: {events}\r\n\r\n")
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self.sock.recv(65536)
        self.buffer = self.buffer.split(b"\r\n\r\n", 1)[1]

    def send(self, text):
        self.sock.sendall(text.encode())


def start_server(work, binary, sip_port, ami_port, uas_port):
    etc = work / "etc"
    etc.mkdir(parents=True)
    (etc / "switchboard.conf").write_text(
        "[directories]\nastetcdir => .\nastvarlibdir => ../var/lib\nastlogdir => ../var/log\n"
        "astrundir => ../var/run\n")
    (etc / "logger.conf").write_text("[logfiles]\nconsole => error\n")
    (etc / "manager.conf").write_text(
        f"[general]\nenabled = yes\nport = {ami_port}\nbindaddr = 127.0.0.1\n"
        "[admin]\nsecret = s3cret\nread = all\nwrite = all\n")
    (etc / "pjsip.conf").write_text(
        f"[udp]\ntype = transport\nprotocol = udp\nbind = 127.0.0.1:{sip_port}\n"
        "[uas]\ntype = endpoint\ncontext = default\ndisallow = all\nallow = ulaw\naors = uas\n"
        f"[uas]\ntype = aor\ncontact = sip:uas@127.0.0.1:{uas_port}\n")
    (etc / "extensions.conf").write_text("[default]\n")
    process = subprocess.Popen([str(binary), "-f", "-C", str(etc / "switchboard.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while subprocess.run([str(binary), "-C", str(etc / "switchboard.conf"), "-rx",
                          "core waitfullybooted"], capture_output=True).returncode != 0:
        time.sleep(0.05)
    return process


def measure_events(server, ami_port, clients, count):
    readers = [Client(ami_port, "user") for _ in range(clients)]
    sender = Client(ami_port, "off")
    selector = selectors.DefaultSelector()
    for reader in readers:
        reader.sock.setblocking(False)
        selector.register(reader.sock, selectors.EVENT_READ, reader)
        reader.seen = reader.buffer.count(b"Event: UserEvent")
    sender.sock.setblocking(False)
    selector.register(sender.sock, selectors.EVENT_READ, sender)
    action = "Action: UserEvent\r\nUserEvent: Bench\r\nSeq: {}\r\n\r\n"
    sent = 0
    started = time.monotonic()
    cpu_start = cpu_seconds(server.pid)
    pending = b""
    while min(r.seen for r in readers) < count:
        if sent < count:
            batch = "".join(action.format(i) for i in range(sent, min(count, sent + 200)))
            pending += batch.encode()
            sent = min(count, sent + 200)
        if pending:
            try:
                written = sender.sock.send(pending)
                pending = pending[written:]
            except BlockingIOError:
                pass
        for key, _ in selector.select(timeout=0.01):
            try:
                chunk = key.fileobj.recv(1 << 18)
            except BlockingIOError:
                continue
            client = key.data
            if client is sender:
                continue  # responses
            data = client.buffer + chunk
            cut = data.rfind(b"\r\n\r\n")
            if cut >= 0:
                client.seen += data[:cut].count(b"Event: UserEvent")
                client.buffer = data[cut + 4:]
            else:
                client.buffer = data
    elapsed = time.monotonic() - started
    cpu = cpu_seconds(server.pid) - cpu_start
    for client in readers + [sender]:
        client.sock.close()
    return count * clients / elapsed, cpu, elapsed


def measure_originates(server, ami_port, uas_port, count, work):
    uas = subprocess.Popen(["sipp", "-sf", str(REPO / "bench" / "harness" / "uas.xml"), "-p",
                            str(uas_port), "-i", "127.0.0.1", "-m", str(count), "-nostdin",
                            "-default_behaviors", "all,-abortunexp"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    time.sleep(0.5)
    client = Client(ami_port, "call")
    started = time.monotonic()
    cpu_start = cpu_seconds(server.pid)
    client.send("".join(
        f"Action: Originate\r\nChannel: PJSIP/uas\r\nApplication: Wait\r\nData: 0\r\n"
        f"Async: true\r\nActionID: o{i}\r\n\r\n" for i in range(count)))
    responses = answered = 0
    data = client.buffer
    deadline = started + 120
    while responses < count and time.monotonic() < deadline:
        data += client.sock.recv(1 << 18)
        cut = data.rfind(b"\r\n\r\n")
        if cut >= 0:
            for block in data[:cut].split(b"\r\n\r\n"):
                if block.startswith(b"Event: OriginateResponse"):
                    responses += 1
                    answered += b"\r\nResponse: Success" in block
            data = data[cut + 4:]
    elapsed = time.monotonic() - started
    cpu = cpu_seconds(server.pid) - cpu_start
    client.sock.close()
    uas.wait(timeout=60)
    return answered, responses / elapsed, cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default="build-bench/switchboard")
    parser.add_argument("--events", type=int, default=200000)
    parser.add_argument("--originates", type=int, default=1000)
    args = parser.parse_args()
    binary = (REPO / args.binary).resolve()
    work = pathlib.Path(tempfile.mkdtemp())
    sip_port, ami_port, uas_port = free_port(), free_port(), free_port()
    server = start_server(work, binary, sip_port, ami_port, uas_port)
    try:
        for clients in (1, 10, 100):
            rate, cpu, elapsed = measure_events(server, ami_port, clients, args.events)
            print(f"events: {clients:3d} clients x {args.events} UserEvents: {rate:,.0f} "
                  f"deliveries/s ({elapsed:.2f} s, server CPU {cpu:.2f} s)")
        done, rate, cpu = measure_originates(server, ami_port, uas_port, args.originates, work)
        print(f"originate: {done}/{args.originates} answered, {rate:,.0f} Originates/s "
              f"(server CPU {cpu:.2f} s)")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
