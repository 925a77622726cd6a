"""Write text into shapes: fitted sizes, language, script fonts and direction on every run.

Every text body of the deck goes through ``write_text``: it asks the fitter for the largest
size between the role's maximum and minimum at which the text fits the box, writes that
size on every run, and marks the body ``normAutofit`` so PowerPoint re-fits only after edits.
A word too wide for the box even at the minimum is written with soft hyphens at its
dictionary points, where the fitter found it breaks.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from pptx.util import Emu, Pt

from ..build_context import process_cache
from ..layout.fit import EMU_PER_PT, BoxSpec, Paragraph, fit, measure_height
from ..layout.geometry import Rect
from ..layout.measure import MissingGlyph
from ..oxml import shapes as xshapes
from ..oxml import text as xtext
from .context import FitRecord, RenderContext

# The alignment values as they are written in the XML (python-pptx's enum XML values).
ALIGN_XML = {"left": "l", "center": "ctr", "right": "r", "justify": "just"}
DEFAULT_INSET_X = xtext.DEFAULT_INSET_X
DEFAULT_INSET_Y = xtext.DEFAULT_INSET_Y
BULLET_INDENT = 228600          # a quarter inch of hanging indent per bullet level
BULLET_CHARS = ("\u2022", "\u2013", "\u2022")


@dataclass
class TextStyle:
    """How a text body looks; ``role`` picks the mapping's size range (title, body, label...)."""

    role: str = "body"
    color: str | None = None          # a mapping colour name
    bold: bool = False
    align: str | None = "left"        # mirrored for right-to-left locales; None keeps the template's
    anchor: str | None = None
    bullets: str | None = None        # None: no bullets; "template": the layout's; "char": drawn here
    line_spacing: float = 1.0
    space_before_pt: float = 0.0
    level_size_step: float = 0.9
    max_pt: float | None = None       # narrower than the role's range, e.g. a tile's value
    inset_x: int | None = None        # EMU; None keeps the shape's own
    inset_y: int | None = None


@dataclass
class Para:
    text: str
    level: int = 0
    bold: bool | None = None
    size_ratio: float = 1.0
    color: str | None = None
    link: str | None = None
    ltr: bool = False                 # a URL or code: left to right even in a right-to-left deck


class Fitter:
    """Fits text with the measurer for the deck's fonts; one per build, so measurements are cached.

    One fitter serves every locale of a build: each call names the language its lines break in.
    """

    def __init__(self, measurer, step: float = 0.5):
        self.measurer = measurer
        self.step = step

    def fit(self, paras: list[Para], box: BoxSpec, max_pt: float, min_pt: float, bold: bool = False,
            language: str | None = None):
        """``bold`` is the style's weight, for paragraphs that do not set their own; ``language``
        the locale's BCP 47 tag (``ctx.locale.lang``).

        Each level's smaller size is the box's ``level_size_step``, applied by the layout.
        """
        specs = [Paragraph(p.text, p.level, bold if p.bold is None else p.bold, p.size_ratio) for p in paras]
        return fit(specs, box, max_pt, min_pt, self.measurer, step=self.step, language=language)


def write_text(ctx: RenderContext, shape, paras: list[Para], style: TextStyle, name: str | None = None):
    """Fill ``shape``'s text frame with ``paras`` at the largest size that fits; return that size."""
    return write_text_group(ctx, [(shape, paras, style, name)])


def write_text_group(ctx: RenderContext, items: list[tuple]) -> float:
    """Fill sibling boxes (cards, tiles, columns) at one size: the largest at which all of them fit.

    ``items`` holds ``(shape, paras, style, name)``; returns the size written.
    """
    prepared = []
    records = []
    for shape, paras, style, name in items:
        paras = _split_lines(paras)
        tx_body = xtext.text_body(shape)
        body_pr = tx_body.find(xtext.BODY_PR)
        xtext.prepare_body(body_pr, style.inset_x, style.inset_y, style.anchor)
        record, paras = _fit_size(ctx, shape, body_pr, paras, style, name)
        records.append(record)
        prepared.append((shape, tx_body, body_pr, paras, style))
    size = min(record.size_pt for record in records)
    all_fit = all(r.fits for r in records)
    for record in records:
        record.size_pt = size
        record.fits = record.fits and all_fit
    for shape, tx_body, body_pr, paras, style in prepared:
        _fill(ctx, shape, tx_body, paras, style, size)
        xtext.fit_on_overflow(body_pr)
    return size


