"""Kind ``statement``: a message in large type, with an optional equation of terms and operators.

Without an equation the statement goes into the layout's body placeholder (a section layout
shows it large, on its band); with one, terms are drawn as boxes with operators between them
and the statement sits below.
"""

from pptx.enum.shapes import MSO_SHAPE

from ...layout.geometry import Rect
from ...render.shapes import add_box, mirrored
from ...render.text import Para, TextStyle, add_text_box
from .model import StatementSlide

OPERATORS = {"+", "=", "-", "\u2212", "\u00d7", "\u2192"}


def render(page, slide: StatementSlide, ctx) -> None:
    page.set_title(slide.title)
    paras = []
    if slide.statement:
        paras.append(Para(slide.statement, color="primary"))
    if slide.caption:
        paras.append(Para(slide.caption, size_ratio=0.8, color="accent", bold=True))
    if not slide.equation and page.has_slot("body"):
        page.write("body", paras, TextStyle(role="title", align=None, space_before_pt=14, line_spacing=1.1))
        return
    area = page.content_area()
    top = area.top
    if slide.equation:
        height = int(area.height * (0.42 if paras else 0.8))
        _equation(page, ctx, slide.equation, Rect(area.left, top, area.width, height))
        top += height + ctx.inches(0.35)
    if paras:
        add_text_box(ctx, page.shapes, Rect(area.left, top, area.width, area.bottom - top), paras,
                     TextStyle(role="subtitle", align="center", anchor="top", space_before_pt=14,
                               line_spacing=1.1), "Statement")


def _equation(page, ctx, terms: list[str], area: Rect) -> None:
    """Terms as boxes, operators as large glyphs between them, all on one row."""
    operator_width = ctx.inches(0.55)
    words = [t for t in terms if t.strip() not in OPERATORS]
    term_width = (area.width - operator_width * (len(terms) - len(words))) // max(1, len(words))
    height = min(area.height, ctx.inches(1.5))
    top = area.top + (area.height - height) // 2
    x = area.left
    placed = []
    for term in terms:
        is_operator = term.strip() in OPERATORS
        width = operator_width if is_operator else term_width
        placed.append((term, is_operator, Rect(x, top, width, height)))
        x += width
    # Reading order: the first term on the right for right-to-left locales.
    rects = mirrored([rect for _, _, rect in placed], ctx.locale.rtl)
    last_word = words[-1] if words else None
    for index, ((term, is_operator, _), rect) in enumerate(zip(placed, rects), 1):
        if is_operator:
            add_text_box(ctx, page.shapes, rect, [Para(term)],
                         TextStyle(role="big_number", bold=True, color="accent", align="center", anchor="middle",
                                   inset_x=0), f"Operator {index}")
            continue
        inner = Rect(rect.left + ctx.inches(0.05), rect.top, rect.width - ctx.inches(0.1), rect.height)
        highlight = term == last_word
        add_box(ctx, page.shapes, inner, [Para(term)],
                TextStyle(role="big_number", bold=True, align="center", anchor="middle",
                          color="background" if highlight else "primary", max_pt=28, inset_x=ctx.inches(0.08)),
                f"Term {index}", fill="accent" if highlight else "light", shape_type=MSO_SHAPE.ROUNDED_RECTANGLE)
