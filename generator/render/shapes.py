"""Drawing helpers shared by the diagram kinds: filled boxes with text, connectors, pins."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.util import Emu, Pt

from ..layout.geometry import Rect
from ..oxml.shapes import add_connector_like, add_shape_like, glue, set_line_arrow
from .context import RenderContext
from .text import Para, TextStyle, write_text

BOX_CORNER = 0.08      # corner radius of rounded boxes, as a share of the shorter side


def add_box(ctx: RenderContext, shapes, rect: Rect, paras: list[Para] | None, style: TextStyle | None,
            name: str, fill: str | None = "light", line: str | None = None,
            shape_type=MSO_SHAPE.ROUNDED_RECTANGLE, line_width_pt: float = 1.0):
    """A box filled with a mapping colour (``None`` for no fill), optionally holding fitted text."""

    def make():
        box = shapes.add_shape(shape_type, Emu(rect.left), Emu(rect.top), Emu(rect.width), Emu(rect.height))
        box.name = name
        if shape_type == MSO_SHAPE.ROUNDED_RECTANGLE:
            box.adjustments[0] = BOX_CORNER
        if fill:
            box.fill.solid()
            box.fill.fore_color.rgb = RGBColor.from_string(ctx.color(fill))
        else:
            box.fill.background()
        if line:
            box.line.color.rgb = RGBColor.from_string(ctx.color(line))
            box.line.width = Pt(line_width_pt)
        else:
            box.line.fill.background()
        box.shadow.inherit = False
        return box

    # Boxes of one look differ only in id, name and position: the XML is built once per look.
    key = ("box", shape_type, fill, line, line_width_pt)
    box = add_shape_like(shapes, ctx.layout_cache, key, make, name, rect.left, rect.top, rect.width, rect.height)
    if paras:
        write_text(ctx, box, paras, style or TextStyle(), name)
    return box


def connect(ctx: RenderContext, shapes, start_shape, start_site: int, end_shape, end_site: int,
            style: str = "reporting", name: str = "connector", arrow: bool = False,
            connector_type=MSO_CONNECTOR.ELBOW):
    """A real connector glued to both boxes, so it follows them when they are moved.

    Sites of a rectangle: 0 top, 1 left, 2 bottom, 3 right. ``style`` 'advisory' is dashed.
    """
    def make():
        connector = shapes.add_connector(connector_type, 0, 0, 0, 0)
        _edge_line(ctx, connector.line, style)
        if arrow:
            set_line_arrow(connector, "tail")
        return connector

    # Connectors of one look differ only in id, name, the shapes they join and their geometry:
    # a fresh one (at 0,0 with no extent) is built once per look, then copied and glued.
    connector = add_connector_like(shapes, ctx.layout_cache, ("connector", connector_type, style, arrow), make, name)
    glue(connector, start_shape, start_site, end_shape, end_site)
    return connector


def add_line(ctx: RenderContext, shapes, x1: int, y1: int, x2: int, y2: int, style: str, name: str):
    """A free line (legend swatches), in the same two styles as connectors."""
    line_shape = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(x1), Emu(y1), Emu(x2), Emu(y2))
    line_shape.name = name
    _edge_line(ctx, line_shape.line, style)
    return line_shape


def _edge_line(ctx: RenderContext, line, style: str) -> None:
    """The two edge styles: 'reporting' solid in the primary colour, 'advisory' dashed and muted."""
    line.color.rgb = RGBColor.from_string(ctx.color("primary" if style == "reporting" else "muted"))
    line.width = Pt(1.75 if style == "reporting" else 1.5)
    if style == "advisory":
        line.dash_style = MSO_LINE_DASH_STYLE.DASH


def columns(area: Rect, count: int, gap: int) -> list[Rect]:
    """``count`` equal columns across ``area`` separated by ``gap``."""
    width = (area.width - gap * (count - 1)) // count
    return [Rect(area.left + i * (width + gap), area.top, width, area.height) for i in range(count)]


def rows(area: Rect, count: int, gap: int) -> list[Rect]:
    height = (area.height - gap * (count - 1)) // count
    return [Rect(area.left, area.top + i * (height + gap), area.width, height) for i in range(count)]


def mirrored(rects: list, rtl: bool) -> list:
    """Reading order: right to left for RTL locales."""
    return list(reversed(rects)) if rtl else rects
