"""logger.conf channels, formats and rotation."""

import json
import time


def wait_for(predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_channels_formats_and_rotation(sb):
    sb.write(
        "logger.conf",
        """
        [general]
        dateformat = %F %T
        [logfiles]
        console => notice,warning,error,verbose
        messages => notice,warning,error
        full.json => [json]notice,warning,error,verbose(1)
        """,
    )
    sb.start()
    messages = sb.log_dir / "messages"
    assert wait_for(lambda: messages.exists() and "has fully booted" in messages.read_text())
    line = next(l for l in messages.read_text().splitlines() if "has fully booted" in l)
    # Asterisk's layout: [date] LEVEL[lwp]: file:line function: message
    assert line.startswith("[") and "] NOTICE[" in line and "]: server.cpp:" in line

    full = sb.log_dir / "full.json"
    assert wait_for(lambda: full.exists() and "fully booted" in full.read_text())
    records = [json.loads(l) for l in full.read_text().splitlines()]
    assert any(r["level"] == "NOTICE" and "fully booted" in r["message"] for r in records)

    channels = sb.rx("logger show channels").stdout
    assert "messages" in channels and "full.json" in channels and "json" in channels

    assert sb.rx("logger rotate").returncode == 0
    assert wait_for(lambda: (sb.log_dir / "messages.0").exists())
    sb.rx("core set verbose 3")  # any activity; the new file is reopened
    assert wait_for(lambda: messages.exists())


def test_bad_logger_conf_is_reported_with_location(sb):
    sb.write("logger.conf", "[logfiles]\nmessages => notice,loud\n")
    result = sb.run("--check-config")
    assert result.returncode == 1
    assert "logger.conf:2: error: unknown log level 'loud'" in result.stderr
