"""What ``deck serve`` rebuilds with: an engine whose ``rebuild(changed_paths)`` writes every locale's PPTX.

The server needs no more than this from an engine:

- ``build_all()``: the first build, PPTX, PDF and PNG previews of every locale;
- ``rebuild(changed_paths)``: every locale's PPTX again after ``changed_paths`` changed.

Both return the build's result (``deck_id``, ``locales``, ``outputs`` in the same order,
``warnings``) or raise ``DeckError``. ``BuildEngine`` runs the ordinary incremental build
in this process, which stays alive with the generator imported; an engine that keeps the
loaded project and its caches between rebuilds can take its place without the server
changing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from ..options import BuildOptions


class BuildEngine:
    """Rebuilds with the build function it is given (``generator.build.build``), up to date by the manifest."""

    def __init__(self, build_function: Callable, options: BuildOptions):
        self.build_function = build_function
        self.options = replace(options, all_locales=True, pdf=False, png=False)

    def build_all(self):
        return self.build_function(replace(self.options, pdf=True, png=True))

    def rebuild(self, changed_paths: set[Path]):
        """The decks' inputs are hashed by the build itself; ``changed_paths`` says only that something changed."""
        return self.build_function(self.options)
