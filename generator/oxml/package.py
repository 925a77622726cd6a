"""The package level, done without the scans that make python-pptx's cost grow faster than a deck.

python-pptx adds a slide, a notes slide or a chart with searches over what the package
already holds: the next free part name (``OpcPackage.next_partname`` walks every
relationship of the package), an existing relationship to the same part
(``_Relationships.get_or_add`` rebuilds a by-type index of all of them), the next slide id
(an XPath over every ``p:sldId``), and it clones a layout's or the notes master's
placeholders shape by shape. Each is linear in the deck, so a deck costs O(n²). Saving
builds an element tree and computes a relative path for every relationship.

``SlideAdder`` does the same steps with the same results (part names, relationship ids,
slide ids and XML are identical, so the saved bytes are too) but keeps running counts and
copies the XML of a fresh slide per layout and of a fresh notes slide; ``add_shape_like``
and ``add_connector_like`` copy a shape's XML once it has been made; ``relationships_xml``
writes a ``.rels`` file as text. They use the library's classes and a few of its private
helpers rather than a fork; where one of those is missing ``SlideAdder`` falls back to the
public API.
"""

from __future__ import annotations

import copy
import posixpath

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_NotesSlide, CT_Slide
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.shapes.autoshape import Shape
from pptx.shapes.connector import Connector

from ..layout.geometry import Rect
from . import insert_in_order

MAX_SLIDE_ID = 2147483647
_EXT_LST = "{http://schemas.openxmlformats.org/presentationml/2006/main}extLst"
_C_NV_PR = "{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_SP = f"{_P}sp"


class PartnameIndex:
    """``OpcPackage.next_partname`` with the package's part names gathered once per name prefix.

    The result is python-pptx's (the highest free number counting down from one more than the
    names in use); each name handed out is counted as used, since every caller creates a part
    under it straight away. The parts are listed once; the names of parts added since without
    this method (slides: ``add_slide`` names them itself) are never asked for.
    """

    def __init__(self, package):
        self.package = package
        self.all: set[str] | None = None              # every part name, from one walk of the package
        self.names: dict[str, set[str]] = {}          # prefix -> the part names that start with it

    def next_partname(self, tmpl: str) -> PackURI:
        prefix = tmpl[: (tmpl % 42).find("42")]
        names = self.names.get(prefix)
        if names is None:
            if self.all is None:
                self.all = {str(p.partname) for p in self.package.iter_parts()}
            names = self.names[prefix] = {name for name in self.all if name.startswith(prefix)}
        for number in range(len(names) + 1, 0, -1):
            candidate = tmpl % number
            if candidate not in names:
                names.add(candidate)
                self.all.add(candidate)
                return PackURI(candidate)
        raise RuntimeError("ran out of part names")   # pragma: no cover - as in python-pptx


def install_partname_index(prs) -> PartnameIndex:
    """Give this presentation's package the indexed ``next_partname`` (charts, notes, workbooks)."""
    package = prs.part.package
    index = PartnameIndex(package)
    package.next_partname = index.next_partname
    return index


