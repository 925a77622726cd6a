"""Shapes: boxes and connectors copied from a first one of each look, glue, freeforms, lines.

``add_shape_like`` and ``add_connector_like`` copy a shape's XML once python-pptx has made
the first of its look; ``glue`` joins a connector's ends as ``begin_connect``/``end_connect``
do; ``add_freeform`` writes a many-path freeform (a map's land) in one piece. A shape's
rectangle, once known, is remembered on it (``remember_rect``) so that text fitting and glue
never read it back from the XML.
"""

from __future__ import annotations

import copy

from lxml import etree
from pptx.oxml import oxml_parser as _PARSER
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.shapes.autoshape import Shape
from pptx.shapes.connector import Connector

from ..layout.geometry import Rect
from .child_order import CXN_ORDER, LN_ORDER, insert_in_order, set_child

_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_EXT_LST = f"{_P}extLst"
_C_NV_PR = f"{_P}cNvPr"
_SP = f"{_P}sp"
_PRST_GEOM = f"{_A}prstGeom"
_OWN_XFRM = (f"./{_P}spPr/{_A}xfrm", f"./{_P}grpSpPr/{_A}xfrm", f"./{_P}xfrm")


# ---------------------------------------------------------------- where a shape is

def remember_rect(shape, rect: Rect) -> None:
    """Keep ``shape``'s rectangle (EMU) on it, for text fitting and glue to read without the XML."""
    shape._deck_rect = rect


def remembered_rect(shape) -> Rect | None:
    """The rectangle ``remember_rect`` kept on ``shape``, or None."""
    return getattr(shape, "_deck_rect", None)


def has_own_position(shape) -> bool:
    """Does the shape carry its own ``a:xfrm`` (rather than inheriting a placeholder's)?"""
    element = shape._element
    return any(element.find(path) is not None for path in _OWN_XFRM)


def preset_geometry(shape) -> str | None:
    """The shape's preset geometry (``roundRect``, ``ellipse``...), or None (a freeform, a picture...)."""
    geometry = _preset_element(shape)
    return geometry.get("prst") if geometry is not None else None


def geometry_key(shape) -> tuple[str, bytes] | None:
    """The preset and its adjustments as bytes: shapes with the same key have the same geometry."""
    geometry = _preset_element(shape)
    return (geometry.get("prst"), etree.tostring(geometry)) if geometry is not None else None


def _preset_element(shape):
    element = getattr(shape, "_element", None)
    return element.find(".//" + _PRST_GEOM) if element is not None else None


def remove_shape(shape) -> None:
    """Take ``shape`` off its slide."""
    element = shape._element
    element.getparent().remove(element)


# ---------------------------------------------------------------- copies of shapes

def insert_shape(sp_tree, element) -> None:
    """Add a shape element last on the slide, as python-pptx does: before the tree's ``p:extLst``."""
    extension = sp_tree.find(_EXT_LST)
    if extension is not None:
        extension.addprevious(element)
    else:
        sp_tree.append(element)


def shape_copy(prototype, shape_id: int):
    """A copy of a shape element with the shape id ``shape_id``."""
    element = prototype.__copy__()              # lxml copies are deep
    element.find(f".//{_C_NV_PR}").set("id", str(shape_id))
    return element


def add_copy(shapes, prototype):
    """A copy of the shape element ``prototype`` added last to ``shapes``, with python-pptx's next id."""
    element = shape_copy(prototype, shapes._next_shape_id)
    insert_shape(shapes._spTree, element)
    return element


def add_shape_like(shapes, cache: dict, key, make, name: str, x: int, y: int, cx: int, cy: int):
    """A new shape whose XML, apart from its id, name, position and size, depends only on ``key``.

    The first shape of a ``key`` is made by ``make()`` (python-pptx's ``add_shape`` and the
    formatting setters); later ones are copies of its XML with python-pptx's next shape id,
    ``name`` and the position written in, inserted where python-pptx inserts a new shape.
    Returns the python-pptx shape.
    """
    cached = cache.get(key)
    if cached is None:
        shape = make()
        shape.name = name
        cache[key] = (copy.deepcopy(shape._element), _paths(shape._element))
        remember_rect(shape, Rect(int(x), int(y), int(cx), int(cy)))
        return shape
    prototype, (c_nv_pr_at, off_at, ext_at) = cached
    element = prototype.__copy__()              # lxml copies are deep
    c_nv_pr = _follow(element, c_nv_pr_at)
    c_nv_pr.set("id", str(shapes._next_shape_id))
    c_nv_pr.set("name", name)
    _follow(element, off_at).attrib.update({"x": str(int(x)), "y": str(int(y))})
    _follow(element, ext_at).attrib.update({"cx": str(int(cx)), "cy": str(int(cy))})
    insert_shape(shapes._spTree, element)
    shape = Shape(element, shapes) if element.tag == _SP else shapes._shape_factory(element)
    remember_rect(shape, Rect(int(x), int(y), int(cx), int(cy)))
    return shape


