"""Plain-text tables: a header, a rule under it, columns as wide as their widest cell."""

from __future__ import annotations

from generator.console_table import format_table


def test_columns_are_padded_to_their_widest_cell_with_a_rule_under_the_header():
    table = format_table(["locale", "done"], [["fr", "100%"], ["zh-Hans", "9%"]])
    assert table.splitlines() == [
        "locale   done",
        "-------  ----",
        "fr       100%",
        "zh-Hans  9%",
    ]


def test_no_line_ends_in_spaces():
    table = format_table(["a", "b"], [["long text", ""], ["x", "y"]])
    assert all(line == line.rstrip() for line in table.splitlines())


def test_cells_are_text_and_long_ones_are_clipped_with_an_ellipsis():
    table = format_table(["n", "detail"], [[3, "x" * 20]], max_width=8)
    last = table.splitlines()[-1]
    assert last == "3  xxxxxxx\u2026"
    assert len(last.split("  ")[1]) == 8


def test_a_table_without_rows_is_its_header_and_rule():
    assert format_table(["slide", "shape"], []) == "slide  shape\n-----  -----"
