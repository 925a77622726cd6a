"""What every renderer receives: the presentation, the template mapping, the locale and the fitter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..build_context import build_cache
from ..layout.geometry import Rect
from ..locales import LocaleInfo

if TYPE_CHECKING:       # light to import: a build with nothing to do reads FitRecord only
    from pptx.util import Emu

    from ..template.mapping import Template

EMU_PER_INCH = 914400
EMU_PER_PT = 12700


@dataclass
class FitRecord:
    """One fitted text body, for the build report and for overflow errors."""

    slide: int
    shape: str
    role: str
    size_pt: float
    max_pt: float
    fits: bool
    text: str
    hyphenated: bool = False     # words too wide at the smallest size were given soft hyphens


@dataclass
class RenderContext:
    prs: object                      # pptx.Presentation
    template: Template
    locale: LocaleInfo
    figures: object                  # generator.load.figures.FigureTable
    fitter: object                   # generator.render.text.Fitter
    slide_number: int = 0
    fits: list[FitRecord] = field(default_factory=list)
    layout_cache: dict = field(default_factory=dict)   # what every slide of a layout shares, computed once
    footers_fitted: set = field(default_factory=set)   # this deck's footer keys whose fits are recorded

    @property
    def mapping(self):
        return self.template.mapping

    @property
    def fonts(self):
        """The locale's ``FontSet``: the faces its runs carry are the ones its text is measured with."""
        return self.fitter.measurer.fonts

    @property
    def slide_rect(self) -> Rect:
        rect = self.layout_cache.get("slide rect")
        if rect is None:
            rect = self.layout_cache["slide rect"] = Rect(0, 0, int(self.prs.slide_width), int(self.prs.slide_height))
        return rect

    def color(self, name: str) -> str:
        """A mapping colour as hex RRGGBB."""
        return str(getattr(self.mapping.colors, name)).upper()

    def scale(self, emu_at_16_9_width: int) -> int:
        """A length designed for a 13.333 in wide slide, scaled to this template's width."""
        return int(emu_at_16_9_width * self.slide_rect.width / (13.333 * EMU_PER_INCH))

    def inches(self, value: float) -> int:
        return self.scale(int(value * EMU_PER_INCH))


def template_cache(template, rtl: bool) -> dict:
    """What every deck of one template (and reading direction) shares: placeholder positions and
    the XML of fresh slides, notes slides, shapes and paragraphs of each look.

    Keyed by the .pptx and mapping.yaml files (path, size, modification time), so a changed
    template starts afresh.
    """
    shared = build_cache("render: template")
    key = (_file_key(template.pptx_path), _file_key(template.mapping_path), rtl)
    found = shared.get(key)
    if found is None or found["mapping"] != template.mapping:     # a mapping changed in memory: afresh
        if len(shared) >= 8:
            shared.clear()
        found = shared[key] = {"mapping": template.mapping.model_copy(deep=True)}
    return found


def _file_key(path) -> tuple:
    import os

    stat = os.stat(path)
    return os.path.abspath(path), stat.st_mtime_ns, stat.st_size


def rect_of(shape) -> Rect:
    return Rect(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


def emu(value) -> Emu:
    from pptx.util import Emu

    return Emu(int(value))
