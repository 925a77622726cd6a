"""Kind ``statement``: a message in large type, with an optional equation of terms and operators.

Without an equation the statement goes into the layout's body placeholder (a section layout
shows it large, on its band); with one, terms are drawn as boxes with operators between them
and the statement sits below.
"""

from pptx.enum.shapes import MSO_SHAPE

from ...layout.geometry import Rect
from ...render.shapes import BOX_CORNER, add_box
from ...render.text import Para, TextStyle, add_text_box, fits_in, trial_fit
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
        page.write("body", paras, _statement_style(ctx, page.slot_rect("body"), paras))
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


def _statement_style(ctx, rect: Rect, paras: list[Para]) -> TextStyle:
    """A statement is set as large as a title; one too long for the title's sizes takes the subtitle's."""
    for role in ("title", "subtitle"):
        style = TextStyle(role=role, align=None, space_before_pt=14, line_spacing=1.1)
        if fits_in(ctx, rect.width, rect.height, paras, style):
            return style
    return style


def _equation(page, ctx, terms: list[str], area: Rect) -> None:
    """Terms as boxes, operators as large glyphs between them: on one row, or on two when the
    terms fit two rows and not one, even at the smallest size."""
    rows, areas = [terms], [area]
    if len(_words(terms)) > 1 and not _row_fits(ctx, terms, area):
        split = _split_index(terms)
        gap = ctx.inches(0.2)
        half = (area.height - gap) // 2
        two_rows = [terms[:split], terms[split:]]
        two_areas = [Rect(area.left, area.top, area.width, half),
                     Rect(area.left, area.top + half + gap, area.width, half)]
        if all(_row_fits(ctx, row, row_area) for row, row_area in zip(two_rows, two_areas)):
            rows, areas = two_rows, two_areas
    words = _words(terms)
    last_word = words[-1] if words else None
    first_index = 1
    for row, row_area in zip(rows, areas):
        _draw_row(page, ctx, row, row_area, first_index, last_word)
        first_index += len(row)


def _words(terms: list[str]) -> list[str]:
    return [t for t in terms if t.strip() not in OPERATORS]


def _split_index(terms: list[str]) -> int:
    """Where the second row starts: at the operator nearest the middle, which begins that row."""
    operators = [index for index, term in enumerate(terms) if term.strip() in OPERATORS and 0 < index]
    if not operators:
        return (len(terms) + 1) // 2
    return min(operators, key=lambda index: abs(2 * index - len(terms)))


def _row_rects(ctx, terms: list[str], area: Rect) -> list[Rect]:
    operator_width = ctx.inches(0.55)
    word_count = len(_words(terms))
    term_width = (area.width - operator_width * (len(terms) - word_count)) // max(1, word_count)
    height = min(area.height, ctx.inches(1.5))
    top = area.top + (area.height - height) // 2
    x = area.left
    rects = []
    for term in terms:
        width = operator_width if term.strip() in OPERATORS else term_width
        rects.append(Rect(x, top, width, height))
        x += width
    return rects


def _term_style(ctx, highlight: bool) -> TextStyle:
    return TextStyle(role="big_number", bold=True, align="center", anchor="middle",
                     color="background" if highlight else "primary", max_pt=28, inset_x=ctx.inches(0.08))


def _term_rect(ctx, rect: Rect) -> Rect:
    return Rect(rect.left + ctx.inches(0.05), rect.top, rect.width - ctx.inches(0.1), rect.height)


def _row_fits(ctx, terms: list[str], area: Rect) -> bool:
    for term, rect in zip(terms, _row_rects(ctx, terms, area)):
        if term.strip() in OPERATORS:
            continue
        inner = _term_rect(ctx, rect)
        if not trial_fit(ctx, inner.width, inner.height, [Para(term)], _term_style(ctx, False),
                         geometry="roundRect", adjust=BOX_CORNER).fits:
            return False
    return True


def _reflected(rects: list[Rect]) -> list[Rect]:
    """Reading order for right-to-left locales: the row mirrored within its span, first term on the right."""
    left, right = rects[0].left, rects[-1].right
    return [Rect(left + right - rect.right, rect.top, rect.width, rect.height) for rect in rects]


def _draw_row(page, ctx, terms: list[str], area: Rect, first_index: int, last_word: str | None) -> None:
    rects = _row_rects(ctx, terms, area)
    if ctx.locale.rtl:
        rects = _reflected(rects)
    for index, (term, rect) in enumerate(zip(terms, rects), first_index):
        if term.strip() in OPERATORS:
            add_text_box(ctx, page.shapes, rect, [Para(term)],
                         TextStyle(role="big_number", bold=True, color="accent", align="center", anchor="middle",
                                   inset_x=0), f"Operator {index}")
            continue
        highlight = term == last_word
        add_box(ctx, page.shapes, _term_rect(ctx, rect), [Para(term)], _term_style(ctx, highlight),
                f"Term {index}", fill="accent" if highlight else "light", shape_type=MSO_SHAPE.ROUNDED_RECTANGLE)
