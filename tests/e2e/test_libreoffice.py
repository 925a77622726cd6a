"""A real renderer opens the deck: LibreOffice converts it to PDF, one page per slide, side by side, once per deck."""

from __future__ import annotations

import json
import shutil

import pymupdf
import pytest
from pptx import Presentation

from generator.output.incremental import sha256_file

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
    from generator.output.libreoffice import SofficeConverter

    need_soffice()
    converted = []
    convert = SofficeConverter.convert

    def spy(self, decks, out_dir, on_pdf=None):
        converted.append([deck.name for deck in decks])
        return convert(self, decks, out_dir, on_pdf)

    monkeypatch.setattr(SofficeConverter, "convert", spy)
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