class SlideAdder:
    """Adds slides and notes slides to one presentation, as python-pptx would, in constant time each."""

    def __init__(self, prs, cache: dict | None = None):
        """``cache`` keeps the fresh slide and notes XML for the next decks of the same template."""
        self.prs = prs
        self._cache = cache if cache is not None else {}
        self.part = prs.part                           # the PresentationPart
        self.package = self.part.package
        self.partnames = install_partname_index(prs)
        self._sld_id_lst = prs.part._element.get_or_add_sldIdLst()
        self._next_id: int | None = None
        self._slide_xml: dict = self._cache.setdefault("fresh slides", {})   # layout part name -> p:sld
        rels = getattr(self.part, "_rels", None)
        self._fast = hasattr(rels, "_add_relationship") and hasattr(self._sld_id_lst, "_add_sldId")

    # ------------------------------------------------------------------ slides

    def add_slide(self, layout):
        """``prs.slides.add_slide(layout)``."""
        if not self._fast:
            return self.prs.slides.add_slide(layout)
        layout_part = layout.part
        prototype = self._slide_xml.get(layout_part.partname)
        partname = PackURI("/ppt/slides/slide%d.xml" % (len(self._sld_id_lst) + 1))
        element = prototype.__copy__() if prototype is not None else CT_Slide.new()
        slide_part = SlidePart(partname, CT.PML_SLIDE, self.package, element)
        slide_part.relate_to(layout_part, RT.SLIDE_LAYOUT)
        # A new part has no relationship yet: python-pptx's search for an existing one finds nothing.
        rId = self.part._rels._add_relationship(RT.SLIDE, slide_part)
        slide = slide_part.slide
        if prototype is None:
            slide.shapes.clone_layout_placeholders(layout)
            self._slide_xml[layout_part.partname] = copy.deepcopy(slide_part._element)
        self._sld_id_lst._add_sldId(id=self._slide_id(), rId=rId)
        return slide

    def _slide_id(self) -> int:
        """``CT_SlideIdList._next_id``: one more than the largest id in use, kept as a count."""
        if self._next_id is None:
            used = [int(s) for s in self._sld_id_lst.xpath("./p:sldId/@id")]
            self._next_id = max([255] + used) + 1
        if self._next_id > MAX_SLIDE_ID:
            return self._sld_id_lst._next_id          # python-pptx's search for a free id
        value = self._next_id
        self._next_id += 1
        return value

    # ------------------------------------------------------------------ notes

    def notes_slide(self, slide):
        """``slide.notes_slide``: created on first use, from a copy of the first fresh one."""
        slide_part = slide.part
        notes_xml = self._cache.get("fresh notes")
        if not self._fast or notes_xml is None or slide_part.has_notes_slide:
            notes = slide.notes_slide
            if notes_xml is None and self._fast:
                self._cache["fresh notes"] = _fresh_notes_xml(notes)
            return notes
        master_part = self.part.notes_master_part
        notes_part = NotesSlidePart(self.package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
                                    CT.PML_NOTES_SLIDE, self.package, notes_xml.__copy__())
        notes_part.relate_to(master_part, RT.NOTES_MASTER)
        notes_part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
        return notes_part.notes_slide


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
        shape._deck_rect = Rect(int(x), int(y), int(cx), int(cy))
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
    shape._deck_rect = Rect(int(x), int(y), int(cx), int(cy))     # where write_text reads the size
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


_CXN_ORDER = ["a:cxnSpLocks", "a:stCxn", "a:endCxn", "a:extLst"]


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
            link = insert_in_order(c_nv_cxn_sp_pr, f"a:{tag}", _CXN_ORDER)
        link.set("id", str(int(shape._element.find(f".//{_C_NV_PR}").get("id"))))
        link.set("idx", str(site))
        rect = getattr(shape, "_deck_rect", None)
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


def _fresh_notes_xml(notes_slide):
    """A copy of a notes slide as python-pptx creates it, before any text is written into it."""
    element = copy.deepcopy(notes_slide._element)
    if not isinstance(element, CT_NotesSlide):   # pragma: no cover - a parser without pptx's classes
        return None
    return element


# ---------------------------------------------------------------- relationship files

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                                    "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
_RELATIVE_REFS: dict[tuple[str, str], str] = {}


def relationships_xml(rels, base_uri: str) -> bytes:
    """A part's ``.rels`` file: the bytes python-pptx's ``_Relationships.xml`` serializes.

    Written as text, relationships in numerical order of their ids, external ones with
    ``TargetMode="External"``; relative targets are computed once per (target, folder).
    python-pptx builds an element tree per file and a relative path per relationship, which
    for a thousand-slide deck is a tenth of its saving time.
    """
    def order(rId: str) -> tuple[int, str]:
        return (int(rId[3:]) if rId.startswith("rId") and rId[3:].isdigit() else 0, rId)

    items = []
    for rId in sorted(rels.keys(), key=order):
        rel = rels[rId]
        if rel.is_external:
            target, mode = rel.target_ref, ' TargetMode="External"'
        else:
            target, mode = _relative_ref(str(rel.target_partname), base_uri), ""
        items.append(f'<Relationship Id="{rId.translate(_ATTRIBUTE_ESCAPES)}" '
                     f'Type="{rel.reltype.translate(_ATTRIBUTE_ESCAPES)}" '
                     f'Target="{target.translate(_ATTRIBUTE_ESCAPES)}"{mode}/>')
    body = "".join(items)
    root = f'<Relationships xmlns="{_RELS_NS}">{body}</Relationships>' if body else \
        f'<Relationships xmlns="{_RELS_NS}"/>'
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + root).encode("utf-8")


def _relative_ref(partname: str, base_uri: str) -> str:
    """``PackURI.relative_ref``: the part name relative to the folder ``base_uri``."""
    key = (partname, base_uri)
    found = _RELATIVE_REFS.get(key)
    if found is None:
        found = _RELATIVE_REFS[key] = partname[1:] if base_uri == "/" else posixpath.relpath(partname, base_uri)
    return found
