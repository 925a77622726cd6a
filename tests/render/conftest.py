"""Drawing without building: a render context on the house template, and a fresh slide of one layout role."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from generator.build import make_fitter
from generator.locales import get_locale
from generator.oxml.slides import SlideAdder
from generator.render.context import RenderContext
from generator.render.page import Page
from generator.template.mapping import load_mapping

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def house():
    """The house template (templates/corporate), loaded once: do not change its mapping in place."""
    return load_mapping(ROOT / "templates" / "corporate")


@pytest.fixture(scope="session")
def fitter(house):
    return make_fitter(house)


@pytest.fixture
def new_context(house, fitter):
    """``new_context(locale="en", template=house)``: a context over a fresh, empty copy of the template."""

    def make(locale: str = "en", template=None) -> RenderContext:
        template = template or house
        prs = Presentation(str(template.pptx_path))
        return RenderContext(prs, template, get_locale(locale, {"en": "GB", "ar": "SA"}.get(locale)), None, fitter, slide_number=1, layout_cache={})

    return make


@pytest.fixture
def new_page(new_context):
    """``new_page(role, locale="en")``: a ``Page`` on a slide just added with the role's layout."""

    def make(role: str, locale: str = "en") -> Page:
        ctx = new_context(locale)
        name = ctx.mapping.layouts[role].name
        layout = next(layout for layout in ctx.prs.slide_layouts if layout.name == name)
        slide = SlideAdder(ctx.prs, ctx.layout_cache).add_slide(layout)
        return Page(slide, role, ctx, layout)

    return make


@pytest.fixture
def ctx(new_context):
    """A render context on the house template, English."""
    return new_context()


@pytest.fixture
def shapes(ctx):
    """The shapes of a new blank slide in ``ctx``'s presentation."""
    blank = next(layout for layout in ctx.prs.slide_layouts if layout.name == "Blank")
    return ctx.prs.slides.add_slide(blank).shapes
