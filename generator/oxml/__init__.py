"""Every raw OOXML edit python-pptx has no API for, as small functions on lxml elements.

This package is the one place that touches XML below python-pptx's API:

- here: edits of single elements (bullets, autofit, direction, fonts per script, footers,
  freeforms, chart language, connector routing);
- ``generator.oxml.text``: paragraphs and runs of a text body, written directly;
- ``generator.oxml.package``: slides, notes slides, shape copies and relationship files,
  without python-pptx's per-slide scans.

Elements are inserted in schema order (PowerPoint "repairs", and drops content from, files
whose children are out of order), never by patching serialized XML.
"""

from __future__ import annotations

import copy

from lxml import etree
from pptx.oxml import oxml_parser as _PARSER
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement

_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

# a:rPr children in schema order (CT_TextCharacterProperties)
_RPR_ORDER = ["a:ln", "a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill",
              "a:effectLst", "a:effectDag", "a:highlight", "a:uLnTx", "a:uLn", "a:uFillTx", "a:uFill",
              "a:latin", "a:ea", "a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst"]
# a:bodyPr children in schema order (CT_TextBodyProperties)
_BODYPR_ORDER = ["a:prstTxWarp", "a:noAutofit", "a:normAutofit", "a:spAutoFit", "a:scene3d", "a:sp3d",
                 "a:flatTx", "a:extLst"]
# a:ln children in schema order (CT_LineProperties)
_LN_ORDER = ["a:noFill", "a:solidFill", "a:gradFill", "a:pattFill", "a:prstDash", "a:custDash", "a:round",
             "a:bevel", "a:miter", "a:headEnd", "a:tailEnd", "a:extLst"]


# a:pPr children in schema order (CT_TextParagraphProperties)
PPR_ORDER = ["a:lnSpc", "a:spcBef", "a:spcAft", "a:buClrTx", "a:buClr", "a:buSzTx", "a:buSzPct", "a:buSzPts",
             "a:buFontTx", "a:buFont", "a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip", "a:tabLst", "a:defRPr",
             "a:extLst"]

_LATER: dict[tuple[str, tuple], tuple[str, frozenset]] = {}


def _later(tag: str, order: list[str]) -> tuple[str, frozenset]:
    """``tag`` in Clark notation and the tags that come after it in ``order``, computed once."""
    key = (tag, tuple(order))
    found = _LATER.get(key)
    if found is None:
        position = order.index(tag)
        found = _LATER[key] = (qn(tag), frozenset(qn(t) for t in order[position + 1:]))
    return found


def insert_in_order(parent, tag: str, order: list[str], attrib: dict | None = None):
    """A new child ``tag`` of ``parent`` at its schema position (before any later sibling)."""
    clark, later = _later(tag, order)
    child = parent.makeelement(clark, attrib or {})
    for sibling in parent:
        if sibling.tag in later:
            sibling.addprevious(child)
            return child
    parent.append(child)
    return child


def _set_child(parent, tag: str, order: list[str], attrib: dict | None = None):
    """Replace or insert ``parent``'s child ``tag`` at its schema position; return it."""
    existing = parent.find(_later(tag, order)[0])
    if existing is not None:
        parent.remove(existing)
    return insert_in_order(parent, tag, order, attrib)


# ---------------------------------------------------------------- runs and paragraphs

def set_run_language_and_fonts(rpr, lang: str, latin: str | None, east_asian: str | None,
                               complex_script: str | None) -> None:
    """``lang`` plus the three script fonts of a run (``a:rPr``, ``a:defRPr`` or ``a:endParaRPr``)."""
    rpr.set("lang", lang)
    for tag, face in (("a:latin", latin), ("a:ea", east_asian), ("a:cs", complex_script)):
        if face:
            _set_child(rpr, tag, _RPR_ORDER, {"typeface": face})


def set_paragraph_direction(paragraph, rtl: bool) -> None:
    """Right-to-left reading order and right alignment for an ``a:p``."""
    ppr = paragraph.get_or_add_pPr()
    if rtl:
        ppr.set("rtl", "1")
    elif "rtl" in ppr.attrib:
        del ppr.attrib["rtl"]


