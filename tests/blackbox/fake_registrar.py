"""A small UDP registrar for outbound-registration tests: challenges every REGISTER with a
digest 401 (MD5 or SHA-256, qop=auth), checks the answer against one password, and records
what it received. Behaviour switches: fail the first N requests with a code, answer a wrong
password with 403 or a new 401, grant a fixed expiry."""

import hashlib
import re
import socket
import threading
import time
import uuid

from sip_client import challenge_params


class Request:
    def __init__(self, data: bytes, source):
        self.time = time.monotonic()
        self.source = source
        self.text = data.decode(errors="replace")
        head = self.text.split("\r\n\r\n", 1)[0]
        lines = head.split("\r\n")
        self.start = lines[0]
        self.method = lines[0].split(" ", 1)[0]
        self.headers = {}
        self.raw_headers = []
        for line in lines[1:]:
            name, _, value = line.partition(":")
            self.headers.setdefault(name.strip().lower(), []).append(value.strip())
            self.raw_headers.append((name.strip(), value.strip()))

    def header(self, name, default=None):
        values = self.headers.get(name.lower())
        return values[0] if values else default

    @property
    def expires(self):
        value = self.header("expires")
        return int(value) if value is not None else None

    @property
    def authorized(self):
        return self.header("authorization") is not None


class FakeRegistrar:
    def __init__(self, password="secret", realm="fake.test", algorithm="MD5", grant=None,
                 wrong="rechallenge", fail_first=0, fail_code=503, host="127.0.0.1"):
        self.password = password
        self.realm = realm
        self.algorithm = algorithm
        self.grant = grant
        self.wrong = wrong
        self.fail_first = fail_first
        self.fail_code = fail_code
        self.requests = []
        self.lock = threading.Lock()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((host, 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.running = True
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def close(self):
        self.running = False
        self.thread.join(timeout=2)
        self.sock.close()

    def registers(self):
        with self.lock:
            return [r for r in self.requests if r.method == "REGISTER"]

    def wait_for(self, predicate, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [r for r in self.registers() if predicate(r)]
            if found:
                return found
            time.sleep(0.05)
        raise TimeoutError("no matching REGISTER; got:\n" + "\n".join(r.start for r in self.registers()))

    def _loop(self):
        while self.running:
            try:
                data, source = self.sock.recvfrom(65535)
            except socket.timeout:
                continue
            except OSError:
                return
            if not data.strip():
                continue
            request = Request(data, source)
            with self.lock:
                self.requests.append(request)
            self.sock.sendto(self._answer(request), source)

    def _response(self, request, code, reason, extra=()):
        lines = [f"SIP/2.0 {code} {reason}"]
        for name, value in request.raw_headers:
            lower = name.lower()
            if lower in ("via", "from", "call-id", "cseq"):
                lines.append(f"{name}: {value}")
            elif lower == "to":
                lines.append(f"{name}: {value}" + ("" if ";tag=" in value else ";tag=fake1"))
        lines.extend(extra)
        lines.append("Content-Length: 0")
        return ("\r\n".join(lines) + "\r\n\r\n").encode()

    def _challenge(self, request):
        nonce = uuid.uuid4().hex
        value = (f'Digest realm="{self.realm}", nonce="{nonce}", qop="auth", '
                 f"algorithm={self.algorithm}")
        return self._response(request, 401, "Unauthorized", [f"WWW-Authenticate: {value}"])

    def _valid(self, request):
        params = challenge_params(request.header("authorization"))
        hasher = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}[params.get("algorithm", "MD5").upper()]
        h = lambda text: hasher(text.encode()).hexdigest()
        ha1 = h(f"{params['username']}:{params['realm']}:{self.password}")
        ha2 = h(f"REGISTER:{params['uri']}")
        expected = h(f"{ha1}:{params['nonce']}:{params['nc']}:{params['cnonce']}:{params['qop']}:{ha2}")
        return expected == params.get("response")

    def _answer(self, request):
        if request.method != "REGISTER":
            return self._response(request, 200, "OK")
        if self.fail_first > 0:
            self.fail_first -= 1
            return self._response(request, self.fail_code, "Service Unavailable")
        if not request.authorized:
            return self._challenge(request)
        if not self._valid(request):
            if self.wrong == "forbidden":
                return self._response(request, 403, "Forbidden")
            return self._challenge(request)
        contact = request.header("contact", "")
        requested = request.expires if request.expires is not None else 3600
        granted = requested if self.grant is None or requested == 0 else self.grant
        uri = re.sub(r";expires=\d+", "", contact)
        extra = [f"Contact: {uri};expires={granted}"] if granted else []
        return self._response(request, 200, "OK", extra)
