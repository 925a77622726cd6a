"""Kind ``figures``: labelled numbers, as big-number tiles or as a native table."""

from pptx.util import Emu

from ...layout.geometry import Rect
from ...render.shapes import add_box, mirrored
from ...render.text import Para, TextStyle, add_text_box, trial_fit, write_text
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


def other_grids(count: int) -> list[tuple[int, int]]:
    """The arrangements to try when ``grid(count)``'s tiles do not fit: four, three or two a row."""
    grids = [(per_row, -(-count // per_row)) for per_row in (4, 3, 2) if per_row <= count]
    return [shape for shape in grids if shape != grid(count)]


GAP_INCHES = 0.22


def draw_tiles(page, ctx, figures, area: Rect) -> None:
    per_row, row_count = _chosen_grid(ctx, figures, area)
    for index, (figure, rect) in enumerate(zip(figures, _tile_rects(ctx, area, per_row, row_count))):
        add_box(ctx, page.shapes, rect, None, None, f"Tile {index + 1}", fill="light")
        value_rect, label_rect = _tile_parts(rect)
        add_text_box(ctx, page.shapes, value_rect, [Para(figure.value)], _value_style(ctx),
                     f"Tile {index + 1} value")
        add_text_box(ctx, page.shapes, label_rect, [Para(figure.label)], _label_style(ctx),
                     f"Tile {index + 1} label")


def _value_style(ctx) -> TextStyle:
    return TextStyle(role="big_number", bold=True, color="primary", align="center", anchor="bottom",
                     inset_x=ctx.inches(0.1))


def _label_style(ctx) -> TextStyle:
    return TextStyle(role="caption", color="text", align="center", anchor="top", inset_x=ctx.inches(0.12))


def _tile_rects(ctx, area: Rect, per_row: int, row_count: int) -> list[Rect]:
    gap = ctx.inches(GAP_INCHES)
    width = (area.width - gap * (per_row - 1)) // per_row
    height = (area.height - gap * (row_count - 1)) // row_count
    cols = mirrored(list(range(per_row)), ctx.locale.rtl)
    return [Rect(area.left + cols[col] * (width + gap), area.top + row * (height + gap), width, height)
            for row in range(row_count) for col in range(per_row)]


def _tile_parts(rect: Rect) -> tuple[Rect, Rect]:
    """The value's box (upper half) and the label's (below it) in a tile."""
    value_rect = Rect(rect.left, rect.top + int(rect.height * 0.08), rect.width, int(rect.height * 0.5))
    label_rect = Rect(rect.left, value_rect.bottom, rect.width,
                      rect.bottom - value_rect.bottom - int(rect.height * 0.06))
    return value_rect, label_rect


def _chosen_grid(ctx, figures, area: Rect) -> tuple[int, int]:
    """``grid``'s arrangement when every tile fits it; else the one whose tiles all fit at the largest
    common sizes (values first, then labels)."""
    first = grid(len(figures))
    fits, sizes = _trial(ctx, figures, area, first)
    if fits:
        return first
    best, best_key = first, (fits, sizes)
    for shape in other_grids(len(figures)):
        key = _trial(ctx, figures, area, shape)
        if key > best_key:
            best, best_key = shape, key
    return best


def _trial(ctx, figures, area: Rect, shape: tuple[int, int]) -> tuple[bool, tuple[float, float]]:
    """Whether every tile fits in this arrangement, and the smallest value and label sizes."""
    value_style, label_style = _value_style(ctx), _label_style(ctx)
    all_fit, value_pt, label_pt = True, float("inf"), float("inf")
    for figure, rect in zip(figures, _tile_rects(ctx, area, *shape)):
        value_rect, label_rect = _tile_parts(rect)
        value = trial_fit(ctx, value_rect.width, value_rect.height, [Para(figure.value)], value_style)
        label = trial_fit(ctx, label_rect.width, label_rect.height, [Para(figure.label)], label_style)
        all_fit = all_fit and value.fits and label.fits
        value_pt, label_pt = min(value_pt, value.size_pt), min(label_pt, label.size_pt)
    return all_fit, (value_pt, label_pt)


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