def _split_lines(paras: list[Para]) -> list[Para]:
    """A newline inside a text starts a new paragraph with the same look."""
    out = []
    for para in paras:
        if "\n" not in para.text:
            out.append(para)
            continue
        for part in para.text.split("\n"):
            out.append(dataclasses.replace(para, text=part))
    return out


def add_text_box(ctx: RenderContext, shapes, rect: Rect, paras: list[Para], style: TextStyle, name: str):
    box = xshapes.add_shape_like(shapes, ctx.layout_cache, ("textbox",),
                         lambda: shapes.add_textbox(Emu(rect.left), Emu(rect.top), Emu(rect.width), Emu(rect.height)),
                         name, rect.left, rect.top, rect.width, rect.height)
    write_text(ctx, box, paras, style, name)
    return box


def _fit_size(ctx: RenderContext, shape, body_pr, paras: list[Para], style: TextStyle,
              name: str | None) -> tuple[FitRecord, list[Para]]:
    """The fitted size's record, and ``paras`` as they are to be written (hyphenated where the fit did)."""
    max_pt, min_pt = _size_range(ctx, style)
    indent = bullet_indent = BULLET_INDENT if style.bullets else 0
    if style.bullets == "template":
        margins = xtext.placeholder_list_margins(shape)
        if margins is not None:
            bullet_indent, indent = margins[0], margins[1] - margins[0]
    width, height = _extent(ctx, shape)
    geometry = xshapes.preset_geometry(shape)
    box = box_spec(width, height,
                   xtext.inset(body_pr, "lIns", DEFAULT_INSET_X), xtext.inset(body_pr, "tIns", DEFAULT_INSET_Y),
                   geometry=geometry, adjust=_first_adjustment(shape) if geometry == "roundRect" else None,
                   right=xtext.inset(body_pr, "rIns", DEFAULT_INSET_X),
                   bottom=xtext.inset(body_pr, "bIns", DEFAULT_INSET_Y),
                   line_spacing=style.line_spacing, space_before_pt=style.space_before_pt,
                   indent_per_level=indent, bullet_indent=bullet_indent,
                   level_size_step=style.level_size_step)
    try:
        result = ctx.fitter.fit(paras, box, max_pt, min_pt, style.bold, ctx.locale.lang)
    except MissingGlyph as error:
        error.slide, error.shape = ctx.slide_number, name or shape.name
        raise
    record = FitRecord(ctx.slide_number, name or shape.name, style.role, result.size_pt, max_pt,
                       result.fits, " / ".join(p.text for p in paras), result.hyphenated)
    ctx.fits.append(record)
    if result.hyphenated:
        paras = [dataclasses.replace(para, text=text) for para, text in zip(paras, result.texts)]
    return record, paras


def fit_layout_placeholder(ctx: RenderContext, sp_elements, width: int, height: int, text: str,
                           max_pt: float, name: str) -> tuple[float, str]:
    """The size and text (hyphenated where the fit broke a word) of a footer or slide number.

    ``sp_elements`` is the placeholder as the layout has it and those it inherits from, nearest
    first: their insets apply. Sizes go from ``max_pt``, the placeholder's own, down to the
    caption role's minimum; the fit is recorded like every other text's.
    """
    min_pt = min(ctx.mapping.size("caption")[1], max_pt)
    insets = [xtext.inherited_inset(sp_elements, side, default) for side, default in
              (("lIns", DEFAULT_INSET_X), ("tIns", DEFAULT_INSET_Y), ("rIns", DEFAULT_INSET_X),
               ("bIns", DEFAULT_INSET_Y))]
    box = box_spec(width, height, insets[0], insets[1], right=insets[2], bottom=insets[3])
    try:
        box = _at_least_one_line(ctx, box, text, max_pt)
        result = ctx.fitter.fit([Para(text)], box, max_pt, min_pt, language=ctx.locale.lang)
    except MissingGlyph as error:
        error.slide, error.shape = ctx.slide_number, name
        raise
    ctx.fits.append(FitRecord(ctx.slide_number, name, "caption", result.size_pt, max_pt, result.fits, text,
                              result.hyphenated))
    return _size_pt(result.size_pt), result.texts[0] if result.hyphenated else text


