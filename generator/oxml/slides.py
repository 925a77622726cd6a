"""Slides: adding them (and their notes slides) in constant time, their placeholders, removing them.

python-pptx adds a slide or a notes slide with searches over what the package already holds:
the next free part name (``OpcPackage.next_partname`` walks every relationship of the package),
an existing relationship to the same part (``_Relationships.get_or_add`` rebuilds a by-type
index of all of them), the next slide id (an XPath over every ``p:sldId``), and it clones a
layout's or the notes master's placeholders shape by shape. Each is linear in the deck, so a
deck costs O(n²).

``SlideAdder`` does the same steps with the same results (part names, relationship ids, slide
ids and XML are identical, so the saved bytes are too) but keeps running counts and copies the
XML of a fresh slide per layout and of a fresh notes slide. It uses the library's classes and a
few of its private helpers rather than a fork; where one of those is missing it falls back to
the public API.
"""

from __future__ import annotations

import copy

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_NotesSlide, CT_Slide
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.shapes.shapetree import _SlidePlaceholderFactory

from .package import install_partname_index

MAX_SLIDE_ID = 2147483647
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_SHAPE_TAGS = tuple(f"{_P}{tag}" for tag in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart"))
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_NV_PR, _PH, _C_NV_PR = f"{_P}nvPr", f"{_P}ph", f"{_P}cNvPr"


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


def _fresh_notes_xml(notes_slide):
    """A copy of a notes slide as python-pptx creates it, before any text is written into it."""
    element = copy.deepcopy(notes_slide._element)
    if not isinstance(element, CT_NotesSlide):   # pragma: no cover - a parser without pptx's classes
        return None
    return element


def remove_all_slides(prs) -> None:
    """Drop every slide of the presentation (a template's sample slides) with its relationship."""
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


# ---------------------------------------------------------------- placeholders

def placeholders(slide) -> list[tuple[int, object]]:
    """``slide.placeholders`` as ``(idx, shape)`` in python-pptx's order.

    Found with plain lxml look-ups instead of an XPath query per shape.
    """
    shapes = slide.shapes
    found = []
    for element in shapes._spTree.iterchildren(*_SHAPE_TAGS):
        ph = _ph_of(element)
        if ph is not None:
            found.append((int(ph.get("idx", "0")), _SlidePlaceholderFactory(element, shapes)))
    return found


def placeholder_type(element) -> str | None:
    """The ``type`` of a shape element's ``p:ph`` (``ftr``, ``sldNum``, ``body``...), None if it is none.

    A placeholder without a ``type`` is None too, as it is for the layout's own look-ups.
    """
    ph = element.find(f".//{_NV_PR}/{_PH}")
    return ph.get("type") if ph is not None else None


def _ph_of(element):
    """``./*[1]/p:nvPr/p:ph`` of a shape element (python-pptx's ``BaseShapeElement.ph``)."""
    if not len(element):
        return None
    nv_pr = element[0].find(_NV_PR)
    return nv_pr.find(_PH) if nv_pr is not None else None


def layout_placeholder(layout, kind: str):
    """The layout's first placeholder of type ``kind`` (``ftr``, ``sldNum``...), None when it has none."""
    return next((ph for ph in layout.placeholders if placeholder_type(ph._element) == kind), None)


def placeholder_chain(layout, kind: str) -> list:
    """The elements of the layout's placeholder of type ``kind`` and of the master's it inherits from,
    nearest first; then the master's own element, which holds its text styles."""
    master = layout.slide_master
    chain = [ph._element for ph in (layout_placeholder(layout, kind), layout_placeholder(master, kind))
             if ph is not None]
    return chain + [master._element]


def copy_layout_placeholders(slide, layout, types: tuple[str, ...] = ("ftr", "sldNum")) -> list:
    """Put the layout's footer and slide-number placeholders on the slide, as PowerPoint does.

    python-pptx's ``add_slide`` skips them, so without this a deck has no footer or slide numbers.
    """
    added = []
    tree = slide.shapes._spTree
    for shape in layout.placeholders:
        if placeholder_type(shape._element) not in types:
            continue
        element = copy.deepcopy(shape._element)
        # keep the geometry inherited from the layout: drop the explicit xfrm copy
        sp_pr = element.find(f"{_P}spPr")
        if sp_pr is not None:
            for child in list(sp_pr):
                sp_pr.remove(child)
        element.find(f".//{_C_NV_PR}").set("id", str(slide.shapes._next_shape_id))
        tree.append(element)
        added.append(element)
    return added


def set_own_position(element, left: int, top: int, width: int, height: int) -> None:
    """Give a slide's placeholder element its own ``a:xfrm`` (EMU), instead of the layout's."""
    sp_pr = element.find(f"{_P}spPr")
    xfrm = sp_pr.find(f"{_A}xfrm")
    if xfrm is None:
        xfrm = sp_pr.makeelement(f"{_A}xfrm", {})
        sp_pr.insert(0, xfrm)
    for child in list(xfrm):
        xfrm.remove(child)
    xfrm.append(xfrm.makeelement(f"{_A}off", {"x": str(left), "y": str(top)}))
    xfrm.append(xfrm.makeelement(f"{_A}ext", {"cx": str(width), "cy": str(height)}))
