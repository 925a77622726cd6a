"""Text bodies written as lxml elements: body properties, autofit, paragraphs, bullets, runs, links,
footers and notes.

The XML is exactly what python-pptx's ``TextFrame`` (``clear``, ``add_paragraph``, margins,
anchor), paragraph, run and font setters write: the same elements in the same order, the
same attributes in the same order. Writing it directly spares a chain of descriptor look-ups
and XPath queries per attribute, which is most of the cost of text in a large deck.
``generator.render.text`` decides what to write (sizes, colours, alignment); this module
only writes it.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree
from lxml.etree import SubElement
from pptx.oxml.ns import qn
from pptx.oxml.simpletypes import ST_Coordinate32
from pptx.text.text import _Paragraph, _Run
from pptx.util import Pt

from .child_order import BODYPR_ORDER, PPR_ORDER, insert_in_order, set_child
from .language import set_paragraph_direction, set_run_language_and_fonts

DEFAULT_INSET_X = 91440         # PowerPoint's default left and right insets (0.1")
DEFAULT_INSET_Y = 45720         # top and bottom (0.05")

P, PPR, R, RPR, T, END_PARA_RPR, BODY_PR = (
    qn(tag) for tag in ("a:p", "a:pPr", "a:r", "a:rPr", "a:t", "a:endParaRPr", "a:bodyPr"))
_CONTENT_TAGS = frozenset(qn(tag) for tag in ("a:r", "a:br", "a:fld"))
_SOLID_FILL, _SRGB_CLR, _HLINK_CLICK = qn("a:solidFill"), qn("a:srgbClr"), qn("a:hlinkClick")
_LATIN, _EA, _CS = qn("a:latin"), qn("a:ea"), qn("a:cs")
_SPC_PCT, _SPC_PTS = qn("a:spcPct"), qn("a:spcPts")
_CTRL_CHARS = re.compile(r"([\x00-\x08\x0B-\x1F])")
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
_SP_TREE = f"{qn('p:cSld')}/{qn('p:spTree')}"
_SHAPE_TAGS = tuple(qn(tag) for tag in ("p:sp", "p:grpSp", "p:graphicFrame", "p:cxnSp", "p:pic", "p:contentPart"))
_NV_PR, _PH = qn("p:nvPr"), qn("p:ph")


# ---------------------------------------------------------------- body properties

def text_body(shape):
    """The ``p:txBody`` of a shape's text frame (created if the shape has none)."""
    return shape.text_frame._txBody


def first_paragraph(shape):
    """The first ``a:p`` of a shape's text (``shape.text_frame.paragraphs[0]``)."""
    return text_body(shape).find(P)


def prepare_body(body_pr, inset_x: int | None, inset_y: int | None, anchor: str | None) -> None:
    """Word wrap, insets (EMU; None keeps the shape's) and anchor (top, middle, bottom) on ``a:bodyPr``."""
    body_pr.set("wrap", "square")
    if inset_x is not None:
        _set_length(body_pr, "lIns", inset_x, DEFAULT_INSET_X)
        _set_length(body_pr, "rIns", inset_x, DEFAULT_INSET_X)
    if inset_y is not None:
        _set_length(body_pr, "tIns", inset_y, DEFAULT_INSET_Y)
        _set_length(body_pr, "bIns", inset_y, DEFAULT_INSET_Y)
    if anchor:
        body_pr.set("anchor", _ANCHOR[anchor])


def _set_length(element, name: str, value: int, default: int) -> None:
    """An optional length attribute: assigning its default removes it (python-pptx's rule)."""
    if int(value) == default:
        element.attrib.pop(name, None)
    else:
        element.set(name, str(int(value)))


def inset(body_pr, name: str, default: int) -> int:
    """An inset of ``a:bodyPr`` (``lIns``, ``tIns``...) in EMU, as ``TextFrame.margin_*`` reads it."""
    value = body_pr.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:          # a universal measure such as "0.1in"
        return int(ST_Coordinate32.from_xml(value))


