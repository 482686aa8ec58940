"""DTMF on the wire for black-box tests: RFC 4733 telephone-event packets (build, read),
G.711 µ-law tones and a Goertzel filter to tell which tone pair some audio carries."""

import math
import socket
import struct
import time

DIGITS = "0123456789*#ABCD"
# The row and column frequency of each digit.
TONES = {d: (f_low, f_high) for f_low, row in zip((697, 770, 852, 941), ("123A", "456B", "789C", "*0#D"))
         for f_high, d in zip((1209, 1336, 1477, 1633), row)}


def event_packet(seq, ts, event, end, duration, marker=False, pt=101, ssrc=0x4444):
    header = struct.pack("!BBHII", 0x80, (0x80 if marker else 0) | pt, seq, ts, ssrc)
    return header + struct.pack("!BBH", event, (0x80 if end else 0) | 10, duration)


def send_event_digit(phone, destination, digit, seq, ts, durations=(400, 800), end=1000, pt=101):
    """A digit as a phone sends it: the first packet with the marker, updates, three ends.
    Returns the next sequence number."""
    event = DIGITS.index(digit)
    for i, duration in enumerate(durations):
        phone.rtp.sendto(event_packet(seq, ts, event, False, duration, i == 0, pt), destination)
        seq += 1
        time.sleep(0.02)
    for _ in range(3):
        phone.rtp.sendto(event_packet(seq, ts, event, True, end, pt=pt), destination)
        seq += 1
    return seq


def parse_rtp(data):
    """(marker, payload type, sequence, timestamp, ssrc, payload)."""
    b0, b1, seq, ts, ssrc = struct.unpack("!BBHII", data[:12])
    return bool(b1 & 0x80), b1 & 0x7F, seq, ts, ssrc, data[12:]


def parse_event(payload):
    """(event, end, volume, duration) of a telephone-event payload."""
    event, flags, duration = struct.unpack("!BBH", payload[:4])
    return event, bool(flags & 0x80), flags & 0x3F, duration


def receive_packets(phone, stop, timeout=5.0, quiet=None):
    """RTP packets received by `phone` until stop(packets) is true, `quiet` seconds pass
    without a packet, or the timeout."""
    packets = []
    deadline = time.monotonic() + timeout
    last = time.monotonic()
    while time.monotonic() < deadline and not stop(packets):
        if quiet is not None and time.monotonic() - last > quiet:
            break
        try:
            data, _ = phone.rtp.recvfrom(2048)
        except socket.timeout:
            continue
        if len(data) >= 12 and data[0] >> 6 == 2:
            packets.append(parse_rtp(data))
            last = time.monotonic()
    return packets


def linear_to_ulaw(sample):
    sign = 0
    if sample < 0:
        sample, sign = -sample, 0x80
    sample = min(sample, 32635) + 0x84
    exponent = 7
    while exponent > 0 and not sample & (0x4000 >> (7 - exponent)):
        exponent -= 1
    mantissa = (sample >> (exponent + 3)) & 0x0F
    return ~(sign | (exponent << 4) | mantissa) & 0xFF


def ulaw_to_linear(code):
    code = ~code & 0xFF
    magnitude = (((code & 0x0F) << 3) + 0x84) << ((code >> 4) & 7)
    return 0x84 - magnitude if code & 0x80 else magnitude - 0x84


def tone_ulaw(digit, ms, amplitude=6000):
    low, high = TONES[digit]
    return bytes(linear_to_ulaw(int(amplitude * (math.sin(2 * math.pi * low * i / 8000) +
                                                 math.sin(2 * math.pi * high * i / 8000))))
                 for i in range(ms * 8))


def goertzel(samples, frequency):
    coefficient = 2 * math.cos(2 * math.pi * frequency / 8000)
    s1 = s2 = 0.0
    for sample in samples:
        s1, s2 = sample + coefficient * s1 - s2, s1
    return s1 * s1 + s2 * s2 - coefficient * s1 * s2


def strongest_pair(ulaw):
    """The digit whose row and column tones are the strongest in the audio."""
    samples = [ulaw_to_linear(b) for b in ulaw]
    row = max((697, 770, 852, 941), key=lambda f: goertzel(samples, f))
    column = max((1209, 1336, 1477, 1633), key=lambda f: goertzel(samples, f))
    return next(d for d, pair in TONES.items() if pair == (row, column))
