import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))

from sip_helpers import forget_handed_out_ports  # noqa: E402
from switchboard import Switchboard  # noqa: E402


@pytest.fixture(autouse=True)
def fresh_port_reservations():
    forget_handed_out_ports()
    yield


@pytest.fixture
def sb(tmp_path):
    """A configured but not yet started server; stopped at the end of the test."""
    instance = Switchboard(tmp_path)
    yield instance
    instance.stop()
    if instance.process is not None:
        # A sanitizer report or a crash shows in the exit status and the output.
        assert instance.process.returncode == 0, instance.output_text()
        assert "ERROR: AddressSanitizer" not in instance.output_text()
        assert "runtime error:" not in instance.output_text()