def _at_least_one_line(ctx: RenderContext, box: BoxSpec, text: str, size_pt: float) -> BoxSpec:
    """``box``, made as tall as one line of ``text`` at ``size_pt`` when it is less.

    A footer placeholder is often exactly a line of Latin text tall; a taller script's line
    (Arabic, Devanagari) spills a little above and below it, as it does in PowerPoint, but
    must still fit the width.
    """
    one_line = [Paragraph(text)]
    wide = dataclasses.replace(box, width=box.width * 1000)
    line_pt, _ = measure_height(one_line, wide, size_pt, ctx.fitter.measurer, ctx.locale.lang)
    if box.inner_height_pt >= line_pt:
        return box
    return dataclasses.replace(box, height=math.ceil(line_pt * EMU_PER_PT) + box.inset_top + box.inset_bottom)


def _size_range(ctx: RenderContext, style: TextStyle) -> tuple[float, float]:
    max_pt, min_pt = ctx.mapping.size(style.role)
    if style.max_pt:
        max_pt = min(max_pt, style.max_pt)
        min_pt = min(min_pt, max_pt)
    return max_pt, min_pt


def trial_fit(ctx: RenderContext, width: int, height: int, paras: list[Para], style: TextStyle,
              geometry: str | None = None, adjust: float | None = None):
    """How ``paras`` would fit a new box of this size (a ``FitResult``), drawing and recording nothing.

    For kinds that choose between arrangements before they draw one. The box has the style's
    insets, or PowerPoint's default ones.
    """
    max_pt, min_pt = _size_range(ctx, style)
    inset_x = DEFAULT_INSET_X if style.inset_x is None else style.inset_x
    inset_y = DEFAULT_INSET_Y if style.inset_y is None else style.inset_y
    indent = BULLET_INDENT if style.bullets else 0
    box = box_spec(width, height, inset_x, inset_y, geometry=geometry, adjust=adjust,
                   line_spacing=style.line_spacing, space_before_pt=style.space_before_pt,
                   indent_per_level=indent, bullet_indent=indent, level_size_step=style.level_size_step)
    return ctx.fitter.fit(_split_lines(paras), box, max_pt, min_pt, style.bold, ctx.locale.lang)


def fits_in(ctx: RenderContext, width: int, height: int, paras: list[Para], style: TextStyle,
            geometry: str | None = None, adjust: float | None = None) -> bool:
    """Whether ``paras`` fit a new box of this size at some size of the role's range."""
    return trial_fit(ctx, width, height, paras, style, geometry, adjust).fits


def _extent(ctx: RenderContext, shape) -> tuple[int, int]:
    """Width and height of a shape; a placeholder's inherited ones are looked up once per layout."""
    rect = xshapes.remembered_rect(shape)
    if rect is not None:
        return rect.width, rect.height
    return int(shape.width), int(shape.height)


# Renderers lay text out with slightly different metrics (kerning, hinting, how they round
# line heights); fitting into a box a little smaller than the real one keeps every renderer inside it.
SAFETY_WIDTH = 0.97
SAFETY_HEIGHT = 0.96
ROUND_RECT_TEXT_INSET = 0.29289   # 1 - cos 45°: the text rectangle of roundRect stops where the corner arc does


def box_spec(width: int, height: int, inset_x: int, inset_y: int, geometry: str | None = None,
             adjust: float | None = None, right: int | None = None, bottom: int | None = None,
             **options) -> BoxSpec:
    """The space text really has in a shape: its size less insets, less the preset's text rectangle."""
    extra_x = extra_y = 0
    if geometry == "roundRect":
        radius = (0.16667 if adjust is None else adjust) * min(width, height)
        extra_x = extra_y = int(radius * ROUND_RECT_TEXT_INSET)
    elif geometry == "ellipse":
        extra_x, extra_y = int(width * 0.14645), int(height * 0.14645)
    usable_width = int(width * SAFETY_WIDTH)
    usable_height = int(height * SAFETY_HEIGHT)
    return BoxSpec(width=usable_width, height=usable_height,
                   inset_left=inset_x + extra_x, inset_right=(inset_x if right is None else right) + extra_x,
                   inset_top=inset_y + extra_y, inset_bottom=(inset_y if bottom is None else bottom) + extra_y,
                   **options)


def _first_adjustment(shape) -> float | None:
    """The shape's first adjustment value; the same ``a:avLst`` always gives the same one."""
    key = xshapes.geometry_key(shape)
    if key is not None and key in _ADJUSTMENTS:
        return _ADJUSTMENTS[key]
    try:
        value = float(shape.adjustments[0]) if len(shape.adjustments) else None
    except (AttributeError, IndexError, ValueError):
        value = None
    if key is not None:
        _ADJUSTMENTS[key] = value
    return value


_ADJUSTMENTS: dict = process_cache({})     # by the a:prstGeom's XML alone


