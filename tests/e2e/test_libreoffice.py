"""A real renderer opens the deck: LibreOffice converts it to PDF, one page per slide."""

from __future__ import annotations

import pymupdf
import pytest
from pptx import Presentation

from .conftest import convert_to_pdf

pytestmark = pytest.mark.render


def test_libreoffice_renders_one_page_per_slide(english_deck, tmp_path):
    pdf = convert_to_pdf(english_deck, tmp_path)
    with pymupdf.open(pdf) as document:
        assert document.page_count == len(Presentation(english_deck).slides)
        first_page_text = document[1].get_text()
    assert "Introduction to ISO" in first_page_text
