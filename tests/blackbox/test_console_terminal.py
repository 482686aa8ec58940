"""The interactive console on a real terminal: line editing and tab completion (libedit)."""

import os
import pty
import select
import time

from switchboard import binary


def read_until(fd, needle, timeout=15):
    buffer = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            buffer += chunk
            if needle.encode() in buffer:
                return buffer.decode(errors="replace")
    raise AssertionError(f"did not see {needle!r} in {buffer!r}")


def test_tab_completion_on_a_terminal(sb):
    sb.start()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["HOME"] = str(sb.root)
        os.execv(binary(), [binary(), "-C", str(sb.main_config), "-r"])
    try:
        read_until(fd, "*CLI> ")
        # Only "core sh" and "vers" are typed: completion must supply the rest.
        # The terminal redraws the completed word with cursor moves, so look for its tail.
        os.write(fd, b"core sh\t")
        read_until(fd, "ow ")
        os.write(fd, b"vers\t")
        read_until(fd, "ion")
        os.write(fd, b"\r")
        read_until(fd, "built for a")
        os.write(fd, b"exit\r")
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
    assert (sb.root / ".switchboard_history").exists()