def _paths(element) -> tuple:
    """Where a shape's ``p:cNvPr``, ``a:off`` and ``a:ext`` are, as child indexes from ``element``."""
    xfrm = element.find(f"./*/{_A}xfrm")
    return tuple(_path_to(element, found) for found in
                 (element.find(f".//{_C_NV_PR}"), xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")))


def _path_to(root, element) -> tuple[int, ...]:
    path = []
    while element is not root:
        parent = element.getparent()
        path.append(parent.index(element))
        element = parent
    return tuple(reversed(path))


def _follow(element, path: tuple[int, ...]):
    for index in path:
        element = element[index]
    return element


def add_connector_like(shapes, cache: dict, key, make, name: str):
    """A new connector at (0, 0) with no extent, formatted as the first one of ``key`` was.

    ``make()`` adds the first one with python-pptx (``add_connector`` and the line setters);
    later ones copy its XML with python-pptx's next shape id and ``name``. ``glue`` then
    joins the ends to shapes.
    """
    prototype = cache.get(key)
    if prototype is None:
        connector = make()
        connector.name = name
        cache[key] = copy.deepcopy(connector._element)
        return connector
    element = prototype.__copy__()
    c_nv_pr = element.find(f".//{_C_NV_PR}")
    c_nv_pr.set("id", str(shapes._next_shape_id))
    c_nv_pr.set("name", name)
    insert_shape(shapes._spTree, element)
    return Connector(element, shapes)


# ---------------------------------------------------------------- connectors

def glue(connector, begin_shape, begin_site: int, end_shape, end_site: int) -> None:
    """``connector.begin_connect(begin_shape, begin_site)`` then ``end_connect(end_shape, end_site)``.

    The same XML python-pptx writes (``a:stCxn``/``a:endCxn`` and the begin and end points
    moved by its setters, flips included), with plain attribute reads and writes.
    """
    element = connector._element
    c_nv_cxn_sp_pr = element.find(f"{_P}nvCxnSpPr/{_P}cNvCxnSpPr")
    geometry = _Geometry(element.find(f"{_P}spPr/{_A}xfrm"))
    geometry.connect(c_nv_cxn_sp_pr, "stCxn", begin_shape, begin_site, begin=True)
    geometry.connect(c_nv_cxn_sp_pr, "endCxn", end_shape, end_site, begin=False)


class _Geometry:
    """A connector's ``a:xfrm`` read and written as python-pptx's ``Connector`` setters do."""

    def __init__(self, xfrm):
        self.xfrm = xfrm
        self.off = xfrm.find(f"{_A}off")
        self.ext = xfrm.find(f"{_A}ext")

    def connect(self, c_nv_cxn_sp_pr, tag: str, shape, site: int, begin: bool) -> None:
        """``_connect_begin_to`` and ``_move_begin_to_cxn`` (or their ``end`` twins)."""
        link = c_nv_cxn_sp_pr.find(f"{_A}{tag}")
        if link is None:
            link = insert_in_order(c_nv_cxn_sp_pr, f"a:{tag}", CXN_ORDER)
        link.set("id", str(int(shape._element.find(f".//{_C_NV_PR}").get("id"))))
        link.set("idx", str(site))
        rect = remembered_rect(shape)
        x, y, cx, cy = (rect.left, rect.top, rect.width, rect.height) if rect is not None else \
            (shape.left, shape.top, shape.width, shape.height)
        px, py = {
            0: (int(x + cx / 2), y),
            1: (x, int(y + cy / 2)),
            2: (int(x + cx / 2), y + cy),
            3: (x + cx, int(y + cy / 2)),
        }[site]
        if begin:
            self._begin(int(px), "x", "cx", "flipH")
            self._begin(int(py), "y", "cy", "flipV")
        else:
            self._end(int(px), "x", "cx", "flipH")
            self._end(int(py), "y", "cy", "flipV")

    def _read(self, p: str, s: str, f: str) -> tuple[int, int, bool]:
        return int(self.off.get(p)), int(self.ext.get(s)), self.xfrm.get(f) in ("1", "true")

    def _flip(self, name: str, value: bool) -> None:
        if value:
            self.xfrm.set(name, "1")
        else:                                   # False is the default: the attribute goes
            self.xfrm.attrib.pop(name, None)

    def _begin(self, new: int, p: str, s: str, f: str) -> None:
        """``Connector.begin_x`` (``p, s, f = x, cx, flipH``) or ``begin_y`` setter."""
        if self._read(p, s, f)[2]:
            self._move_far_edge(new, p, s, f, flip_if_crossed=False)
        else:
            self._move_near_edge(new, p, s, f, flip_if_crossed=True)

    def _end(self, new: int, p: str, s: str, f: str) -> None:
        """``Connector.end_x`` or ``end_y`` setter."""
        if self._read(p, s, f)[2]:
            self._move_near_edge(new, p, s, f, flip_if_crossed=False)
        else:
            self._move_far_edge(new, p, s, f, flip_if_crossed=True)

    def _move_near_edge(self, new: int, p: str, s: str, f: str, flip_if_crossed: bool) -> None:
        """Move the edge at ``off`` to ``new``; past the far edge, the two swap and the flip changes."""
        pos, size, _ = self._read(p, s, f)
        delta = abs(new - pos)
        if new <= pos:
            self.off.set(p, str(new))
            self.ext.set(s, str(size + delta))
        elif delta <= size:
            self.off.set(p, str(new))
            self.ext.set(s, str(size - delta))
        else:
            self._flip(f, flip_if_crossed)
            self.off.set(p, str(pos + size))
            self.ext.set(s, str(delta - size))

    def _move_far_edge(self, new: int, p: str, s: str, f: str, flip_if_crossed: bool) -> None:
        """Move the edge at ``off + ext`` to ``new``; past the near edge, the two swap and the flip changes."""
        pos, size, _ = self._read(p, s, f)
        old = pos + size
        delta = abs(new - old)
        if new >= old:
            self.ext.set(s, str(size + delta))
        elif delta <= size:
            self.ext.set(s, str(size - delta))
        else:
            self._flip(f, flip_if_crossed)
            self.off.set(p, str(new))
            self.ext.set(s, str(delta - size))


def route_connector(connector, begin: tuple[int, int], end: tuple[int, int], preset: str = "bentConnector3",
                    vertical_first: bool = True) -> None:
    """Store an elbow connector's geometry the way PowerPoint draws it, from ``begin`` to ``end``.

    PowerPoint draws a connector from its stored ``a:xfrm`` until a glued shape moves (only
    LibreOffice re-routes on opening). The elbow presets start horizontally, so a connector
    leaving a box's bottom must be turned a quarter: ``rot`` 90 degrees with width and height
    swapped, and flips chosen so the path starts at ``begin`` and ends at ``end``.
    ``bentConnector3`` bends twice (down, across, down: a tree's links); ``bentConnector2``
    once (down then across: into the side of a box stacked below). Connection ids are kept.
    """
    (x1, y1), (x2, y2) = begin, end
    dx, dy = x2 - x1, y2 - y1
    sp_pr = connector._element.find(qn("p:spPr"))
    xfrm = sp_pr.find(qn("a:xfrm"))
    geometry = sp_pr.find(qn("a:prstGeom"))
    geometry.set("prst", preset)
    for attribute in ("rot", "flipH", "flipV"):
        xfrm.attrib.pop(attribute, None)
    if vertical_first:
        # local x runs down the slide after the quarter turn; local y runs right to left
        width, height = abs(dy), abs(dx)
        xfrm.set("rot", "5400000")
        if dy < 0:
            xfrm.set("flipH", "1")
        if dx > 0:
            xfrm.set("flipV", "1")
    else:
        width, height = abs(dx), abs(dy)
        if dx < 0:
            xfrm.set("flipH", "1")
        if dy < 0:
            xfrm.set("flipV", "1")
    centre_x, centre_y = (x1 + x2) / 2, (y1 + y2) / 2
    xfrm.find(qn("a:off")).attrib.update({"x": str(round(centre_x - width / 2)), "y": str(round(centre_y - height / 2))})
    xfrm.find(qn("a:ext")).attrib.update({"cx": str(width), "cy": str(height)})


# ---------------------------------------------------------------- lines

def set_line_arrow(shape, end: str = "tail", kind: str = "triangle") -> None:
    """An arrowhead at one end of a line or connector: ``end`` is 'head' or 'tail'."""
    set_child(shape.line._get_or_add_ln(), f"a:{end}End", LN_ORDER, {"type": kind, "w": "med", "len": "med"})


# ---------------------------------------------------------------- freeforms

def add_freeform(shapes, name: str, paths: list[list[tuple[int, int]]], fill_hex: str | None,
                 line_hex: str | None, line_width_emu: int = 6350):
    """Append ONE ``p:sp`` drawing every closed polygon of ``paths`` (slide EMU), and return it.

    A single shape with one ``a:path`` per polygon in its ``a:custGeom``: one editable object
    (the land of a map) written in milliseconds, where python-pptx's ``FreeformBuilder`` takes
    a fraction of a second per map. Children in schema order (CT_Shape, CT_ShapeProperties,
    CT_CustomGeometry2D); no ``p:style``, so no theme effect (LibreOffice would draw a shadow).
    ``fill_hex``/``line_hex`` ``None`` mean no fill / no outline; the id is python-pptx's next one.
    """
    points = [p for path in paths for p in path]
    if not points:
        raise ValueError("add_freeform needs at least one path with points")
    left = min(x for x, _ in points)
    top = min(y for _, y in points)
    width = max(1, max(x for x, _ in points) - left)
    height = max(1, max(y for _, y in points) - top)

    sp_tree = shapes._spTree
    shape_id = shapes._next_shape_id
    sp = OxmlElement("p:sp")        # python-pptx's element classes, so the slide's shapes stay iterable
    nv = etree.SubElement(sp, qn("p:nvSpPr"))
    etree.SubElement(nv, qn("p:cNvPr"), {"id": str(shape_id), "name": name})
    etree.SubElement(nv, qn("p:cNvSpPr"))
    etree.SubElement(nv, qn("p:nvPr"))

    sp_pr = etree.SubElement(sp, qn("p:spPr"))
    xfrm = etree.SubElement(sp_pr, qn("a:xfrm"))
    etree.SubElement(xfrm, qn("a:off"), {"x": str(left), "y": str(top)})
    etree.SubElement(xfrm, qn("a:ext"), {"cx": str(width), "cy": str(height)})
    geometry = etree.SubElement(sp_pr, qn("a:custGeom"))
    for tag in ("a:avLst", "a:gdLst", "a:ahLst", "a:cxnLst"):
        etree.SubElement(geometry, qn(tag))
    etree.SubElement(geometry, qn("a:rect"), {"l": "l", "t": "t", "r": "r", "b": "b"})
    # Thousands of points: written as text and parsed once, the same elements SubElement would make.
    chunks = [f'<a:pathLst xmlns:a="{_A_NS}">']
    for polygon in paths:
        if len(polygon) < 2:
            continue
        (x0, y0), rest = polygon[0], polygon[1:]
        chunks.append(f'<a:path w="{width}" h="{height}"><a:moveTo><a:pt x="{x0 - left}" y="{y0 - top}"/></a:moveTo>')
        chunks.extend(f'<a:lnTo><a:pt x="{x - left}" y="{y - top}"/></a:lnTo>' for x, y in rest)
        chunks.append("<a:close/></a:path>")
    chunks.append("</a:pathLst>")
    geometry.append(etree.fromstring("".join(chunks), parser=_PARSER))

    _add_fill(sp_pr, fill_hex)
    ln = etree.SubElement(sp_pr, qn("a:ln"), {"w": str(int(line_width_emu))})
    _add_fill(ln, line_hex)
    insert_shape(sp_tree, sp)
    return sp


def _add_fill(parent, hex_color: str | None) -> None:
    if hex_color:
        fill = etree.SubElement(parent, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), {"val": hex_color.lstrip("#").upper()})
    else:
        etree.SubElement(parent, qn("a:noFill"))
