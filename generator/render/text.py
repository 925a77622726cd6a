"""Write text into shapes: fitted sizes, language, script fonts and direction on every run.

Every text body of the deck goes through ``write_text``: it asks the fitter for the largest
size between the role's maximum and minimum at which the text fits the box, writes that
size on every run, and marks the body ``normAutofit`` so PowerPoint re-fits only after edits.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from .. import oxml
from ..layout.fit import BoxSpec, Paragraph, fit
from ..layout.geometry import Rect
from .context import EMU_PER_PT, FitRecord, RenderContext

ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT, "justify": PP_ALIGN.JUSTIFY}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
DEFAULT_INSET_X = 91440
DEFAULT_INSET_Y = 45720
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


def paragraphs_of(lines) -> list[Para]:
    """``[(text, level)]`` or plain strings -> ``Para``s; a newline inside a text starts a new paragraph."""
    out = []
    for line in lines:
        text, level = (line, 0) if isinstance(line, str) else line
        for part in str(text).split("\n"):
            out.append(Para(part, level))
    return out


class Fitter:
    """Fits text with the measurer for the deck's fonts; one per build, so measurements are cached."""

    def __init__(self, measurer, step: float = 0.5):
        self.measurer = measurer
        self.step = step

    def fit(self, paras: list[Para], box: BoxSpec, max_pt: float, min_pt: float, level_step: float,
            bold: bool = False):
        """``bold`` is the style's weight, for paragraphs that do not set their own."""
        specs = [Paragraph(p.text, p.level, bold if p.bold is None else p.bold, p.size_ratio * level_step ** p.level)
                 for p in paras]
        return fit(specs, box, max_pt, min_pt, self.measurer, step=self.step)


def write_text(ctx: RenderContext, shape, paras: list[Para], style: TextStyle, name: str | None = None):
    """Fill ``shape``'s text frame with ``paras`` at the largest size that fits; return that size."""
    return write_text_group(ctx, [(shape, paras, style, name)])


def write_text_group(ctx: RenderContext, items: list[tuple]) -> float:
    """Fill sibling boxes (cards, tiles, columns) at one size: the largest at which all of them fit.

    ``items`` holds ``(shape, paras, style, name)``; returns the size written.
    """
    items = [(shape, _split_lines(paras), style, name) for shape, paras, style, name in items]
    records = []
    for shape, paras, style, name in items:
        _prepare(shape.text_frame, style)
        records.append(_fit_size(ctx, shape, paras, style, name))
    size = min(record.size_pt for record in records)
    for record in records:
        record.size_pt = size
        record.fits = record.fits and all(r.fits for r in records)
    for shape, paras, style, _ in items:
        _fill(ctx, shape.text_frame, paras, style, size)
        oxml.fit_on_overflow(shape.text_frame._txBody.bodyPr)
    return size


def _split_lines(paras: list[Para]) -> list[Para]:
    """A newline inside a text starts a new paragraph with the same look."""
    out = []
    for para in paras:
        for part in para.text.split("\n"):
            out.append(dataclasses.replace(para, text=part))
    return out


def _prepare(frame, style: TextStyle) -> None:
    frame.word_wrap = True
    if style.inset_x is not None:
        frame.margin_left = frame.margin_right = Emu(style.inset_x)
    if style.inset_y is not None:
        frame.margin_top = frame.margin_bottom = Emu(style.inset_y)
    if style.anchor:
        frame.vertical_anchor = ANCHOR[style.anchor]


def add_text_box(ctx: RenderContext, shapes, rect: Rect, paras: list[Para], style: TextStyle, name: str):
    box = shapes.add_textbox(Emu(rect.left), Emu(rect.top), Emu(rect.width), Emu(rect.height))
    box.name = name
    write_text(ctx, box, paras, style, name)
    return box


