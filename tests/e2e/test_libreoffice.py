"""A real renderer opens the deck: LibreOffice converts it to PDF, one page per slide, side by side, once per deck."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from pathlib import Path

import pymupdf
import pytest
from pptx import Presentation

from generator.errors import DeckError
from generator.output.incremental import sha256_file

from ..conftest import processes_naming
from .conftest import DECK_ID, ROOT, build_deck, convert_to_pdf, need_soffice

pytestmark = pytest.mark.render


def test_libreoffice_renders_one_page_per_slide(english_deck, tmp_path):
    pdf = convert_to_pdf(english_deck, tmp_path)
    with pymupdf.open(pdf) as document:
        assert document.page_count == len(Presentation(english_deck).slides)
        first_page_text = document[1].get_text()
    assert "Introduction to ISO" in first_page_text


def test_side_by_side_runs_convert_every_deck(english_deck, tmp_path):
    from generator.output.libreoffice import SofficeConverter

    need_soffice()
    copies = []
    for name in ("one", "two", "three"):
        copies.append(tmp_path / "in" / f"{name}.pptx")
        copies[-1].parent.mkdir(exist_ok=True)
        shutil.copyfile(english_deck, copies[-1])
    handed = []
    pdfs = SofficeConverter(jobs=2).convert(copies, tmp_path / "pdf", on_pdf=lambda index, pdf: handed.append(index))
    assert sorted(handed) == [0, 1, 2]
    slides = len(Presentation(english_deck).slides)
    for pdf in pdfs:
        with pymupdf.open(pdf) as document:
            assert document.page_count == slides


def test_a_deck_whose_bytes_did_not_change_keeps_its_pdf_and_previews(tmp_path, monkeypatch):
    """A comment added to figures.yaml rebuilds the deck (its inputs changed) to the same bytes: no new PDF."""
    from generator.output import libreoffice

    need_soffice()
    converted = []
    open_converter = libreoffice.open_converter

    def spying(*args, **kwargs):
        converter = open_converter(*args, **kwargs)
        convert = converter.convert

        def spy(decks, out_dir, on_pdf=None):
            converted.append([deck.name for deck in decks])
            return convert(decks, out_dir, on_pdf)

        converter.convert = spy
        return converter

    monkeypatch.setattr(libreoffice, "open_converter", spying)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    out = tmp_path / "build"
    build_deck(out, content_dir=content, pdf=True, png=True)
    pdf = out / f"{DECK_ID}-en.pdf"
    first = pdf.read_bytes()
    entry = next(e for e in json.loads((out / "manifest.json").read_text())["files"] if e["path"] == pdf.name)
    assert entry["rendered_from"]["deck_sha256"] == sha256_file(out / f"{DECK_ID}-en.pptx")

    with open(content / "figures.yaml", "a", encoding="utf-8") as figures:
        figures.write("# reviewed\n")
    again = build_deck(out, content_dir=content, pdf=True, png=True)
    assert again.up_to_date == []                                   # the deck was built again...
    assert converted == [[f"{DECK_ID}-en.pptx"]]                    # ...but not converted again
    assert pdf.read_bytes() == first
    assert len(again.pngs["en"]) == len(Presentation(out / f"{DECK_ID}-en.pptx").slides)

    build_deck(out, content_dir=content, pdf=True, png=True, force=True)
    assert converted == [[f"{DECK_ID}-en.pptx"]] * 2               # --force converts again


# ---------------------------------------------------------------- the long-lived converter (UNO)

def need_uno_python() -> str:
    """A Python that imports uno; a missing one skips locally but fails in CI, where python3-uno is installed."""
    from generator.output.libreoffice import uno_python

    need_soffice()
    uno_python.cache_clear()
    python = uno_python()
    if python is None:
        if os.environ.get("CI"):
            pytest.fail("no Python can import uno; .ci/run must install python3-uno")
        pytest.skip("no Python can import uno (python3-uno)")
    return python


@pytest.fixture
def uno(tmp_path, monkeypatch):
    """A ``UnoConverter`` factory with profiles in the test's own cache folder; each one made is closed after."""
    from generator.output.libreoffice import UnoConverter

    python = need_uno_python()
    profiles = tmp_path / "profiles"
    made = []

    def make(jobs: int = 1, timeout: int = 120) -> UnoConverter:
        made.append(UnoConverter(python, jobs, timeout, profiles))
        return made[-1]

    make.profiles = profiles
    yield make
    for converter in made:
        converter.close()


