"""The render check's reading of a PDF against its deck, with PDFs drawn here instead of by LibreOffice.

The check as a whole, LibreOffice included, is tested in tests/e2e/test_render_check.py.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches

from generator.check.render_check import Box, check_pdf, frozen_copy

TEXT = "Standards give confidence"


@pytest.fixture
def deck(tmp_path) -> Path:
    """One 13.333 x 7.5 in slide (960 x 540 pt) with a box 'Box' at 1 in, 1 in, 4 in wide, 1 in high."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1))
    box.name = "Box"
    box.text_frame.text = TEXT
    box.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    path = tmp_path / "deck.pptx"
    prs.save(str(path))
    return path


def pdf(tmp_path: Path, lines: list[tuple[float, float, str]], pages: int = 1) -> Path:
    """A PDF of 960 x 540 pt pages; ``lines`` (x, baseline y, text) go on the first page."""
    import pymupdf

    document = pymupdf.open()
    for number in range(pages):
        page = document.new_page(width=960, height=540)
        if number == 0:
            for x, y, text in lines:
                page.insert_text((x, y), text, fontsize=14)
    path = tmp_path / "deck.pdf"
    document.save(path)
    return path


def kinds(report) -> list[tuple[int, str, str]]:
    return [(p.slide, p.shape, p.kind) for p in report.problems]


def test_text_inside_its_box_is_no_problem(deck, tmp_path):
    report = check_pdf(deck, pdf(tmp_path, [(80, 100, TEXT)]), with_images=False)
    assert (report.pages, report.lines, report.problems) == (1, 1, [])


def test_text_below_its_box_is_an_overflow_of_that_box(deck, tmp_path):
    report = check_pdf(deck, pdf(tmp_path, [(80, 100, TEXT), (80, 400, TEXT)]), with_images=False)
    assert kinds(report) == [(1, "Box", "overflow")]
    assert report.problems[0].detail.startswith("text leaves its box by ")
    assert report.problems[0].detail.endswith(f'pt: "{TEXT}"')


def test_a_word_split_across_lines_inside_its_box_is_a_broken_word_on_each_line(deck, tmp_path):
    report = check_pdf(deck, pdf(tmp_path, [(80, 100, "Standa"), (80, 120, "rds give confidence")]),
                       with_images=False)
    assert kinds(report) == [(1, "Box", "broken-word")] * 2
    assert [p.detail for p in report.problems] == [
        'the renderer broke a word to fit: "Standa" in "Standa"',
        'the renderer broke a word to fit: "rds" in "rds give confidence"']


def test_more_pages_than_slides_is_a_page_count_problem(deck, tmp_path):
    report = check_pdf(deck, pdf(tmp_path, [(80, 100, TEXT)], pages=2), with_images=False)
    assert report.pages == 2
    assert kinds(report) == [(0, "", "page-count")]
    assert report.problems[0].detail == "2 pages for 1 slides"


def test_a_shape_past_the_slide_edge_is_off_slide(deck, tmp_path):
    prs = Presentation(str(deck))
    prs.slides[0].shapes[0].left = Inches(12)
    prs.save(str(deck))
    report = check_pdf(deck, pdf(tmp_path, []), with_images=False)
    assert kinds(report) == [(1, "Box", "off-slide")]


def test_images_of_the_pages_only_when_asked_for(deck, tmp_path):
    path = pdf(tmp_path, [(80, 100, TEXT)])
    assert check_pdf(deck, path, with_images=False).images == []
    [image] = check_pdf(deck, path).images
    assert image.width == 960


def test_the_frozen_copy_stops_autofit_in_slides_and_keeps_every_other_part(deck, tmp_path):
    frozen = frozen_copy(deck, tmp_path / "frozen.pptx")
    with zipfile.ZipFile(deck) as before, zipfile.ZipFile(frozen) as after:
        assert before.namelist() == after.namelist()
        for name in before.namelist():
            old, new = before.read(name), after.read(name)
            if name == "ppt/slides/slide1.xml":
                assert b"<a:normAutofit" in old
                assert b"<a:normAutofit" not in new and b"<a:noAutofit/>" in new
                assert new.replace(b"<a:noAutofit/>", b"") == old.replace(b"<a:normAutofit/>", b"")
            else:
                assert new == old, name


def test_a_box_holds_text_within_the_tolerance_and_measures_its_overlap():
    box = Box(1, "Box", "text", 100, 100, 200, 150)
    assert box.contains((99, 99, 201, 151))
    assert not box.contains((90, 100, 150, 120))
    assert box.overlap((150, 140, 250, 160)) == 50 * 10
    assert box.overlap((300, 300, 400, 400)) == 0


@pytest.mark.parametrize("last, problems", [("，", []), ("织", [(1, "Box", "overflow")])])
def test_an_east_asian_comma_hanging_past_the_line_end_is_no_overflow(tmp_path, last, problems):
    """LibreOffice lets "，" and "。" hang past the end of a line; any other character there overflows."""
    import pymupdf

    text = "标准化组织标准化组" + last
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    box = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1))
    box.name, box.text_frame.text = "Box", text
    deck = tmp_path / "deck.pptx"
    prs.save(str(deck))
    document = pymupdf.open()
    page = document.new_page(width=960, height=540)
    # nine characters end 4 pt inside the box's right edge (360 pt); the tenth lies past it
    page.insert_text((360 - 4 - 9 * 14, 100), text, fontsize=14, fontname="china-s")
    document.save(tmp_path / "deck.pdf")
    report = check_pdf(deck, tmp_path / "deck.pdf", with_images=False)
    assert kinds(report) == problems