def fit_on_overflow(body_pr) -> None:
    """Plain ``<a:normAutofit/>``: the build wrote sizes that fit; PowerPoint re-fits only after edits.

    LibreOffice ignores a stored ``fontScale`` and re-fits by its own metrics, while PowerPoint
    shows the stored scale; explicit run sizes plus a plain ``normAutofit`` display the same in both.
    """
    for tag in ("a:noAutofit", "a:spAutoFit", "a:normAutofit"):
        old = body_pr.find(qn(tag))
        if old is not None:
            body_pr.remove(old)
    set_child(body_pr, "a:normAutofit", BODYPR_ORDER)


# ---------------------------------------------------------------- paragraphs

def clear(tx_body):
    """``TextFrame.clear``: one paragraph left, emptied of runs but keeping its properties; returns it."""
    existing = tx_body.findall(P)
    for extra in existing[1:]:
        tx_body.remove(extra)
    first = existing[0] if existing else SubElement(tx_body, P)
    for child in list(first):
        if child.tag in _CONTENT_TAGS:
            first.remove(child)
    return first


def add_paragraph(tx_body):
    """``TextFrame.add_paragraph``: an empty ``a:p`` at the end."""
    return SubElement(tx_body, P)


@dataclass(frozen=True)
class Bullet:
    """A bullet character drawn by the deck: hanging ``indent`` from a ``margin`` (EMU)."""

    char: str
    margin: int
    indent: int
    color_hex: str | None


@dataclass(frozen=True)
class BodyLook:
    """What every paragraph of one text body is written with."""

    lang: str
    rtl: bool
    align: str | None                 # "l", "ctr", "r", "just"; None keeps the template's
    space_before: str | None          # centipoints, on every paragraph but the first
    line_spacing: str | None          # thousandths of a percent
    fonts: tuple[str | None, str | None, str | None]    # latin, east asian, complex script


def write_paragraph(p, index: int, text: str, level: int, bullet: Bullet | bool | None, look: BodyLook,
                    size_pt: float, bold: bool, color_hex: str | None, ltr: bool):
    """One ``a:p`` holding one run; ``bullet`` False: none, None: the template's. Returns the ``a:r``.

    The run's size is written as python-pptx's ``Font.size = Pt(size_pt)`` writes it.
    """
    ppr = p.find(PPR)
    if ppr is None:
        ppr = p.makeelement(PPR, {})
        p.insert(0, ppr)
    level = min(level, 8)
    if level:
        ppr.set("lvl", str(level))
    else:
        ppr.attrib.pop("lvl", None)
    if isinstance(bullet, Bullet):
        ppr.set("marL", str(bullet.margin))
        ppr.set("indent", str(bullet.indent))
        set_bullet_char(p, bullet.char, bullet.color_hex)
    elif bullet is False:
        set_bullet_none(p)
    if look.space_before and index:
        _replace_spacing(ppr, "a:spcBef", _SPC_PTS, look.space_before)
    if look.line_spacing:
        _replace_spacing(ppr, "a:lnSpc", _SPC_PCT, look.line_spacing)
    if look.align:
        ppr.set("algn", look.align)
    if look.rtl and not ltr:
        ppr.set("rtl", "1")
    else:
        ppr.attrib.pop("rtl", None)
    run, rpr, end = new_run(p, text)
    rpr.set("sz", str(Pt(size_pt).centipoints))
    if bold:
        rpr.set("b", "1")
    if color_hex:
        SubElement(SubElement(rpr, _SOLID_FILL), _SRGB_CLR).set("val", color_hex)
    rpr.set("lang", look.lang)
    _add_fonts(rpr, look.fonts)
    if end is None:
        end = SubElement(p, END_PARA_RPR)
    end.set("sz", str(int(size_pt * 100)))
    set_run_language_and_fonts(end, look.lang, *look.fonts)
    return run


def new_run(p, text: str):
    """A run holding ``text`` appended to paragraph ``p`` (before its end marker); (run, rPr, end marker)."""
    run = p.makeelement(R, {})
    end = p.find(END_PARA_RPR)
    if end is not None:
        end.addprevious(run)
    else:
        p.append(run)
    rpr = SubElement(run, RPR)
    SubElement(run, T).text = escape_ctrl_chars(text)
    return run, rpr, end


