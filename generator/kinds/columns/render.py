"""Kind ``columns``: two or three titled columns of bullets, side by side.

When a column's text does not fit side by side, the columns are stacked: one row each, its
heading at the reading side and its bullets across the rest.
"""

from ...layout.geometry import Rect
from ...model import bullet_lines
from ...render.shapes import BOX_CORNER, add_box, columns, mirrored, rows
from ...render.text import Para, TextStyle, fits_in
from .model import ColumnsSlide

STACKED_HEADING_SHARE = 0.28     # of a stacked row's width


def render(page, slide: ColumnsSlide, ctx) -> None:
    page.set_title(slide.title)
    area = page.content_area()
    heading_style = TextStyle(role="caption", bold=True, color="background", align="left", anchor="middle",
                              inset_x=ctx.inches(0.15))
    body_style = TextStyle(role="body", bullets="char", align="left", anchor="top", space_before_pt=6,
                           max_pt=18, color="text", inset_x=ctx.inches(0.15), inset_y=ctx.inches(0.12))
    texts = [([Para(column.heading)], [Para(text, level) for text, level in bullet_lines(column.items)])
             for column in slide.columns]
    places = _side_by_side(ctx, area, len(slide.columns))
    if not _all_fit(ctx, places, texts, heading_style, body_style):
        stacked = _stacked(ctx, area, len(slide.columns))
        if _all_fit(ctx, stacked, texts, heading_style, body_style):
            places = stacked
    for index, ((heading, body), (heading_paras, paras)) in enumerate(zip(places, texts), 1):
        add_box(ctx, page.shapes, heading, heading_paras, heading_style, f"Column {index} heading",
                fill="primary")
        add_box(ctx, page.shapes, body, paras, body_style, f"Column {index}", fill="light")


def _side_by_side(ctx, area: Rect, count: int) -> list[tuple[Rect, Rect]]:
    """(heading, body) per column: a heading strip over each column's bullets."""
    heading_height = ctx.inches(0.75)
    places = []
    for rect in mirrored(columns(area, count, ctx.inches(0.3)), ctx.locale.rtl):
        heading = Rect(rect.left, rect.top, rect.width, heading_height)
        body = Rect(rect.left, heading.bottom + ctx.inches(0.08), rect.width,
                    rect.height - heading_height - ctx.inches(0.08))
        places.append((heading, body))
    return places


def _stacked(ctx, area: Rect, count: int) -> list[tuple[Rect, Rect]]:
    """(heading, body) per column: one row each, the heading at the reading side."""
    gap = ctx.inches(0.08)
    places = []
    for row in rows(area, count, ctx.inches(0.2)):
        heading_width = int(row.width * STACKED_HEADING_SHARE)
        body_width = row.width - heading_width - gap
        if ctx.locale.rtl:
            heading = Rect(row.right - heading_width, row.top, heading_width, row.height)
            body = Rect(row.left, row.top, body_width, row.height)
        else:
            heading = Rect(row.left, row.top, heading_width, row.height)
            body = Rect(heading.right + gap, row.top, body_width, row.height)
        places.append((heading, body))
    return places


def _all_fit(ctx, places, texts, heading_style: TextStyle, body_style: TextStyle) -> bool:
    return all(fits_in(ctx, heading.width, heading.height, heading_paras, heading_style, "roundRect", BOX_CORNER)
               and fits_in(ctx, body.width, body.height, paras, body_style, "roundRect", BOX_CORNER)
               for (heading, body), (heading_paras, paras) in zip(places, texts))
