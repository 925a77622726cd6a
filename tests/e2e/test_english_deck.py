"""The English deck end to end: structure, native objects, the seed's phrases, validity."""

from __future__ import annotations

import re
import unicodedata

import openxml_audit
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from .conftest import ROOT

PHRASES = ROOT / "tests" / "fixtures" / "expected-phrases.txt"


def all_shapes(shapes):
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from all_shapes(shape.shapes)
        else:
            yield shape


def visible_text(slide) -> str:
    parts = []
    for shape in all_shapes(slide.shapes):
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
            parts.extend(run.hyperlink.address or "" for p in shape.text_frame.paragraphs for run in p.runs)
        if getattr(shape, "has_table", False) and shape.has_table:
            parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
        if getattr(shape, "has_chart", False) and shape.has_chart:
            for plot in shape.chart.plots:
                parts.append(" ".join(str(c) for c in plot.categories))
                parts.extend(" ".join(f"{v:g}" for v in s.values if v is not None) for s in plot.series)
    return "\n".join(parts)


def normalize(text: str) -> str:
    """The matching rules of the phrase list: case, quotes, dashes, spaces, thousands separators."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"(?<=\d)[,.\s\u00a0\u202f\u2009](?=\d{3}\b)", "", text)
    return re.sub(r"\s+", " ", text).casefold().strip()


def test_every_seed_phrase_is_in_the_deck(english_deck):
    prs = Presentation(english_deck)
    text = normalize("\n".join(visible_text(slide) for slide in prs.slides))
    phrases = [line.strip() for line in PHRASES.read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    missing = [phrase for phrase in phrases if normalize(phrase) not in text]
    assert len(phrases) > 100
    assert missing == []


def test_seed_typos_are_corrected(english_deck):
    prs = Presentation(english_deck)
    text = "\n".join(visible_text(slide) for slide in prs.slides)
    for typo in ("IECCQ", "IECEX", "membres"):
        assert typo not in text


def test_sixteen_topics_after_the_cover_each_with_notes(english_deck):
    prs = Presentation(english_deck)
    assert len(prs.slides) == 17
    for number, slide in enumerate(prs.slides, 1):
        notes = slide.notes_slide.notes_text_frame.text
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", notes.strip()) if s]
        assert 2 <= len(sentences) <= 4, f"slide {number} has {len(sentences)} sentences of notes"
        assert "{{" not in notes


def test_native_chart_holds_the_casco_membership_figures(english_deck):
    prs = Presentation(english_deck)
    charts = [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 1
    values = list(charts[0].plots[0].series[0].values)
    assert values == [120, 39, 3]
    assert list(charts[0].plots[0].categories) == ["Full members", "Correspondent members", "Subscriber members"]


def test_two_org_charts_are_built_with_glued_connectors(english_deck):
    prs = Presentation(english_deck)
    glued_slides = []
    for slide in prs.slides:
        connectors = slide.shapes._spTree.findall(qn("p:cxnSp"))
        glued = [c for c in connectors if c.find(f".//{qn('a:stCxn')}") is not None
                 and c.find(f".//{qn('a:endCxn')}") is not None]
        if glued:
            glued_slides.append(slide.shapes.title.text)
    assert "ISO governance system" in glued_slides
    assert "CASCO structure" in glued_slides


def test_connectors_refer_to_shapes_that_exist_and_ids_are_unique(english_deck):
    prs = Presentation(english_deck)
    for number, slide in enumerate(prs.slides, 1):
        ids = [int(e.get("id")) for e in slide.shapes._spTree.iter(qn("p:cNvPr"))]
        assert len(ids) == len(set(ids)), f"slide {number} repeats a shape id"
        for end in slide.shapes._spTree.iter(qn("a:stCxn"), qn("a:endCxn")):
            assert int(end.get("id")) in ids


def test_links_are_clickable(english_deck):
    prs = Presentation(english_deck)
    addresses = {run.hyperlink.address for slide in prs.slides for shape in slide.shapes if shape.has_text_frame
                 for p in shape.text_frame.paragraphs for run in p.runs if run.hyperlink.address}
    assert {"https://www.iso.org/casco.html",
            "https://www.iso.org/resources-for-conformity-assessment.html"} <= addresses


def test_several_layouts_of_the_template_are_used(english_deck):
    prs = Presentation(english_deck)
    layouts = {slide.slide_layout.name for slide in prs.slides}
    assert {"Title Slide", "Title and Content", "Title Only", "Section Header"} <= layouts


def test_no_text_is_a_picture(english_deck):
    prs = Presentation(english_deck)
    pictures = [shape for slide in prs.slides for shape in all_shapes(slide.shapes)
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pictures == []


def test_every_shape_lies_inside_the_slide(english_deck):
    prs = Presentation(english_deck)
    width, height = prs.slide_width, prs.slide_height
    for number, slide in enumerate(prs.slides, 1):
        for shape in all_shapes(slide.shapes):
            if shape.left is None:       # inherits its position from the layout
                continue
            assert shape.left >= 0 and shape.top >= 0, f"slide {number}: {shape.name}"
            assert shape.left + shape.width <= width and shape.top + shape.height <= height, \
                f"slide {number}: {shape.name} leaves the slide"


def test_runs_carry_the_language_and_footer_and_numbers_are_present(english_deck):
    prs = Presentation(english_deck)
    runs = [r for slide in prs.slides for r in slide.shapes._spTree.iter(qn("a:r"))]
    with_lang = [r for r in runs if (r.find(qn("a:rPr")) is not None and r.find(qn("a:rPr")).get("lang") == "en-GB")]
    assert len(with_lang) / len(runs) > 0.95
    for slide in prs.slides:
        types = {ph.get("type") for ph in slide.shapes._spTree.iter(qn("p:ph"))}
        assert "sldNum" in types


def test_the_deck_is_schema_valid_ooxml(english_deck):
    result = openxml_audit.validate_pptx(str(english_deck))
    assert result.is_valid, [str(e) for e in result.errors[:10]]


def test_core_properties_are_set(english_deck):
    props = Presentation(english_deck).core_properties
    assert props.title == "ISO, IEC and CASCO: an introduction"
    assert props.language == "en-GB"
