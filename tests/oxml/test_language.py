"""``oxml.language``: a run's language and script fonts, paragraph direction, a chart's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn

from generator.oxml.language import set_chart_language, set_paragraph_direction, set_run_language_and_fonts

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "corporate" / "template.pptx"


def slide():
    prs = Presentation(str(TEMPLATE))
    return prs.slides.add_slide(prs.slide_layouts[-1])


def test_script_fonts_go_in_schema_order_and_replace_old_ones():
    run = slide().shapes.add_textbox(0, 0, 10, 10).text_frame.paragraphs[0].add_run()
    run.text = "x"
    run.hyperlink.address = "https://www.iec.ch/"          # a:hlinkClick comes after the fonts
    rpr = run.font._rPr
    set_run_language_and_fonts(rpr, "zh-CN", "Old", None, None)
    set_run_language_and_fonts(rpr, "zh-CN", "Latin", "East Asian", "Complex")
    assert rpr.get("lang") == "zh-CN"
    assert [etree.QName(child).localname for child in rpr] == ["latin", "ea", "cs", "hlinkClick"]
    assert [child.get("typeface") for child in rpr][:3] == ["Latin", "East Asian", "Complex"]


def test_a_missing_face_leaves_that_script_alone():
    rpr = slide().shapes.add_textbox(0, 0, 10, 10).text_frame.paragraphs[0].add_run().font._rPr
    set_run_language_and_fonts(rpr, "en-GB", None, None, "Complex")
    assert [etree.QName(child).localname for child in rpr] == ["cs"]


def test_paragraph_direction_is_set_and_cleared():
    p = slide().shapes.add_textbox(0, 0, 10, 10).text_frame.paragraphs[0]._p
    set_paragraph_direction(p, True)
    assert p.pPr.get("rtl") == "1"
    set_paragraph_direction(p, False)
    assert "rtl" not in p.pPr.attrib


def test_a_chart_gets_its_language_fonts_and_direction():
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", (1, 2))
    chart = slide().shapes.add_chart(XL_CHART_TYPE.PIE, 0, 0, 100, 100, data).chart
    chart.has_legend = True
    chart.legend.font.bold = True                           # a text property: an a:defRPr to localize
    set_chart_language(chart, "ar-SA", rtl=True, fonts=("L", "E", "C"))
    space = chart._chartSpace
    c_lang = space.find(qn("c:lang"))
    assert c_lang.get("val") == "ar-SA"
    date1904 = space.find(qn("c:date1904"))
    assert date1904 is None or date1904.getnext() is c_lang
    runs = list(space.iter(qn("a:defRPr")))
    assert runs and all(r.get("lang") == "ar-SA" and r.find(qn("a:cs")).get("typeface") == "C" for r in runs)
    assert all(p.get("rtl") == "1" for p in space.iter(qn("a:pPr")))


# ------------------------------------------------------------------------ the faces a deck's language picks

def text_run_properties(tag: str, text: str):
    """The a:rPr of ``text`` written into a text box of a deck in ``tag`` on the corporate template."""
    from generator.build import make_fitter
    from generator.layout.geometry import Rect
    from generator.locales import get_locale
    from generator.render.context import RenderContext
    from generator.render.text import Para, TextStyle, add_text_box
    from generator.template.mapping import load_mapping

    template = load_mapping(TEMPLATE.parent)
    locale = get_locale(tag)
    prs = Presentation(str(template.pptx_path))
    ctx = RenderContext(prs, template, locale, None, make_fitter(template, locale))
    slide = prs.slides.add_slide(prs.slide_layouts[-1])
    box = add_text_box(ctx, slide.shapes, Rect(0, 0, 4000000, 1000000), [Para(text)], TextStyle(), "Box")
    return box.text_frame.paragraphs[0].runs[0].font._rPr


def typefaces(rpr) -> tuple:
    return tuple(rpr.find(qn(tag)).get("typeface") for tag in ("a:latin", "a:ea", "a:cs"))


@pytest.mark.parametrize("tag, text, lang, faces", [
    ("ja", "直化", "ja-JP", ("Arial", "Noto Sans CJK JP", "Noto Sans Arabic")),
    ("ko", "한국", "ko-KR", ("Arial", "Noto Sans CJK KR", "Noto Sans Arabic")),
    ("zh-Hans", "直化", "zh-CN", ("Arial", "Noto Sans CJK SC", "Noto Sans Arabic")),
    ("zh-Hant", "直化", "zh-TW", ("Arial", "Noto Sans CJK TC", "Noto Sans Arabic")),
    ("he", "שלום", "he-IL", ("Arial", "Noto Sans CJK SC", "Noto Sans Hebrew")),
    ("hi", "नमस्ते", "hi-IN", ("Arial", "Noto Sans CJK SC", "Noto Sans Devanagari")),
    ("th", "สวัสดี", "th-TH", ("Arial", "Noto Sans CJK SC", "Noto Sans Thai")),
    ("en", "ISO", "en-US", ("Arial", "Noto Sans CJK SC", "Noto Sans Arabic")),
])
def test_a_run_carries_its_languages_faces_and_lang_with_region(tag, text, lang, faces):
    rpr = text_run_properties(tag, text)
    assert rpr.get("lang") == lang
    assert typefaces(rpr) == faces
