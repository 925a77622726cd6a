"""Kind ``title``: the cover writes its title and subtitle into the title layout's placeholders."""

from __future__ import annotations

import pytest
from pptx.enum.shapes import PP_PLACEHOLDER

from .conftest import HOUSE, assert_sizes_in_range, font_sizes, paragraph_is_rtl


@pytest.fixture(scope="module")
def cover(build_alone):
    return build_alone("cover")


def test_the_cover_uses_the_title_layout_and_draws_no_shape_of_its_own(cover):
    assert cover.slide.slide_layout.name == "Title Slide"
    assert cover.drawn == {}


def test_title_and_subtitle_fill_their_placeholders(cover):
    title = cover.placeholder(PP_PLACEHOLDER.CENTER_TITLE)
    subtitle = cover.placeholder(PP_PLACEHOLDER.SUBTITLE)
    assert title.text_frame.text == cover.model.title
    assert subtitle.text_frame.text == cover.model.subtitle


def test_the_cover_title_is_set_in_the_big_number_range(cover):
    title = cover.placeholder(PP_PLACEHOLDER.CENTER_TITLE)
    assert_sizes_in_range(title, "big_number")
    assert_sizes_in_range(cover.placeholder(PP_PLACEHOLDER.SUBTITLE), "subtitle")
    # a title this short fits at a size no slide title reaches
    assert min(font_sizes(title)) > HOUSE.size("title")[0]


def test_placeholders_keep_the_layouts_place(cover):
    layout = {shape.placeholder_format.idx: shape for shape in cover.slide.slide_layout.placeholders}
    for shape in cover.slide.placeholders:
        source = layout[shape.placeholder_format.idx]
        assert (shape.left, shape.top, shape.width, shape.height) == \
            (source.left, source.top, source.width, source.height), shape.name


def test_arabic_cover_reads_right_to_left(build_alone):
    cover = build_alone("cover", "ar")
    for kind in (PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.SUBTITLE):
        paragraphs = cover.placeholder(kind).text_frame.paragraphs
        assert paragraphs and all(paragraph_is_rtl(p) for p in paragraphs), kind
