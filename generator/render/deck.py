"""Draw one locale's deck into the template: a slide per model slide, through the mapping."""

from __future__ import annotations

import copy
import dataclasses

from ..errors import DeckError
from ..localize.localizer import LocalizedDeck
from ..oxml import shapes as xshapes
from ..oxml import slides as xslides
from ..oxml import text as xtext
from ..oxml.text import set_footer_text, set_text_size
from ..template.mapping import Template
from .context import RenderContext, template_cache
from .renderers import RENDERERS
from .page import Page
from .text import Fitter, check_glyphs, fit_layout_placeholder, set_notes


def render_deck(deck: LocalizedDeck, template: Template, fitter: Fitter) -> tuple[object, RenderContext]:
    """A ``pptx.Presentation`` holding every slide of ``deck``; the context carries the fit records."""
    drawing = DeckDrawing(deck, template, fitter)
    for number, content in enumerate(deck.slides, 1):
        drawing.add_slide(number, content)
    return drawing.prs, drawing.ctx


class DeckDrawing:
    """One locale's presentation being drawn, a slide at a time.

    ``render_deck`` adds every slide in order; ``generator.warm`` keeps the drawing and draws a
    changed slide again at the end of the deck before moving it into its place.
    """

    def __init__(self, deck: LocalizedDeck, template: Template, fitter: Fitter):
        prs = template.open()
        xslides.remove_all_slides(prs)     # a template may hold sample slides; the deck starts empty
        if deck.locale.rtl:
            _mirror_template(prs)
        shared = template_cache(template, deck.locale.rtl)
        self.deck, self.template, self.prs = deck, template, prs
        self.ctx = RenderContext(prs, template, deck.locale, deck.figures, fitter, layout_cache=shared)
        self.layouts = {layout.name: layout for layout in prs.slide_layouts}
        self.adder = xslides.SlideAdder(prs, shared)

    def add_slide(self, number: int, content):
        """Draw ``content`` as slide ``number``, appended to the deck: body, footer, notes."""
        slide, layout = self.draw_body(number, content)
        self.finish_slide(slide, layout, content)
        return slide

    def draw_body(self, number: int, content):
        """Append a slide of ``content``'s layout and draw the kind into it; returns it and its layout."""
        ctx, template = self.ctx, self.template
        ctx.slide_number = number
        role = content.layout or template.mapping.role_for_kind(content.kind)
        layout = self.layouts.get(template.mapping.layouts[role].name)
        if layout is None:
            raise DeckError(f"the template has no layout '{template.mapping.layouts[role].name}'")
        slide = self.adder.add_slide(layout)
        # python-pptx's own "turbo add": the largest shape id is counted instead of searched for
        # with an XPath over the whole slide on every shape. Every id goes through this count.
        slide.shapes.turbo_add_enabled = True
        page = Page(slide, role, ctx, layout)
        RENDERERS[content.kind](page, content, ctx)
        if page.remove_unfilled_placeholders():
            slide.shapes.turbo_add_enabled = True  # count again: a removed placeholder may have had the largest id
        return slide, layout

    def finish_slide(self, slide, layout, content) -> None:
        """The footer and slide number, then the speaker notes."""
        _add_footer(self.ctx, slide, layout, self.template, self.deck)
        set_notes(self.ctx, self.adder.notes_slide(slide), content.notes)


def _mirror_template(prs) -> None:
    """Right-to-left decks mirror the master's and layouts' shapes: bands, rules, wordmark, footer.

    Only shapes with a position of their own move; placeholders that inherit theirs follow
    the shape they inherit from.
    """
    width = int(prs.slide_width)
    masters = list(prs.slide_masters)
    for owner in masters + [layout for master in masters for layout in master.slide_layouts]:
        for shape in owner.shapes:
            if xshapes.has_own_position(shape):
                shape.left = width - int(shape.left) - int(shape.width)