def _fit_size(ctx: RenderContext, shape, paras: list[Para], style: TextStyle, name: str | None) -> FitRecord:
    max_pt, min_pt = ctx.mapping.size(style.role)
    if style.max_pt:
        max_pt = min(max_pt, style.max_pt)
        min_pt = min(min_pt, max_pt)
    frame = shape.text_frame
    indent = BULLET_INDENT if style.bullets else 0
    box = box_spec(int(shape.width), int(shape.height),
                   _margin(frame.margin_left, DEFAULT_INSET_X), _margin(frame.margin_top, DEFAULT_INSET_Y),
                   geometry=_preset(shape), adjust=_first_adjustment(shape),
                   right=_margin(frame.margin_right, DEFAULT_INSET_X),
                   bottom=_margin(frame.margin_bottom, DEFAULT_INSET_Y),
                   line_spacing=style.line_spacing, space_before_pt=style.space_before_pt,
                   indent_per_level=indent, bullet_indent=indent if style.bullets else 0,
                   level_size_step=style.level_size_step)
    result = ctx.fitter.fit(paras, box, max_pt, min_pt, style.level_size_step, style.bold)
    record = FitRecord(ctx.slide_number, name or shape.name, style.role, result.size_pt, max_pt,
                       result.fits, " / ".join(p.text for p in paras))
    ctx.fits.append(record)
    return record


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


def _preset(shape) -> str | None:
    geometry = shape._element.find(".//" + qn("a:prstGeom")) if hasattr(shape, "_element") else None
    return geometry.get("prst") if geometry is not None else None


def _first_adjustment(shape) -> float | None:
    try:
        return float(shape.adjustments[0]) if len(shape.adjustments) else None
    except (AttributeError, IndexError, ValueError):
        return None


def _margin(value, default: int) -> int:
    return default if value is None else int(value)


def _fill(ctx: RenderContext, frame, paras: list[Para], style: TextStyle, size: float) -> None:
    fonts = ctx.mapping.fonts
    frame.clear()
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.level = min(para.level, 8)
        if style.bullets == "char":
            _draw_bullet(ctx, paragraph, para.level)
        elif style.bullets is None:
            oxml.set_bullet_none(paragraph._p)
        if style.space_before_pt and index:
            paragraph.space_before = Pt(style.space_before_pt)
        if style.line_spacing != 1.0:
            paragraph.line_spacing = style.line_spacing
        rtl = ctx.locale.rtl and not para.ltr
        align = _aligned(style.align, ctx.locale.rtl)
        if align:
            paragraph.alignment = ALIGN[align]
        oxml.set_paragraph_direction(paragraph._p, rtl)
        run = paragraph.add_run()
        run.text = para.text
        font = run.font
        font.size = Pt(_size_pt(size * para.size_ratio * style.level_size_step ** para.level))
        bold = style.bold if para.bold is None else para.bold
        if bold:
            font.bold = True
        color = para.color or style.color
        if color:
            font.color.rgb = RGBColor.from_string(ctx.color(color))
        if para.link:
            run.hyperlink.address = para.link
        oxml.set_run_language_and_fonts(run._r.get_or_add_rPr(), ctx.locale.lang, fonts.latin,
                                        fonts.east_asian, fonts.complex)
        end = paragraph._p.get_or_add_endParaRPr()
        end.set("sz", str(int(_size_pt(size * para.size_ratio * style.level_size_step ** para.level) * 100)))
        oxml.set_run_language_and_fonts(end, ctx.locale.lang, fonts.latin, fonts.east_asian, fonts.complex)


def _draw_bullet(ctx: RenderContext, paragraph, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(BULLET_INDENT * (level + 1)))
    ppr.set("indent", str(-BULLET_INDENT))
    oxml.set_bullet_char(paragraph._p, BULLET_CHARS[level % len(BULLET_CHARS)], ctx.color("accent"))


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


def set_notes(ctx: RenderContext, slide, text: str) -> None:
    """Speaker notes: plain paragraphs in the locale's language and direction."""
    frame = slide.notes_slide.notes_text_frame
    frame.clear()
    fonts = ctx.mapping.fonts
    for index, part in enumerate(" ".join(text.split()).split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        oxml.set_paragraph_direction(paragraph._p, ctx.locale.rtl)
        run = paragraph.add_run()
        run.text = part
        oxml.set_run_language_and_fonts(run._r.get_or_add_rPr(), ctx.locale.lang, fonts.latin,
                                        fonts.east_asian, fonts.complex)
