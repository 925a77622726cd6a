"""Child processes die with the process that started them, even when it is killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from generator import processes
from .conftest import processes_naming

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")


def gone_or_dead(pid: int) -> bool:
    """The process has ended: no longer there, or a zombie its new parent has not reaped yet."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def start_middle(preexec) -> tuple[int, int]:
    """Fork a process that starts ``sleep`` (with ``preexec`` as its preexec_fn); both pids."""
    read, write = os.pipe()
    middle = os.fork()
    if middle == 0:
        try:
            os.close(read)
            child = subprocess.Popen(["sleep", "60"], preexec_fn=preexec)
            os.write(write, str(child.pid).encode())
            time.sleep(60)
        finally:
            os._exit(0)
    os.close(write)
    child = int(os.read(read, 32))
    os.close(read)
    return middle, child


@linux_only
def test_a_subprocess_started_with_the_helper_dies_when_its_parent_is_killed():
    middle, child = start_middle(processes.die_with_parent)
    os.kill(middle, signal.SIGKILL)
    os.waitpid(middle, 0)
    deadline = time.monotonic() + 5
    while not gone_or_dead(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gone_or_dead(child)


@linux_only
def test_without_the_helper_the_subprocess_outlives_its_parent():
    middle, child = start_middle(None)
    try:
        os.kill(middle, signal.SIGKILL)
        os.waitpid(middle, 0)
        time.sleep(0.3)
        assert not gone_or_dead(child)
    finally:
        os.kill(child, signal.SIGKILL)


@linux_only
def test_a_child_whose_parent_is_already_gone_ends_itself(monkeypatch):
    monkeypatch.setattr(processes, "_forking_pid", -1)          # as if the parent died before prctl ran
    killed = []
    monkeypatch.setattr(processes.os, "kill", lambda pid, sig: killed.append((pid, sig)))
    monkeypatch.setattr(processes._LIBC, "prctl", lambda *args: 0)
    processes.die_with_parent()
    assert killed == [(os.getpid(), signal.SIGKILL)]


def test_off_linux_it_does_nothing(monkeypatch):
    monkeypatch.setattr(processes, "_LIBC", None)
    assert processes.die_with_parent() is None


SPAWNER = """
import os, time
while True:                      # forks, as soffice.bin does: each child's command line is this one's
    if os.fork() == 0:
        time.sleep(60)
        os._exit(0)
    time.sleep(0.002)
"""


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_processes_started_while_the_list_is_read_are_stopped_too(tmp_path):
    """As soffice.bin forks while it starts: one reading of /proc would miss the newest children."""
    folder = tmp_path / "profile"
    folder.mkdir()
    spawner = subprocess.Popen([sys.executable, "-c", SPAWNER, f"{folder}/"])      # it names the folder too
    try:
        deadline = time.monotonic() + 10
        while len(processes_naming(f"{folder}/")) < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        processes.stop_processes_naming(folder)
        spawner.wait(timeout=10)
        assert processes_naming(f"{folder}/") == []
    finally:
        spawner.kill()
        spawner.wait()
        for pid in processes_naming(f"{folder}/"):            # what a failed run leaves
            os.kill(pid, signal.SIGKILL)