def fit_on_overflow(body_pr) -> None:
    """Plain ``<a:normAutofit/>``: the build wrote sizes that fit; PowerPoint re-fits only after edits.

    LibreOffice ignores a stored ``fontScale`` and re-fits by its own metrics, while PowerPoint
    shows the stored scale; explicit run sizes plus a plain ``normAutofit`` display the same in both.
    """
    for tag in ("a:noAutofit", "a:spAutoFit", "a:normAutofit"):
        old = body_pr.find(qn(tag))
        if old is not None:
            body_pr.remove(old)
    _set_child(body_pr, "a:normAutofit", _BODYPR_ORDER)


def no_autofit(body_pr) -> None:
    for tag in ("a:spAutoFit", "a:normAutofit"):
        old = body_pr.find(qn(tag))
        if old is not None:
            body_pr.remove(old)
    _set_child(body_pr, "a:noAutofit", _BODYPR_ORDER)


def set_bullet_none(paragraph) -> None:
    """No bullet character on this paragraph (overrides the layout's bullets)."""
    ppr = paragraph.get_or_add_pPr()
    for tag in ("a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip"):
        old = ppr.find(qn(tag))
        if old is not None:
            ppr.remove(old)
    order = PPR_ORDER
    _set_child(ppr, "a:buNone", order)


def set_bullet_char(paragraph, char: str = "\u2022", color_hex: str | None = None) -> None:
    ppr = paragraph.get_or_add_pPr()
    order = PPR_ORDER
    for tag in ("a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip"):
        old = ppr.find(qn(tag))
        if old is not None:
            ppr.remove(old)
    if color_hex:
        clr = _set_child(ppr, "a:buClr", order)
        etree.SubElement(clr, qn("a:srgbClr"), {"val": color_hex})
    _set_child(ppr, "a:buChar", order, {"char": char})


# ---------------------------------------------------------------- lines

def set_line_arrow(line_element, end: str = "tail", kind: str = "triangle") -> None:
    """An arrowhead at one end of a line (``a:ln``): ``end`` is 'head' or 'tail'."""
    _set_child(line_element, f"a:{end}End", _LN_ORDER, {"type": kind, "w": "med", "len": "med"})


# ---------------------------------------------------------------- placeholders the library does not copy

def copy_layout_placeholders(slide, layout, types: tuple[str, ...] = ("ftr", "sldNum")) -> list:
    """Put the layout's footer and slide-number placeholders on the slide, as PowerPoint does.

    python-pptx's ``add_slide`` skips them, so without this a deck has no footer or slide numbers.
    """
    added = []
    tree = slide.shapes._spTree
    for shape in layout.placeholders:
        ph = shape._element.find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
        if ph is None or ph.get("type") not in types:
            continue
        element = copy.deepcopy(shape._element)
        # keep the geometry inherited from the layout: drop the explicit xfrm copy
        sp_pr = element.find(qn("p:spPr"))
        if sp_pr is not None:
            for child in list(sp_pr):
                sp_pr.remove(child)
        element.find(f".//{qn('p:cNvPr')}").set("id", str(slide.shapes._next_shape_id))
        tree.append(element)
        added.append(element)
    return added


def set_footer_text(sp_element, text: str, lang: str, rtl: bool = False) -> None:
    """Replace the text of a copied footer placeholder with ``text``."""
    tx_body = sp_element.find(qn("p:txBody"))
    if tx_body is None:
        return
    paragraphs = tx_body.findall(qn("a:p"))
    for extra in paragraphs[1:]:
        tx_body.remove(extra)
    paragraph = paragraphs[0] if paragraphs else etree.SubElement(tx_body, qn("a:p"))
    for child in list(paragraph):
        if child.tag in (qn("a:r"), qn("a:fld"), qn("a:br")):
            paragraph.remove(child)
    run = etree.Element(qn("a:r"))
    etree.SubElement(run, qn("a:rPr"), {"lang": lang, "dirty": "0"})
    etree.SubElement(run, qn("a:t")).text = text
    end = paragraph.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(run)
    else:
        paragraph.append(run)
    if rtl:
        ppr = paragraph.find(qn("a:pPr"))
        if ppr is None:
            ppr = etree.Element(qn("a:pPr"))
            paragraph.insert(0, ppr)
        ppr.set("rtl", "1")


