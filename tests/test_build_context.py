"""The build context: what a build memoizes lasts that build; process-wide caches can be emptied."""

from __future__ import annotations

from functools import lru_cache

from generator import build_context
from generator.build_context import (BuildContext, build_cache, clear_process_caches, current, memoize,
                                     process_cache, start_build)
from generator.layout.fonts import METRIC_TWINS, FontSet
from generator.layout.measure import TextMeasurer


def test_a_new_build_context_starts_with_empty_caches():
    build_cache("something")["key"] = "answer"
    before = current()
    fresh = start_build()
    assert fresh is current() and fresh is not before
    assert fresh.caches == {} and build_cache("something") == {}


def test_reset_forgets_everything_memoized():
    context = BuildContext()
    context.cache("widths")["word"] = 1.5
    context.reset()
    assert context.cache("widths") == {}


def test_a_memoized_function_answers_once_per_build():
    calls = []

    @memoize
    def square(n: int) -> int:
        calls.append(n)
        return n * n

    start_build()
    assert square(3) == 9 and square(3) == 9
    assert calls == [3]
    start_build()
    assert square(3) == 9
    assert calls == [3, 3]


def test_measuring_text_fills_the_current_build_context_and_a_new_one_is_empty():
    start_build()
    TextMeasurer(FontSet(latin="Arial", twins=METRIC_TWINS)).em_width("Über 170 Länder")
    assert current().caches, "shaping memoizes in the build context"
    assert start_build().caches == {}


def test_process_caches_are_cleared_on_request():
    calls = []

    @process_cache
    @lru_cache(maxsize=None)
    def double(n: int) -> int:
        calls.append(n)
        return 2 * n

    table = process_cache({"kept": 1})
    double(2)
    start_build()                                 # a new build keeps what depends on the arguments alone
    double(2)
    assert calls == [2] and table == {"kept": 1}
    clear_process_caches()
    double(2)
    assert calls == [2, 2] and table == {}
    build_context._PROCESS_CACHES.remove(double)
    build_context._PROCESS_CACHES.remove(table)
