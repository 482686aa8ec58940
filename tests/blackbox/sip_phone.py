"""A scriptable SIP phone for black-box call tests: registers with digest, places calls
(INVITE with a G.711 offer, answering the challenge, ACK, BYE, CANCEL), answers calls
(180/200 with an SDP answer, or a failure code), and sends and counts RTP on its own media
socket. UDP only; one call at a time."""

import re
import socket
import struct
import time
import uuid

from sip_client import challenge_params, digest_authorization, parse_response


def header(text: str, name: str) -> str:
    match = re.search(rf"(?im)^{name}\s*:\s*(.*)$", text)
    return match.group(1).strip() if match else ""


def status_of(text: str) -> int:
    first = text.split("\r\n", 1)[0]
    return int(first.split()[1]) if first.startswith("SIP/2.0") else 0


def body_of(text: str) -> str:
    return text.split("\r\n\r\n", 1)[1] if "\r\n\r\n" in text else ""


def sdp_media(sdp: str):
    """(address, port, payload types) of the first audio stream."""
    address = re.search(r"(?m)^c=IN IP[46] (\S+)", sdp).group(1)
    match = re.search(r"(?m)^m=audio (\d+) RTP/AVP ([\d ]+)", sdp)
    return address, int(match.group(1)), [int(x) for x in match.group(2).split()]