def has_own_position(shape_element) -> bool:
    """Does the shape carry its own ``a:xfrm`` (rather than inheriting a placeholder's)?"""
    return shape_element.find(f"./{qn('p:spPr')}/{qn('a:xfrm')}") is not None or \
        shape_element.find(f"./{qn('p:grpSpPr')}/{qn('a:xfrm')}") is not None or \
        shape_element.find(f"./{qn('p:xfrm')}") is not None



# ---------------------------------------------------------------- charts

def set_chart_language(chart_space, lang: str, rtl: bool = False, fonts: tuple = (None, None, None)) -> None:
    """The chart's editing language (``c:lang``), and the language and script fonts of its text.

    ``fonts`` is (latin, east asian, complex script), as on every text run of the deck.
    """
    c_lang = chart_space.find(qn("c:lang"))
    if c_lang is None:
        c_lang = etree.Element(qn("c:lang"))
        date1904 = chart_space.find(qn("c:date1904"))
        if date1904 is not None:
            date1904.addnext(c_lang)
        else:
            chart_space.insert(0, c_lang)
    c_lang.set("val", lang)
    for rpr in chart_space.iter(qn("a:defRPr"), qn("a:rPr"), qn("a:endParaRPr")):
        set_run_language_and_fonts(rpr, lang, *fonts)
    if rtl:
        for ppr in chart_space.iter(qn("a:pPr")):
            ppr.set("rtl", "1")


# ---------------------------------------------------------------- freeforms

def next_shape_id(sp_tree) -> int:
    """One more than the largest id in the slide, as python-pptx's ``_next_shape_id`` does."""
    used = [int(value) for value in sp_tree.xpath("//@id") if str(value).isdigit()]
    return max(used, default=1) + 1


def add_freeform(sp_tree, name: str, paths: list[list[tuple[int, int]]], fill_hex: str | None,
                 line_hex: str | None, line_width_emu: int = 6350, shape_id: int | None = None):
    """Append ONE ``p:sp`` drawing every closed polygon of ``paths`` (slide EMU), and return it.

    A single shape with one ``a:path`` per polygon in its ``a:custGeom``: one editable object
    (the land of a map) written in milliseconds, where python-pptx's ``FreeformBuilder`` takes
    a fraction of a second per map. Children in schema order (CT_Shape, CT_ShapeProperties,
    CT_CustomGeometry2D); no ``p:style``, so no theme effect (LibreOffice would draw a shadow).
    ``fill_hex``/``line_hex`` ``None`` mean no fill / no outline. ``shape_id`` defaults to one
    more than the largest id on the slide (pass ``shapes._next_shape_id`` to share python-pptx's count).
    """
    points = [p for path in paths for p in path]
    if not points:
        raise ValueError("add_freeform needs at least one path with points")
    left = min(x for x, _ in points)
    top = min(y for _, y in points)
    width = max(1, max(x for x, _ in points) - left)
    height = max(1, max(y for _, y in points) - top)

    sp = OxmlElement("p:sp")        # python-pptx's element classes, so the slide's shapes stay iterable
    nv = etree.SubElement(sp, qn("p:nvSpPr"))
    shape_id = next_shape_id(sp_tree) if shape_id is None else shape_id
    etree.SubElement(nv, qn("p:cNvPr"), {"id": str(shape_id), "name": name})
    etree.SubElement(nv, qn("p:cNvSpPr"))
    etree.SubElement(nv, qn("p:nvPr"))

    sp_pr = etree.SubElement(sp, qn("p:spPr"))
    xfrm = etree.SubElement(sp_pr, qn("a:xfrm"))
    etree.SubElement(xfrm, qn("a:off"), {"x": str(left), "y": str(top)})
    etree.SubElement(xfrm, qn("a:ext"), {"cx": str(width), "cy": str(height)})
    geometry = etree.SubElement(sp_pr, qn("a:custGeom"))
    for tag in ("a:avLst", "a:gdLst", "a:ahLst", "a:cxnLst"):
        etree.SubElement(geometry, qn(tag))
    etree.SubElement(geometry, qn("a:rect"), {"l": "l", "t": "t", "r": "r", "b": "b"})
    # Thousands of points: written as text and parsed once, the same elements SubElement would make.
    chunks = [f'<a:pathLst xmlns:a="{_A_NS}">']
    for polygon in paths:
        if len(polygon) < 2:
            continue
        (x0, y0), rest = polygon[0], polygon[1:]
        chunks.append(f'<a:path w="{width}" h="{height}"><a:moveTo><a:pt x="{x0 - left}" y="{y0 - top}"/></a:moveTo>')
        chunks.extend(f'<a:lnTo><a:pt x="{x - left}" y="{y - top}"/></a:lnTo>' for x, y in rest)
        chunks.append("<a:close/></a:path>")
    chunks.append("</a:pathLst>")
    geometry.append(etree.fromstring("".join(chunks), parser=_PARSER))

    _add_fill(sp_pr, fill_hex)
    ln = etree.SubElement(sp_pr, qn("a:ln"), {"w": str(int(line_width_emu))})
    _add_fill(ln, line_hex)
    extension = sp_tree.find(qn("p:extLst"))
    if extension is not None:
        extension.addprevious(sp)
    else:
        sp_tree.append(sp)
    return sp


