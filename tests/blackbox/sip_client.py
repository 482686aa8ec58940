"""A minimal SIP UAC for registrar tests: builds REGISTERs, answers digest challenges (MD5 and
SHA-256, qop=auth), over UDP or TCP on IPv4 or IPv6."""

import base64
import hashlib
import os
import re
import socket
import ssl
import uuid


def parse_response(data: bytes):
    """(status code, {lower-case header name: [values]}) of one response."""
    text = data.decode(errors="replace")
    head = text.split("\r\n\r\n", 1)[0]
    lines = head.split("\r\n")
    code = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return code, headers


def challenge_params(value: str) -> dict:
    """The parameters of one WWW-Authenticate value ("Digest realm=..., nonce=...")."""
    return {k.lower(): v.strip('"') for k, v in re.findall(r'(\w+)=("[^"]*"|[^,\s]+)', value)}


def digest_authorization(challenge: str, method: str, uri: str, user: str, password: str,
                         nc: int = 1, response_override=None) -> str:
    params = challenge_params(challenge)
    algorithm = params.get("algorithm", "MD5")
    hasher = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}[algorithm.upper()]
    h = lambda text: hasher(text.encode()).hexdigest()
    ha1 = h(f"{user}:{params['realm']}:{password}")
    ha2 = h(f"{method}:{uri}")
    cnonce = uuid.uuid4().hex[:16]
    nc_text = f"{nc:08x}"
    response = h(f"{ha1}:{params['nonce']}:{nc_text}:{cnonce}:auth:{ha2}")
    if response_override is not None:
        response = response_override
    return (f'Digest username="{user}", realm="{params["realm"]}", nonce="{params["nonce"]}", '
            f'uri="{uri}", response="{response}", algorithm={algorithm}, qop=auth, nc={nc_text}, '
            f'cnonce="{cnonce}"')


