"""``oxml.package``: the zip entries, relationship files and part names are python-pptx's own."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE

from generator.oxml.package import PartnameIndex, install_partname_index, package_entries, relationships_xml, \
    with_core_dates

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "corporate" / "template.pptx"


def small_deck():
    prs = Presentation(str(TEMPLATE))
    for layout in prs.slide_layouts:
        slide = prs.slides.add_slide(layout)
        slide.notes_slide.notes_text_frame.text = "notes"
    slide.shapes.add_textbox(0, 0, 100, 100).text_frame.paragraphs[0].add_run().hyperlink.address = \
        "https://example.org/?a=1&b=<2>"
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", (1, 2))
    slide.shapes.add_chart(XL_CHART_TYPE.PIE, 0, 0, 100, 100, data)
    return prs


def saved_entries(prs) -> dict[str, bytes]:
    out = io.BytesIO()
    prs.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    return {name: source.read(name) for name in source.namelist()}


def test_package_entries_are_what_save_writes():
    prs = small_deck()
    assert package_entries(prs) == saved_entries(prs)


def test_relationship_files_are_python_pptxs_bytes():
    prs = small_deck()
    for part in prs.part.package.iter_parts():
        if part.rels:
            assert relationships_xml(part.rels, part.partname.baseURI) == part.rels.xml, part.partname
    assert relationships_xml(prs.part.package._rels, "/") == prs.part.package._rels.xml


def test_the_partname_index_hands_out_python_pptxs_names():
    theirs, ours = small_deck(), small_deck()
    index = install_partname_index(ours)
    assert isinstance(index, PartnameIndex)
    for template in ("/ppt/notesSlides/notesSlide%d.xml", "/ppt/charts/chart%d.xml", "/ppt/media/image%d.png"):
        expected = theirs.part.package.next_partname(template)
        assert ours.part.package.next_partname(template) == expected
        # a name handed out counts as used
        assert ours.part.package.next_partname(template) != expected


def test_core_dates_are_set_and_nothing_else_changes():
    core = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            b' xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            b"<dc:creator>someone</dc:creator><dcterms:created>2031-05-06T07:08:09Z</dcterms:created>"
            b"<dcterms:modified>2032-05-06T07:08:09Z</dcterms:modified></cp:coreProperties>")
    fixed = with_core_dates(core, "2024-01-01T00:00:00Z")
    assert fixed.count(b"2024-01-01T00:00:00Z") == 2
    assert b"2031" not in fixed and b"2032" not in fixed
    assert b"<dc:creator>someone</dc:creator>" in fixed
    assert fixed.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>")


def test_core_property_text_keeps_what_fits_and_cuts_the_rest_at_a_space():
    from generator.oxml.package import core_property_text
    from generator.oxml.package_limits import MAX_CORE_TITLE_CHARS

    assert core_property_text("ISO, IEC and CASCO") == "ISO, IEC and CASCO"
    exact = "x" * MAX_CORE_TITLE_CHARS
    assert core_property_text(exact) == exact
    long = "word " * 60
    cut = core_property_text(long)
    assert len(cut) <= MAX_CORE_TITLE_CHARS and cut.endswith("word…")
    unbroken = core_property_text("y" * (MAX_CORE_TITLE_CHARS + 1))
    assert unbroken == "y" * (MAX_CORE_TITLE_CHARS - 1) + "…"
    prs = Presentation(str(TEMPLATE))
    prs.core_properties.title = cut          # python-pptx refuses more than 255 characters
