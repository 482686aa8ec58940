"""The other side of a trunk, for trunk tests: a Kamailio registrar/proxy run with a test
configuration (restartable on the same port), a dnsmasq serving SRV/NAPTR records on a
loopback port, and a TCP SIP responder."""

import os
import pathlib
import shutil
import socket
import subprocess
import sys
import threading
import time

import pytest

HERE = pathlib.Path(__file__).resolve().parent
SUBSCRIBERS = HERE.parents[1] / "bench" / "harness" / "anchors" / "kamailio" / "gen_subscribers.py"


class Kamailio:
    """kamailio -f <config> with `-A NAME=value` defines; subscribers user0001..N, password
    "secret", in a SQLite database made for it."""

    def __init__(self, workdir: pathlib.Path, config: pathlib.Path, port: int, defines=None,
                 subscribers: int = 3):
        if shutil.which("kamailio") is None:
            pytest.skip("kamailio is not installed")
        self.workdir = workdir
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.config = config
        self.port = port
        self.defines = dict(defines or {})
        self.database = workdir / "kamailio.sqlite"
        subprocess.run([sys.executable, str(SUBSCRIBERS), str(self.database), str(subscribers),
                        "secret"], check=True, capture_output=True)
        self.process = None
        self.log = None

    def start(self):
        env = dict(os.environ, KAMAILIO_DBURL=f"sqlite:///{self.database}")
        command = ["kamailio", "-f", str(self.config), "-DD", "-E", "-m", "64", "-M", "8",
                   "-w", str(self.workdir), "-A", f"KPORT={self.port}"]
        for name, value in self.defines.items():
            command += ["-A", f"{name}={value}"]
        self.log = open(self.workdir / "kamailio.log", "a")
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
        self._wait_listening()

    def _wait_listening(self, seconds=10.0):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail("kamailio did not start:\n" + (self.workdir / "kamailio.log").read_text())
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        pytest.fail("kamailio does not listen")

    def stop(self):
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
        self.log.close()


def start_dnsmasq(tmp_path: pathlib.Path, port: int, records):
    """dnsmasq on 127.0.0.1:port answering only `records` (dnsmasq options such as
    --srv-host=...) for names under .test; returns the process once it answers."""
    process = subprocess.Popen(
        ["dnsmasq", "--no-daemon", "--keep-in-foreground", f"--port={port}",
         "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
         "--conf-file=/dev/null", f"--pid-file={tmp_path / 'dnsmasq.pid'}", "--local=/test/",
         *records],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    query = b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x04ping\x04test\x00\x00\x01\x00\x01"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.settimeout(0.2)
            try:
                sock.sendto(query, ("127.0.0.1", port))
                if sock.recv(512)[:2] == b"\x12\x34":
                    return process
            except OSError:
                time.sleep(0.05)
    process.kill()
    raise RuntimeError("dnsmasq does not answer")


class TcpResponder:
    """A SIP server on TCP that records each request and answers INVITEs with `code`."""

    def __init__(self, code=486, reason="Busy Here"):
        self.code, self.reason = code, reason
        self.requests = []
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(4)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while self.running:
            try:
                connection, _ = self.server.accept()
            except OSError:
                continue
            threading.Thread(target=self._read, args=(connection,), daemon=True).start()

    def _read(self, connection):
        connection.settimeout(0.2)
        buffer = b""
        while self.running:
            try:
                data = connection.recv(65535)
            except socket.timeout:
                continue
            except OSError:
                return
            if not data:
                return
            buffer += data
            while b"\r\n\r\n" in buffer:
                head, rest = buffer.split(b"\r\n\r\n", 1)
                text = head.decode(errors="replace")
                length = 0
                for line in text.split("\r\n"):
                    name, _, value = line.partition(":")
                    if name.strip().lower() in ("content-length", "l"):
                        length = int(value.strip())
                if len(rest) < length:
                    break
                buffer = rest[length:]
                self.requests.append(text)
                if text.startswith("INVITE "):
                    connection.sendall(self._response(text).encode())

    def _response(self, request):
        lines = [f"SIP/2.0 {self.code} {self.reason}"]
        for line in request.split("\r\n")[1:]:
            name = line.split(":", 1)[0].strip().lower()
            if name in ("via", "from", "call-id", "cseq"):
                lines.append(line)
            elif name == "to":
                lines.append(line + ";tag=tcp1")
        return "\r\n".join(lines + ["Content-Length: 0", "", ""])

    def close(self):
        self.running = False
        self.thread.join(timeout=2)
        self.server.close()
