"""What a build is asked to do: paths and locales normalized once, one value that does not change."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.options import BuildOptions


def test_options_take_paths_as_text_and_locales_as_any_sequence():
    options = BuildOptions("content", "out", locales=["fr", "ar"], template_dir="templates/house")
    assert options.content_dir == Path("content") and options.out_dir == Path("out")
    assert options.template_dir == Path("templates/house")
    assert options.locales == ("fr", "ar")


def test_options_resolve_against_the_working_directory_when_made(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    options = BuildOptions("content", "out")
    assert options.project_dir == tmp_path
    assert options.template_dir is None and options.jobs is None


def test_options_are_one_value_that_does_not_change_under_the_build():
    options = BuildOptions("content", "out", locales=["fr"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.force = True
    assert options == BuildOptions("content", "out", locales=("fr",), project_dir=options.project_dir)


def test_previews_are_asked_for_by_either_pdf_or_png():
    assert not BuildOptions("c", "o").previews
    assert BuildOptions("c", "o", pdf=True).previews and BuildOptions("c", "o", png=True).previews
