"""Kind ``matrix``: column headers, row headers shared by rows of one label, cells that span columns."""

from __future__ import annotations

import pytest

from .conftest import assert_sizes_in_range


@pytest.fixture(scope="module")
def matrix(build_alone):
    return build_alone("sd-ca-activities")


def cells(built) -> list[str]:
    return [name for name in built.drawn if name.startswith("Cell ")]


def test_headers_and_one_box_per_cell(matrix):
    model = matrix.model
    assert [matrix.shape(f"Column {i}").text_frame.text for i in (1, 2)] == model.columns
    expected = [f"Cell {r}.{c}" for r, row in enumerate(model.rows, 1) for c in range(1, len(row.cells) + 1)]
    assert cells(matrix) == expected
    assert matrix.shape("Cell 3.2").text_frame.text == "\u2014"        # an empty cell shows a dash


def test_rows_of_one_label_share_one_row_header(matrix):
    labels = [row.label for row in matrix.model.rows]
    assert labels == ["SD", "SD", "CA", "CA"]
    headers = [name for name in matrix.drawn if name.startswith("Row ")]
    assert headers == ["Row 1", "Row 3"]
    for header, first, last in (("Row 1", "Cell 1.1", "Cell 2.1"), ("Row 3", "Cell 3.1", "Cell 4.1")):
        box = matrix.box(header)
        assert matrix.shape(header).text_frame.text == labels[int(header[-1]) - 1]
        assert (box.top, box.bottom) == (matrix.box(first).top, matrix.box(last).bottom)


def test_a_spanning_cell_covers_its_columns(matrix):
    one, two = matrix.box("Column 1"), matrix.box("Column 2")
    for name in ("Cell 2.1", "Cell 4.1"):
        assert (matrix.box(name).left, matrix.box(name).right) == (one.left, two.right)
    for left, right in (("Cell 1.1", "Cell 1.2"), ("Cell 3.1", "Cell 3.2")):
        assert (matrix.box(left).left, matrix.box(left).right) == (one.left, one.right)
        assert (matrix.box(right).left, matrix.box(right).right) == (two.left, two.right)


def test_the_matrix_fills_the_content_area(matrix):
    matrix.assert_drawn_inside_content_area()
    area = matrix.content_area
    assert matrix.box("Row 1").left == area.left and matrix.box("Column 2").right == area.right
    assert matrix.box("Column 1").top < matrix.box("Row 1").top          # the column headers on top


def test_sizes_stay_in_their_roles_ranges(matrix):
    for name in cells(matrix) + ["Column 1", "Column 2"]:
        assert_sizes_in_range(matrix.shape(name), "caption")
    for name in ("Row 1", "Row 3"):
        assert_sizes_in_range(matrix.shape(name), "big_number", max_pt=28)


def test_arabic_mirrors_headers_and_columns(build_alone, matrix):
    arabic = build_alone("sd-ca-activities", "ar")
    area = arabic.content_area
    assert arabic.box("Row 1").right == area.right
    assert arabic.box("Column 1").left > arabic.box("Column 2").right
    assert (arabic.box("Cell 2.1").left, arabic.box("Cell 2.1").right) == \
        (arabic.box("Column 2").left, arabic.box("Column 1").right)
    assert arabic.box("Cell 1.1").right - arabic.box("Cell 1.1").left == \
        matrix.box("Cell 1.1").right - matrix.box("Cell 1.1").left
