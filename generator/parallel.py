"""Run a function over a few items in forked worker processes; results come back in order.

``deck build -j N`` renders locales this way. Workers are forked after the content is loaded
and validated, so each starts with the project in memory instead of loading it again, and
nothing but the results (bytes of a deck, fit records, warnings) travels between processes.
Items are handed out one at a time as workers become free, so a slow locale does not hold
up the others. Where ``os.fork`` does not exist the items are processed in this process.

What the function needs it carries itself, as a bound method or a closure (``build`` passes
its job's ``render_in_worker``): each worker is forked with it, so nothing but the item indexes
travels into a worker, and no module global has to be set first. The function must not
raise: it returns what went wrong as part of its result (``build`` turns errors into values
so that they cross the process boundary intact).
"""

from __future__ import annotations

import os
import pickle
import selectors
import signal
import struct
from collections.abc import Callable, Iterator, Sequence

from .processes import die_with_parent

_HEADER = struct.Struct("!iQ")      # item index, payload length


def can_fork() -> bool:
    return hasattr(os, "fork")


def fork_map(func: Callable, items: Sequence, jobs: int) -> Iterator:
    """``map(func, items)`` across ``jobs`` forked workers, yielding results in the order of ``items``.

    ``func`` reaches the workers by fork, not by pickle: it may close over anything.
    """
    jobs = min(jobs, len(items))
    if jobs <= 1 or not can_fork():
        yield from map(func, items)
        return
    workers: dict[int, _Worker] = {}
    selector = selectors.DefaultSelector()
    finished = False
    try:
        for _ in range(jobs):
            inherited = [fd for worker in workers.values() for fd in (worker.tasks, worker.results)]
            worker = _Worker.start(func, items, inherited)
            workers[worker.results] = worker
            selector.register(worker.results, selectors.EVENT_READ, worker)
        pending = list(range(len(items)))

        def hand_out(worker: _Worker) -> None:
            if pending:
                worker.send(pending.pop(0))
            else:                                     # no more work: the worker exits
                worker.send(-1)
                selector.unregister(worker.results)

        for worker in workers.values():
            hand_out(worker)
        done: dict[int, object] = {}
        next_index = 0
        while next_index < len(items):
            while next_index not in done:
                for key, _ in selector.select():
                    worker = key.data
                    index, result = worker.receive()
                    done[index] = result
                    hand_out(worker)
            yield done.pop(next_index)
            next_index += 1
        finished = True
    finally:
        selector.close()
        for worker in workers.values():
            worker.stop(kill=not finished)


class _Worker:
    """One forked process: reads item indexes from a pipe, writes pickled results to another."""

    def __init__(self, pid: int, tasks: int, results: int):
        self.pid = pid
        self.tasks = tasks
        self.results = results

    @classmethod
    def start(cls, func: Callable, items: Sequence, inherited: list[int]) -> _Worker:
        """Fork a worker; ``inherited`` are the other workers' pipes, which it closes."""
        task_read, task_write = os.pipe()
        result_read, result_write = os.pipe()
        pid = os.fork()
        if pid == 0:                                  # the worker
            status = 0
            try:
                die_with_parent()                     # a killed build takes its workers with it
                for fd in (task_write, result_read, *inherited):
                    os.close(fd)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                _serve(func, items, task_read, result_write)
            except BaseException:                     # noqa: BLE001 - nothing may escape a forked child
                status = 1
            finally:
                os._exit(status)                      # no atexit handlers, no flushing the parent's buffers
        os.close(task_read)
        os.close(result_write)
        return cls(pid, task_write, result_read)

    def send(self, index: int) -> None:
        os.write(self.tasks, struct.pack("!i", index))

    def receive(self) -> tuple[int, object]:
        header = _read_exactly(self.results, _HEADER.size)
        if len(header) < _HEADER.size:
            raise RuntimeError(f"a build worker (process {self.pid}) stopped unexpectedly")
        index, length = _HEADER.unpack(header)
        payload = _read_exactly(self.results, length)
        if len(payload) < length:
            raise RuntimeError(f"a build worker (process {self.pid}) stopped unexpectedly")
        return index, pickle.loads(payload)

    def stop(self, kill: bool) -> None:
        """Close the pipes and reap the process; ``kill`` it first when the work was abandoned."""
        for fd in (self.tasks, self.results):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            if kill:
                os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass


def _serve(func: Callable, items: Sequence, tasks: int, results: int) -> None:
    while True:
        raw = _read_exactly(tasks, 4)
        if len(raw) < 4:
            return
        (index,) = struct.unpack("!i", raw)
        if index < 0:
            return
        payload = pickle.dumps(func(items[index]), protocol=pickle.HIGHEST_PROTOCOL)
        _write_all(results, _HEADER.pack(index, len(payload)) + payload)


def _read_exactly(fd: int, size: int) -> bytes:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
