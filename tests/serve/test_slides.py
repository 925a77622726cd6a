"""Slide fingerprints: a slide's changes are seen, other slides' and speaker notes' are not; PNGs of chosen pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build
from generator.options import BuildOptions
from generator.serve.slides import (changed_slides, file_version, rewrite_contact_sheet, slide_fingerprints,
                                    slide_png, write_slide_pngs)

from ..conftest import numbered_pdf
from .conftest import FIGURES_SLIDE, set_figure

ROOT = Path(__file__).resolve().parents[2]


def english_deck(content_dir: Path, out_dir: Path) -> Path:
    result = build(BuildOptions(content_dir, out_dir, project_dir=ROOT))
    return result.outputs[0]


def test_a_figure_edit_changes_the_fingerprint_of_the_slide_showing_it_only(small_content, tmp_path,
                                                                            replace_text):
    before = slide_fingerprints(english_deck(small_content, tmp_path / "a"))
    assert len(before) == 3 and len(set(before)) == 3
    set_figure(small_content, "iec.technical_committees", 211)
    after = slide_fingerprints(english_deck(small_content, tmp_path / "b"))
    assert changed_slides(before, after) == {FIGURES_SLIDE}


def test_speaker_notes_do_not_change_a_fingerprint(small_content, tmp_path, replace_text):
    before = slide_fingerprints(english_deck(small_content, tmp_path / "a"))
    replace_text(small_content / "slides" / "08-iec-figures.yaml", "A few figures give", "Some figures give")
    after = slide_fingerprints(english_deck(small_content, tmp_path / "b"))
    assert after == before


def test_every_slide_changes_when_the_count_does_or_nothing_was_known():
    assert changed_slides(["a", "b"], ["a", "b", "c"]) == {1, 2, 3}
    assert changed_slides(None, ["a"]) == {1}
    assert changed_slides(["a", "b"], ["a", "x"]) == {2}


@pytest.fixture
def pdf(tmp_path) -> Path:
    return numbered_pdf(tmp_path / "deck.pdf", 3)


def test_only_the_chosen_pages_are_drawn_and_previews_past_the_end_removed(pdf, tmp_path):
    from PIL import Image

    out = tmp_path / "out"
    slide_png(out, "en", 5).parent.mkdir(parents=True)
    slide_png(out, "en", 5).write_bytes(b"old")
    write_slide_pngs(pdf, out, "en", {2}, count=3)
    assert not slide_png(out, "en", 1).exists() and not slide_png(out, "en", 5).exists()
    with Image.open(slide_png(out, "en", 2)) as image:
        assert image.width == 1280
    write_slide_pngs(pdf, out, "en", {1, 3}, count=3)
    rewrite_contact_sheet(out, "en", 3)
    assert (out / "previews" / "en" / "contact-sheet.png").is_file()
    assert len({file_version(slide_png(out, "en", n)) for n in (1, 2, 3)}) == 3
    assert file_version(tmp_path / "missing.png") is None
