"""Starts a real switchboard binary on a private configuration and talks to it like an
administrator would: through `switchboard -rx`."""

import os
import pathlib
import shutil
import signal
import subprocess
import textwrap
import time

REPO = pathlib.Path(__file__).resolve().parents[2]


def binary() -> str:
    return os.environ.get("SWITCHBOARD_BIN", str(REPO / "build" / "switchboard"))


class Switchboard:
    """A server instance in its own folder: etc/ holds the config files, var/ the state."""

    def __init__(self, root: pathlib.Path):
        self.root = root
        self.etc = root / "etc"
        self.etc.mkdir(parents=True, exist_ok=True)
        self.main_config = self.etc / "switchboard.conf"
        self.process = None
        self.output_path = root / "output.log"
        self.write(
            "switchboard.conf",
            """
            [directories]
            astetcdir => .
            astvarlibdir => ../var/lib
            astlogdir => ../var/log
            astrundir => ../var/run
            astdatadir => ../var/lib
            astspooldir => ../var/spool
            [options]
            verbose = 3
            """,
        )

    @property
    def log_dir(self) -> pathlib.Path:
        return self.root / "var" / "log"

    @property
    def socket(self) -> pathlib.Path:
        return self.root / "var" / "run" / "switchboard.ctl"

    def write(self, name: str, text: str) -> pathlib.Path:
        path = self.etc / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
        return path

    def append(self, name: str, text: str) -> pathlib.Path:
        path = self.etc / name
        with open(path, "a") as out:
            out.write("\n" + textwrap.dedent(text).lstrip("\n"))
        return path

    def run(self, *args, timeout=30, input_text=None) -> subprocess.CompletedProcess:
        """Runs the binary with -C pointing at this instance's configuration."""
        return subprocess.run(
            [binary(), "-C", str(self.main_config), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            input=input_text,
            stdin=None if input_text is not None else subprocess.DEVNULL,
        )

    def rx(self, command: str, timeout=30) -> subprocess.CompletedProcess:
        return self.run("-rx", command, timeout=timeout)

    def start(self, *extra, wait=True):
        self.output = open(self.output_path, "w")
        self.process = subprocess.Popen(
            [binary(), "-f", "-C", str(self.main_config), *extra],
            stdout=self.output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"switchboard exited with {self.process.returncode}:\n{self.output_text()}")
            if self.socket.exists():
                result = self.rx("core waitfullybooted", timeout=timeout)
                if result.returncode == 0:
                    return
            time.sleep(0.05)
        raise TimeoutError(f"switchboard did not boot:\n{self.output_text()}")

    def output_text(self) -> str:
        if hasattr(self, "output") and not self.output.closed:
            self.output.flush()
        return self.output_path.read_text() if self.output_path.exists() else ""

    def wait_exit(self, timeout=30) -> int:
        return self.process.wait(timeout=timeout)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise
        finally:
            self.output.close()
