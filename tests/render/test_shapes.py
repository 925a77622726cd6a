"""Diagram parts: filled boxes with fitted text, glued connectors in two styles, columns and rows."""

from __future__ import annotations

import pytest
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE

from generator.layout.geometry import Rect
from generator.render.context import EMU_PER_INCH
from generator.render.shapes import BOX_CORNER, add_box, add_line, columns, connect, mirrored, rows
from generator.render.text import Para, TextStyle

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
BOX = Rect(EMU_PER_INCH, EMU_PER_INCH, 3 * EMU_PER_INCH, EMU_PER_INCH)


def test_a_box_is_a_rounded_rectangle_in_a_mapping_colour_holding_fitted_text(ctx, shapes):
    box = add_box(ctx, shapes, BOX, [Para("Council")], TextStyle(role="label"), "Node council")
    assert box.name == "Node council"
    assert (int(box.left), int(box.top), int(box.width), int(box.height)) == (BOX.left, BOX.top, BOX.width, BOX.height)
    assert box.auto_shape_type == MSO_SHAPE.ROUNDED_RECTANGLE
    assert box.adjustments[0] == pytest.approx(BOX_CORNER)
    assert str(box.fill.fore_color.rgb) == ctx.color("light")
    assert box.text_frame.text == "Council"
    assert [(r.shape, r.role) for r in ctx.fits] == [("Node council", "label")]


def test_boxes_of_one_look_differ_only_in_name_position_and_text(ctx, shapes):
    first = add_box(ctx, shapes, BOX, [Para("A")], None, "Box 1", fill="primary", line="accent")
    moved = Rect(BOX.left + EMU_PER_INCH, BOX.top, BOX.width, BOX.height)
    second = add_box(ctx, shapes, moved, [Para("B")], None, "Box 2", fill="primary", line="accent")
    assert (first.name, second.name) == ("Box 1", "Box 2")
    assert first.shape_id != second.shape_id
    assert int(second.left) == moved.left
    assert str(second.fill.fore_color.rgb) == ctx.color("primary")
    assert str(second.line.color.rgb) == ctx.color("accent")
    assert (first.text_frame.text, second.text_frame.text) == ("A", "B")


def test_a_box_without_fill_or_line_shows_neither(ctx, shapes):
    box = add_box(ctx, shapes, BOX, None, None, "Frame", fill=None, shape_type=MSO_SHAPE.RECTANGLE)
    sp_pr = box._element.spPr
    assert sp_pr.find(f"{A}noFill") is not None
    assert sp_pr.find(f"{A}ln/{A}noFill") is not None
    assert box.text_frame.text == "" and ctx.fits == []


def test_connectors_are_glued_to_both_boxes_at_the_sites_asked_for(ctx, shapes):
    top = add_box(ctx, shapes, BOX, None, None, "Top")
    below = add_box(ctx, shapes, Rect(BOX.left, BOX.bottom + EMU_PER_INCH, BOX.width, BOX.height), None, None, "Below")
    connector = connect(ctx, shapes, top, 2, below, 0, name="Edge top-below")
    links = connector._element.find(f"{P}nvCxnSpPr/{P}cNvCxnSpPr")
    start, end = links.find(f"{A}stCxn"), links.find(f"{A}endCxn")
    assert (start.get("id"), start.get("idx")) == (str(top.shape_id), "2")
    assert (end.get("id"), end.get("idx")) == (str(below.shape_id), "0")
    assert connector.name == "Edge top-below"
    assert (connector.begin_y, connector.end_y) == (BOX.bottom, BOX.bottom + EMU_PER_INCH)


def test_reporting_lines_are_solid_primary_and_advisory_ones_dashed_and_muted(ctx, shapes):
    a = add_box(ctx, shapes, BOX, None, None, "A")
    b = add_box(ctx, shapes, Rect(BOX.right + EMU_PER_INCH, BOX.top, BOX.width, BOX.height), None, None, "B")
    reporting = connect(ctx, shapes, a, 3, b, 1, style="reporting")
    advisory = connect(ctx, shapes, a, 3, b, 1, style="advisory", arrow=True)
    assert str(reporting.line.color.rgb) == ctx.color("primary")
    assert reporting.line.dash_style is None
    assert str(advisory.line.color.rgb) == ctx.color("muted")
    assert advisory.line.dash_style == MSO_LINE_DASH_STYLE.DASH
    assert reporting.line.width > advisory.line.width
    assert advisory._element.find(f"{P}spPr/{A}ln/{A}tailEnd") is not None
    assert reporting._element.find(f"{P}spPr/{A}ln/{A}tailEnd") is None


def test_a_free_line_in_the_legend_uses_the_same_styles(ctx, shapes):
    line = add_line(ctx, shapes, 0, 100, 500, 100, "advisory", "Legend advisory")
    assert line.name == "Legend advisory"
    assert (line.begin_x, line.end_x, line.begin_y) == (0, 500, 100)
    assert line.line.dash_style == MSO_LINE_DASH_STYLE.DASH


def test_columns_and_rows_split_an_area_with_gaps():
    area = Rect(100, 50, 1000, 600)
    assert columns(area, 3, 50) == [Rect(100, 50, 300, 600), Rect(450, 50, 300, 600), Rect(800, 50, 300, 600)]
    assert rows(area, 2, 100) == [Rect(100, 50, 1000, 250), Rect(100, 400, 1000, 250)]
    assert columns(area, 1, 50) == [area]


def test_reading_order_is_reversed_right_to_left():
    assert mirrored([1, 2, 3], rtl=True) == [3, 2, 1]
    assert mirrored([1, 2, 3], rtl=False) == [1, 2, 3]
