"""Kind ``matrix``: labelled rows by labelled columns of cells; a cell may span columns.

Consecutive rows with the same label share one row header, so a matrix can show, for example,
what each organisation does alone and what they do jointly within one activity.
"""

from ...layout.geometry import Rect
from ...render.shapes import add_box, mirrored
from ...render.text import Para, TextStyle
from .model import MatrixSlide

FILL = {"strong": "primary", "normal": "light", "none": None}
TEXT = {"strong": "background", "normal": "primary", "none": "muted"}


def render(page, slide: MatrixSlide, ctx) -> None:
    page.set_title(slide.title)
    area = page.content_area()
    gap = ctx.inches(0.12)
    header_width = int(area.width * 0.14)
    header_height = ctx.inches(0.6)
    column_count = len(slide.columns)
    column_width = (area.width - header_width - gap * column_count) // column_count
    column_left = [area.left + header_width + gap + i * (column_width + gap) for i in range(column_count)]
    column_left = mirrored(column_left, ctx.locale.rtl)
    header_left = area.right - header_width if ctx.locale.rtl else area.left
    if ctx.locale.rtl:
        column_left = [x - header_width - gap for x in column_left]

    for index, label in enumerate(slide.columns):
        add_box(ctx, page.shapes, Rect(column_left[index], area.top, column_width, header_height), [Para(label)],
                _style("caption", "primary", bold=True), f"Column {index + 1}", fill=None, line="primary")

    body_top = area.top + header_height + gap
    row_height = (area.bottom - body_top - gap * (len(slide.rows) - 1)) // len(slide.rows)
    for group_start, group_rows in _groups(slide.rows):
        top = body_top + group_start * (row_height + gap)
        height = len(group_rows) * row_height + (len(group_rows) - 1) * gap
        add_box(ctx, page.shapes, Rect(header_left, top, header_width, height), [Para(group_rows[0].label)],
                _style("big_number", "background", bold=True, max_pt=28), f"Row {group_start + 1}", fill="secondary")
        for offset, row in enumerate(group_rows):
            row_top = top + offset * (row_height + gap)
            _draw_cells(page, ctx, row, row_top, row_height, column_left, column_width, gap, group_start + offset)


def _groups(rows):
    start = 0
    while start < len(rows):
        end = start
        while end + 1 < len(rows) and rows[end + 1].label == rows[start].label:
            end += 1
        yield start, rows[start:end + 1]
        start = end + 1


def _draw_cells(page, ctx, row, top, height, column_left, column_width, gap, row_index) -> None:
    column = 0
    for cell_index, cell in enumerate(row.cells):
        span = min(cell.span, len(column_left) - column)
        if span <= 0:
            break
        covered = [column_left[c] for c in range(column, column + span)]
        left = min(covered)
        width = span * column_width + (span - 1) * gap
        text = cell.text or "\u2014"
        emphasis = cell.emphasis if cell.text else "none"
        add_box(ctx, page.shapes, Rect(left, top, width, height), [Para(line) for line in text.split("\n")],
                _style("caption", TEXT[emphasis], bold=emphasis == "strong"),
                f"Cell {row_index + 1}.{cell_index + 1}", fill=FILL[emphasis],
                line="muted" if emphasis == "none" else None)
        column += span


def _style(role: str, color: str, bold: bool = False, max_pt: float | None = None) -> TextStyle:
    return TextStyle(role=role, color=color, bold=bold, align="center", anchor="middle", max_pt=max_pt)
