"""The language of text: ``lang``, the font of each script (latin, east asian, complex) and direction."""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

from .child_order import RPR_ORDER, set_child


def set_run_language_and_fonts(rpr, lang: str, latin: str | None, east_asian: str | None,
                               complex_script: str | None) -> None:
    """``lang`` plus the three script fonts of a run (``a:rPr``, ``a:defRPr`` or ``a:endParaRPr``)."""
    rpr.set("lang", lang)
    for tag, face in (("a:latin", latin), ("a:ea", east_asian), ("a:cs", complex_script)):
        if face:
            set_child(rpr, tag, RPR_ORDER, {"typeface": face})


def set_paragraph_direction(paragraph, rtl: bool) -> None:
    """Right-to-left reading order for an ``a:p`` (or none)."""
    ppr = paragraph.get_or_add_pPr()
    if rtl:
        ppr.set("rtl", "1")
    elif "rtl" in ppr.attrib:
        del ppr.attrib["rtl"]


def set_chart_language(chart, lang: str, rtl: bool = False, fonts: tuple = (None, None, None)) -> None:
    """A python-pptx chart's editing language (``c:lang``), and the language and script fonts of its text.

    ``fonts`` is (latin, east asian, complex script), as on every text run of the deck.
    """
    chart_space = chart._chartSpace
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
