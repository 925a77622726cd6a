"""Kind ``bullets``: a title and nested bullets in the body placeholder, an optional lead first."""

from __future__ import annotations

import pytest
from pptx.enum.shapes import PP_PLACEHOLDER

from generator.model import bullet_lines

from .conftest import assert_sizes_in_range, paragraph_is_rtl


@pytest.fixture(scope="module")
def bullets(build_alone):
    return build_alone("iso-introduction")


def body(built):
    return built.placeholder(PP_PLACEHOLDER.OBJECT)


def test_bullets_go_into_the_content_layouts_placeholders_only(bullets):
    assert bullets.slide.slide_layout.name == "Title and Content"
    assert bullets.drawn == {}
    assert bullets.placeholder(PP_PLACEHOLDER.TITLE).text_frame.text == bullets.model.title


def test_one_paragraph_per_bullet_at_its_level(bullets):
    expected = bullet_lines(bullets.model.items)
    assert len(expected) > 1
    got = [(p.text, p.level) for p in body(bullets).text_frame.paragraphs]
    assert got == expected


def test_bullets_are_set_in_the_body_range_at_one_size(bullets):
    assert_sizes_in_range(body(bullets), "body")
    sizes = {run.font.size for p in body(bullets).text_frame.paragraphs for run in p.runs}
    assert len(sizes) == 1                      # the whole body fitted at one size


def test_the_body_keeps_the_layouts_place(bullets):
    source = next(s for s in bullets.slide.slide_layout.placeholders if s.placeholder_format.idx == 1)
    shape = body(bullets)
    assert (shape.left, shape.top, shape.width, shape.height) == (source.left, source.top, source.width, source.height)


def test_arabic_bullets_read_right_to_left(build_alone):
    arabic = build_alone("iso-introduction", "ar")
    paragraphs = body(arabic).text_frame.paragraphs
    assert len(paragraphs) == len(bullet_lines(arabic.model.items))
    assert all(paragraph_is_rtl(p) for p in paragraphs)
