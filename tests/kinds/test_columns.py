"""Kind ``columns``: titled columns of bullets side by side, first column on the reading side."""

from __future__ import annotations

import pytest

from generator.model import bullet_lines

from .conftest import assert_sizes_in_range


@pytest.fixture(scope="module")
def columns(build_alone):
    return build_alone("iso-roles")


def names(count: int) -> list[str]:
    return [name for i in range(1, count + 1) for name in (f"Column {i} heading", f"Column {i}")]


def test_a_heading_and_a_body_per_column(columns):
    count = len(columns.model.columns)
    assert count == 3
    assert list(columns.drawn) == names(count)
    for i, column in enumerate(columns.model.columns, 1):
        assert columns.shape(f"Column {i} heading").text_frame.text == column.heading
        assert [(p.text, p.level) for p in columns.shape(f"Column {i}").text_frame.paragraphs] == \
            bullet_lines(column.items)


def test_columns_share_the_content_area_in_equal_widths(columns):
    columns.assert_drawn_inside_content_area()
    boxes = [columns.box(name) for name in names(3)]
    assert len({box.right - box.left for box in boxes}) == 1
    headings, bodies = boxes[0::2], boxes[1::2]
    assert len({box.top for box in headings}) == 1 and len({box.bottom for box in bodies}) == 1
    for heading, body in zip(headings, bodies):
        assert (heading.left, heading.right) == (body.left, body.right)
        assert heading.bottom < body.top
    lefts = [box.left for box in headings]
    assert lefts == sorted(lefts) and all(a.right < b.left for a, b in zip(headings, headings[1:]))
    area = columns.content_area
    assert headings[0].left == area.left and headings[-1].right <= area.right


def test_font_sizes_stay_in_their_roles_ranges(columns):
    for i in range(1, 4):
        assert_sizes_in_range(columns.shape(f"Column {i} heading"), "caption")
        assert_sizes_in_range(columns.shape(f"Column {i}"), "body", max_pt=18)


def test_arabic_puts_the_first_column_on_the_right(build_alone, columns):
    arabic = build_alone("iso-roles", "ar")
    assert list(arabic.drawn) == names(3)
    for i, mirror in zip(range(1, 4), range(3, 0, -1)):
        english = columns.box(f"Column {mirror}")
        assert arabic.box(f"Column {i}").left == english.left
