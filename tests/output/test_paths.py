"""Where a build's files go in OUT."""

from __future__ import annotations

from pathlib import Path

from generator.output.paths import deck_path, pdf_path, preview_dir


def test_a_deck_is_named_after_the_deck_and_its_locale():
    assert deck_path(Path("out"), "intro", "zh-Hans") == Path("out/intro-zh-Hans.pptx")


def test_the_pdf_sits_beside_its_deck():
    assert pdf_path("out", "intro", "fr") == deck_path("out", "intro", "fr").with_suffix(".pdf")


def test_previews_go_in_a_folder_per_locale():
    assert preview_dir("out", "ar") == Path("out/previews/ar")
