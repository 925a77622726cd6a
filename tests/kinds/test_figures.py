"""Kind ``figures``: labelled numbers as a grid of big-number tiles, or as a native two-column table."""

from __future__ import annotations

import pytest

from generator.kinds.figures.render import grid, other_grids

from .conftest import BuiltSlide, assert_sizes_in_range


@pytest.fixture(scope="module")
def tiles(build_alone) -> BuiltSlide:
    return build_alone("iec-figures")


def as_table(content_dir) -> None:
    path = content_dir / "slides" / "08-iec-figures.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nfigures:\n" in text
    path.write_text(text.replace("\nfigures:\n", "\nstyle: table\nfigures:\n", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def table(build_alone) -> BuiltSlide:
    return build_alone("iec-figures", edit=as_table)


@pytest.mark.parametrize("count, expected", [(1, (1, 1)), (3, (3, 1)), (4, (4, 1)), (5, (4, 2)), (6, (3, 2)),
                                             (8, (4, 2)), (9, (4, 3))])
def test_grid_puts_at_most_four_tiles_in_a_row(count, expected):
    assert grid(count) == expected


def test_a_tile_with_its_value_and_label_per_figure(tiles):
    figures = tiles.model.figures
    assert len(figures) == 8
    names = [f"Tile {i}{part}" for i in range(1, 9) for part in ("", " value", " label")]
    assert list(tiles.drawn) == names
    for i, figure in enumerate(figures, 1):
        assert tiles.shape(f"Tile {i} value").text_frame.text == figure.value
        assert tiles.shape(f"Tile {i} label").text_frame.text == figure.label
        tile = tiles.box(f"Tile {i}")
        assert tile.holds(tiles.box(f"Tile {i} value")) and tile.holds(tiles.box(f"Tile {i} label"))
        assert tiles.box(f"Tile {i} value").bottom <= tiles.box(f"Tile {i} label").top


def test_tiles_make_a_grid_of_four_by_two_in_the_content_area(tiles):
    tiles.assert_drawn_inside_content_area()
    boxes = [tiles.box(f"Tile {i}") for i in range(1, 9)]
    assert len({(b.right - b.left, b.bottom - b.top) for b in boxes}) == 1
    rows = [boxes[:4], boxes[4:]]
    assert [len({b.top for b in row}) for row in rows] == [1, 1]
    assert rows[0][0].bottom < rows[1][0].top
    assert [b.left for b in rows[0]] == [b.left for b in rows[1]]
    assert all(a.right < b.left for a, b in zip(rows[0], rows[0][1:]))
    area = tiles.content_area
    assert rows[0][0].left == area.left
    assert 0 <= area.right - rows[0][-1].right < 4          # widths are whole EMUs


def test_values_and_labels_are_sized_in_their_ranges(tiles):
    for i in range(1, 9):
        assert_sizes_in_range(tiles.shape(f"Tile {i} value"), "big_number")
        assert_sizes_in_range(tiles.shape(f"Tile {i} label"), "caption")


def test_arabic_starts_the_grid_on_the_right(build_alone, tiles):
    arabic = build_alone("iec-figures", "ar")
    assert arabic.box("Tile 1") == tiles.box("Tile 4")
    assert arabic.box("Tile 5") == tiles.box("Tile 8")


def test_the_table_style_draws_one_native_table_of_label_and_value(table):
    assert list(table.drawn) == ["Figures"]
    shape = table.shape("Figures")
    assert shape.has_table
    rows = [[cell.text_frame.text for cell in row.cells] for row in shape.table.rows]
    assert rows == [[figure.label, figure.value] for figure in table.model.figures]
    table.assert_drawn_inside_content_area()
    label, value = shape.table.columns
    assert label.width > value.width and label.width + value.width == shape.width
    for row in shape.table.rows:
        assert_sizes_in_range(row.cells[0], "caption")
        assert_sizes_in_range(row.cells[1], "caption")


def test_other_grids_are_four_three_or_two_a_row():
    assert other_grids(8) == [(3, 3), (2, 4)]
    assert other_grids(6) == [(4, 2), (2, 3)]
    assert other_grids(3) == [(2, 2)] and other_grids(2) == [] and other_grids(1) == []


LONG_VALUE = "12,345,678,901,234,567"          # one word, too wide for a tile four to a row


def long_values(content_dir) -> None:
    path = content_dir / "slides" / "08-iec-figures.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    values = [i for i, line in enumerate(lines) if line.startswith("    value: ")]
    assert len(values) == 8
    for i in values:
        lines[i] = f'    value: "{LONG_VALUE}"\n'
    path.write_text("".join(lines), encoding="utf-8")


def test_values_too_wide_for_four_by_two_rearrange_the_tiles_in_fewer_columns(build_alone):
    built = build_alone("iec-figures", edit=long_values)       # builds: no box overflows
    boxes = [built.box(f"Tile {i}") for i in range(1, 9)]
    columns = len({box.left for box in boxes})
    assert columns in (3, 2)
    assert len({box.top for box in boxes}) == -(-8 // columns)
    built.assert_drawn_inside_content_area()
    for i in range(1, 9):
        assert built.shape(f"Tile {i} value").text_frame.text == LONG_VALUE
        assert_sizes_in_range(built.shape(f"Tile {i} value"), "big_number")
        assert_sizes_in_range(built.shape(f"Tile {i} label"), "caption")