def _add_fonts(rpr, fonts: tuple) -> None:
    """``a:latin``, ``a:ea`` and ``a:cs`` on a new run's ``a:rPr``, before any ``a:hlinkClick``."""
    link = rpr.find(_HLINK_CLICK)
    for tag, face in zip((_LATIN, _EA, _CS), fonts):
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
    spacing = insert_in_order(ppr, tag, PPR_ORDER)
    SubElement(spacing, unit).set("val", value)


def paragraph_key(p) -> bytes:
    """What a paragraph holds before it is written (its ``a:pPr``...), as bytes to compare: empty when nothing."""
    return etree.tostring(p) if len(p) else b""


def set_link(shape, p, run, url: str) -> None:
    """Make ``run`` (an ``a:r`` of paragraph ``p`` in ``shape``) a hyperlink to ``url``, as python-pptx does."""
    _Run(run, _Paragraph(p, shape.text_frame)).hyperlink.address = url


# ---------------------------------------------------------------- bullets

_BULLET_TAGS = ("a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip")


def set_bullet_none(paragraph) -> None:
    """No bullet character on this ``a:p`` (overrides the layout's bullets)."""
    ppr = paragraph.get_or_add_pPr()
    _remove_bullets(ppr)
    set_child(ppr, "a:buNone", PPR_ORDER)


def set_bullet_char(paragraph, char: str = "\u2022", color_hex: str | None = None) -> None:
    """A bullet ``char`` on this ``a:p``, in ``color_hex`` when given."""
    ppr = paragraph.get_or_add_pPr()
    _remove_bullets(ppr)
    if color_hex:
        clr = set_child(ppr, "a:buClr", PPR_ORDER)
        etree.SubElement(clr, qn("a:srgbClr"), {"val": color_hex})
    set_child(ppr, "a:buChar", PPR_ORDER, {"char": char})


def _remove_bullets(ppr) -> None:
    for tag in _BULLET_TAGS:
        old = ppr.find(qn(tag))
        if old is not None:
            ppr.remove(old)


def escape_ctrl_chars(text: str) -> str:
    """As python-pptx writes run text: control characters other than tab and newline escaped."""
    return _CTRL_CHARS.sub(lambda match: "_x%04X_" % ord(match.group(1)), text)


class ParagraphCopy:
    """A written one-run paragraph, to be copied with another text in place of its own."""

    def __init__(self, p):
        self.element = copy.deepcopy(p)
        run = p.find(R)
        self.run_at = p.index(run)
        self.text_at = run.index(run.find(T))

    def place(self, tx_body, text: str, replacing=None) -> None:
        """A copy holding ``text``, at the end of ``tx_body`` or in place of the paragraph ``replacing``."""
        p = self.element.__copy__()
        p[self.run_at][self.text_at].text = escape_ctrl_chars(text)
        if replacing is not None:
            tx_body.replace(replacing, p)
        else:
            tx_body.append(p)


# ---------------------------------------------------------------- footers

def set_footer_text(sp_element, text: str, lang: str, rtl: bool = False) -> None:
    """Replace the text of a copied footer placeholder with ``text``."""
    tx_body = sp_element.find(qn("p:txBody"))
    if tx_body is None:
        return
    paragraph = clear(tx_body)
    run = etree.Element(R)
    SubElement(run, RPR, {"lang": lang, "dirty": "0"})
    SubElement(run, T).text = text
    end = paragraph.find(END_PARA_RPR)
    if end is not None:
        end.addprevious(run)
    else:
        paragraph.append(run)
    if rtl:
        ppr = paragraph.find(PPR)
        if ppr is None:
            ppr = etree.Element(PPR)
            paragraph.insert(0, ppr)
        ppr.set("rtl", "1")