class Phone:
    def __init__(self, server_port: int, user: str, password: str, codecs=(0, 8),
                 server_host: str = "127.0.0.1", bind_host: str = "127.0.0.1"):
        self.server = (server_host, server_port)
        self.host = bind_host
        self.user = user
        self.password = password
        self.codecs = list(codecs)
        self.sip = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sip.bind((bind_host, 0))
        self.sip.settimeout(0.2)
        self.port = self.sip.getsockname()[1]
        self.rtp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.rtp.bind((bind_host, 0))
        self.rtp.settimeout(0.2)
        self.rtp_port = self.rtp.getsockname()[1]
        self.pending = []  # messages received but not yet consumed
        self.call = None   # dict describing the current call
        self.cseq = 0

    # --- transport -----------------------------------------------------------------------

    def close(self):
        self.sip.close()
        self.rtp.close()

    def send(self, text: str):
        self.sip.sendto(text.encode(), self.server)

    def _read(self, deadline):
        while time.time() < deadline:
            try:
                data, _ = self.sip.recvfrom(65535)
            except socket.timeout:
                continue
            return data.decode(errors="replace")
        return None

    def wait_for(self, predicate, timeout=5.0):
        """The first message (pending or new) for which predicate(text) is true."""
        for i, text in enumerate(self.pending):
            if predicate(text):
                return self.pending.pop(i)
        deadline = time.time() + timeout
        while True:
            text = self._read(deadline)
            if text is None:
                raise TimeoutError("no matching SIP message")
            if predicate(text):
                return text
            self.pending.append(text)

    def wait_request(self, method: str, timeout=5.0) -> str:
        return self.wait_for(lambda t: t.startswith(method + " "), timeout)

    def wait_response(self, cseq_method: str, codes=None, timeout=5.0, call_id=None) -> str:
        """The next response to a `cseq_method` request (of dialog `call_id` when given: a
        late answer to an earlier call must not pass for this one's)."""
        def match(t):
            if not t.startswith("SIP/2.0"):
                return False
            if not header(t, "CSeq").endswith(" " + cseq_method):
                return False
            if call_id is not None and header(t, "Call-ID") != call_id:
                return False
            return codes is None or status_of(t) in codes
        return self.wait_for(match, timeout)

    # --- helpers -------------------------------------------------------------------------

    def local(self):
        return f"{self.host}:{self.port}"

    def offer(self, codecs=None):
        pts = codecs if codecs is not None else self.codecs
        lines = ["v=0", f"o=- 1 1 IN IP4 {self.host}", "s=phone", f"c=IN IP4 {self.host}", "t=0 0",
                 f"m=audio {self.rtp_port} RTP/AVP {' '.join(str(p) for p in pts + [101])}"]
        names = {0: "PCMU/8000", 8: "PCMA/8000", 9: "G722/8000", 3: "GSM/8000", 18: "G729/8000"}
        lines += [f"a=rtpmap:{p} {names[p]}" for p in pts if p in names]
        lines += ["a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16", "a=sendrecv", ""]
        return "\r\n".join(lines)

    def respond(self, request: str, code: int, reason: str, extra=(), body=""):
        head = request.split("\r\n\r\n", 1)[0].split("\r\n")
        lines = [f"SIP/2.0 {code} {reason}"]
        for line in head[1:]:
            name = line.split(":", 1)[0].strip().lower()
            if name in ("via", "from", "call-id", "cseq") or (name == "record-route" and code > 100):
                lines.append(line)
            elif name == "to":
                lines.append(line if ";tag=" in line or code == 100 else line + ";tag=" + self.user + "tag")
        lines += list(extra)
        if body:
            lines += ["Content-Type: application/sdp", f"Content-Length: {len(body)}", "", body]
        else:
            lines += ["Content-Length: 0", "", ""]
        self.send("\r\n".join(lines))

    # --- registration --------------------------------------------------------------------

    def register(self, expires=300):
        call_id = uuid.uuid4().hex
        authorization = None
        for attempt in range(2):
            self.cseq += 1
            lines = [f"REGISTER sip:127.0.0.1:{self.server[1]} SIP/2.0",
                     f"Via: SIP/2.0/UDP {self.local()};branch=z9hG4bK{uuid.uuid4().hex[:16]};rport",
                     f"From: <sip:{self.user}@127.0.0.1>;tag={uuid.uuid4().hex[:8]}",
                     f"To: <sip:{self.user}@127.0.0.1>", f"Call-ID: {call_id}",
                     f"CSeq: {self.cseq} REGISTER", "Max-Forwards: 70",
                     f"Contact: <sip:{self.user}@{self.local()}>", f"Expires: {expires}"]
            if authorization:
                lines.append(f"Authorization: {authorization}")
            lines += ["Content-Length: 0", "", ""]
            self.send("\r\n".join(lines))
            reply = self.wait_response("REGISTER")
            self.last_register_reply = reply
            code = status_of(reply)
            if code != 401:
                return code
            authorization = digest_authorization(header(reply, "WWW-Authenticate"), "REGISTER",
                                                 f"sip:127.0.0.1:{self.server[1]}", self.user,
                                                 self.password)
        return code

    # --- outgoing calls ------------------------------------------------------------------

    def invite_text(self, exten, authorization=None, body=None, branch=None, extra=()):
        c = self.call
        body = self.offer() if body is None else body
        lines = [f"INVITE sip:{exten}@127.0.0.1:{self.server[1]} SIP/2.0",
                 f"Via: SIP/2.0/UDP {self.local()};branch={branch};rport",
                 f"From: \"{self.user.title()}\" <sip:{self.user}@127.0.0.1>;tag={c['tag']}",
                 f"To: <sip:{exten}@127.0.0.1>", f"Call-ID: {c['call_id']}",
                 f"CSeq: {c['cseq']} INVITE", "Max-Forwards: 70",
                 f"Contact: <sip:{self.user}@{self.local()}>"]
        if authorization:
            lines.append(f"Authorization: {authorization}")
        lines += list(extra)
        if body:
            lines += ["Content-Type: application/sdp", f"Content-Length: {len(body)}", "", body]
        else:
            lines += ["Content-Length: 0", "", ""]
        return "\r\n".join(lines)

    def dial(self, exten, body=None, challenged=True, extra=()):
        """Sends the INVITE and answers the digest challenge (unless not `challenged`); the
        responses to the (authenticated) INVITE are left for wait_response() and final()."""
        self.call = {"call_id": uuid.uuid4().hex, "tag": uuid.uuid4().hex[:8], "cseq": 1,
                     "exten": exten, "branch": "z9hG4bK" + uuid.uuid4().hex[:16]}
        self.call["extra"] = list(extra)
        self.send(self.invite_text(exten, body=body, branch=self.call["branch"], extra=extra))
        if not challenged:
            return
        reply = self.wait_response("INVITE", codes=set(range(200, 700)),
                                   call_id=self.call["call_id"])
        assert status_of(reply) == 401, reply
        self.ack_failure(reply)
        authorization = digest_authorization(header(reply, "WWW-Authenticate"), "INVITE",
                                             f"sip:{exten}@127.0.0.1:{self.server[1]}",
                                             self.user, self.password)
        self.call["cseq"] = 2
        self.call["branch"] = "z9hG4bK" + uuid.uuid4().hex[:16]
        self.send(self.invite_text(exten, authorization, body=body, branch=self.call["branch"],
                                   extra=extra))

    def ack_failure(self, reply):
        c = self.call
        to = header(reply, "To")
        self.send("\r\n".join([
            f"ACK sip:{c['exten']}@127.0.0.1:{self.server[1]} SIP/2.0",
            f"Via: SIP/2.0/UDP {self.local()};branch={c['branch']};rport",
            f"From: \"{self.user.title()}\" <sip:{self.user}@127.0.0.1>;tag={c['tag']}",
            f"To: {to}", f"Call-ID: {c['call_id']}", f"CSeq: {c['cseq']} ACK", "Max-Forwards: 70",
            "Content-Length: 0", "", ""]))

    def final(self, timeout=10.0):
        """Waits for the final response to our INVITE; ACKs it; returns it."""
        reply = self.wait_response("INVITE", codes=set(range(200, 700)), timeout=timeout,
                                   call_id=self.call["call_id"])
        if status_of(reply) >= 300:
            self.ack_failure(reply)
        else:
            self.confirm(reply)
        return reply

    def confirm(self, ok):
        c = self.call
        c["to"] = header(ok, "To")
        c["target"] = re.search(r"<([^>]+)>", header(ok, "Contact")).group(1)
        c["remote_media"] = sdp_media(body_of(ok))
        # The route set (RFC 3261 12.1.2): the Record-Route of the 2xx, reversed.
        records = re.findall(r"(?im)^Record-Route\s*:\s*(.*)$", ok)
        c["routes"] = [f"Route: {value.strip()}" for value in reversed(records)]
        self.send("\r\n".join([
            f"ACK {c['target']} SIP/2.0",
            f"Via: SIP/2.0/UDP {self.local()};branch=z9hG4bK{uuid.uuid4().hex[:16]};rport",
            *c["routes"],
            f"From: \"{self.user.title()}\" <sip:{self.user}@127.0.0.1>;tag={c['tag']}",
            f"To: {c['to']}", f"Call-ID: {c['call_id']}", f"CSeq: {c['cseq']} ACK",
            "Max-Forwards: 70", "Content-Length: 0", "", ""]))

    def cancel(self):
        c = self.call
        self.send("\r\n".join([
            f"CANCEL sip:{c['exten']}@127.0.0.1:{self.server[1]} SIP/2.0",
            f"Via: SIP/2.0/UDP {self.local()};branch={c['branch']};rport",
            f"From: \"{self.user.title()}\" <sip:{self.user}@127.0.0.1>;tag={c['tag']}",
            f"To: <sip:{c['exten']}@127.0.0.1>", f"Call-ID: {c['call_id']}",
            f"CSeq: {c['cseq']} CANCEL", "Max-Forwards: 70", "Content-Length: 0", "", ""]))
        return self.wait_response("CANCEL")

    def reinvite(self, direction="sendrecv", with_sdp=True, answer_in_ack=None):
        """Sends an in-dialog INVITE (hold: sendonly) and ACKs its 200; returns the 200."""
        c = self.call
        c["cseq"] += 1
        body = self.offer().replace("a=sendrecv", f"a={direction}") if with_sdp else ""
        lines = [f"INVITE {c['target']} SIP/2.0",
                 f"Via: SIP/2.0/UDP {self.local()};branch=z9hG4bK{uuid.uuid4().hex[:16]};rport",
                 f"From: \"{self.user.title()}\" <sip:{self.user}@127.0.0.1>;tag={c['tag']}",
                 f"To: {c['to']}", f"Call-ID: {c['call_id']}", f"CSeq: {c['cseq']} INVITE",
                 "Max-Forwards: 70", f"Contact: <sip:{self.user}@{self.local()}>"]
        if body:
            lines += ["Content-Type: application/sdp", f"Content-Length: {len(body)}", "", body]
        else:
            lines += ["Content-Length: 0", "", ""]
        self.send("\r\n".join(lines))
        ok = self.wait_response("INVITE", codes=set(range(200, 700)))
        ack = [f"ACK {c['target']} SIP/2.0",
               f"Via: SIP/2.0/UDP {self.local()};branch=z9hG4bK{uuid.uuid4().hex[:16]};rport",
               f"From: \"{self.user.title()}\" <sip:{self.user}@127.0.0.1>;tag={c['tag']}",
               f"To: {c['to']}", f"Call-ID: {c['call_id']}", f"CSeq: {c['cseq']} ACK",
               "Max-Forwards: 70"]
        if answer_in_ack:
            ack += ["Content-Type: application/sdp", f"Content-Length: {len(answer_in_ack)}", "",
                    answer_in_ack]
        else:
            ack += ["Content-Length: 0", "", ""]
        self.send("\r\n".join(ack))
        return ok

    def bye(self):
        c = self.call
        self.send("\r\n".join([
            f"BYE {c['target']} SIP/2.0",
            f"Via: SIP/2.0/UDP {self.local()};branch=z9hG4bK{uuid.uuid4().hex[:16]};rport",
            *c.get("routes", []),
            f"From: \"{self.user.title()}\" <sip:{self.user}@127.0.0.1>;tag={c['tag']}",
            f"To: {c['to']}", f"Call-ID: {c['call_id']}", f"CSeq: {c['cseq'] + 1} BYE",
            "Max-Forwards: 70", "Content-Length: 0", "", ""]))
        return status_of(self.wait_response("BYE"))

    # --- incoming calls ------------------------------------------------------------------

    def wait_invite(self, timeout=5.0) -> str:
        invite = self.wait_request("INVITE", timeout)
        self.incoming = invite
        self.respond(invite, 100, "Trying")  # as phones do at once; a CANCEL may follow it
        return invite

    def ring(self):
        self.respond(self.incoming, 180, "Ringing", [f"Contact: <sip:{self.user}@{self.local()}>"])

    def answer(self, codecs=None):
        offer = body_of(self.incoming)
        address, port, pts = sdp_media(offer)
        chosen = [p for p in pts if p in (codecs or self.codecs)][:1] + [101]
        self.remote_media = (address, port, pts)
        answer = self.offer(chosen[:-1])
        self.respond(self.incoming, 200, "OK", [f"Contact: <sip:{self.user}@{self.local()}>"],
                     answer)
        self.wait_request("ACK")

    def reject(self, code, reason):
        self.respond(self.incoming, code, reason)
        self.wait_request("ACK")

    def bye_incoming(self):
        """Hangs up the answered incoming call (the dialog of self.incoming); returns the
        status of the BYE."""
        invite = self.incoming
        target = re.search(r"<([^>]+)>", header(invite, "Contact")).group(1)
        self.send("\r\n".join([
            f"BYE {target} SIP/2.0",
            f"Via: SIP/2.0/UDP {self.local()};branch=z9hG4bK{uuid.uuid4().hex[:16]};rport",
            f"From: {header(invite, 'To')};tag={self.user}tag", f"To: {header(invite, 'From')}",
            f"Call-ID: {header(invite, 'Call-ID')}",
            f"CSeq: {getattr(self, 'incoming_cseq', 0) + 1} BYE", "Max-Forwards: 70",
            "Content-Length: 0", "", ""]))
        return status_of(self.wait_response("BYE"))

    def info_incoming(self, body, content_type="application/dtmf-relay"):
        """Sends an INFO in the answered incoming call's dialog; returns its status."""
        invite = self.incoming
        self.incoming_cseq = getattr(self, "incoming_cseq", 100) + 1
        target = re.search(r"<([^>]+)>", header(invite, "Contact")).group(1)
        self.send("\r\n".join([
            f"INFO {target} SIP/2.0",
            f"Via: SIP/2.0/UDP {self.local()};branch=z9hG4bK{uuid.uuid4().hex[:16]};rport",
            f"From: {header(invite, 'To')};tag={self.user}tag", f"To: {header(invite, 'From')}",
            f"Call-ID: {header(invite, 'Call-ID')}", f"CSeq: {self.incoming_cseq} INFO",
            "Max-Forwards: 70", f"Content-Type: {content_type}", f"Content-Length: {len(body)}",
            "", body]))
        return status_of(self.wait_response("INFO"))

    def answer_bye(self, timeout=5.0):
        bye = self.wait_request("BYE", timeout)
        self.respond(bye, 200, "OK")
        return bye

    # --- media ---------------------------------------------------------------------------

    def send_rtp(self, destination, count=10, payload_type=0, payload=b"\xff" * 160, ssrc=0x1234):
        for seq in range(count):
            header_bytes = struct.pack("!BBHII", 0x80, payload_type, seq, seq * 160, ssrc)
            self.rtp.sendto(header_bytes + payload, destination)
            time.sleep(0.005)

    def receive_rtp(self, expected, timeout=3.0):
        """Up to `expected` RTP packets as (payload type, payload) within the timeout."""
        got = []
        deadline = time.time() + timeout
        while len(got) < expected and time.time() < deadline:
            try:
                data, _ = self.rtp.recvfrom(2048)
            except socket.timeout:
                continue
            if len(data) >= 12 and data[0] >> 6 == 2:
                got.append((data[1] & 0x7F, data[12:]))
        return got
