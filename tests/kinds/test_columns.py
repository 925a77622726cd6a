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


# ---------------------------------------------------------------- when side by side is too narrow

def _long_bullet(content):
    """A bullet of the first column becomes one long number: a word no hyphenation can break."""
    path = content / "slides" / "03-iso-roles.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Propose new standards", "'" + "1234567890" * 5 + "'"), encoding="utf-8")


def test_columns_too_narrow_side_by_side_are_stacked(build_alone):
    built = build_alone("iso-roles", edit=_long_bullet)
    built.assert_drawn_inside_content_area()
    headings = [built.box(f"Column {i} heading") for i in (1, 2, 3)]
    bodies = [built.box(f"Column {i}") for i in (1, 2, 3)]
    assert headings[0].bottom <= headings[1].top and headings[1].bottom <= headings[2].top
    for heading, body in zip(headings, bodies):
        assert heading.top == body.top and heading.right < body.left      # the heading at the reading side
        assert_sizes_in_range(built.shape(f"Column {headings.index(heading) + 1}"), "body", max_pt=18)


def test_columns_stay_side_by_side_while_they_fit(columns):
    tops = {columns.box(f"Column {i} heading").top for i in (1, 2, 3)}
    assert len(tops) == 1
