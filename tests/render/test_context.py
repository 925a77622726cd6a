"""The render context: slide size, colours and lengths scaled to the template, and the per-template cache."""

from __future__ import annotations

import dataclasses
import os
from types import SimpleNamespace

import pytest

from generator.build_context import start_build
from generator.layout.geometry import Rect
from generator.locales import get_locale
from generator.render.context import EMU_PER_INCH, RenderContext, emu, rect_of, template_cache


def context_of_size(house, width_in: float, height_in: float = 7.5) -> RenderContext:
    prs = SimpleNamespace(slide_width=int(width_in * EMU_PER_INCH), slide_height=int(height_in * EMU_PER_INCH))
    return RenderContext(prs, house, get_locale("en", "GB"), None, None)


def test_the_slide_rect_is_the_presentations_size(new_context):
    ctx = new_context()
    assert ctx.slide_rect == Rect(0, 0, 12192000, 6858000)
    assert ctx.slide_rect is ctx.slide_rect                  # computed once per context


def test_colours_are_the_mappings_in_upper_case_hex(house):
    ctx = context_of_size(house, 13.333)
    assert ctx.color("primary") == house.mapping.colors.primary.upper()
    assert ctx.color("accent") == "0E7C7B"
    with pytest.raises(AttributeError):
        ctx.color("no such colour")


def test_lengths_are_designed_for_a_13_333_inch_slide_and_scaled_to_the_template(house):
    wide = context_of_size(house, 13.333)
    assert wide.inches(1) == pytest.approx(EMU_PER_INCH, abs=1)
    assert wide.scale(1000) == pytest.approx(1000, abs=1)
    narrow = context_of_size(house, 10.0, 7.5)             # a 4:3 template
    assert narrow.inches(1) == pytest.approx(EMU_PER_INCH * 10 / 13.333, abs=1)
    assert narrow.scale(13333) == pytest.approx(10000, abs=1)
    assert isinstance(narrow.inches(0.6), int)


def test_the_mapping_is_the_templates(new_context, house):
    assert new_context().mapping is house.mapping


def test_one_cache_per_template_and_reading_direction(house):
    start_build()
    left_to_right = template_cache(house, rtl=False)
    left_to_right["marker"] = 1
    assert template_cache(house, rtl=False) is left_to_right
    assert "marker" not in template_cache(house, rtl=True)


def test_the_cache_starts_afresh_for_a_mapping_changed_in_memory(house):
    start_build()
    template_cache(house, rtl=False)["marker"] = 1
    changed = house.mapping.model_copy(deep=True)
    changed.sizes["title"].max = 99
    assert "marker" not in template_cache(dataclasses.replace(house, mapping=changed), rtl=False)


def test_the_cache_starts_afresh_for_an_edited_template_file(house, tmp_path):
    import shutil

    folder = tmp_path / "corporate"
    shutil.copytree(house.dir, folder)
    from generator.template.mapping import load_mapping

    copy = load_mapping(folder)
    start_build()
    template_cache(copy, rtl=False)["marker"] = 1
    stat = os.stat(copy.pptx_path)
    os.utime(copy.pptx_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert "marker" not in template_cache(copy, rtl=False)


def test_a_new_build_has_a_new_cache(house):
    start_build()
    template_cache(house, rtl=False)["marker"] = 1
    start_build()
    assert "marker" not in template_cache(house, rtl=False)


def test_rect_of_and_emu():
    shape = SimpleNamespace(left=1, top=2, width=3, height=4)
    assert rect_of(shape) == Rect(1, 2, 3, 4)
    assert emu(12.7) == 12 and emu(12700).pt == 1.0
