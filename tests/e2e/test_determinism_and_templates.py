"""Byte-identical rebuilds, atomic failure, and any template through its mapping."""

from __future__ import annotations

import pytest
from pptx import Presentation

from .conftest import DECK_ID, ROOT, build_deck
from generator.errors import ContentError


def test_two_builds_are_byte_identical(tmp_path, english_deck):
    build_deck(tmp_path)
    assert (tmp_path / f"{DECK_ID}-en.pptx").read_bytes() == english_deck.read_bytes()


def test_source_date_epoch_changes_the_bytes_but_stays_deterministic(tmp_path, monkeypatch, english_deck):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")   # 2026-01-01
    build_deck(tmp_path / "a")
    build_deck(tmp_path / "b")
    first = (tmp_path / "a" / f"{DECK_ID}-en.pptx").read_bytes()
    assert first == (tmp_path / "b" / f"{DECK_ID}-en.pptx").read_bytes()
    assert first != english_deck.read_bytes()
    assert Presentation(tmp_path / "a" / f"{DECK_ID}-en.pptx").core_properties.modified.year == 2026


def test_a_failed_build_leaves_the_previous_deck_untouched(tmp_path):
    build_deck(tmp_path / "out")
    deck = tmp_path / "out" / f"{DECK_ID}-en.pptx"
    before = deck.read_bytes()
    broken = tmp_path / "content"
    import shutil
    shutil.copytree(ROOT / "content", broken)
    slide = broken / "slides" / "01-iso-introduction.yaml"
    slide.write_text(slide.read_text(encoding="utf-8").replace("iso.members", "iso.membres"), encoding="utf-8")
    with pytest.raises(ContentError):
        build_deck(tmp_path / "out", content_dir=broken)
    assert deck.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["index.html", deck.name, "manifest.json"]


def test_a_4_3_template_with_other_layout_names_builds_the_same_deck(tmp_path, alt_template):
    build_deck(tmp_path / "out", template_dir=alt_template)
    prs = Presentation(tmp_path / "out" / f"{DECK_ID}-en.pptx")
    assert prs.slide_width * 3 == prs.slide_height * 4
    assert len(prs.slides) == 17
    layouts = {slide.slide_layout.name for slide in prs.slides}
    assert "Title Slide" not in layouts and len(layouts) >= 3
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if shape.left is None:
                continue
            assert shape.left + shape.width <= prs.slide_width, f"slide {number}: {shape.name}"
            assert shape.top + shape.height <= prs.slide_height, f"slide {number}: {shape.name}"