def _add_footer(ctx: RenderContext, slide, layout, template: Template, deck: LocalizedDeck) -> None:
    """The layout's footer and slide-number placeholders, built once per layout and copied to each slide."""
    footer = template.mapping.footer
    text = footer.text.replace("{title}", deck.title)
    widest_number = str(len(deck.slides))
    key = ("footer", layout.part.partname, text, widest_number, deck.locale.lang)
    cached = ctx.layout_cache.get(key)
    if cached is None:
        first_fit = len(ctx.fits)
        wanted = []
        if footer.text:
            wanted.append("ftr")
        if footer.slide_number:
            wanted.append("sldNum")
        added = xslides.copy_layout_placeholders(slide, layout, tuple(wanted))
        for element in added:
            kind = xslides.placeholder_type(element)
            if kind == "ftr":
                check_glyphs(ctx, text, "footer")
                size, written = _fit_footer_placeholder(ctx, layout, kind, text, "footer")
                if not ctx.fits[-1].fits:
                    size, written = _widen_footer(ctx, layout, element, text, footer.slide_number)
                set_footer_text(element, written, deck.locale.lang, deck.locale.rtl)
            else:
                size, _ = _fit_footer_placeholder(ctx, layout, kind, widest_number, "slide number")
            if size is not None:
                set_text_size(element, size)
        ctx.layout_cache[key] = ([copy.deepcopy(element) for element in added], ctx.fits[first_fit:])
        ctx.footers_fitted.add(key)
        return
    prototypes, fits = cached
    if key not in ctx.footers_fitted:     # fitted for another deck of this template: this deck's record too
        ctx.fits.extend(dataclasses.replace(fit, slide=ctx.slide_number) for fit in fits)
        ctx.footers_fitted.add(key)
    for prototype in prototypes:
        xshapes.add_copy(slide.shapes, prototype)


def _widen_footer(ctx: RenderContext, layout, element, text: str, with_number: bool) -> tuple[float | None, str]:
    """A footer too long for its placeholder takes the free width of the footer row: the date's
    (never drawn) and the margins', up to the slide number when there is one. It grows by as
    much on both sides as it can, so centred text stays centred; then up to the free edges.
    """
    shape = xslides.layout_placeholder(layout, "ftr")
    left, top, width, height = (int(shape.left or 0), int(shape.top or 0), int(shape.width or 0),
                                int(shape.height or 0))
    placeholders = [ph for ph in layout.placeholders if ph.left is not None and ph.width]
    row_left = min(int(ph.left) for ph in placeholders)
    row_right = max(int(ph.left) + int(ph.width) for ph in placeholders)
    gap = ctx.inches(0.1)
    number = xslides.layout_placeholder(layout, "sldNum") if with_number else None
    if number is not None and number.left is not None:
        if int(number.left) >= left + width // 2:
            row_right = min(row_right, int(number.left) - gap)
        else:
            row_left = max(row_left, int(number.left) + int(number.width) + gap)
    room = min(left - row_left, row_right - left - width)
    spans = [(left - room, width + 2 * room)] if room > 0 else []
    spans.append((row_left, row_right - row_left))
    ctx.fits.pop()
    chain, own_pt = _placeholder_chain_and_size(layout, "ftr")
    for wide_left, wide_width in spans:
        size, written = fit_layout_placeholder(ctx, chain, wide_width, height, text, own_pt, "footer")
        if ctx.fits[-1].fits or (wide_left, wide_width) == spans[-1]:
            xslides.set_own_position(element, wide_left, top, wide_width, height)
            return size, written
        ctx.fits.pop()


# A placeholder that names no size anywhere gets PowerPoint's default.
DEFAULT_FOOTER_PT = 18.0


def _placeholder_chain_and_size(layout, kind: str) -> tuple[list, float]:
    """The layout's ``kind`` placeholder and those it inherits from (nearest first), and the size
    they give its text: their own, else the master's other-text style, else PowerPoint's default."""
    *placeholders, master = xslides.placeholder_chain(layout, kind)
    own_pt = (xtext.placeholder_font_size(placeholders) or xtext.other_style_font_size(master)
              or DEFAULT_FOOTER_PT)
    return placeholders, own_pt


def _fit_footer_placeholder(ctx: RenderContext, layout, kind: str, text: str,
                            name: str) -> tuple[float | None, str]:
    """The size ``text`` is fitted to in the layout's ``kind`` placeholder (None: its own size fits), and the
    text to write.

    The box and the largest size are the placeholder's as the layout gives it (its own, else the
    master's). The size is written when smaller than the placeholder's own, or when only the
    master names it; a text that fits as the layout draws it is left as the layout draws it.
    """
    placeholders, own_pt = _placeholder_chain_and_size(layout, kind)
    layout_pt = xtext.placeholder_font_size(placeholders[:1])
    shape = xslides.layout_placeholder(layout, kind)
    size, written = fit_layout_placeholder(ctx, placeholders, int(shape.width or 0), int(shape.height or 0),
                                           text, own_pt, name)
    # LibreOffice draws a slide's footer at a default size of its own unless the layout's
    # placeholder names one (a size only the master gives is not applied): then it is written.
    return (size if size < own_pt or layout_pt is None else None), written
