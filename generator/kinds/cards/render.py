"""Kind ``cards``: a row of cards (heading, subheading, bullets), then bullets that apply to all.

When a card's text does not fit its place in one row, the cards are laid out in two rows, then
stacked one above the other: the first arrangement in which every card fits is drawn. When none
does, the cards grow into the room the bullets below them leave free, and are arranged again.
"""

import math

from pptx.enum.shapes import MSO_SHAPE

from ...layout.geometry import Rect
from ...model import bullet_lines
from ...render.shapes import BOX_CORNER, add_box, columns, mirrored, rows
from ...render.text import Para, TextStyle, add_text_box, fits_in
from .model import CardsSlide


CARDS_SHARES = (0.58, 0.7, 0.8)     # of the area's height, above bullets that apply to all


def render(page, slide: CardsSlide, ctx) -> None:
    page.set_title(slide.title)
    area = page.content_area()
    gap = ctx.inches(0.3)
    has_body = any(card.items or card.subheading for card in slide.cards)
    common = [Para(t, lvl) for t, lvl in bullet_lines(slide.items)]
    common_style = TextStyle(role="body", bullets="char", align="left", anchor="top", color="text",
                             space_before_pt=6, max_pt=20)
    cards_area, rects = _places(ctx, slide, area, gap, has_body, common, common_style)
    for index, (card, rect) in enumerate(zip(slide.cards, rects), 1):
        _card(page, ctx, card, rect, index, has_body)
    if slide.items:
        add_text_box(ctx, page.shapes, _below(ctx, area, cards_area), common, common_style, "Common points")


def _places(ctx, slide: CardsSlide, area: Rect, gap: int, has_body: bool, common, common_style):
    """The cards' area and each card's place: in one row, else two rows, else stacked; when none
    fits, the cards grow into the room the bullets below them do not need. One row when nothing fits."""
    shares = CARDS_SHARES if slide.items else (1.0,)
    for share in shares:
        cards_area = Rect(area.left, area.top, area.width, int(area.height * share))
        below = _below(ctx, area, cards_area)
        if share != shares[0] and not fits_in(ctx, below.width, below.height, common, common_style):
            break
        rects = _fitting_arrangement(ctx, slide, cards_area, gap, has_body)
        if rects is not None:
            return cards_area, rects
    cards_area = Rect(area.left, area.top, area.width, int(area.height * shares[0]))
    return cards_area, _grid(cards_area, len(slide.cards), 1, gap, ctx.locale.rtl)


def _below(ctx, area: Rect, cards_area: Rect) -> Rect:
    return Rect(area.left, cards_area.bottom + ctx.inches(0.3), area.width,
                area.bottom - cards_area.bottom - ctx.inches(0.3))


def _fitting_arrangement(ctx, slide: CardsSlide, area: Rect, gap: int, has_body: bool) -> list[Rect] | None:
    """The cards' places in the first of one row, two rows, a stack where every card fits."""
    count = len(slide.cards)
    for row_count in dict.fromkeys((1, min(2, count), count)):
        rects = _grid(area, count, row_count, gap, ctx.locale.rtl)
        if all(_card_fits(ctx, card, rect, has_body) for card, rect in zip(slide.cards, rects)):
            return rects
    return None


def _grid(area: Rect, count: int, row_count: int, gap: int, rtl: bool) -> list[Rect]:
    """``count`` places in ``row_count`` rows of equal columns, in reading order."""
    per_row = math.ceil(count / row_count)
    places = []
    for row in rows(area, row_count, gap) if row_count > 1 else [area]:
        places.extend(mirrored(columns(row, per_row, gap), rtl))
    return places[:count]


def _parts(ctx, card, rect: Rect, has_body: bool):
    """The card's heading and body: (rect, paras, style) each; no body for a heading-only card."""
    heading_height = int(rect.height * (0.32 if card.items else 0.45)) if has_body else rect.height
    heading = Rect(rect.left, rect.top, rect.width, heading_height)
    heading_style = TextStyle(role="big_number", bold=True, color="background", align="center", anchor="middle",
                              max_pt=32, inset_x=ctx.inches(0.12))
    if not has_body:
        return (heading, [Para(card.heading)], heading_style), None
    body = Rect(rect.left, heading.bottom, rect.width, rect.height - heading_height)
    paras = []
    if card.subheading:
        paras.append(Para(card.subheading, bold=bool(card.items)))
    paras.extend(Para(text, level) for text, level in bullet_lines(card.items))
    style = TextStyle(role="body", align="center" if not card.items else "left", anchor="middle",
                      bullets="char" if card.items else None, color="text", space_before_pt=6,
                      inset_x=ctx.inches(0.18), inset_y=ctx.inches(0.12))
    if card.items and card.subheading:
        style.bullets = None
    return (heading, [Para(card.heading)], heading_style), (body, paras, style)


def _card_fits(ctx, card, rect: Rect, has_body: bool) -> bool:
    (heading, heading_paras, heading_style), body = _parts(ctx, card, rect, has_body)
    if not fits_in(ctx, heading.width, heading.height, heading_paras, heading_style, "roundRect", BOX_CORNER):
        return False
    if body is None or not body[1]:
        return True
    body_rect, paras, style = body
    return fits_in(ctx, body_rect.width, body_rect.height, paras, style)


def _card(page, ctx, card, rect: Rect, index: int, has_body: bool) -> None:
    (heading, heading_paras, heading_style), body = _parts(ctx, card, rect, has_body)
    add_box(ctx, page.shapes, heading, heading_paras, heading_style, f"Card {index} heading", fill="primary")
    if body is None:
        return
    body_rect, paras, style = body
    add_box(ctx, page.shapes, body_rect, paras or None, style, f"Card {index}", fill="light",
            shape_type=MSO_SHAPE.RECTANGLE)
