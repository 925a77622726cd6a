"""A small deck for the preview's tests: three slides in English, French and Arabic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SLIDES = ("cover", "iso-introduction", "iec-figures")   # iec-figures is slide 3
FIGURES_SLIDE = 3


def keep_locales(content_dir: Path, *tags: str) -> None:
    path = content_dir / "deck.yaml"
    text, count = re.subn(r"^locales: \[.*\]$", f"locales: [{', '.join(tags)}]", path.read_text(encoding="utf-8"),
                          flags=re.M)
    assert count == 1, f"no one-line locales list in {path}; the fixture content changed"
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def small_content(content_copy, keep_slides) -> Path:
    keep_slides(content_copy, *SLIDES)
    keep_locales(content_copy, "fr", "ar")
    return content_copy


def set_figure(content_dir: Path, key: str, value: int) -> None:
    """Edit one figure's value in figures.yaml as an author would (``iec.technical_committees``)."""
    group, name = key.split(".")
    path = content_dir / "figures.yaml"
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"(^{group}:\n(?:  .*\n|\n)*?  {name}:\n    value: )\d+", re.M)
    text, count = pattern.subn(rf"\g<1>{value}", text)
    assert count == 1, f"{key} has no value line in {path}; the fixture content changed"
    path.write_text(text, encoding="utf-8")
