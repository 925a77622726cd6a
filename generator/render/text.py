"""Write text into shapes: fitted sizes, language, script fonts and direction on every run.

Every text body of the deck goes through ``write_text``: it asks the fitter for the largest
size between the role's maximum and minimum at which the text fits the box, writes that
size on every run, and marks the body ``normAutofit`` so PowerPoint re-fits only after edits.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import re
from dataclasses import dataclass

from lxml import etree
from lxml.etree import SubElement
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.simpletypes import ST_Coordinate32
from pptx.text.text import _Paragraph, _Run
from pptx.util import Emu, Pt

from .. import oxml
from ..layout.fit import BoxSpec, Paragraph, fit
from ..layout.geometry import Rect
from .context import EMU_PER_PT, FitRecord, RenderContext
from .fastpptx import add_shape_like

ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT, "justify": PP_ALIGN.JUSTIFY}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
# The same values as they are written in the XML (python-pptx's enum XML values).
ALIGN_XML = {"left": "l", "center": "ctr", "right": "r", "justify": "just"}
_ANCHOR_XML = {"top": "t", "middle": "ctr", "bottom": "b"}
DEFAULT_INSET_X = 91440
DEFAULT_INSET_Y = 45720
BULLET_INDENT = 228600          # a quarter inch of hanging indent per bullet level
BULLET_CHARS = ("\u2022", "\u2013", "\u2022")

_BODY_PR, _P, _PPR, _R, _RPR, _T, _END_PARA_RPR = (
    qn(tag) for tag in ("a:bodyPr", "a:p", "a:pPr", "a:r", "a:rPr", "a:t", "a:endParaRPr"))
_CONTENT_TAGS = frozenset(qn(tag) for tag in ("a:r", "a:br", "a:fld"))
_SOLID_FILL, _SRGB_CLR, _HLINK_CLICK = qn("a:solidFill"), qn("a:srgbClr"), qn("a:hlinkClick")
_LATIN, _EA, _CS = qn("a:latin"), qn("a:ea"), qn("a:cs")
_SPC_PCT, _SPC_PTS = qn("a:spcPct"), qn("a:spcPts")
_PRST_GEOM = qn("a:prstGeom")
_CTRL_CHARS = re.compile(r"([\x00-\x08\x0B-\x1F])")


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

    def fit(self, paras: list[Para], box: BoxSpec, max_pt: float, min_pt: float, bold: bool = False):
        """``bold`` is the style's weight, for paragraphs that do not set their own.

        Each level's smaller size is the box's ``level_size_step``, applied by the layout.
        """
        specs = [Paragraph(p.text, p.level, bold if p.bold is None else p.bold, p.size_ratio) for p in paras]
        return fit(specs, box, max_pt, min_pt, self.measurer, step=self.step)


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
        frame = shape.text_frame
        body_pr = frame._txBody.find(_BODY_PR)
        _prepare(body_pr, style)
        records.append(_fit_size(ctx, shape, body_pr, paras, style, name))
        prepared.append((frame, body_pr, paras, style))
    size = min(record.size_pt for record in records)
    all_fit = all(r.fits for r in records)
    for record in records:
        record.size_pt = size
        record.fits = record.fits and all_fit
    for frame, body_pr, paras, style in prepared:
        _fill(ctx, frame, paras, style, size)
        oxml.fit_on_overflow(body_pr)
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


def _prepare(body_pr, style: TextStyle) -> None:
    """Word wrap, insets and anchor on ``a:bodyPr``, as python-pptx's TextFrame setters write them."""
    body_pr.set("wrap", "square")
    if style.inset_x is not None:
        _set_length(body_pr, "lIns", style.inset_x, DEFAULT_INSET_X)
        _set_length(body_pr, "rIns", style.inset_x, DEFAULT_INSET_X)
    if style.inset_y is not None:
        _set_length(body_pr, "tIns", style.inset_y, DEFAULT_INSET_Y)
        _set_length(body_pr, "bIns", style.inset_y, DEFAULT_INSET_Y)
    if style.anchor:
        body_pr.set("anchor", _ANCHOR_XML[style.anchor])


