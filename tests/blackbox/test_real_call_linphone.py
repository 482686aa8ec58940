"""A real call between soft-phones of two makes through Switchboard: baresip and linphone's
linphonec (Debian packages, run headless on sound files). Each registers with digest
authentication, one dials the other by name, and each plays a known file into the call and
records what it hears. The relay's own counters show the packets relayed each way, and each
recording holds the other phone's tones, in order."""

import math
import re
import socket
import struct
import subprocess
import time
import wave

import pytest

from sip_helpers import free_port
from test_real_clients import Linphonec, baresip_home, two_phones_config, wait_registered

RATE = 8000
FRAME = 160  # 20 ms at 8 kHz: one G.711 packet
TONE_FRAMES = 12  # each tone lasts 240 ms
# Whole numbers of cycles per 20 ms frame, far enough apart to tell in one frame.
BARESIP_TONES = (500, 900, 1300, 1700)
LINPHONE_TONES = (700, 1100, 1500, 1900)
MEDIA_SECONDS = 3.0


def write_tones(path, tones, seconds=20):
    """An 8 kHz mono 16-bit WAV cycling through the tones; longer than any call."""
    samples = []
    length = TONE_FRAMES * FRAME
    for n in range(int(seconds * RATE)):
        tone = tones[(n // length) % len(tones)]
        samples.append(int(8000 * math.sin(2 * math.pi * tone * n / RATE)))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return path


def read_samples(path):
    """A recording's samples (linphonec's header counts itself in the length of the data)."""
    with wave.open(str(path), "rb") as recording:
        assert (recording.getframerate(), recording.getnchannels(), recording.getsampwidth()) == \
            (RATE, 1, 2), path
        data = recording.readframes(recording.getnframes())
    return struct.unpack(f"<{len(data) // 2}h", data[: len(data) // 2 * 2])


def amplitude(frame, frequency):
    """The amplitude of one frequency in a frame (Goertzel)."""
    coefficient = 2 * math.cos(2 * math.pi * frequency / RATE)
    previous = before = 0.0
    for sample in frame:
        previous, before = sample + coefficient * previous - before, previous
    power = previous * previous + before * before - coefficient * previous * before
    return 2 * math.sqrt(max(power, 0.0)) / len(frame)


def heard_tones(path, candidates):
    """The tones a recording holds, as (tone, frames) runs. A 20 ms frame counts as a tone when
    that one frequency carries nearly all of its energy; a tone broken by up to three frames of
    anything else (a frame across two tones, a jitter buffer's correction) is still one run."""
    samples = read_samples(path)
    runs = []  # [tone, first frame, last frame]
    for index in range(len(samples) // FRAME):
        frame = samples[index * FRAME:(index + 1) * FRAME]
        peak = math.sqrt(2 * sum(s * s for s in frame) / FRAME)
        if peak < 1000:
            continue
        tone = max(candidates, key=lambda f: amplitude(frame, f))
        if amplitude(frame, tone) < 0.8 * peak:
            continue
        if runs and runs[-1][0] == tone and index - runs[-1][2] <= 4:
            runs[-1][2] = index
        else:
            runs.append([tone, index, index])
    return [(tone, last - first + 1) for tone, first, last in runs if last - first >= 2]


def assert_tones_arrived(path, sent, other):
    runs = heard_tones(path, sent + other)
    assert runs, f"no tone in {path}"
    heard = [tone for tone, _ in runs]
    assert not set(heard) & set(other), f"{path} holds its own phone's tones: {runs}"
    # The file from its start: each tone follows the one before it in the file, and lasts as
    # long (bar the first and last, cut by the call's start and end).
    assert heard[0] == sent[0], runs
    for before, after in zip(heard, heard[1:]):
        assert sent.index(after) == (sent.index(before) + 1) % len(sent), runs
    assert all(TONE_FRAMES - 2 <= frames <= TONE_FRAMES + 2 for _, frames in runs[1:-1]), runs
    seconds = sum(frames for _, frames in runs) * FRAME / RATE
    assert seconds >= MEDIA_SECONDS - 1, f"only {seconds:.2f} s of tones in {path}: {runs}"


class Phones:
    """Switchboard with two endpoints: alice is baresip, bob is linphonec; both registered."""

    def __init__(self, sb, tmp_path):
        self.sb = sb
        self.port = port = free_port()
        two_phones_config(sb, port)
        sb.write("extensions.conf", "[phones]\n"
                 "exten => alice,1,Dial(PJSIP/alice,10)\n same => n,Hangup()\n"
                 "exten => bob,1,Dial(PJSIP/bob,10)\n same => n,Hangup()\n")
        sb.start()
        self.baresip_file = write_tones(tmp_path / "baresip-tones.wav", BARESIP_TONES)
        self.linphone_file = write_tones(tmp_path / "linphone-tones.wav", LINPHONE_TONES)
        self.linphone_recording = tmp_path / "linphonec-heard.wav"
        self.dumps = tmp_path / "baresip-dumps"
        self.dumps.mkdir()
        self.console = free_port()
        self.linphonec = Linphonec(tmp_path / "linphone", free_port())
        self.linphonec.say("soundcard use files", f"play {self.linphone_file}",
                           f"record {self.linphone_recording}", "autoanswer enable",
                           f"register sip:bob@127.0.0.1:{port} sip:127.0.0.1:{port} builder")
        # baresip plays its file as microphone; sndfile writes what it decodes to dump-*-dec.wav.
        home = baresip_home(
            tmp_path / "baresip", free_port(),
            f"<sip:alice@127.0.0.1:{port}>;auth_pass=wonderland;answermode=auto;regint=600",
            audio=f"audio_source aufile,{self.baresip_file}\nausrc_srate {RATE}\nausrc_channels 1\n"
                  f"module sndfile.so\nsnd_path {self.dumps}\n"
                  f"module cons.so\ncons_listen 127.0.0.1:{self.console}\n")
        self.baresip_log = tmp_path / "baresip.log"
        with open(self.baresip_log, "w") as log:
            self.baresip = subprocess.Popen(["baresip", "-f", str(home), "-t", "30"], stdout=log,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        wait_registered(sb, "alice/sip:alice")
        wait_registered(sb, "bob/sip:bob")

    def baresip_output(self):
        return self.baresip_log.read_text(errors="replace")

    def baresip_command(self, command):
        """A command typed on baresip's UDP console."""
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as console:
            console.sendto(f"/{command}\n".encode(), ("127.0.0.1", self.console))

    def close(self):
        self.linphonec.quit()
        if self.baresip.poll() is None:
            self.baresip.terminate()
            try:
                self.baresip.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.baresip.kill()
                self.baresip.wait()


@pytest.fixture
def phones(sb, tmp_path):
    instance = Phones(sb, tmp_path)
    yield instance
    instance.close()


def relay_counts(sb):
    """Per leg of the call, the packets the relay received from its phone and sent to it."""
    counts = {}
    for line in sb.rx("pjsip show channelstats").stdout.splitlines():
        fields = line.split()
        if len(fields) > 8 and re.fullmatch(r"(alice|bob)-[0-9a-f]{8}", fields[1]):
            counts[fields[1].split("-")[0]] = (int(fields[4]), int(fields[8]))
    return counts


def wait_channels(sb, count, seconds=10):
    deadline = time.monotonic() + seconds
    listing = ""
    while time.monotonic() < deadline:
        listing = sb.rx("core show channels").stdout
        if f"{count} active channel" in listing and listing.count(" Up ") == count:
            return
        time.sleep(0.1)
    raise AssertionError(f"expected {count} channels up:\n{listing}")


def wait_for(read, text, seconds=10):
    deadline = time.monotonic() + seconds
    while text not in read():
        if time.monotonic() > deadline:
            raise AssertionError(f"no {text!r} in:\n{read()[-3000:]}")
        time.sleep(0.1)


def talk(phones, hang_up):
    """Lets the bridged call carry media for a while, counts what the relay moved each way,
    hangs up and waits for both phones to see the call end."""
    sb = phones.sb
    wait_channels(sb, 2)
    up = time.monotonic()
    while time.monotonic() < up + MEDIA_SECONDS:
        time.sleep(0.1)
    counts = relay_counts(sb)
    seconds = time.monotonic() - up
    hang_up()
    wait_channels(sb, 0)
    wait_for(phones.linphonec.output, " ended (")
    wait_for(phones.baresip_output, " terminated (duration")
    # Each phone sent to the relay and got the other's packets from it: neither had the
    # other's address (linphonec's own log does not name where its media comes from).
    assert set(counts) == {"alice", "bob"}, sb.rx("pjsip show channelstats").stdout
    # 20 ms packets: 50 a second each way, give or take the call's first second and the time
    # the console commands took.
    for leg, (received, sent) in counts.items():
        assert 50 * (seconds - 1) <= received <= 50 * (seconds + 2), (leg, counts, seconds)
        assert 50 * (seconds - 1) <= sent <= 50 * (seconds + 2), (leg, counts, seconds)
    # What the relay took from one phone it gave to the other (bar packets in flight).
    assert abs(counts["alice"][0] - counts["bob"][1]) <= 5, counts
    assert abs(counts["bob"][0] - counts["alice"][1]) <= 5, counts


def check_recordings(phones):
    # baresip hears the relay's ports (rtp.conf), not linphonec's
    assert re.search(r"incoming rtp for 'audio' established, receiving from 127\.0\.0\.1:37\d\d\d",
                     phones.baresip_output()), phones.baresip_output()[-3000:]
    phones.close()  # both phones have quit: their recordings are complete
    decoded = list(phones.dumps.glob("dump-*-dec.wav"))
    assert len(decoded) == 1, decoded
    assert_tones_arrived(decoded[0], LINPHONE_TONES, BARESIP_TONES)
    assert_tones_arrived(phones.linphone_recording, BARESIP_TONES, LINPHONE_TONES)


def test_baresip_calls_linphonec_and_each_hears_the_others_file(phones):
    phones.baresip_command("dial bob")
    talk(phones, lambda: phones.baresip_command("hangup"))
    check_recordings(phones)


def test_linphonec_calls_baresip_and_each_hears_the_others_file(phones):
    phones.linphonec.say("call alice")
    talk(phones, lambda: phones.linphonec.say("terminate"))
    check_recordings(phones)
