"""``oxml.slides``: the fast slide adder gives what python-pptx's ``add_slide`` gives, on the house template."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from generator.oxml.slides import SlideAdder, copy_layout_placeholders, placeholder_type, placeholders, \
    remove_all_slides

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "corporate" / "template.pptx"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
LAYOUT_COUNT = len(Presentation(str(TEMPLATE)).slide_layouts)


def placeholder_facts(slide) -> list[tuple]:
    return [(shape.placeholder_format.idx, shape.placeholder_format.type, shape.name,
             shape.left, shape.top, shape.width, shape.height) for shape in slide.placeholders]


def xml_without_ids(element) -> bytes:
    """The slide's XML with every shape id blanked: the ids are the one thing allowed to differ."""
    copy = etree.fromstring(etree.tostring(element))
    for c_nv_pr in copy.iter(f"{P}cNvPr"):
        c_nv_pr.set("id", "0")
    return etree.tostring(copy)


def layout_rels(slide) -> list[tuple[str, str, str]]:
    return sorted((rId, rel.reltype, str(rel.target_part.partname)) for rId, rel in slide.part.rels.items())


def both(order: list[int]):
    """Slides added in ``order`` (layout indexes) by python-pptx and by the adder, each to a fresh template."""
    theirs, ours = Presentation(str(TEMPLATE)), Presentation(str(TEMPLATE))
    adder = SlideAdder(ours, {})
    pairs = []
    for index in order:
        pairs.append((theirs.slides.add_slide(theirs.slide_layouts[index]),
                      adder.add_slide(ours.slide_layouts[index])))
    return theirs, ours, pairs


@pytest.mark.parametrize("index", range(LAYOUT_COUNT))
def test_a_slide_of_every_layout_is_python_pptxs_own(index):
    # each layout twice: the second slide is a copy of the first one's fresh XML
    theirs, ours, pairs = both([index, index])
    for expected, actual in pairs:
        assert placeholder_facts(actual) == placeholder_facts(expected)
        assert layout_rels(actual) == layout_rels(expected)
        assert actual.slide_layout.name == expected.slide_layout.name
        assert actual.part.partname == expected.part.partname
        assert xml_without_ids(actual._element) == xml_without_ids(expected._element)


def test_slide_ids_part_names_and_presentation_rels_match_across_layouts():
    order = [i % LAYOUT_COUNT for i in range(3 * LAYOUT_COUNT)]
    theirs, ours, _ = both(order)
    assert [(s.slide_id, str(s.part.partname)) for s in ours.slides] == \
        [(s.slide_id, str(s.part.partname)) for s in theirs.slides]
    def slide_rels(prs):
        return sorted((rId, str(rel.target_part.partname)) for rId, rel in prs.part.rels.items()
                      if rel.reltype == RT.SLIDE)
    assert slide_rels(ours) == slide_rels(theirs)


def test_a_fresh_slides_shapes_have_distinct_ids():
    _, ours, pairs = both([1, 1, 3])
    for _, slide in pairs:
        ids = [shape.shape_id for shape in slide.shapes]
        assert len(ids) == len(set(ids))


def test_notes_slides_match_python_pptxs():
    theirs, ours, pairs = both([1, 1, 4])
    adder = SlideAdder(ours, {})
    for expected, actual in pairs:
        notes_theirs, notes_ours = expected.notes_slide, adder.notes_slide(actual)
        assert notes_ours.part.partname == notes_theirs.part.partname
        assert xml_without_ids(notes_ours._element) == xml_without_ids(notes_theirs._element)
        assert sorted(r.reltype for r in notes_ours.part.rels.values()) == \
            sorted(r.reltype for r in notes_theirs.part.rels.values())
        assert actual.has_notes_slide and adder.notes_slide(actual) == notes_ours   # created once


def test_placeholders_are_python_pptxs_in_its_order():
    prs = Presentation(str(TEMPLATE))
    for layout in prs.slide_layouts:
        slide = prs.slides.add_slide(layout)
        found = placeholders(slide)
        assert [idx for idx, _ in found] == [shape.placeholder_format.idx for shape in slide.placeholders]
        assert [shape.name for _, shape in found] == [shape.name for shape in slide.placeholders]


def test_remove_all_slides_leaves_no_slide_and_no_slide_relationship():
    prs = Presentation(str(TEMPLATE))
    for layout in prs.slide_layouts:
        prs.slides.add_slide(layout)
    remove_all_slides(prs)
    assert len(prs.slides) == 0
    assert not [rel for rel in prs.part.rels.values() if rel.reltype == RT.SLIDE]


def test_footer_placeholders_are_copied_with_the_layouts_geometry():
    prs = Presentation(str(TEMPLATE))
    layout = prs.slide_layouts[1]
    slide = prs.slides.add_slide(layout)
    before = {shape.shape_id for shape in slide.shapes}
    added = copy_layout_placeholders(slide, layout, ("ftr", "sldNum"))
    assert sorted(placeholder_type(element) for element in added) == ["ftr", "sldNum"]
    copied = [shape for shape in slide.shapes if shape.shape_id not in before]
    assert len(copied) == 2 and all(shape.is_placeholder for shape in copied)
    on_layout = {shape.placeholder_format.idx: shape for shape in layout.placeholders}
    for shape in copied:
        assert shape._element.find(f"{P}spPr").find(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm") is None   # inherited, not copied
        assert (shape.left, shape.top) == (on_layout[shape.placeholder_format.idx].left,
                                           on_layout[shape.placeholder_format.idx].top)
    assert placeholder_type(next(s for s in slide.shapes if s.name.startswith("Title"))._element) == "title"
