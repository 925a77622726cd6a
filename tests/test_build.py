"""The build's plan: the steps it announces, and how its job reaches the workers."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from generator import build as build_module
from generator.build import build
from generator.options import BuildOptions

ROOT = Path(__file__).resolve().parents[1]


class _Recorder:
    def __init__(self):
        self.planned: list[int] = []
        self.steps: list[str] = []

    def start(self, steps: int) -> None:
        self.planned.append(steps)

    def step(self, label: str) -> None:
        self.steps.append(label)


def test_the_build_announces_as_many_steps_as_it_takes(content_copy, keep_slides, tmp_path):
    keep_slides(content_copy, "cover")
    options = BuildOptions(content_copy, tmp_path / "out", locales=["en", "fr"], project_dir=ROOT, jobs=1)
    progress = _Recorder()
    build(options, progress)
    assert progress.planned == [2] and progress.steps == ["rendered en", "rendered fr"]

    again = _Recorder()
    build(options, again)                        # nothing changed: both decks are up to date
    assert again.planned == [2] and again.steps == ["up to date en", "up to date fr"]


def test_a_build_starts_from_a_new_build_context(content_copy, keep_slides, tmp_path):
    from generator.build_context import build_cache, current

    keep_slides(content_copy, "cover")
    build_cache("left by an earlier build")["key"] = "stale"
    build(BuildOptions(content_copy, tmp_path / "out", project_dir=ROOT, jobs=1))
    assert "left by an earlier build" not in current().caches


class _EchoJob:
    """Stands in for a build's job: says which job rendered the tag, and in which process."""

    def __init__(self, name: str):
        self.name = name

    def render(self, tag: str):
        return tag, self.name, os.getpid()

    render_in_worker = render


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_forked_workers_render_the_job_they_are_handed():
    try:
        for name in ("first build", "second build"):
            outcomes = list(build_module._render_locales(_EchoJob(name), ["en", "fr", "ar"], jobs=2))
            assert [(tag, job) for tag, job, _ in outcomes] == [("en", name), ("fr", name), ("ar", name)]
            assert all(pid != os.getpid() for _, _, pid in outcomes)
    finally:
        gc.unfreeze()                            # forking froze the test process's objects


def test_one_job_renders_here_without_forking():
    outcomes = list(build_module._render_locales(_EchoJob("alone"), ["en"], jobs=4))
    assert outcomes == [("en", "alone", os.getpid())]
