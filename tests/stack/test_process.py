"""Supervised components: readiness, logs kept, clean stop, crash reported as a tool error."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from sim.errors import ToolError
from sim.stack.process import Component, free_port

SERVER = """
import http.server, signal, sys
port = int(sys.argv[1])
class Ready(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.end_headers(); self.wfile.write(b"ready")
    def log_message(self, *args):
        print("request", flush=True)
server = http.server.HTTPServer(("127.0.0.1", port), Ready)
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
print("listening", flush=True)
server.serve_forever()
"""


def test_ready_logged_and_stopped_cleanly(tmp_path: Path) -> None:
    port = free_port()
    component = Component("fake", [sys.executable, "-c", SERVER, str(port)], tmp_path / "fake.log")
    component.start()
    try:
        component.wait_ready(f"http://127.0.0.1:{port}/ready", timeout=20)
    finally:
        status = component.stop()
    assert status == 0
    log = (tmp_path / "fake.log").read_text()
    assert "listening" in log and "request" in log


def test_a_component_that_dies_is_a_tool_error_with_its_log(tmp_path: Path) -> None:
    argv = [sys.executable, "-c", "import sys; print('boom: bad config'); sys.exit(1)"]
    component = Component("loki", argv, tmp_path / "loki.log")
    component.start()
    with pytest.raises(
        ToolError, match=r"loki exited with status 1 before it was ready(.|\n)*boom: bad config"
    ):
        component.wait_ready(f"http://127.0.0.1:{free_port()}/ready", timeout=20)


def test_stop_kills_what_ignores_sigterm(tmp_path: Path) -> None:
    stubborn = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('up', flush=True); time.sleep(60)"
    component = Component("stubborn", [sys.executable, "-c", stubborn], tmp_path / "s.log")
    component.start()
    for _ in range(100):
        if "up" in (tmp_path / "s.log").read_text():
            break
        time.sleep(0.05)
    assert component.stop(grace=0.5) == -9
    assert not component.running()
