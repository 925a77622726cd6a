"""One slide being drawn: slots to placeholders, the area left for content, unused placeholders removed."""

from __future__ import annotations

import pytest
from pptx.enum.shapes import PP_PLACEHOLDER

from generator.errors import DeckError
from generator.layout.geometry import Rect
from generator.render.context import rect_of
from generator.render.page import FOOTER_TYPES
from generator.render.text import Para, TextStyle


def layout_placeholder(page, idx: int):
    return next(shape for shape in page.layout.placeholders if shape.placeholder_format.idx == idx)


def bold_runs(shape) -> set:
    return {run.font.bold for paragraph in shape.text_frame.paragraphs for run in paragraph.runs}


def test_slots_are_the_mappings_placeholder_indices(new_page):
    page = new_page("two_content")
    assert page.has_slot("left") and page.has_slot("right") and not page.has_slot("body")
    assert page.placeholder("right").placeholder_format.idx == page.slots["right"] == 2


def test_a_slot_without_its_placeholder_names_the_layout_and_idx(new_page):
    page = new_page("title_only")
    page.slots = {**page.slots, "body": 7}
    with pytest.raises(DeckError, match=r"layout 'Title Only' has no placeholder idx 7 for slot 'body'"):
        page.placeholder("body")
    with pytest.raises(DeckError, match=r"no placeholder idx 7 for slot 'body'"):
        page.slot_rect("body")


def test_set_title_writes_a_bold_title_fitted_in_the_title_range(new_page, house):
    page = new_page("content")
    page.set_title("Roles in the ISO system")
    title = page.placeholder("title")
    assert title.text_frame.text == "Roles in the ISO system"
    assert bold_runs(title) == {True}
    [record] = page.ctx.fits
    high, low = house.mapping.size("title")
    assert (record.shape, record.role) == ("title", "title") and low <= record.size_pt <= high


def test_a_layout_without_a_title_slot_gets_no_title(new_page):
    page = new_page("blank")
    page.set_title("Nowhere")
    assert page.ctx.fits == []


def test_write_names_the_fit_record_after_the_slot(new_page):
    page = new_page("content")
    shape = page.write("body", [Para("One"), Para("Two")], TextStyle())
    assert shape is page.placeholder("body")
    assert [(r.shape, r.text) for r in page.ctx.fits] == [("body", "One / Two")]


def test_slot_rect_is_the_placeholders_position_inherited_from_the_layout(new_page):
    page = new_page("content")
    assert page.slot_rect("body") == rect_of(layout_placeholder(page, 1))


def test_the_content_area_is_the_body_when_there_is_one(new_page):
    page = new_page("content")
    assert page.content_area() == page.slot_rect("body")


def test_without_a_body_the_content_area_lies_under_the_title_and_over_the_footer(new_page):
    page = new_page("title_only")
    ctx, title = page.ctx, page.slot_rect("title")
    footer_top = min(int(shape.top) for shape in page.layout.placeholders
                     if shape.placeholder_format.type in FOOTER_TYPES)
    area = page.content_area()
    assert area == Rect(title.left, title.bottom + ctx.inches(0.2), title.width,
                        footer_top - ctx.inches(0.15) - title.bottom - ctx.inches(0.2))


def test_without_title_or_body_the_content_area_keeps_a_margin(new_page):
    page = new_page("blank")
    ctx = page.ctx
    area = page.content_area()
    assert (area.left, area.top) == (ctx.inches(0.6), ctx.inches(0.6))
    assert area.right == ctx.slide_rect.width - ctx.inches(0.6)
    assert 0 < area.bottom < ctx.slide_rect.height


def test_unfilled_placeholders_are_removed_and_counted(new_page):
    page = new_page("two_content")
    page.set_title("Two columns")
    page.write("left", [Para("Left")], TextStyle())
    assert page.remove_unfilled_placeholders() == 1
    kept = {shape.placeholder_format.idx for shape in page.slide.placeholders}
    assert kept == {0, 1}


def test_a_placeholder_read_only_for_its_geometry_is_removed_too(new_page):
    page = new_page("content")
    page.set_title("Title")
    page.slot_rect("body")                  # a renderer may place shapes by the body's box alone
    assert page.remove_unfilled_placeholders() == 1
    assert [shape.placeholder_format.type for shape in page.slide.placeholders] == [PP_PLACEHOLDER.TITLE]


def test_a_title_too_long_for_its_box_grows_down_but_not_into_the_body(content_copy, keep_slides, matrix_template,
                                                                      tmp_path, project_root):
    """The moved, shrunk title of one template holds the 40%-longer pseudo-locale title; the content
    is drawn below it."""
    from pptx import Presentation

    from generator.build import build
    from generator.options import BuildOptions

    keep_slides(content_copy, "sd-ca-activities")
    options = BuildOptions(content_copy, tmp_path / "out", ["qps-ploc"],
                           template_dir=matrix_template("house-16x9-calibri-moved"), project_dir=project_root)
    prs = Presentation(build(options).outputs[0])
    slide = prs.slides[0]
    title = next(s for s in slide.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.TITLE)
    layout_title = next(s for s in slide.slide_layout.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.TITLE)
    assert title.height > layout_title.height
    assert (title.left, title.top, title.width) == (layout_title.left, layout_title.top, layout_title.width)
    drawn = [shape for shape in slide.shapes if not shape.is_placeholder]
    assert drawn and title.top + title.height <= min(shape.top for shape in drawn)
