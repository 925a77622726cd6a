"""``oxml.text``: text bodies written directly read back through python-pptx as the deck meant them."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Pt

from generator.oxml import text as xtext

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "corporate" / "template.pptx"
LOOK = xtext.BodyLook(lang="fr-FR", rtl=False, align="ctr", space_before="600", line_spacing="90000",
                      fonts=("Latin Face", "EA Face", "CS Face"))


def slide():
    prs = Presentation(str(TEMPLATE))
    return prs.slides.add_slide(prs.slide_layouts[-1])


def box():
    return slide().shapes.add_textbox(0, 0, 914400, 914400)


def children(element) -> list[str]:
    return [etree.QName(child).localname for child in element]


def test_clear_keeps_one_emptied_paragraph_as_text_frame_clear_does():
    shape = box()
    shape.text_frame.text = "one\ntwo\nthree"
    first = xtext.clear(xtext.text_body(shape))
    assert len(shape.text_frame.paragraphs) == 1 and shape.text_frame.text == ""
    assert first is xtext.first_paragraph(shape)


def test_a_written_paragraph_reads_back_through_python_pptx():
    shape = box()
    body = xtext.text_body(shape)
    bullet = xtext.Bullet("\u2022", 228600, -228600, "0E7C7B")
    xtext.write_paragraph(xtext.clear(body), 0, "Bonjour\x01", 1, bullet, LOOK, 17.5, True, "112233", ltr=False)
    xtext.write_paragraph(xtext.add_paragraph(body), 1, "second", 0, False, LOOK, 12, False, None, ltr=False)
    first, second = shape.text_frame.paragraphs
    run = first.runs[0]
    theirs = box().text_frame.paragraphs[0].add_run()
    theirs.text = "Bonjour\x01"
    assert run._r.t.text == theirs._r.t.text        # the control character escaped as python-pptx escapes it
    assert run.font.size == Pt(17.5) and run.font.bold and str(run.font.color.rgb) == "112233"
    assert run.font._rPr.get("lang") == "fr-FR"
    assert first.level == 1 and first.alignment is not None
    ppr = first._p.pPr
    assert [tag for tag in children(ppr)] == ["lnSpc", "buClr", "buChar"]      # schema order; no spcBef first
    assert children(second._p.pPr) == ["lnSpc", "spcBef", "buNone"]
    rpr = run.font._rPr
    assert [rpr.find(qn(f"a:{tag}")).get("typeface") for tag in ("latin", "ea", "cs")] == \
        ["Latin Face", "EA Face", "CS Face"]


def test_a_paragraph_copy_holds_its_new_text_with_the_same_look():
    shape = box()
    body = xtext.text_body(shape)
    p = xtext.clear(body)
    xtext.write_paragraph(p, 0, "first", 0, None, LOOK, 14, False, None, ltr=False)
    xtext.ParagraphCopy(p).place(body, "copied")
    xtext.ParagraphCopy(p).place(body, "replaced", replacing=p)
    texts = [paragraph.text for paragraph in shape.text_frame.paragraphs]
    assert texts == ["replaced", "copied"]
    assert all(paragraph.runs[0].font.size == Pt(14) for paragraph in shape.text_frame.paragraphs)


def test_body_properties_insets_and_autofit():
    shape = box()
    body_pr = xtext.text_body(shape).find(xtext.BODY_PR)
    xtext.prepare_body(body_pr, 0, xtext.DEFAULT_INSET_Y, "middle")
    frame = shape.text_frame
    assert (frame.margin_left, frame.margin_right, frame.margin_top) == (0, 0, xtext.DEFAULT_INSET_Y)
    assert "tIns" not in body_pr.attrib                   # the default is left out, as python-pptx does
    assert body_pr.get("anchor") == "ctr" and body_pr.get("wrap") == "square"
    assert xtext.inset(body_pr, "lIns", 1) == 0 and xtext.inset(body_pr, "bIns", 7) == 7
    body_pr.set("rIns", "0.1in")
    assert xtext.inset(body_pr, "rIns", 0) == 91440
    xtext.fit_on_overflow(body_pr)
    xtext.fit_on_overflow(body_pr)
    assert children(body_pr).count("normAutofit") == 1


def test_paragraph_key_tells_paragraphs_apart_by_what_they_hold():
    shape = box()
    p = xtext.first_paragraph(shape)
    assert xtext.paragraph_key(p) == b""
    xtext.set_bullet_none(p)
    assert b"buNone" in xtext.paragraph_key(p)
    xtext.set_bullet_char(p, "-", "FF0000")
    assert children(p.pPr) == ["buClr", "buChar"]


def test_a_link_is_a_relationship_of_the_slide():
    shape = box()
    body = xtext.text_body(shape)
    p = xtext.clear(body)
    run = xtext.write_paragraph(p, 0, "site", 0, None, LOOK, 12, False, None, ltr=True)
    xtext.set_link(shape, p, run, "https://www.iso.org/")
    assert shape.text_frame.paragraphs[0].runs[0].hyperlink.address == "https://www.iso.org/"


def test_footer_text_replaces_the_runs_and_sets_direction():
    page = slide()
    footer = page.shapes.add_textbox(0, 0, 10, 10)
    footer.text_frame.text = "old"
    xtext.set_footer_text(footer._element, "ISO – deck", "ar-SA", rtl=True)
    paragraph = footer.text_frame.paragraphs[0]
    assert footer.text_frame.text == "ISO – deck" and len(paragraph.runs) == 1
    assert paragraph._p.pPr.get("rtl") == "1"
    assert paragraph.runs[0].font._rPr.get("lang") == "ar-SA"


def test_notes_are_written_into_the_notes_body():
    page = slide()
    notes = page.notes_slide
    xtext.write_notes(xtext.notes_body(notes), ["one", "two"], "ar-SA", True, ("L", None, "C"))
    frame = notes.notes_text_frame
    assert frame.text == "one\ntwo"
    assert all(p._p.pPr.get("rtl") == "1" for p in frame.paragraphs)
    assert {p.runs[0].font._rPr.get("lang") for p in frame.paragraphs} == {"ar-SA"}


def test_control_characters_are_escaped_as_python_pptx_escapes_them():
    assert xtext.escape_ctrl_chars("a\tb\nc\x01") == "a\tb\nc_x0001_"


def test_list_margins_come_from_the_nearest_list_style_then_the_masters_body_style():
    prs = Presentation()                       # python-pptx's template: margins on the master only
    layout = prs.slide_layouts[1]
    body = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 1)
    master = prs.slide_master._element
    assert xtext.list_margins([body._element], master) == (342900, 742950)
    ppr = body._element.find(qn("p:txBody")).find(qn("a:lstStyle"))
    ppr.append(etree.fromstring('<a:lvl1pPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                                'marL="0"/>'))
    assert xtext.list_margins([body._element], master) == (0, 742950)
    body_style = master.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}")
    body_style.find(qn("a:lvl2pPr")).attrib.pop("marL")
    assert xtext.list_margins([body._element], master) is None