def _fill(ctx: RenderContext, shape, tx_body, paras: list[Para], style: TextStyle, size: float) -> None:
    """Write ``paras`` into ``shape``'s text body ``tx_body`` (``generator.oxml.text`` writes the XML).

    A paragraph that differs from one already written only in its text is a copy of that one.
    """
    first = xtext.clear(tx_body)
    look = _body_look(ctx, style)
    key_base = (look, style.bullets, style.level_size_step, style.bold, style.color, size)
    cache = ctx.layout_cache
    for index, para in enumerate(paras):
        if para.link:              # a hyperlink's relationship is the slide's own: written every time
            p = first if index == 0 else xtext.add_paragraph(tx_body)
            _write_paragraph(ctx, shape, p, index, para, style, size, look)
            continue
        # The first paragraph keeps what the shape's own first paragraph had (its a:pPr...).
        kept = xtext.paragraph_key(first) if index == 0 else None
        key = ("paragraph", key_base, kept, para.level, para.bold, para.size_ratio, para.color, para.ltr)
        written = cache.get(key)
        if written is None:
            p = first if index == 0 else xtext.add_paragraph(tx_body)
            _write_paragraph(ctx, shape, p, index, para, style, size, look)
            cache[key] = xtext.ParagraphCopy(p)
        else:
            written.place(tx_body, para.text, replacing=first if index == 0 else None)


def _body_look(ctx: RenderContext, style: TextStyle) -> xtext.BodyLook:
    """Language, direction, alignment, spacing and fonts of every paragraph of a body in ``style``."""
    fonts = ctx.fonts.slot_families()
    key = ("look", ctx.locale.lang, fonts, style.align, style.space_before_pt, style.line_spacing)   # per template
    look = ctx.layout_cache.get(key)
    if look is None:
        align = _aligned(style.align, ctx.locale.rtl)
        look = ctx.layout_cache[key] = xtext.BodyLook(
            lang=ctx.locale.lang, rtl=ctx.locale.rtl, align=ALIGN_XML[align] if align else None,
            space_before=str(Pt(style.space_before_pt).centipoints) if style.space_before_pt else None,
            line_spacing=str(int(round(style.line_spacing * 100000.0))) if style.line_spacing != 1.0 else None,
            fonts=fonts)
    return look


def _write_paragraph(ctx: RenderContext, shape, p, index: int, para: Para, style: TextStyle, size: float,
                     look: xtext.BodyLook) -> None:
    if style.bullets == "char":
        bullet = xtext.Bullet(BULLET_CHARS[para.level % len(BULLET_CHARS)], BULLET_INDENT * (para.level + 1),
                              -BULLET_INDENT, ctx.color("accent"))
    else:
        bullet = False if style.bullets is None else None      # none, or the template's
    color = para.color or style.color
    run = xtext.write_paragraph(
        p, index, para.text, para.level, bullet, look,
        size_pt=_size_pt(size * para.size_ratio * style.level_size_step ** para.level),
        bold=style.bold if para.bold is None else para.bold,
        color_hex=ctx.color(color) if color else None, ltr=para.ltr)
    if para.link:
        xtext.set_link(shape, p, run, para.link)


def _aligned(align: str | None, rtl: bool) -> str | None:
    """Mirror left and right for right-to-left text; RTL text the template aligns is right-aligned."""
    if not rtl:
        return align
    if align is None:
        return "right"
    return {"left": "right", "right": "left"}.get(align, align)


def _size_pt(value: float) -> float:
    """Down to a tenth of a point: never larger than the size that was measured to fit."""
    return max(1.0, math.floor(value * 10 + 1e-6) / 10)


def set_notes(ctx: RenderContext, notes_slide, text: str) -> None:
    """Speaker notes: one plain paragraph in the locale's language and direction.

    ``notes_slide`` is the slide's ``NotesSlide``; runs of white space become one space.
    """
    text = " ".join(text.split())
    check_glyphs(ctx, text, "speaker notes")
    xtext.write_notes(xtext.notes_body(notes_slide), [text], ctx.locale.lang, ctx.locale.rtl,
                      ctx.fonts.slot_families())


def check_glyphs(ctx: RenderContext, text: str, shape: str) -> None:
    """Refuse text that is written without being fitted when its faces lack a glyph of it (``MissingGlyph``)."""
    try:
        ctx.fitter.measurer.check_glyphs(text)
    except MissingGlyph as error:
        error.slide, error.shape = ctx.slide_number, shape
        raise