def _set_length(element, name: str, value: int, default: int) -> None:
    """An optional length attribute: assigning its default removes it (python-pptx's rule)."""
    if int(value) == default:
        element.attrib.pop(name, None)
    else:
        element.set(name, str(int(value)))


def add_text_box(ctx: RenderContext, shapes, rect: Rect, paras: list[Para], style: TextStyle, name: str):
    box = add_shape_like(shapes, ctx.layout_cache, ("textbox",),
                         lambda: shapes.add_textbox(Emu(rect.left), Emu(rect.top), Emu(rect.width), Emu(rect.height)),
                         name, rect.left, rect.top, rect.width, rect.height)
    write_text(ctx, box, paras, style, name)
    return box


def _fit_size(ctx: RenderContext, shape, body_pr, paras: list[Para], style: TextStyle,
              name: str | None) -> FitRecord:
    max_pt, min_pt = ctx.mapping.size(style.role)
    if style.max_pt:
        max_pt = min(max_pt, style.max_pt)
        min_pt = min(min_pt, max_pt)
    indent = BULLET_INDENT if style.bullets else 0
    width, height = _extent(ctx, shape)
    geometry = _preset(shape)
    box = box_spec(width, height,
                   _inset(body_pr, "lIns", DEFAULT_INSET_X), _inset(body_pr, "tIns", DEFAULT_INSET_Y),
                   geometry=geometry, adjust=_first_adjustment(shape) if geometry == "roundRect" else None,
                   right=_inset(body_pr, "rIns", DEFAULT_INSET_X),
                   bottom=_inset(body_pr, "bIns", DEFAULT_INSET_Y),
                   line_spacing=style.line_spacing, space_before_pt=style.space_before_pt,
                   indent_per_level=indent, bullet_indent=indent if style.bullets else 0,
                   level_size_step=style.level_size_step)
    result = ctx.fitter.fit(paras, box, max_pt, min_pt, style.bold)
    record = FitRecord(ctx.slide_number, name or shape.name, style.role, result.size_pt, max_pt,
                       result.fits, " / ".join(p.text for p in paras))
    ctx.fits.append(record)
    return record


def _extent(ctx: RenderContext, shape) -> tuple[int, int]:
    """Width and height of a shape; a placeholder's inherited ones are looked up once per layout."""
    rect = getattr(shape, "_deck_rect", None)
    if rect is not None:
        return rect.width, rect.height
    return int(shape.width), int(shape.height)


def _inset(body_pr, name: str, default: int) -> int:
    """An inset of ``a:bodyPr`` in EMU (python-pptx's ``TextFrame.margin_*``)."""
    value = body_pr.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:          # a universal measure such as "0.1in"
        return int(ST_Coordinate32.from_xml(value))


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
    element = getattr(shape, "_element", None)
    geometry = element.find(".//" + _PRST_GEOM) if element is not None else None
    return geometry.get("prst") if geometry is not None else None


def _first_adjustment(shape) -> float | None:
    """The shape's first adjustment value; the same ``a:avLst`` always gives the same one."""
    geometry = shape._element.find(".//" + _PRST_GEOM) if hasattr(shape, "_element") else None
    key = (geometry.get("prst"), etree.tostring(geometry)) if geometry is not None else None
    if key is not None and key in _ADJUSTMENTS:
        return _ADJUSTMENTS[key]
    try:
        value = float(shape.adjustments[0]) if len(shape.adjustments) else None
    except (AttributeError, IndexError, ValueError):
        value = None
    if key is not None:
        _ADJUSTMENTS[key] = value
    return value


_ADJUSTMENTS: dict = {}


def _margin(value, default: int) -> int:
    return default if value is None else int(value)


