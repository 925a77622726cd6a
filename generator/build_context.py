"""The build context: what one build memoizes, gone when the next build starts.

A build asks the same questions again and again: which file is this font, how wide is this
word in it, what XML does a fresh slide of this layout have. The answers are kept in one
``BuildContext`` instead of module globals. ``build()`` starts a new one, so nothing one
build memoized reaches the next in the same process (a test run, a long-lived tool) after
a font was installed or a template edited. Forked workers inherit the context of the build
that forked them; what they add to it ends with them.

Answers that depend on their arguments alone (a character's script, a grid of font sizes,
a hash of the code this process runs) may live as long as the process, in ``functools``
caches registered with ``process_cache``; ``clear_process_caches()`` empties them, for tests.

This module is at the bottom of the package: any module may use it, it uses none.
"""

from __future__ import annotations

import functools
from collections.abc import Callable


class BuildContext:
    """The named caches of one build, each a dict made on first use."""

    def __init__(self):
        self.caches: dict[str, dict] = {}

    def cache(self, name: str) -> dict:
        found = self.caches.get(name)
        if found is None:
            found = self.caches[name] = {}
        return found

    def reset(self) -> None:
        """Forget everything memoized so far."""
        self.caches.clear()


_current = BuildContext()


def current() -> BuildContext:
    """The context of the build running, or of the last one (or of none yet: tests, ``deck diff``...)."""
    return _current


def start_build() -> BuildContext:
    """A new, empty context for the build about to run."""
    global _current
    _current = BuildContext()
    return _current


def build_cache(name: str) -> dict:
    """The current build's cache called ``name``."""
    return _current.cache(name)


def memoize(func: Callable) -> Callable:
    """``functools.cache`` for one build: the answers are kept in the current build context."""
    name = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def memoized(*args):
        table = _current.cache(name)
        try:
            return table[args]
        except KeyError:
            value = table[args] = func(*args)
            return value

    return memoized


_PROCESS_CACHES: list = []


def process_cache(cache):
    """Register a cache that may live as long as the process: a ``functools`` cache or a dict."""
    _PROCESS_CACHES.append(cache)
    return cache


def clear_process_caches() -> None:
    """Empty every cache registered with ``process_cache``."""
    for cache in _PROCESS_CACHES:
        getattr(cache, "cache_clear", getattr(cache, "clear", None))()
