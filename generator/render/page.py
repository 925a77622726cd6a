"""One slide being drawn: its layout's placeholders by slot name, and the area left for content.

A slot the mapping marks ``draw`` has no placeholder in the layout: it is a text box the page
draws where the placeholder would be (the title at the top, the body in the content area).
"""

from __future__ import annotations

import dataclasses

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from ..errors import DeckError
from ..layout.geometry import Rect
from ..oxml import shapes as xshapes
from ..oxml import slides as xslides
from .context import RenderContext, rect_of
from .text import EMU_PER_PT, Para, TextStyle, fits_in, write_text


FOOTER_TYPES = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)


class Page:
    def __init__(self, slide, role: str, ctx: RenderContext, layout=None):
        self.slide = slide
        self.role = role
        self.ctx = ctx
        self.layout = layout if layout is not None else slide.slide_layout
        self.slots = ctx.mapping.layouts[role].slots
        self.drawn = ctx.mapping.layouts[role].drawn
        self._drawn_boxes: dict[str, object] = {}
        self._filled: set[int] = set()
        self._placeholders: list | None = None
        self._by_idx: dict[int, object] = {}

    @property
    def shapes(self):
        return self.slide.shapes

    def has_slot(self, slot: str) -> bool:
        return slot in self.slots or slot in self.drawn

    def _placeholder_list(self) -> list:
        """The slide's placeholders as ``(idx, shape)``, read once: renderers add shapes, never placeholders."""
        if self._placeholders is None:
            self._placeholders = xslides.placeholders(self.slide)
            for idx, shape in self._placeholders:
                self._by_idx.setdefault(idx, shape)
        return self._placeholders

    def _find(self, idx: int):
        self._placeholder_list()
        shape = self._by_idx.get(idx)
        if shape is not None and xshapes.remembered_rect(shape) is None:
            xshapes.remember_rect(shape, self._rect_of_placeholder(shape, idx))
        return shape

    def _rect_of_placeholder(self, shape, idx: int) -> Rect:
        """A placeholder's position; one that inherits it from the layout is looked up once per layout."""
        if xshapes.has_own_position(shape):
            return rect_of(shape)
        key = ("placeholder", self.layout.part.partname, idx)
        cache = self.ctx.layout_cache
        if key not in cache:
            cache[key] = rect_of(shape)
        return cache[key]

    def placeholder(self, slot: str):
        if slot in self.drawn:
            return self._drawn_box(slot)
        idx = self.slots[slot]
        shape = self._find(idx)
        if shape is not None:
            self._filled.add(idx)
            return shape
        raise DeckError(f"layout '{self.ctx.mapping.layouts[self.role].name}' has no placeholder idx {idx} "
                        f"for slot '{slot}'")

    def write(self, slot: str, paras: list[Para], style: TextStyle):
        if slot in self.drawn and style.bullets == "template":
            style = dataclasses.replace(style, bullets="char")      # a text box has no layout bullets
        shape = self.placeholder(slot)
        write_text(self.ctx, shape, paras, style, name=f"{slot}")
        return shape

    def set_title(self, text: str) -> None:
        if self.has_slot("title"):
            # Titles are bold in most templates; measuring them bold keeps a wide title from wrapping.
            style = TextStyle(role="title", align="left", bold=True)
            self._grow_title(text, style)
            self.write("title", [Para(text)], style)

    def _grow_title(self, text: str, style: TextStyle) -> None:
        """A title too long for its box even at the role's smallest size grows down, line by line,
        into the free space above the content (never into the body placeholder), as far as it must;
        one that no such room would hold keeps its box."""
        rect = self.slot_rect("title")
        if fits_in(self.ctx, rect.width, rect.height, [Para(text)], style):
            return
        gap = self.ctx.inches(0.1)
        if "body" in self.slots:
            limit = self.slot_rect("body").top - gap
        else:
            limit = min(self._footer_top(), rect.bottom + rect.height) - gap
        step = max(1, int(self.ctx.mapping.size("title")[1] * 1.2 * EMU_PER_PT))
        height = rect.height
        while True:
            if rect.top + height + step > limit:
                return                   # no room would hold it: the title stays, and fails as it is
            height += step
            if fits_in(self.ctx, rect.width, height, [Para(text)], style):
                break
        grown = Rect(rect.left, rect.top, rect.width, height)
        shape = self.placeholder("title")
        shape.left, shape.top, shape.width, shape.height = (Emu(grown.left), Emu(grown.top),
                                                             Emu(grown.width), Emu(grown.height))
        xshapes.remember_rect(shape, grown)

    def slot_rect(self, slot: str) -> Rect:
        if slot in self.drawn:
            return self._drawn_rect(slot)
        return xshapes.remembered_rect(self.placeholder_shape_for_geometry(slot))

    def placeholder_shape_for_geometry(self, slot: str):
        idx = self.slots[slot]
        shape = self._find(idx)
        if shape is not None:
            return shape
        raise DeckError(f"no placeholder idx {idx} for slot '{slot}'")

    def content_area(self) -> Rect:
        """Where drawn content goes: the body placeholder, else below the title and above the footer."""
        if "body" in self.slots:
            return self.slot_rect("body")
        return self._free_area()

    def _free_area(self) -> Rect:
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

    def _drawn_rect(self, slot: str) -> Rect:
        """Where a slot without a placeholder goes: a title band at the top; the rest share the free area."""
        slide = self.ctx.slide_rect
        if slot == "title":
            margin = self.ctx.inches(0.6)
            return Rect(margin, int(slide.height * 0.06), slide.width - 2 * margin, int(slide.height * 0.13))
        area = self._free_area()
        if slot == "subtitle":
            return Rect(area.left, area.top, area.width, min(area.height, int(slide.height * 0.25)))
        if slot in ("left", "right"):
            gap = self.ctx.inches(0.4)
            half = (area.width - gap) // 2
            left = area.left if slot == "left" else area.left + half + gap
            return Rect(left, area.top, half, area.height)
        return area

    def _drawn_box(self, slot: str):
        """The text box standing in for ``slot``'s missing placeholder, made on first use."""
        box = self._drawn_boxes.get(slot)
        if box is None:
            rect = self._drawn_rect(slot)
            shapes = self.shapes
            box = self._drawn_boxes[slot] = xshapes.add_shape_like(
                shapes, self.ctx.layout_cache, ("textbox",),
                lambda: shapes.add_textbox(Emu(rect.left), Emu(rect.top), Emu(rect.width), Emu(rect.height)),
                slot.capitalize(), rect.left, rect.top, rect.width, rect.height)
        return box

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
                xshapes.remove_shape(shape)
                removed += 1
        return removed