def _add_fill(parent, hex_color: str | None) -> None:
    if hex_color:
        fill = etree.SubElement(parent, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), {"val": hex_color.lstrip("#").upper()})
    else:
        etree.SubElement(parent, qn("a:noFill"))


# ---------------------------------------------------------------- connectors

def route_connector(cxn_sp, begin: tuple[int, int], end: tuple[int, int], preset: str = "bentConnector3",
                    vertical_first: bool = True) -> None:
    """Store an elbow connector's geometry the way PowerPoint draws it, from ``begin`` to ``end``.

    PowerPoint draws a connector from its stored ``a:xfrm`` until a glued shape moves (only
    LibreOffice re-routes on opening). The elbow presets start horizontally, so a connector
    leaving a box's bottom must be turned a quarter: ``rot`` 90 degrees with width and height
    swapped, and flips chosen so the path starts at ``begin`` and ends at ``end``.
    ``bentConnector3`` bends twice (down, across, down: a tree's links); ``bentConnector2``
    once (down then across: into the side of a box stacked below). Connection ids are kept.
    """
    (x1, y1), (x2, y2) = begin, end
    dx, dy = x2 - x1, y2 - y1
    sp_pr = cxn_sp.find(qn("p:spPr"))
    xfrm = sp_pr.find(qn("a:xfrm"))
    geometry = sp_pr.find(qn("a:prstGeom"))
    geometry.set("prst", preset)
    for attribute in ("rot", "flipH", "flipV"):
        xfrm.attrib.pop(attribute, None)
    if vertical_first:
        # local x runs down the slide after the quarter turn; local y runs right to left
        width, height = abs(dy), abs(dx)
        xfrm.set("rot", "5400000")
        if dy < 0:
            xfrm.set("flipH", "1")
        if dx > 0:
            xfrm.set("flipV", "1")
    else:
        width, height = abs(dx), abs(dy)
        if dx < 0:
            xfrm.set("flipH", "1")
        if dy < 0:
            xfrm.set("flipV", "1")
    centre_x, centre_y = (x1 + x2) / 2, (y1 + y2) / 2
    xfrm.find(qn("a:off")).attrib.update({"x": str(round(centre_x - width / 2)), "y": str(round(centre_y - height / 2))})
    xfrm.find(qn("a:ext")).attrib.update({"cx": str(width), "cy": str(height)})
