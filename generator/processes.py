"""Child processes that die with the build that started them, even when it is killed with SIGKILL.

Linux sends a process a chosen signal when its parent dies, once the child has asked for it
with ``prctl(PR_SET_PDEATHSIG)``; nothing else can clean up after a ``kill -9``. Elsewhere
``die_with_parent`` does nothing.

- a forked worker calls ``die_with_parent()`` first thing in the child;
- a subprocess gets it as ``subprocess.run(..., preexec_fn=die_with_parent)``: it runs in the
  child between fork and exec, and the setting survives exec.

The signal comes when the *thread* that started the child ends, so start children from a
thread that outlives them (the build's main thread does). It reaches the child only, not the
processes the child starts in turn.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1

_forking_pid = os.getpid()      # the process that last forked: the parent, as seen from a child


def _note_forking_process() -> None:
    global _forking_pid
    _forking_pid = os.getpid()


if hasattr(os, "register_at_fork"):   # os.fork and subprocess's preexec_fn both run these hooks
    os.register_at_fork(before=_note_forking_process)


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Have the kernel send this process ``sig`` when its parent dies (Linux; a no-op elsewhere)."""
    if _LIBC is None:
        return
    if _LIBC.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
        return
    if os.getppid() != _forking_pid:  # the parent died before prctl: no signal will come now
        os.kill(os.getpid(), sig)


def stop_processes_naming(folder: Path) -> None:
    """SIGKILL every other process whose command line names ``folder`` (as a path or a file URI).

    For the grandchildren the death signal does not reach: LibreOffice's ``soffice`` starts
    ``soffice.bin``, whose command line names its profile folder. One of them may fork while
    the list is read, so the list is read again until it holds none. Linux only (``/proc``).
    """
    if not os.path.isdir("/proc"):
        return
    folder = Path(folder)
    marks = (os.fsencode(str(folder)) + b"/", os.fsencode(folder.as_uri()) + b"/",
             os.fsencode(folder.as_uri()) + b"\0")
    for _ in range(STOP_ROUNDS):
        if not _kill_processes_naming(marks):
            return


STOP_ROUNDS = 50


def _kill_processes_naming(marks: tuple[bytes, ...]) -> bool:
    """SIGKILL the other processes whose command line holds one of ``marks``; whether there were any."""
    try:
        pids = os.listdir("/proc")
    except OSError:
        return False
    found = False
    for pid in pids:
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                command = handle.read() + b"\0"
        except OSError:
            continue
        if any(mark in command for mark in marks):
            found = True
            try:
                os.kill(int(pid), signal.SIGKILL)
            except OSError:
                pass
    return found


def _load_libc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True)
    except (ImportError, OSError):
        return None


_LIBC = _load_libc()            # loaded here, not in a child between fork and exec
