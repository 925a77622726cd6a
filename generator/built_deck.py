"""Reading a built .pptx back (``deck diff``, ``deck check --render``)."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE_TYPE


def leaf_shapes(shapes):
    """Every shape of a shape tree, groups opened, in document order."""
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from leaf_shapes(shape.shapes)
        else:
            yield shape
