"""Reading a built deck back: every shape, group members in place of their group, in document order."""

from __future__ import annotations

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches

from generator.built_deck import leaf_shapes


def test_groups_are_opened_at_every_depth_in_document_order():
    prs = Presentation()
    shapes = prs.slides.add_slide(prs.slide_layouts[6]).shapes

    def box(owner, name):
        shape = owner.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(1), Inches(1))
        shape.name = name

    box(shapes, "first")
    outer = shapes.add_group_shape()
    box(outer.shapes, "outer member")
    inner = outer.shapes.add_group_shape()
    box(inner.shapes, "inner member")
    box(outer.shapes, "after the inner group")
    box(shapes, "last")
    assert [shape.name for shape in leaf_shapes(shapes)] == [
        "first", "outer member", "inner member", "after the inner group", "last"]


def test_a_slide_without_shapes_has_no_leaves():
    prs = Presentation()
    assert list(leaf_shapes(prs.slides.add_slide(prs.slide_layouts[6]).shapes)) == []
