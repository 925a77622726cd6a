"""Kind ``columns``: two or three titled columns of bullets, side by side."""

from ...layout.geometry import Rect
from ...model import bullet_lines
from ...render.shapes import add_box, columns, mirrored
from ...render.text import Para, TextStyle
from .model import ColumnsSlide


def render(page, slide: ColumnsSlide, ctx) -> None:
    page.set_title(slide.title)
    area = page.content_area()
    gap = ctx.inches(0.3)
    heading_height = ctx.inches(0.75)
    rects = mirrored(columns(area, len(slide.columns), gap), ctx.locale.rtl)
    heading_style = TextStyle(role="caption", bold=True, color="background", align="left", anchor="middle",
                              inset_x=ctx.inches(0.15))
    body_style = TextStyle(role="body", bullets="char", align="left", anchor="top", space_before_pt=6,
                           max_pt=18, color="text", inset_x=ctx.inches(0.15), inset_y=ctx.inches(0.12))
    for index, (column, rect) in enumerate(zip(slide.columns, rects), 1):
        heading = Rect(rect.left, rect.top, rect.width, heading_height)
        add_box(ctx, page.shapes, heading, [Para(column.heading)], heading_style, f"Column {index} heading",
                fill="primary")
        body = Rect(rect.left, heading.bottom + ctx.inches(0.08), rect.width,
                    rect.height - heading_height - ctx.inches(0.08))
        paras = [Para(text, level) for text, level in bullet_lines(column.items)]
        add_box(ctx, page.shapes, body, paras, body_style, f"Column {index}", fill="light")
