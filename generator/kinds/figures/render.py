"""Kind ``figures``: labelled numbers, as big-number tiles or as a native table."""

from pptx.util import Emu

from ...layout.geometry import Rect
from ...render.shapes import add_box, mirrored
from ...render.text import Para, TextStyle, add_text_box, write_text
from .model import FiguresSlide


def render(page, slide: FiguresSlide, ctx) -> None:
    page.set_title(slide.title)
    area = page.content_area()
    if slide.style == "table":
        draw_table(page, ctx, slide.figures, area, "Figures")
    else:
        draw_tiles(page, ctx, slide.figures, area)


def grid(count: int) -> tuple[int, int]:
    """Columns and rows for ``count`` tiles: at most four per row."""
    per_row = min(4, count) if count != 6 else 3
    return per_row, -(-count // per_row)


def draw_tiles(page, ctx, figures, area: Rect) -> None:
    per_row, row_count = grid(len(figures))
    gap = ctx.inches(0.22)
    width = (area.width - gap * (per_row - 1)) // per_row
    height = (area.height - gap * (row_count - 1)) // row_count
    for index, figure in enumerate(figures):
        row, col = divmod(index, per_row)
        cols = mirrored(list(range(per_row)), ctx.locale.rtl)
        rect = Rect(area.left + cols[col] * (width + gap), area.top + row * (height + gap), width, height)
        add_box(ctx, page.shapes, rect, None, None, f"Tile {index + 1}", fill="light")
        value_rect = Rect(rect.left, rect.top + int(height * 0.08), width, int(height * 0.5))
        add_text_box(ctx, page.shapes, value_rect, [Para(figure.value)],
                     TextStyle(role="big_number", bold=True, color="primary", align="center", anchor="bottom",
                               inset_x=ctx.inches(0.1)), f"Tile {index + 1} value")
        label_rect = Rect(rect.left, value_rect.bottom, width, rect.bottom - value_rect.bottom - int(height * 0.06))
        add_text_box(ctx, page.shapes, label_rect, [Para(figure.label)],
                     TextStyle(role="caption", color="text", align="center", anchor="top",
                               inset_x=ctx.inches(0.12)), f"Tile {index + 1} label")


def draw_table(page, ctx, figures, area: Rect, name: str):
    """A native table: label column and value column, sized to its rows."""
    row_height = min(ctx.inches(0.6), area.height // max(1, len(figures)))
    shape = page.shapes.add_table(len(figures), 2, Emu(area.left), Emu(area.top), Emu(area.width),
                                  Emu(row_height * len(figures)))
    shape.name = name
    table = shape.table
    table.first_row = False
    table.horz_banding = True
    label_width = int(area.width * 0.68)
    order = [0, 1] if not ctx.locale.rtl else [1, 0]
    table.columns[order[0]].width = Emu(label_width)
    table.columns[order[1]].width = Emu(area.width - label_width)
    for row_index, figure in enumerate(figures):
        table.rows[row_index].height = Emu(row_height)
        label_cell = table.cell(row_index, order[0])
        value_cell = table.cell(row_index, order[1])
        _cell(ctx, label_cell, figure.label, "caption", bold=False, align="left",
              width=label_width, height=row_height)
        _cell(ctx, value_cell, figure.value, "caption", bold=True, align="right",
              width=area.width - label_width, height=row_height)
    return shape


class _CellShape:
    """The width and height ``write_text`` needs, for a table cell."""

    def __init__(self, cell, width: int, height: int):
        self.text_frame = cell.text_frame
        self.width, self.height = width, height
        self.name = "cell"


def _cell(ctx, cell, text: str, role: str, bold: bool, align: str, width: int, height: int) -> None:
    cell.margin_left = cell.margin_right = Emu(ctx.inches(0.12))
    cell.margin_top = cell.margin_bottom = Emu(ctx.inches(0.04))
    write_text(ctx, _CellShape(cell, width, height), [Para(text)],
               TextStyle(role=role, bold=bold, align=align, color="primary" if bold else "text"), "cell")