def _fill(ctx: RenderContext, frame, paras: list[Para], style: TextStyle, size: float) -> None:
    """Write ``paras`` into the text body as raw ``a:p`` elements.

    The XML is exactly what python-pptx's ``TextFrame.clear``/``add_paragraph``, paragraph and
    font setters write (same elements, same attribute order), built with lxml directly: the
    setters cost a chain of descriptor look-ups and XPath queries per attribute. A paragraph
    that differs from one already written only in its text is a copy of that one.
    """
    fonts = ctx.mapping.fonts
    tx_body = frame._txBody
    existing = tx_body.findall(_P)
    for extra in existing[1:]:
        tx_body.remove(extra)
    first = existing[0] if existing else SubElement(tx_body, _P)
    for child in list(first):
        if child.tag in _CONTENT_TAGS:
            first.remove(child)
    align = _aligned(style.align, ctx.locale.rtl)
    shared = _Shared(
        lang=ctx.locale.lang, rtl=ctx.locale.rtl, algn=ALIGN_XML[align] if align else None,
        accent=ctx.color("accent") if style.bullets == "char" else None,
        space_before=str(Pt(style.space_before_pt).centipoints) if style.space_before_pt else None,
        line_spacing=str(int(round(style.line_spacing * 100000.0))) if style.line_spacing != 1.0 else None,
        font_tags=((_LATIN, fonts.latin), (_EA, fonts.east_asian), (_CS, fonts.complex)))
    look = (style.bullets, style.space_before_pt, style.line_spacing, style.align, style.level_size_step,
            style.bold, style.color, size, shared.lang, shared.rtl, fonts.latin, fonts.east_asian, fonts.complex)
    cache = ctx.layout_cache
    for index, para in enumerate(paras):
        if para.link:              # a hyperlink's relationship is the slide's own: written every time
            p = first if index == 0 else SubElement(tx_body, _P)
            _write_paragraph(ctx, frame, p, index, para, style, size, shared)
            continue
        # The first paragraph keeps what the shape's own first paragraph had (its a:pPr...).
        kept = (etree.tostring(first) if len(first) else b"") if index == 0 else None
        key = ("paragraph", look, kept, para.level, para.bold, para.size_ratio, para.color, para.ltr)
        prototype = cache.get(key)
        if prototype is None:
            p = first if index == 0 else SubElement(tx_body, _P)
            _write_paragraph(ctx, frame, p, index, para, style, size, shared)
            cache[key] = (copy.deepcopy(p), _text_position(p))
            continue
        prototype, (run_at, text_at) = prototype
        p = prototype.__copy__()
        p[run_at][text_at].text = _escape_ctrl_chars(para.text)
        if index == 0:
            tx_body.replace(first, p)
        else:
            tx_body.append(p)


def _text_position(p) -> tuple[int, int]:
    """Where the ``a:t`` of a one-run paragraph is: (index of its ``a:r`` in ``p``, index in the run)."""
    run = p.find(_R)
    return p.index(run), run.index(run.find(_T))


@dataclass
class _Shared:
    """What every paragraph of one text body is written with."""

    lang: str
    rtl: bool
    algn: str | None
    accent: str | None
    space_before: str | None
    line_spacing: str | None
    font_tags: tuple


def _write_paragraph(ctx: RenderContext, frame, p, index: int, para: Para, style: TextStyle, size: float,
                     shared: _Shared) -> None:
    """One ``a:p``, as python-pptx's paragraph, run and font setters write it."""
    fonts = ctx.mapping.fonts
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = p.makeelement(_PPR, {})
        p.insert(0, ppr)
    level = min(para.level, 8)
    if level:
        ppr.set("lvl", str(level))
    else:
        ppr.attrib.pop("lvl", None)
    if style.bullets == "char":
        ppr.set("marL", str(BULLET_INDENT * (para.level + 1)))
        ppr.set("indent", str(-BULLET_INDENT))
        oxml.set_bullet_char(p, BULLET_CHARS[para.level % len(BULLET_CHARS)], shared.accent)
    elif style.bullets is None:
        oxml.set_bullet_none(p)
    if shared.space_before and index:
        _replace_spacing(ppr, "a:spcBef", _SPC_PTS, shared.space_before)
    if shared.line_spacing:
        _replace_spacing(ppr, "a:lnSpc", _SPC_PCT, shared.line_spacing)
    if shared.algn:
        ppr.set("algn", shared.algn)
    if shared.rtl and not para.ltr:
        ppr.set("rtl", "1")
    else:
        ppr.attrib.pop("rtl", None)
    run, rpr, end = _new_run(p, para.text)
    point_size = _size_pt(size * para.size_ratio * style.level_size_step ** para.level)
    rpr.set("sz", str(Pt(point_size).centipoints))
    bold = style.bold if para.bold is None else para.bold
    if bold:
        rpr.set("b", "1")
    color = para.color or style.color
    if color:
        SubElement(SubElement(rpr, _SOLID_FILL), _SRGB_CLR).set("val", ctx.color(color))
    if para.link:
        _Run(run, _Paragraph(p, frame)).hyperlink.address = para.link
    rpr.set("lang", shared.lang)
    _add_fonts(rpr, shared.font_tags)
    if end is None:
        end = SubElement(p, _END_PARA_RPR)
    end.set("sz", str(int(point_size * 100)))
    oxml.set_run_language_and_fonts(end, shared.lang, fonts.latin, fonts.east_asian, fonts.complex)