def copies_of(deck: Path, folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(deck, folder / f"{name}.pptx")
    return [folder / f"{name}.pptx" for name in names]


def test_the_converter_found_is_the_long_lived_one(monkeypatch):
    from generator.output.libreoffice import UnoConverter, open_converter

    need_uno_python()
    with open_converter(jobs=2) as converter:
        assert isinstance(converter, UnoConverter)
        assert converter.jobs == 2


def test_lanes_convert_every_deck_and_stay_up_for_the_next_call(english_deck, uno, tmp_path):
    converter = uno(jobs=2)
    handed = []
    pdfs = converter.convert(copies_of(english_deck, tmp_path / "in", "one", "two", "three"), tmp_path / "pdf",
                             on_pdf=lambda index, pdf: handed.append(index))
    assert sorted(handed) == [0, 1, 2]
    assert [pdf.name for pdf in pdfs] == ["one.pdf", "two.pdf", "three.pdf"]
    slides = len(Presentation(english_deck).slides)
    for pdf in pdfs:
        with pymupdf.open(pdf) as document:
            assert document.page_count == slides
    offices = [lane.office.pid for lane in converter.lanes]
    [again] = converter.convert(copies_of(english_deck, tmp_path / "in2", "four"), tmp_path / "pdf")
    assert again.is_file()
    assert [lane.office.pid for lane in converter.lanes] == offices        # not started again
    converter.close()
    assert processes_naming(uno.profiles.as_uri()) == []
    assert all((folder / "ready").is_file() for folder in uno.profiles.glob("libreoffice-profile-?"))


def test_a_file_that_is_no_presentation_is_named_and_the_next_call_works(english_deck, uno, tmp_path):
    converter = uno()
    text = tmp_path / "in" / "notes.pptx"
    text.parent.mkdir()
    text.write_text("not a presentation\n")
    with pytest.raises(DeckError) as caught:
        converter.convert([english_deck, text], tmp_path / "pdf")
    assert "notes.pptx" in str(caught.value)
    assert not (tmp_path / "pdf").exists()                 # all or nothing
    [pdf] = converter.convert([english_deck], tmp_path / "pdf")
    assert pdf.is_file()


def test_libreoffice_killed_between_calls_is_started_again(english_deck, uno, tmp_path):
    converter = uno()
    converter.convert([english_deck], tmp_path / "pdf")
    for pid in processes_naming(uno.profiles.as_uri()):
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.5)
    [pdf] = converter.convert([english_deck], tmp_path / "pdf2")
    assert pdf.is_file()


def test_libreoffice_killed_while_converting_is_an_error_naming_the_deck(english_deck, uno, tmp_path):
    converter = uno()
    converter.start()

    def kill_libreoffice(index, pdf):
        for pid in processes_naming(uno.profiles.as_uri()):
            os.kill(pid, signal.SIGKILL)

    with pytest.raises(DeckError) as caught:
        converter.convert(copies_of(english_deck, tmp_path / "in", "one", "two"), tmp_path / "pdf",
                          on_pdf=kill_libreoffice)
    assert "LibreOffice stopped while converting" in str(caught.value)
    assert "two.pptx" in str(caught.value)
    assert not (tmp_path / "pdf").exists()
    assert processes_naming(uno.profiles.as_uri()) == []


def test_started_and_closed_unused_leaves_nothing_running(uno):
    converter = uno(jobs=2)
    converter.start()
    started = time.monotonic()
    converter.close()
    assert time.monotonic() - started < 5
    assert processes_naming(uno.profiles.as_uri()) == []
    assert converter.scratch is None


def test_a_deck_submitted_ahead_is_converted_once(english_deck, uno, tmp_path, monkeypatch):
    from generator.output.libreoffice import _UnoLane

    sent = []
    send = _UnoLane.send
    monkeypatch.setattr(_UnoLane, "send", lambda lane, conversion: (sent.append(conversion.deck.name),
                                                                    send(lane, conversion)))
    converter = uno()
    converter.submit(english_deck.name, english_deck.read_bytes())
    [pdf] = converter.convert([english_deck], tmp_path / "pdf")
    assert sent == [english_deck.name]
    with pymupdf.open(pdf) as document:
        assert document.page_count == len(Presentation(english_deck).slides)
    other = copies_of(english_deck, tmp_path / "in", "other")[0]
    converter.convert([other], tmp_path / "pdf")
    assert sent == [english_deck.name, "other.pptx"]      # not submitted ahead: converted when asked
