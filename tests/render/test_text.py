"""Text written into shapes: one fitted size per body, language and direction on every paragraph."""

from __future__ import annotations

import pytest
from pptx.enum.text import PP_ALIGN

from generator.layout.geometry import Rect
from generator.render.context import EMU_PER_INCH
from generator.render.text import (BULLET_CHARS, SAFETY_HEIGHT, SAFETY_WIDTH, Para, TextStyle, add_text_box,
                                   box_spec, set_notes, write_text, write_text_group)

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WIDE = Rect(EMU_PER_INCH, EMU_PER_INCH, 8 * EMU_PER_INCH, 3 * EMU_PER_INCH)
NARROW = Rect(EMU_PER_INCH, EMU_PER_INCH, 2 * EMU_PER_INCH, EMU_PER_INCH)
LONG = " ".join(["Conformity assessment gives confidence"] * 6)


def sizes(shape) -> list[float]:
    return [run.font.size.pt for paragraph in shape.text_frame.paragraphs for run in paragraph.runs]


def ppr(paragraph):
    return paragraph._p.find(f"{A}pPr")


def test_a_box_gets_the_largest_size_of_its_role_when_the_text_is_short(ctx, shapes):
    box = add_text_box(ctx, shapes, WIDE, [Para("ISO")], TextStyle(role="body"), "Lead")
    high, _ = ctx.mapping.size("body")
    assert sizes(box) == [high]
    assert (box.name, int(box.left), int(box.width)) == ("Lead", WIDE.left, WIDE.width)


def test_long_text_in_a_small_box_is_set_smaller_but_not_below_the_role_minimum(ctx, shapes):
    box = add_text_box(ctx, shapes, NARROW, [Para(LONG)], TextStyle(role="body"), "Small")
    high, low = ctx.mapping.size("body")
    [size] = set(sizes(box))
    assert low <= size < high
    [record] = ctx.fits
    assert (record.shape, record.role, record.size_pt, record.max_pt) == ("Small", "body", size, high)