class Uac:
    """One user agent with its own socket: UDP, or a TCP, TLS, WS or WSS connection to the
    server (certificates are not checked: the server's is self-signed)."""

    def __init__(self, server_host: str, server_port: int, transport: str = "udp", user: str = "alice",
                 local_host: str = None):
        family = socket.AF_INET6 if ":" in server_host else socket.AF_INET
        self.transport = transport
        self.server = (server_host, server_port)
        self.user = user
        kind = socket.SOCK_DGRAM if transport == "udp" else socket.SOCK_STREAM
        self.sock = socket.socket(family, kind)
        self.sock.settimeout(5)
        bind_host = local_host or ("::1" if family == socket.AF_INET6 else "127.0.0.1")
        self.sock.bind((bind_host, 0))
        if transport != "udp":
            self.sock.connect(self.server)
        self.local_port = self.sock.getsockname()[1]
        if transport in ("tls", "wss"):
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            self.sock = context.wrap_socket(self.sock)
        if transport in ("ws", "wss"):
            self._upgrade()
        self.local_host = bind_host
        self.call_id = uuid.uuid4().hex
        self.cseq = 0
        self.buffer = b""

    def host_ref(self, host):
        return f"[{host}]" if ":" in host else host

    def close(self):
        self.sock.close()

    def _upgrade(self):
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /ws HTTP/1.1\r\nHost: {self.host_ref(self.server[0])}:{self.server[1]}\r\n"
                           "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                           "Sec-WebSocket-Protocol: sip\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(4096)
        status, _, self.buffer = head.partition(b"\r\n\r\n")
        assert status.startswith(b"HTTP/1.1 101"), status

    def _read_exact(self, count: int) -> bytes:
        while len(self.buffer) < count:
            chunk = self.sock.recv(65535)
            if not chunk:
                raise ConnectionError("closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def _receive_frame(self) -> bytes:
        while True:
            first, second = self._read_exact(2)
            size = second & 0x7F
            if size == 126:
                size = int.from_bytes(self._read_exact(2), "big")
            elif size == 127:
                size = int.from_bytes(self._read_exact(8), "big")
            payload = self._read_exact(size)
            if first & 0x0F in (1, 2):
                return payload

    def send(self, data: bytes):
        if self.transport == "udp":
            self.sock.sendto(data, self.server)
        elif self.transport in ("ws", "wss"):
            mask = os.urandom(4)
            length = len(data)
            header = bytes([0x81]) + (bytes([0x80 | length]) if length < 126
                                      else bytes([0x80 | 126]) + length.to_bytes(2, "big"))
            self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))
        else:
            self.sock.sendall(data)

    def receive(self) -> bytes:
        if self.transport == "udp":
            return self.sock.recv(65535)
        if self.transport in ("ws", "wss"):
            return self._receive_frame()
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(65535)
            if not chunk:
                raise ConnectionError("closed")
            self.buffer += chunk
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        length = int(re.search(rb"(?im)^(?:content-length|l)\s*:\s*(\d+)", head).group(1))
        while len(rest) < length:
            rest += self.sock.recv(65535)
        self.buffer = rest[length:]
        return head + b"\r\n\r\n" + rest[:length]

    def register_request(self, contacts=None, expires=3600, authorization=None, aor_user=None,
                         extra="") -> bytes:
        self.cseq += 1
        server = f"{self.host_ref(self.server[0])}:{self.server[1]}"
        local = f"{self.host_ref(self.local_host)}:{self.local_port}"
        user = aor_user or self.user
        if contacts is None:
            contacts = [f"<sip:{user}@{local};transport={self.transport}>"]
        lines = [
            f"REGISTER sip:{server} SIP/2.0",
            f"Via: SIP/2.0/{self.transport.upper()} {local};branch=z9hG4bK{uuid.uuid4().hex[:16]};rport",
            f"From: <sip:{user}@{server}>;tag={uuid.uuid4().hex[:8]}",
            f"To: <sip:{user}@{server}>",
            f"Call-ID: {self.call_id}",
            f"CSeq: {self.cseq} REGISTER",
            "Max-Forwards: 70",
        ]
        lines += [f"Contact: {c}" for c in contacts]
        if expires is not None:
            lines.append(f"Expires: {expires}")
        if authorization:
            lines.append(f"Authorization: {authorization}")
        if extra:
            lines.append(extra.rstrip("\r\n"))
        lines += ["Content-Length: 0", "", ""]
        return "\r\n".join(lines).encode()

    def request(self, data: bytes):
        self.send(data)
        return parse_response(self.receive())

    def register(self, password: str, contacts=None, expires=3600, algorithm=None, extra="",
                 wrong_password=False):
        """REGISTER, answer the challenge, return (code, headers) of the final answer."""
        code, headers = self.request(self.register_request(contacts, expires, extra=extra))
        if code != 401:
            return code, headers
        challenges = headers["www-authenticate"]
        chosen = challenges[0]
        if algorithm:
            chosen = next(c for c in challenges if challenge_params(c).get("algorithm", "MD5") == algorithm)
        uri = f"sip:{self.host_ref(self.server[0])}:{self.server[1]}"
        authorization = digest_authorization(chosen, "REGISTER", uri, self.user,
                                             password + ("x" if wrong_password else ""))
        self.last_authorization = authorization
        return self.request(self.register_request(contacts, expires, authorization, extra=extra))

    def answer_next_request(self, code: int = 200, reason: str = "OK") -> str:
        """Waits for a request from the server and answers it; returns the request text."""
        text = self.receive().decode(errors="replace")
        head = text.split("\r\n\r\n", 1)[0].split("\r\n")
        copied = [line for line in head[1:]
                  if line.split(":", 1)[0].strip().lower() in ("via", "from", "to", "call-id", "cseq")]
        to_tag = ";tag=uac" + uuid.uuid4().hex[:6]
        copied = [line + to_tag if line.lower().startswith("to:") and ";tag=" not in line else line
                  for line in copied]
        self.send((f"SIP/2.0 {code} {reason}\r\n" + "\r\n".join(copied) + "\r\nContent-Length: 0\r\n\r\n").encode())
        return text
