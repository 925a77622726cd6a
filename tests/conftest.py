"""Fixtures shared by the unit tests: the repository root, throw-away copies of content/, the alternative template."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .fixtures.make_alt_template import make_alt_template

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project_root() -> Path:
    """The repository root: deck.yaml names ``templates/corporate`` relative to it."""
    return ROOT


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of ``content/`` that a test may break as it likes."""
    dest = tmp_path / "content"
    shutil.copytree(ROOT / "content", dest, symlinks=True)
    return dest


@pytest.fixture(scope="session")
def alt_template(tmp_path_factory) -> Path:
    """The alternative template's folder (4:3, renamed layouts): ``alt.pptx`` and ``mapping.yaml``.

    Shared by every test that asks for it: copy it before changing anything in it.
    """
    return make_alt_template(tmp_path_factory.mktemp("alt-template"))


@pytest.fixture(scope="session")
def matrix_template(tmp_path_factory):
    """``matrix_template(name)``: the folder of a template of the generated matrix, mapped by
    ``deck template init`` (made once per session; copy it before changing anything in it)."""
    from generator.output.writer import write_atomic
    from generator.template.init import init_template

    from .fixtures.make_template_matrix import MATRIX, make_template

    made: dict[str, Path] = {}

    def folder(name: str) -> Path:
        if name not in made:
            spec = next(spec for spec in MATRIX if spec.name == name)
            work = tmp_path_factory.mktemp(name)
            made[name] = init_template(make_template(spec, work / f"{name}.pptx"), work / "template",
                                       write_atomic)[1]
        return made[name]

    return folder


def numbered_pdf(path: Path, pages: int) -> Path:
    """A PDF of ``pages`` 16:9 pages (960 x 540 pt), each with "slide N" written on it."""
    import pymupdf

    document = pymupdf.open()
    for number in range(1, pages + 1):
        page = document.new_page(width=960, height=540)
        page.insert_text((100, 270), f"slide {number}", fontsize=48)
    document.save(path)
    return path


@pytest.fixture
def replace_text():
    """``replace(path, old, new)``: edit a content file, failing loudly when ``old`` is not there."""

    def replace(path: Path, old: str, new: str, count: int = 1) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {path}; the fixture content changed"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return replace


@pytest.fixture
def run_deck(monkeypatch):
    """``run_deck(*args)``: invoke the ``deck`` CLI from the repository root, stderr apart from stdout."""
    from click.testing import CliRunner

    from generator.cli import main

    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    runner = CliRunner()

    def invoke(*args, **kwargs):
        return runner.invoke(main, [str(a) for a in args], **kwargs)

    return invoke


@pytest.fixture(scope="session")
def keep_slides():
    """``keep(content_dir, *slide_ids)``: list only these slides in a content copy's deck.yaml (faster builds)."""
    import re

    def keep(content_dir: Path, *slide_ids: str) -> None:
        path = content_dir / "deck.yaml"
        text = path.read_text(encoding="utf-8")
        listed = re.search(r"^slides:\n((?:  - .*\n?)+)", text, re.M)
        assert listed, f"no block list of slides in {path}; the fixture content changed"
        for slide_id in slide_ids:
            assert f"  - {slide_id}" in listed.group(1), slide_id
        new = "slides:\n" + "".join(f"  - {slide_id}\n" for slide_id in slide_ids)
        path.write_text(text[:listed.start()] + new + text[listed.end():], encoding="utf-8")

    return keep


def processes_naming(text: str) -> list[int]:
    """The live processes (zombies left out) whose command line holds ``text``, this one excepted."""
    mark = os.fsencode(text)
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                command = handle.read()
            with open(f"/proc/{pid}/stat") as handle:
                state = handle.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if mark in command and state not in "ZX" and int(pid) != os.getpid():
            found.append(int(pid))
    return found
