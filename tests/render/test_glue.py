"""``oxml.shapes.glue`` writes what python-pptx's ``begin_connect``/``end_connect`` write, flips included."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE

from generator.oxml.shapes import glue

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
