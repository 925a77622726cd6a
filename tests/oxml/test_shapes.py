"""``oxml.shapes``: copies of boxes and connectors are what python-pptx would make; routing, arrows, freeforms;
glue writes what python-pptx's ``begin_connect``/``end_connect`` write, flips included."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.oxml.ns import qn

from generator.layout.geometry import Rect
from generator.layout.projection import fit_projection, load_basemap, project_rings
from generator.oxml.shapes import add_connector_like, add_copy, add_freeform, add_shape_like, geometry_key, glue, \
    has_own_position, preset_geometry, remember_rect, remembered_rect, remove_shape, route_connector, \
    set_line_arrow

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "corporate" / "template.pptx"
BASEMAP = ROOT / "content" / "assets" / "world-110m.json"


def blank_slide():
    prs = Presentation(str(TEMPLATE))
    return prs.slides.add_slide(prs.slide_layouts[-1])


def make_box(shapes, x, y, cx, cy):
    box = shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, x, y, cx, cy)
    box.fill.solid()
    box.fill.fore_color.rgb = RGBColor.from_string("0E7C7B")
    box.adjustments[0] = 0.08
    return box


def test_a_copied_box_is_the_box_python_pptx_makes():
    shapes = blank_slide().shapes
    cache: dict = {}
    first = add_shape_like(shapes, cache, "box", lambda: make_box(shapes, 10, 20, 30, 40), "Box 1", 10, 20, 30, 40)
    copied = add_shape_like(shapes, cache, "box", lambda: pytest.fail("made again"), "Box 2", 500, 600, 700, 800)
    made = make_box(shapes, 500, 600, 700, 800)
    made.name = "Box 2"
    assert copied.shape_id == made.shape_id - 1 == first.shape_id + 1     # python-pptx's next ids, in turn
    made._element.find(".//" + qn("p:cNvPr")).set("id", str(copied.shape_id))
    assert etree.tostring(copied._element) == etree.tostring(made._element)
    assert remembered_rect(copied) == Rect(500, 600, 700, 800)
    assert [s.name for s in shapes] == ["Box 1", "Box 2", "Box 2"]


def test_a_copied_connector_keeps_its_look_with_a_new_id_and_name():
    shapes = blank_slide().shapes
    cache: dict = {}

    def make():
        connector = shapes.add_connector(MSO_CONNECTOR.ELBOW, 0, 0, 0, 0)
        connector.line.width = 22225
        set_line_arrow(connector, "tail")
        return connector

    first = add_connector_like(shapes, cache, "edge", make, "Edge 1")
    second = add_connector_like(shapes, cache, "edge", lambda: pytest.fail("made again"), "Edge 2")
    assert (first.name, second.name) == ("Edge 1", "Edge 2")
    assert second.shape_id > first.shape_id
    assert second.line.width == 22225
    assert second._element.find(".//" + qn("a:tailEnd")).get("type") == "triangle"


def test_the_arrowhead_goes_where_the_schema_puts_it():
    connector = blank_slide().shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 100, 100)
    connector.line.width = 12700
    connector.line.dash_style = 4                  # a:prstDash, which comes before the arrowheads
    set_line_arrow(connector, "tail")
    set_line_arrow(connector, "head", "oval")
    ln = connector._element.find(".//" + qn("a:ln"))
    assert [etree.QName(child).localname for child in ln] == ["prstDash", "headEnd", "tailEnd"]
    assert ln.find(qn("a:headEnd")).get("type") == "oval"


@pytest.mark.parametrize("vertical_first", [True, False])
@pytest.mark.parametrize("begin,end", [((100, 100), (500, 900)), ((500, 100), (100, 900)),
                                       ((100, 900), (500, 100)), ((500, 900), (100, 100))])
def test_a_routed_connector_spans_its_two_ends(begin, end, vertical_first):
    connector = blank_slide().shapes.add_connector(MSO_CONNECTOR.ELBOW, 0, 0, 0, 0)
    route_connector(connector, begin, end, "bentConnector3", vertical_first)
    xfrm = connector._element.find(".//" + qn("a:xfrm"))
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    dx, dy = abs(end[0] - begin[0]), abs(end[1] - begin[1])
    width, height = (dy, dx) if vertical_first else (dx, dy)
    assert (int(ext.get("cx")), int(ext.get("cy"))) == (width, height)
    centre = ((begin[0] + end[0]) / 2, (begin[1] + end[1]) / 2)
    assert (int(off.get("x")) + width / 2, int(off.get("y")) + height / 2) == centre
    assert (xfrm.get("rot") == "5400000") == vertical_first
    assert connector._element.find(".//" + qn("a:prstGeom")).get("prst") == "bentConnector3"


def test_position_geometry_and_removal():
    slide = blank_slide()
    box = make_box(slide.shapes, 1, 2, 3, 4)
    assert has_own_position(box)
    assert preset_geometry(box) == "roundRect"
    other = make_box(slide.shapes, 9, 9, 9, 9)
    assert geometry_key(other) == geometry_key(box)
    other.adjustments[0] = 0.3
    assert geometry_key(other) != geometry_key(box)
    assert remembered_rect(box) is None
    remember_rect(box, Rect(1, 2, 3, 4))
    assert remembered_rect(box) == Rect(1, 2, 3, 4)
    remove_shape(other)
    assert [shape.shape_id for shape in slide.shapes] == [box.shape_id]


def test_add_copy_gives_the_next_id():
    shapes = blank_slide().shapes
    box = make_box(shapes, 1, 2, 3, 4)
    element = add_copy(shapes, box._element)
    ids = [shape.shape_id for shape in shapes]
    assert ids == [box.shape_id, box.shape_id + 1]
    assert int(element.find(".//" + qn("p:cNvPr")).get("id")) == box.shape_id + 1


# ---------------------------------------------------------------- freeforms

def test_add_freeform_writes_one_shape():
    slide = blank_slide()
    slide.shapes.add_textbox(0, 0, 100, 100)
    basemap = load_basemap(BASEMAP)
    rings = project_rings(basemap, fit_projection(basemap.bounds, Rect(0, 0, 9144000, 4572000)))
    element = add_freeform(slide.shapes, "Land", rings, "DDDDDD", None)
    assert len(element.findall(".//" + qn("a:path"))) == len(rings)
    assert element.find(qn("p:spPr")).find(qn("a:ln")).find(qn("a:noFill")) is not None
    ids = [int(v) for v in slide.shapes._spTree.xpath("//p:cNvPr/@id")]
    assert len(ids) == len(set(ids)) and int(element.find(".//" + qn("p:cNvPr")).get("id")) == max(ids)
    added = slide.shapes.add_shape(MSO_SHAPE.OVAL, 0, 0, 10, 10)
    assert added.shape_id > int(element.find(".//" + qn("p:cNvPr")).get("id"))
    shape = [s for s in slide.shapes if s.name == "Land"][0]
    assert (int(shape.left), int(shape.top)) == (min(x for r in rings for x, _ in r), min(y for r in rings for _, y in r))


def test_add_freeform_refuses_nothing_to_draw():
    with pytest.raises(ValueError):
        add_freeform(blank_slide().shapes, "Land", [], "DDDDDD", None)


# ---------------------------------------------------------------- glue

coordinate = st.integers(min_value=0, max_value=9_000_000)
extent = st.integers(min_value=1, max_value=3_000_000)
site = st.integers(min_value=0, max_value=3)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(first=st.tuples(coordinate, coordinate, extent, extent), second=st.tuples(coordinate, coordinate, extent, extent),
       start=st.tuples(coordinate, coordinate, coordinate, coordinate), sites=st.tuples(site, site))
def test_glue_equals_python_pptx_connecting_both_ends(first, second, start, sites):
    prs = Presentation()
    shapes = prs.slides.add_slide(prs.slide_layouts[6]).shapes
    begin = shapes.add_shape(MSO_SHAPE.RECTANGLE, *first)
    end = shapes.add_shape(MSO_SHAPE.RECTANGLE, *second)
    theirs = shapes.add_connector(MSO_CONNECTOR.ELBOW, *start)     # any start: flipped ones included
    ours = shapes.add_connector(MSO_CONNECTOR.ELBOW, *start)
    theirs.begin_connect(begin, sites[0])
    theirs.end_connect(end, sites[1])
    glue(ours, begin, sites[0], end, sites[1])
    expected, actual = copy.deepcopy(theirs._element), copy.deepcopy(ours._element)
    for element in (expected, actual):          # the two differ only in their id and name
        c_nv_pr = element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr")
        c_nv_pr.set("id", "0")
        c_nv_pr.set("name", "")
    assert etree.tostring(actual) == etree.tostring(expected)
