"""One slide kind at a time: a deck holding only one slide of content/, built on the house template."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from generator.build import build
from generator.options import BuildOptions
from generator.load.loader import load_deck
from generator.template.mapping import load_mapping

ROOT = Path(__file__).resolve().parents[2]
FOOTER_TYPES = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)


@dataclass
class Box:
    left: int
    top: int
    right: int
    bottom: int

    @classmethod
    def of(cls, shape) -> "Box":
        return cls(int(shape.left), int(shape.top), int(shape.left + shape.width), int(shape.top + shape.height))

    def holds(self, other: "Box") -> bool:
        return (self.left <= other.left and other.right <= self.right
                and self.top <= other.top and other.bottom <= self.bottom)

    @property
    def center_x(self) -> float:
        return (self.left + self.right) / 2


@dataclass
class BuiltSlide:
    """The one slide of a deck built from one slide of content/, and that slide's localized model."""

    prs: Presentation
    slide: object
    model: object

    @property
    def drawn(self) -> dict:
        """The shapes the kind drew (placeholders aside), by name, in z-order."""
        return {shape.name: shape for shape in self.slide.shapes if not shape.is_placeholder}

    def shape(self, name: str):
        found = [shape for shape in self.slide.shapes if shape.name == name]
        assert len(found) == 1, f"{len(found)} shapes named {name!r}: {[s.name for s in self.slide.shapes]}"
        return found[0]

    def placeholder(self, kind) -> object:
        found = [shape for shape in self.slide.placeholders if shape.placeholder_format.type == kind]
        assert len(found) == 1, kind
        return found[0]

    def box(self, name: str) -> Box:
        return Box.of(self.shape(name))

    @property
    def slide_box(self) -> Box:
        return Box(0, 0, self.prs.slide_width, self.prs.slide_height)

    @property
    def content_area(self) -> Box:
        """Below the layout's title, above its footer, as wide as its title (margins included)."""
        layout = self.slide.slide_layout
        title = next(Box.of(shape) for shape in layout.placeholders
                     if shape.placeholder_format.type == PP_PLACEHOLDER.TITLE)
        footer_top = min(int(shape.top) for shape in layout.placeholders
                         if shape.placeholder_format.type in FOOTER_TYPES)
        return Box(title.left, title.bottom, title.right, footer_top)

    def assert_drawn_inside_content_area(self) -> None:
        assert self.drawn, "the kind drew nothing"
        for name, shape in self.drawn.items():
            assert self.content_area.holds(Box.of(shape)), name


def font_sizes(shape) -> set[float]:
    """The point sizes of every run of a shape's text."""
    frame = shape.text_frame
    return {run.font.size.pt for paragraph in frame.paragraphs for run in paragraph.runs if run.font.size}


def paragraph_is_rtl(paragraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.get("rtl") == "1"


HOUSE = load_mapping(ROOT / "templates" / "corporate").mapping


def assert_sizes_in_range(shape, role: str, max_pt: float | None = None) -> None:
    """Every run of ``shape`` (or table cell) is sized within the house mapping's range for ``role``."""
    high, low = HOUSE.size(role)
    high = min(high, max_pt) if max_pt else high
    sizes = font_sizes(shape)
    name = getattr(shape, "name", "a table cell")
    assert sizes, f"{name}: no sized run"
    assert all(low <= size <= high for size in sizes), (name, role, sizes)


@pytest.fixture(scope="session")
def build_slides(tmp_path_factory, keep_slides):
    """``build_slides(*slide_ids, locale="en", template_dir=None, edit=None)``: a deck of those slides only.

    ``edit(content_dir)`` may change the copy of content/ first. Decks built without an edit
    are cached for the session.
    """
    built: dict[tuple, Path] = {}

    def build_deck(*slide_ids: str, locale: str = "en", template_dir: Path | None = None, edit=None) -> Path:
        key = (slide_ids, locale, template_dir)
        if edit is not None or key not in built:
            folder = tmp_path_factory.mktemp("-".join(slide_ids[:2]) + f"-{locale}")
            content = folder / "content"
            shutil.copytree(ROOT / "content", content, symlinks=True)
            keep_slides(content, *slide_ids)
            if edit is not None:
                edit(content)
            deck = build(BuildOptions(content, folder / "out", [locale], template_dir=template_dir,
                                        project_dir=ROOT)).outputs[0]
            if edit is not None:
                return deck
            built[key] = deck
        return built[key]

    return build_deck


@pytest.fixture(scope="session")
def build_alone(build_slides):
    """``build_alone(slide_id, locale="en", edit=None)``: the ``BuiltSlide`` of a deck holding that slide only."""

    def build_one(slide_id: str, locale: str = "en", edit=None) -> BuiltSlide:
        deck = build_slides(slide_id, locale=locale, edit=edit)
        prs = Presentation(str(deck))
        assert len(prs.slides) == 1
        return BuiltSlide(prs, prs.slides[0], _localized_slide(deck.parent.parent / "content", slide_id, locale))

    return build_one


def _localized_slide(content: Path, slide_id: str, locale: str):
    from generator.errors import Warnings
    from generator.locales import get_locale
    from generator.localize.localizer import localize

    deck = load_deck(content, project_dir=ROOT)
    localized = localize(deck, get_locale(locale, deck.meta.regions.get(locale)), Warnings())
    return next(slide for slide in localized.slides if slide.id == slide_id)


# A test module that sets SLIDES (the slide ids its kind is drawn on) gets its deck in English,
# in Arabic and on the 4:3 alternative template, each built once for the module.

@pytest.fixture(scope="module")
def english(build_slides, request) -> Presentation:
    return Presentation(build_slides(*request.module.SLIDES))


@pytest.fixture(scope="module")
def arabic(build_slides, request) -> Presentation:
    return Presentation(build_slides(*request.module.SLIDES, locale="ar"))


@pytest.fixture(scope="module")
def narrow(build_slides, alt_template, request) -> Presentation:
    return Presentation(build_slides(*request.module.SLIDES, template_dir=alt_template))
