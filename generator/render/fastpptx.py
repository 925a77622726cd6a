"""python-pptx's per-slide bookkeeping, without the scans that make a deck's cost grow faster than its size.

python-pptx adds a slide, a notes slide or a chart with searches over what the package
already holds: the next free part name (``OpcPackage.next_partname`` walks every
relationship of the package), an existing relationship to the same part
(``_Relationships.get_or_add`` rebuilds a by-type index of all of them), the next slide id
(an XPath over every ``p:sldId``), and it clones a layout's or the notes master's
placeholders shape by shape. Each is linear in the deck, so a deck costs O(n²).

``SlideAdder`` does the same steps with the same results (part names, relationship ids,
slide ids and XML are identical, so the saved bytes are too) but keeps running counts and
copies the XML of a fresh slide per layout and of a fresh notes slide. It uses the
library's classes and a few of its private helpers rather than a fork; where one of those
is missing it falls back to the public API.
"""

from __future__ import annotations

import copy

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_NotesSlide, CT_Slide
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.shapes.autoshape import Shape

MAX_SLIDE_ID = 2147483647
_EXT_LST = "{http://schemas.openxmlformats.org/presentationml/2006/main}extLst"
_C_NV_PR = "{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_SP = "{http://schemas.openxmlformats.org/presentationml/2006/main}sp"


class PartnameIndex:
    """``OpcPackage.next_partname`` with the package's part names gathered once per name prefix.

    The result is python-pptx's (the highest free number counting down from one more than the
    names in use); each name handed out is counted as used, since every caller creates a part
    under it straight away.
    """

    def __init__(self, package):
        self.package = package
        self.names: dict[str, set[str]] = {}

    def next_partname(self, tmpl: str) -> PackURI:
        prefix = tmpl[: (tmpl % 42).find("42")]
        names = self.names.get(prefix)
        if names is None:
            names = self.names[prefix] = {str(p.partname) for p in self.package.iter_parts()
                                          if p.partname.startswith(prefix)}
        for number in range(len(names) + 1, 0, -1):
            candidate = tmpl % number
            if candidate not in names:
                names.add(candidate)
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

    def __init__(self, prs):
        self.prs = prs
        self.part = prs.part                           # the PresentationPart
        self.package = self.part.package
        self.partnames = install_partname_index(prs)
        self._sld_id_lst = prs.part._element.get_or_add_sldIdLst()
        self._next_id: int | None = None
        self._slide_xml: dict = {}                     # layout part name -> a fresh slide's p:sld
        self._notes_xml = None                         # a fresh notes slide's p:notes
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
        element = copy.deepcopy(prototype) if prototype is not None else CT_Slide.new()
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
        if not self._fast or self._notes_xml is None or slide_part.has_notes_slide:
            notes = slide.notes_slide
            if self._notes_xml is None and self._fast:
                self._notes_xml = _fresh_notes_xml(notes)
            return notes
        master_part = self.part.notes_master_part
        notes_part = NotesSlidePart(self.package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
                                    CT.PML_NOTES_SLIDE, self.package, copy.deepcopy(self._notes_xml))
        notes_part.relate_to(master_part, RT.NOTES_MASTER)
        notes_part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
        return notes_part.notes_slide


def add_shape_like(shapes, cache: dict, key, make, name: str, x: int, y: int, cx: int, cy: int):
    """A new shape whose XML, apart from its id, name, position and size, depends only on ``key``.

    The first shape of a ``key`` is made by ``make()`` (python-pptx's ``add_shape`` and the
    formatting setters); later ones are copies of its XML with python-pptx's next shape id,
    ``name`` and the position written in, inserted where python-pptx inserts a new shape.
    Returns the python-pptx shape.
    """
    prototype = cache.get(key)
    if prototype is None:
        shape = make()
        shape.name = name
        cache[key] = copy.deepcopy(shape._element)
        return shape
    element = copy.deepcopy(prototype)
    c_nv_pr = element.find(f".//{_C_NV_PR}")
    c_nv_pr.set("id", str(shapes._next_shape_id))
    c_nv_pr.set("name", name)
    xfrm = element.find(f"./*/{_A}xfrm")
    xfrm.find(f"{_A}off").attrib.update({"x": str(int(x)), "y": str(int(y))})
    xfrm.find(f"{_A}ext").attrib.update({"cx": str(int(cx)), "cy": str(int(cy))})
    tree = shapes._spTree
    extension = tree.find(_EXT_LST)
    if extension is not None:
        extension.addprevious(element)
    else:
        tree.append(element)
    if element.tag == _SP:
        return Shape(element, shapes)          # what the factory returns for a p:sp that is no placeholder
    return shapes._shape_factory(element)


def _fresh_notes_xml(notes_slide):
    """A copy of a notes slide as python-pptx creates it, before any text is written into it."""
    element = copy.deepcopy(notes_slide._element)
    if not isinstance(element, CT_NotesSlide):   # pragma: no cover - a parser without pptx's classes
        return None
    return element