def _new_run(p, text: str):
    """A run holding ``text`` appended to paragraph ``p`` (before its end marker); (run, rPr, end marker)."""
    run = p.makeelement(_R, {})
    end = p.find(_END_PARA_RPR)
    if end is not None:
        end.addprevious(run)
    else:
        p.append(run)
    rpr = SubElement(run, _RPR)
    SubElement(run, _T).text = _escape_ctrl_chars(text)
    return run, rpr, end


def _add_fonts(rpr, font_tags) -> None:
    """``a:latin``, ``a:ea`` and ``a:cs`` on a new run's ``a:rPr``, before any ``a:hlinkClick``."""
    link = rpr.find(_HLINK_CLICK)
    for tag, face in font_tags:
        if face:
            element = rpr.makeelement(tag, {"typeface": face})
            if link is not None:
                link.addprevious(element)
            else:
                rpr.append(element)


def _replace_spacing(ppr, tag: str, unit: str, value: str) -> None:
    """``a:lnSpc`` or ``a:spcBef`` holding one ``a:spcPct``/``a:spcPts``, in schema order."""
    old = ppr.find(qn(tag))
    if old is not None:
        ppr.remove(old)
    spacing = oxml.insert_in_order(ppr, tag, oxml.PPR_ORDER)
    SubElement(spacing, unit).set("val", value)


def _escape_ctrl_chars(text: str) -> str:
    """As python-pptx writes run text: control characters other than tab and newline escaped."""
    return _CTRL_CHARS.sub(lambda match: "_x%04X_" % ord(match.group(1)), text)


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


def set_notes(ctx: RenderContext, notes_slide, text: str) -> None:
    """Speaker notes: plain paragraphs in the locale's language and direction.

    ``notes_slide`` is the slide's ``NotesSlide``. Written as python-pptx's ``TextFrame.clear``,
    ``add_paragraph``, ``add_run`` and ``run.text`` would write it.
    """
    tx_body = _notes_body(notes_slide)
    fonts = ctx.mapping.fonts
    lang = ctx.locale.lang
    existing = tx_body.findall(_P)
    for extra in existing[1:]:
        tx_body.remove(extra)
    first = existing[0]
    for child in list(first):
        if child.tag in _CONTENT_TAGS:
            first.remove(child)
    for index, part in enumerate(" ".join(text.split()).split("\n")):
        p = first if index == 0 else SubElement(tx_body, _P)
        oxml.set_paragraph_direction(p, ctx.locale.rtl)
        _, rpr, _ = _new_run(p, part)
        oxml.set_run_language_and_fonts(rpr, lang, fonts.latin, fonts.east_asian, fonts.complex)


_SP_TREE = f"{qn('p:cSld')}/{qn('p:spTree')}"
_SHAPE_TAGS = tuple(qn(tag) for tag in ("p:sp", "p:grpSp", "p:graphicFrame", "p:cxnSp", "p:pic", "p:contentPart"))
_NV_PR, _PH = qn("p:nvPr"), qn("p:ph")


def _notes_body(notes_slide):
    """The ``p:txBody`` of ``notes_slide.notes_text_frame``: its first placeholder of type body."""
    for element in notes_slide._element.find(_SP_TREE).iterchildren(*_SHAPE_TAGS):
        nv_pr = element[0].find(_NV_PR) if len(element) else None
        ph = nv_pr.find(_PH) if nv_pr is not None else None
        if ph is not None and ph.get("type") == "body":
            return element.get_or_add_txBody()
    return notes_slide.notes_text_frame._txBody      # no body placeholder: as python-pptx fails
