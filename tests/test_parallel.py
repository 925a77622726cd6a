"""fork_map: results in order, computed in forked workers by the function it is given."""

from __future__ import annotations

import os
import threading
import time

import pytest

from generator.parallel import fork_map

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")


def test_results_come_back_in_the_order_of_the_items():
    def slow_first(item: int) -> int:
        time.sleep(0.2 if item == 0 else 0)
        return item * item

    assert list(fork_map(slow_first, range(6), 3)) == [0, 1, 4, 9, 16, 25]


def test_the_function_reaches_the_workers_with_what_it_closes_over():
    lock = threading.Lock()                 # cannot be pickled: it can only travel by fork
    job = {"lock": lock, "prefix": "built"}

    def work(tag: str):
        return f"{job['prefix']} {tag}", job["lock"] is lock, os.getpid()

    results = list(fork_map(work, ["en", "fr", "ar"], 2))
    assert [(text, same) for text, same, _ in results] == [("built en", True), ("built fr", True), ("built ar", True)]
    assert all(pid != os.getpid() for _, _, pid in results)


def test_one_job_runs_in_this_process():
    assert list(fork_map(lambda item: (item, os.getpid()), ["en", "fr"], 1)) == [("en", os.getpid()), ("fr", os.getpid())]
