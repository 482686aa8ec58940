"""Start-up, the control socket, -rx exit statuses and shutdown, as tools drive Asterisk."""

import os
import signal
import stat
import subprocess
import time

from switchboard import Switchboard, binary


def test_version_and_help():
    version = subprocess.run([binary(), "--version"], capture_output=True, text=True)
    assert version.returncode == 0
    assert version.stdout.startswith("Switchboard ")
    usage = subprocess.run([binary(), "--help"], capture_output=True, text=True)
    assert usage.returncode == 0
    for switch in ("-f", "-c", "-r", "-x", "-C", "--check-config"):
        assert switch in usage.stdout


def test_unknown_switch_is_a_usage_error():
    result = subprocess.run([binary(), "--no-such-switch"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "unknown option" in result.stderr


def test_waitfullybooted_prints_the_sentence_tools_wait_for(sb):
    sb.start()
    result = sb.rx("core waitfullybooted")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[-1] == "Asterisk has fully booted."
    assert lines[-2].startswith("Switchboard ") and lines[-2].endswith("has fully booted.")


def test_waitfullybooted_waits_for_a_server_still_starting(sb):
    sb.start(wait=False)
    deadline = time.monotonic() + 20
    while not sb.socket.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    result = sb.rx("core waitfullybooted")
    assert result.returncode == 0
    assert "Asterisk has fully booted." in result.stdout


def test_rx_returns_each_commands_status(sb):
    sb.start()
    ok = sb.rx("core show version")
    assert ok.returncode == 0 and ok.stdout.startswith("Switchboard ")
    missing = sb.rx("no such thing")
    assert missing.returncode == 3
    assert missing.stdout.startswith("No such command 'no such thing'")
    usage = sb.rx("core set verbose loud")
    assert usage.returncode == 2
    assert "Usage:" in usage.stdout
    failed = sb.rx("module unload nothing_loaded_here")
    assert failed.returncode == 1


def test_remote_refuses_clearly_when_no_server_runs(sb):
    result = sb.rx("core show version")
    assert result.returncode == 1
    assert "Unable to connect to remote Switchboard" in result.stderr
    assert str(sb.socket) in result.stderr


def test_control_socket_is_private(sb):
    sb.start()
    mode = stat.S_IMODE(os.stat(sb.socket).st_mode)
    assert mode == 0o660


def test_core_stop_gracefully_exits_zero_by_itself(sb):
    sb.start()
    result = sb.rx("core stop gracefully")
    assert result.returncode == 0
    assert sb.wait_exit(timeout=20) == 0
    assert not sb.socket.exists()
    assert "Switchboard stopped" in sb.output_text()


def test_core_stop_now_exits_zero(sb):
    sb.start()
    assert sb.rx("core stop now").returncode == 0
    assert sb.wait_exit(timeout=20) == 0


def test_sigterm_and_sigint_shut_down_cleanly(tmp_path):
    for index, sig in enumerate((signal.SIGTERM, signal.SIGINT)):
        instance = Switchboard(tmp_path / str(index))
        instance.start()
        instance.process.send_signal(sig)
        assert instance.wait_exit(timeout=20) == 0
        assert not instance.socket.exists()
        instance.output.close()


def test_second_server_on_the_same_socket_is_refused(sb):
    sb.start()
    second = sb.run("-f", timeout=20)
    assert second.returncode == 1
    assert "already running" in second.stdout + second.stderr
    # The first one is unharmed.
    assert sb.rx("core show version").returncode == 0


def test_stale_socket_from_a_crashed_server_is_replaced(sb):
    sb.start()
    sb.process.kill()
    sb.process.wait()
    assert sb.socket.exists()
    sb.output.close()
    sb.start()
    assert sb.rx("core show version").returncode == 0


def test_set_verbose_and_debug(sb):
    sb.start()
    verbose = sb.rx("core set verbose 5")
    assert verbose.stdout.strip() == "Verbosity was 3 and is now 5"
    debug = sb.rx("core set debug 2")
    assert debug.stdout.strip() == "Core debug was 0 and is now 2"
    settings = sb.rx("core show settings").stdout
    assert "Root console verbosity:      5" in settings
    assert "Core debug level:            2" in settings
    assert sb.rx("core set debug off").stdout.strip() == "Core debug is now OFF"


def test_uptime_in_words_and_seconds(sb):
    sb.start()
    words = sb.rx("core show uptime").stdout
    assert words.startswith("System uptime: ")
    assert "Last reload: " in words
    seconds = sb.rx("core show uptime seconds").stdout.splitlines()
    assert seconds[0].split(": ")[1].isdigit()


def test_help_lists_commands_and_explains_one(sb):
    sb.start()
    listing = sb.rx("help").stdout
    for command in ("core show version", "core stop gracefully", "module show", "logger rotate"):
        assert command in listing
    single = sb.rx("help core set verbose")
    assert single.returncode == 0
    assert "core set verbose" in single.stdout


def test_interactive_remote_console_runs_commands(sb):
    sb.start()
    result = sb.run("-r", input_text="core show version\nexit\n", timeout=20)
    assert result.returncode == 0
    assert "Connected to Switchboard" in result.stdout
    assert "built for a" in result.stdout


def test_foreground_console_takes_commands_from_its_input(sb):
    process = subprocess.Popen(
        [binary(), "-c", "-C", str(sb.main_config)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        out, _ = process.communicate("core waitfullybooted\ncore show version\ncore stop now\n", timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert "Asterisk has fully booted." in out
    assert "built for a" in out


def test_daemon_mode_detaches_and_serves(sb):
    result = sb.run(timeout=20)  # neither -f nor -c: forks into the background
    assert result.returncode == 0
    deadline = time.monotonic() + 20
    booted = None
    while time.monotonic() < deadline:
        booted = sb.rx("core waitfullybooted")
        if booted.returncode == 0:
            break
        time.sleep(0.05)
    assert booted is not None and booted.returncode == 0
    pid = int((sb.root / "var" / "run" / "switchboard.pid").read_text())
    assert sb.rx("core stop now").returncode == 0
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        raise AssertionError("daemon did not exit")


def test_other_users_are_refused_even_if_the_socket_mode_is_loosened(tmp_path_factory):
    import pytest
    import shutil
    import tempfile

    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to act as another user")
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    if subprocess.run([*as_nobody, binary(), "--version"], capture_output=True).returncode != 0:
        pytest.skip("the binary is not reachable by another user here")
    root = tempfile.mkdtemp(prefix="sb-peercred-")
    os.chmod(root, 0o755)
    instance = Switchboard(__import__("pathlib").Path(root))
    try:
        instance.start()
        for folder in (instance.root / "var", instance.socket.parent):
            os.chmod(folder, 0o755)
        os.chmod(instance.etc, 0o755)
        os.chmod(instance.main_config, 0o644)
        os.chmod(instance.socket, 0o666)
        result = subprocess.run(
            [*as_nobody, binary(), "-C", str(instance.main_config), "-rx", "core show version"],
            capture_output=True,
            text=True,
            timeout=20,
        )
        assert result.returncode == 1
        assert "Permission denied" in result.stderr
        assert "Switchboard" not in result.stdout
        deadline = time.monotonic() + 10
        while "Refused console connection from uid 65534" not in instance.output_text():
            assert time.monotonic() < deadline, instance.output_text()
            time.sleep(0.05)
        assert instance.rx("core show version").returncode == 0
    finally:
        instance.stop()
        shutil.rmtree(root, ignore_errors=True)
