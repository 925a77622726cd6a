"""Kind ``cards``: a row of cards (heading, subheading, bullets), then bullets that apply to all."""

from pptx.enum.shapes import MSO_SHAPE

from ...layout.geometry import Rect
from ...model import bullet_lines
from ...render.shapes import add_box, columns, mirrored
from ...render.text import Para, TextStyle, add_text_box
from .model import CardsSlide


def render(page, slide: CardsSlide, ctx) -> None:
    page.set_title(slide.title)
    area = page.content_area()
    gap = ctx.inches(0.3)
    cards_height = area.height if not slide.items else int(area.height * 0.58)
    cards_area = Rect(area.left, area.top, area.width, cards_height)
    rects = mirrored(columns(cards_area, len(slide.cards), gap), ctx.locale.rtl)
    has_body = any(card.items or card.subheading for card in slide.cards)
    for index, (card, rect) in enumerate(zip(slide.cards, rects), 1):
        _card(page, ctx, card, rect, index, has_body)
    if slide.items:
        below = Rect(area.left, cards_area.bottom + ctx.inches(0.3), area.width,
                     area.bottom - cards_area.bottom - ctx.inches(0.3))
        style = TextStyle(role="body", bullets="char", align="left", anchor="top", color="text",
                          space_before_pt=6, max_pt=20)
        add_text_box(ctx, page.shapes, below, [Para(t, lvl) for t, lvl in bullet_lines(slide.items)], style,
                     "Common points")


def _card(page, ctx, card, rect: Rect, index: int, has_body: bool) -> None:
    heading_height = int(rect.height * (0.32 if card.items else 0.45)) if has_body else rect.height
    heading = Rect(rect.left, rect.top, rect.width, heading_height)
    add_box(ctx, page.shapes, heading, [Para(card.heading)],
            TextStyle(role="big_number", bold=True, color="background", align="center", anchor="middle",
                      max_pt=32, inset_x=ctx.inches(0.12)),
            f"Card {index} heading", fill="primary")
    if not has_body:
        return
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
    add_box(ctx, page.shapes, body, paras or None, style, f"Card {index}", fill="light",
            shape_type=MSO_SHAPE.RECTANGLE)