def placeholder_font_size(sp_elements) -> float | None:
    """The first-level size (points) the first of ``sp_elements`` that sets one gives its text.

    ``sp_elements`` is a placeholder and those it inherits from (layout, master), nearest first;
    each may set ``a:lstStyle/a:lvl1pPr/a:defRPr/@sz``.
    """
    for element in sp_elements:
        def_rpr = element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
        if def_rpr is not None and def_rpr.get("sz"):
            return int(def_rpr.get("sz")) / 100
    return None


def other_style_font_size(master_element) -> float | None:
    """The first-level size (points) of a master's ``p:otherStyle``: what footers fall back to."""
    def_rpr = master_element.find(f"{qn('p:txStyles')}/{qn('p:otherStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
    return int(def_rpr.get("sz")) / 100 if def_rpr is not None and def_rpr.get("sz") else None


def inherited_inset(sp_elements, name: str, default: int) -> int:
    """An inset of a placeholder's ``a:bodyPr`` (``lIns``...) in EMU, from the nearest of ``sp_elements`` that sets it."""
    for element in sp_elements:
        body_pr = element.find(f"{qn('p:txBody')}/{BODY_PR}")
        if body_pr is not None and body_pr.get(name) is not None:
            return inset(body_pr, name, default)
    return default


def list_margins(sp_elements, master_element, levels: int = 2) -> tuple[int, ...] | None:
    """The left margins (EMU) of the first ``levels`` list levels of a placeholder's text.

    Each level's ``marL`` comes from the nearest of ``sp_elements`` (the placeholder and those
    it inherits from) whose ``a:lstStyle`` sets it, else from the master's ``p:bodyStyle``.
    None when a level's margin is set nowhere.
    """
    margins = []
    for level in range(1, levels + 1):
        tag = qn(f"a:lvl{level}pPr")
        found = None
        for element in sp_elements:
            ppr = element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{tag}")
            if ppr is not None and ppr.get("marL") is not None:
                found = ppr.get("marL")
                break
        if found is None:
            ppr = master_element.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}/{tag}")
            found = ppr.get("marL") if ppr is not None else None
        if found is None:
            return None
        margins.append(int(found))
    return tuple(margins)


def placeholder_list_margins(shape) -> tuple[int, int] | None:
    """Where a slide placeholder's first two list levels start their text (EMU), as its layout,
    master and the master's body style give it; None for a shape that is no placeholder."""
    base = getattr(shape, "_base_placeholder", None) if getattr(shape, "is_placeholder", False) else None
    if base is None:
        return None
    chain = [shape._element, base._element]
    master_base = getattr(base, "_base_placeholder", None)
    if master_base is not None:
        chain.append(master_base._element)
    return list_margins(chain, base.part.slide_master._element)


def set_text_size(sp_element, size_pt: float) -> None:
    """An explicit size on every run and field of a placeholder's text (its ``a:r`` and ``a:fld``)."""
    for parent in sp_element.iter(R, qn("a:fld")):
        rpr = parent.find(RPR)
        if rpr is None:
            rpr = etree.Element(RPR)
            parent.insert(0, rpr)
        rpr.set("sz", str(Pt(size_pt).centipoints))


# ---------------------------------------------------------------- notes

def notes_body(notes_slide):
    """The ``p:txBody`` of ``notes_slide.notes_text_frame``: its first placeholder of type body."""
    for element in notes_slide._element.find(_SP_TREE).iterchildren(*_SHAPE_TAGS):
        nv_pr = element[0].find(_NV_PR) if len(element) else None
        ph = nv_pr.find(_PH) if nv_pr is not None else None
        if ph is not None and ph.get("type") == "body":
            return element.get_or_add_txBody()
    return notes_slide.notes_text_frame._txBody      # no body placeholder: as python-pptx fails


def write_notes(tx_body, paragraphs: list[str], lang: str, rtl: bool, fonts: tuple) -> None:
    """Plain paragraphs in one language and direction, as ``clear``, ``add_paragraph``, ``add_run`` write them."""
    first = clear(tx_body)
    for index, text in enumerate(paragraphs):
        p = first if index == 0 else add_paragraph(tx_body)
        set_paragraph_direction(p, rtl)
        _, rpr, _ = new_run(p, text)
        set_run_language_and_fonts(rpr, lang, *fonts)
