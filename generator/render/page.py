"""One slide being drawn: its layout's placeholders by slot name, and the area left for content."""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.shapes.shapetree import _SlidePlaceholderFactory

from .. import oxml
from ..errors import DeckError
from ..layout.geometry import Rect
from .context import RenderContext, rect_of
from .text import Para, TextStyle, write_text


FOOTER_TYPES = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)


class Page:
    def __init__(self, slide, role: str, ctx: RenderContext, layout=None):
        self.slide = slide
        self.role = role
        self.ctx = ctx
        self.layout = layout if layout is not None else slide.slide_layout
        self.slots = ctx.mapping.layouts[role].slots
        self._filled: set[int] = set()
        self._placeholders: list | None = None
        self._by_idx: dict[int, object] = {}

    @property
    def shapes(self):
        return self.slide.shapes

    def has_slot(self, slot: str) -> bool:
        return slot in self.slots

    def _placeholder_list(self) -> list:
        """The slide's placeholders as ``(idx, shape)``, read once: renderers add shapes, never placeholders.

        ``slide.placeholders`` in python-pptx's order, found with plain lxml look-ups instead of
        an XPath query per shape.
        """
        if self._placeholders is None:
            shapes = self.slide.shapes
            self._placeholders = []
            for element in shapes._spTree.iterchildren(*_SHAPE_TAGS):
                ph = _ph_of(element)
                if ph is not None:
                    idx = int(ph.get("idx", "0"))
                    shape = _SlidePlaceholderFactory(element, shapes)
                    self._placeholders.append((idx, shape))
                    self._by_idx.setdefault(idx, shape)
        return self._placeholders

    def _find(self, idx: int):
        self._placeholder_list()
        shape = self._by_idx.get(idx)
        if shape is not None and getattr(shape, "_deck_rect", None) is None:
            shape._deck_rect = self._rect_of_placeholder(shape, idx)
        return shape

    def _rect_of_placeholder(self, shape, idx: int) -> Rect:
        """A placeholder's position; one that inherits it from the layout is looked up once per layout."""
        if oxml.has_own_position(shape._element):
            return rect_of(shape)
        key = ("placeholder", self.layout.part.partname, idx)
        cache = self.ctx.layout_cache
        if key not in cache:
            cache[key] = rect_of(shape)
        return cache[key]

    def placeholder(self, slot: str):
        idx = self.slots[slot]
        shape = self._find(idx)
        if shape is not None:
            self._filled.add(idx)
            return shape
        raise DeckError(f"layout '{self.ctx.mapping.layouts[self.role].name}' has no placeholder idx {idx} "
                        f"for slot '{slot}'")

    def write(self, slot: str, paras: list[Para], style: TextStyle):
        shape = self.placeholder(slot)
        write_text(self.ctx, shape, paras, style, name=f"{slot}")
        return shape

    def set_title(self, text: str) -> None:
        if self.has_slot("title"):
            # Titles are bold in most templates; measuring them bold keeps a wide title from wrapping.
            self.write("title", [Para(text)], TextStyle(role="title", align="left", bold=True))

    def slot_rect(self, slot: str) -> Rect:
        return self.placeholder_shape_for_geometry(slot)._deck_rect

    def placeholder_shape_for_geometry(self, slot: str):
        idx = self.slots[slot]
        shape = self._find(idx)
        if shape is not None:
            return shape
        raise DeckError(f"no placeholder idx {idx} for slot '{slot}'")

    def content_area(self) -> Rect:
        """Where drawn content goes: the body placeholder, else below the title and above the footer."""
        if self.has_slot("body"):
            return self.slot_rect("body")
        slide = self.ctx.slide_rect
        margin = self.ctx.inches(0.6)
        top = margin
        left, right = margin, slide.width - margin
        if self.has_slot("title"):
            title = self.slot_rect("title")
            top = title.bottom + self.ctx.inches(0.2)
            left, right = title.left, title.right
        bottom = self._footer_top() - self.ctx.inches(0.15)
        return Rect(left, top, right - left, max(0, bottom - top))

    def _footer_top(self) -> int:
        key = ("footer top", self.layout.part.partname)
        cache = self.ctx.layout_cache
        if key not in cache:
            tops = [int(shape.top) for shape in self.layout.placeholders
                    if shape.placeholder_format.type in FOOTER_TYPES]
            cache[key] = min(tops) if tops else None
        top = cache[key]
        return top if top is not None else self.ctx.slide_rect.height - self.ctx.inches(0.6)

    def remove_unfilled_placeholders(self) -> int:
        """Empty placeholders show 'Click to add text' in PowerPoint; drop the ones left unused; how many."""
        removed = 0
        for idx, shape in self._placeholder_list():
            if idx not in self._filled:
                shape._element.getparent().remove(shape._element)
                removed += 1
        return removed


_SHAPE_TAGS = tuple(qn(tag) for tag in ("p:sp", "p:grpSp", "p:graphicFrame", "p:cxnSp", "p:pic", "p:contentPart"))
_NV_PR, _PH = qn("p:nvPr"), qn("p:ph")


def _ph_of(element):
    """``./*[1]/p:nvPr/p:ph`` of a shape element (python-pptx's ``BaseShapeElement.ph``)."""
    if not len(element):
        return None
    nv_pr = element[0].find(_NV_PR)
    return nv_pr.find(_PH) if nv_pr is not None else None