def test_text_that_does_not_fit_at_the_minimum_is_recorded_as_not_fitting(ctx, shapes):
    tiny = Rect(0, 0, EMU_PER_INCH // 2, EMU_PER_INCH // 4)
    add_text_box(ctx, shapes, tiny, [Para(LONG)], TextStyle(role="body"), "Tiny")
    [record] = ctx.fits
    assert not record.fits and record.size_pt == ctx.mapping.size("body")[1]
    assert record.text == LONG


def test_max_pt_caps_the_role_range(ctx, shapes):
    box = add_text_box(ctx, shapes, WIDE, [Para("12")], TextStyle(role="big_number", max_pt=22), "Value")
    assert sizes(box) == [22]


def test_a_newline_starts_a_paragraph_of_the_same_look(ctx, shapes):
    box = add_text_box(ctx, shapes, WIDE, [Para("one\ntwo", bold=True)], TextStyle(), "Lines")
    paragraphs = box.text_frame.paragraphs
    assert [p.text for p in paragraphs] == ["one", "two"]
    assert [run.font.bold for p in paragraphs for run in p.runs] == [True, True]
    assert ctx.fits[0].text == "one / two"


def test_deeper_levels_are_smaller_by_the_level_step_floored_to_a_tenth(ctx, shapes):
    style = TextStyle(bullets="char", level_size_step=0.85)
    box = add_text_box(ctx, shapes, WIDE, [Para("Top"), Para("Sub", level=1), Para("Subsub", level=2)], style, "B")
    top, sub, subsub = sizes(box)
    for size, wanted in ((sub, top * 0.85), (subsub, top * 0.85 ** 2)):
        assert wanted - 0.1 < size <= wanted + 1e-6          # never larger than what was measured to fit
        assert round(size * 10) == pytest.approx(size * 10)  # a whole tenth of a point
    assert [p.level for p in box.text_frame.paragraphs] == [0, 1, 2]


def test_drawn_bullets_have_a_character_per_level_in_the_accent_colour(ctx, shapes):
    box = add_text_box(ctx, shapes, WIDE, [Para("a"), Para("b", level=1)], TextStyle(bullets="char"), "B")
    chars = [ppr(p).find(f"{A}buChar").get("char") for p in box.text_frame.paragraphs]
    assert chars == list(BULLET_CHARS[:2])
    colours = [ppr(p).find(f"{A}buClr/{A}srgbClr").get("val") for p in box.text_frame.paragraphs]
    assert colours == [ctx.color("accent")] * 2


def test_no_bullets_means_none_even_where_the_template_has_some(ctx, shapes):
    box = add_text_box(ctx, shapes, WIDE, [Para("a")], TextStyle(bullets=None), "B")
    assert ppr(box.text_frame.paragraphs[0]).find(f"{A}buNone") is not None


def test_every_run_carries_the_locales_language_and_the_mappings_fonts(ctx, shapes):
    box = add_text_box(ctx, shapes, WIDE, [Para("a"), Para("b")], TextStyle(), "B")
    runs = [run._r for p in box.text_frame.paragraphs for run in p.runs]
    assert {r.find(f"{A}rPr").get("lang") for r in runs} == {"en-GB"}
    fonts = ctx.mapping.fonts
    assert {r.find(f"{A}rPr/{A}latin").get("typeface") for r in runs} == {fonts.latin}
    # English is written in no East Asian or complex script: the mapping's defaults for those slots
    assert {r.find(f"{A}rPr/{A}ea").get("typeface") for r in runs} == {fonts.chinese_simplified}
    assert {r.find(f"{A}rPr/{A}cs").get("typeface") for r in runs} == {fonts.arabic}


def test_colours_and_bold_come_from_the_paragraph_before_the_style(ctx, shapes):
    style = TextStyle(color="primary", bold=True)
    box = add_text_box(ctx, shapes, WIDE, [Para("a"), Para("b", bold=False, color="accent")], style, "B")
    first, second = (p.runs[0].font for p in box.text_frame.paragraphs)
    assert (str(first.color.rgb), first.bold) == (ctx.color("primary"), True)
    assert (str(second.color.rgb), second.bold) == (ctx.color("accent"), None)


def test_a_link_is_a_hyperlink_on_its_run(ctx, shapes):
    box = add_text_box(ctx, shapes, WIDE, [Para("ISO", link="https://www.iso.org")], TextStyle(), "Link")
    assert box.text_frame.paragraphs[0].runs[0].hyperlink.address == "https://www.iso.org"


def test_bodies_are_marked_to_shrink_on_overflow_after_an_edit(ctx, shapes):
    box = add_text_box(ctx, shapes, WIDE, [Para("a")], TextStyle(), "B")
    body_pr = box.text_frame._txBody.find(f"{A}bodyPr")
    assert [child.tag for child in body_pr if "utofit" in child.tag.lower()] == [f"{A}normAutofit"]


def test_right_to_left_paragraphs_are_mirrored_but_urls_are_not(new_context):
    ctx = new_context("ar")
    blank = next(layout for layout in ctx.prs.slide_layouts if layout.name == "Blank")
    shapes = ctx.prs.slides.add_slide(blank).shapes
    box = add_text_box(ctx, shapes, WIDE, [Para("نص"), Para("https://www.iso.org", ltr=True)],
                       TextStyle(align="left"), "B")
    text, url = box.text_frame.paragraphs
    assert (ppr(text).get("rtl"), text.alignment) == ("1", PP_ALIGN.RIGHT)
    assert ppr(url).get("rtl") is None
    assert text.runs[0]._r.find(f"{A}rPr").get("lang") == "ar-SA"
    centred = add_text_box(ctx, shapes, WIDE, [Para("نص")], TextStyle(align="center"), "C")
    assert centred.text_frame.paragraphs[0].alignment == PP_ALIGN.CENTER
    inherited = add_text_box(ctx, shapes, WIDE, [Para("نص")], TextStyle(align=None), "D")
    assert inherited.text_frame.paragraphs[0].alignment == PP_ALIGN.RIGHT


def test_a_group_is_written_at_one_size_the_largest_at_which_all_fit(ctx, shapes):
    short = shapes.add_textbox(WIDE.left, WIDE.top, NARROW.width, NARROW.height)
    long = shapes.add_textbox(WIDE.left, WIDE.top, NARROW.width, NARROW.height)
    alone = write_text(ctx, shapes.add_textbox(0, 0, NARROW.width, NARROW.height), [Para(LONG)], TextStyle(), "x")
    ctx.fits.clear()
    size = write_text_group(ctx, [(short, [Para("ISO")], TextStyle(), "Card 1"),
                                  (long, [Para(LONG)], TextStyle(), "Card 2")])
    assert size == alone
    assert set(sizes(short)) == set(sizes(long)) == {size}
    assert [(r.shape, r.size_pt) for r in ctx.fits] == [("Card 1", size), ("Card 2", size)]


def test_one_box_that_does_not_fit_marks_the_whole_group(ctx, shapes):
    tiny = shapes.add_textbox(0, 0, EMU_PER_INCH // 2, EMU_PER_INCH // 4)
    roomy = shapes.add_textbox(0, 0, WIDE.width, WIDE.height)
    write_text_group(ctx, [(roomy, [Para("ISO")], TextStyle(), "roomy"), (tiny, [Para(LONG)], TextStyle(), "tiny")])
    assert [record.fits for record in ctx.fits] == [False, False]


def test_box_spec_keeps_a_safety_margin_and_the_presets_text_rectangle():
    plain = box_spec(1000, 500, 10, 20)
    assert (plain.width, plain.height) == (int(1000 * SAFETY_WIDTH), int(500 * SAFETY_HEIGHT))
    assert (plain.inset_left, plain.inset_right, plain.inset_top, plain.inset_bottom) == (10, 10, 20, 20)
    rounded = box_spec(1000, 500, 10, 20, geometry="roundRect", adjust=0.2)
    extra = int(0.2 * 500 * 0.29289)
    assert (rounded.inset_left, rounded.inset_top) == (10 + extra, 20 + extra)
    oval = box_spec(1000, 500, 10, 20, geometry="ellipse", right=30, bottom=40)
    assert (oval.inset_left, oval.inset_right) == (10 + 146, 30 + 146)
    assert (oval.inset_top, oval.inset_bottom) == (20 + 73, 40 + 73)


def test_notes_are_one_paragraph_with_white_space_collapsed(ctx, shapes):
    slide = ctx.prs.slides[0]
    set_notes(ctx, slide.notes_slide, "First   sentence.\n  Second\tsentence. ")
    frame = slide.notes_slide.notes_text_frame
    assert [p.text for p in frame.paragraphs] == ["First sentence. Second sentence."]


def test_template_bullets_are_measured_from_the_templates_own_list_margins(new_page):
    """A level-1 line starts where the house master puts it (49.5 pt), not at a fixed indent."""
    from generator.oxml.text import placeholder_list_margins

    page = new_page("content")
    assert placeholder_list_margins(page.placeholder("body")) == (285750, 628650)
    assert placeholder_list_margins(page.shapes.add_textbox(0, 0, 100, 100)) is None
