"""``deck serve`` as a process: it says where it listens, stops cleanly on Ctrl-C, and a busy port is an error."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from generator.serve import watched_folders

ROOT = Path(__file__).resolve().parents[2]
DECK = [sys.executable, "-m", "generator.cli"]


def start_serving(content: Path, out: Path) -> tuple[subprocess.Popen, str]:
    """``deck serve --port 0`` in its own process group, as a terminal runs it; returns it and its URL."""
    process = subprocess.Popen([*DECK, "serve", "--content", str(content), "--out", str(out), "--port", "0"],
                               cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True)
    line = process.stderr.readline()
    assert line.startswith("serving http://127.0.0.1:"), line
    return process, line.split()[1]


def test_ctrl_c_stops_the_server_cleanly_with_exit_0(small_content, tmp_path):
    process, url = start_serving(small_content, tmp_path / "build")
    try:
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url, timeout=10) as page:
            assert page.status == 200 and b"Live preview" in page.read()
    finally:
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Traceback" not in err and "stopped" in err


def test_a_port_in_use_is_a_clear_error_and_exit_1(run_deck):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_deck("serve", "--port", port)
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_template_watched_is_the_one_given_or_the_one_deck_yaml_names(content_copy, tmp_path):
    assert watched_folders(content_copy, tmp_path / "mine", ROOT) == (content_copy, tmp_path / "mine")
    assert watched_folders(content_copy, None, ROOT) == (content_copy, ROOT / "templates" / "corporate")
    (content_copy / "deck.yaml").write_text("template: [", encoding="utf-8")
    assert watched_folders(content_copy, None, ROOT) == (content_copy,)

