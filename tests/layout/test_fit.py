"""Fitting text into boxes with the real installed fonts."""

from __future__ import annotations

import dataclasses

import pytest

from generator.layout.fit import (
    EMU_PER_PT, BoxSpec, Paragraph, fit, measure_height, shrink_to_fit_width, size_grid,
)
from generator.layout.fonts import METRIC_TWINS, FontSet
from generator.layout.linebreak import SOFT_HYPHEN
from generator.layout.measure import TextMeasurer

INCH = 914400
SHORT = "ISO develops International Standards"
LONG = ("ISO is an independent, non-governmental international organization with a membership "
        "of 170 national standards bodies that brings together experts to share knowledge.")
CHINESE = "国际标准化组织是一个独立的、非政府的国际组织"


@pytest.fixture(scope="module")
def measurer() -> TextMeasurer:
    return TextMeasurer(FontSet(latin="Arial", twins=METRIC_TWINS))


def box(width_in: float = 4, height_in: float = 2, **formatting) -> BoxSpec:
    return BoxSpec(width=int(width_in * INCH), height=int(height_in * INCH), **formatting)


def stepping_down(paragraphs, spec, max_pt, min_pt, measurer, step=0.5) -> float:
    """The brute-force answer ``fit`` must agree with: try every size from the top."""
    for size in size_grid(max_pt, min_pt, step):
        height, _ = measure_height(paragraphs, spec, size, measurer)
        broken = any(measurer.wrap_detailed(p.text, spec.text_width_pt(p.level),
                                            spec.paragraph_size_pt(size, p), p.bold).words_broken
                     for p in paragraphs)
        if height <= spec.inner_height_pt and not broken:
            return size
    return min_pt


# --- measure_height ------------------------------------------------------------------------

def test_one_latin_line_is_1_2_em(measurer):
    height, lines = measure_height([Paragraph("ISO")], box(), 20, measurer)
    assert lines == [1]
    assert height == pytest.approx(24)


def test_height_adds_line_spacing_and_space_before_all_but_the_first(measurer):
    spec = box(line_spacing=1.5, space_before_pt=6)
    height, lines = measure_height([Paragraph("ISO"), Paragraph("IEC"), Paragraph("CASCO")], spec, 20, measurer)
    assert lines == [1, 1, 1]
    assert height == pytest.approx(3 * 20 * 1.2 * 1.5 + 2 * 6)


def test_cjk_line_is_taller_than_1_2_em(measurer):
    height, lines = measure_height([Paragraph("国际标准")], box(), 20, measurer)
    assert lines == [1]
    assert height > 20 * 1.2
    assert height == pytest.approx(20 * 1.448)


def test_levels_are_indented_and_smaller(measurer):
    spec = box(width_in=3, indent_per_level=INCH // 2, bullet_indent=INCH // 4, level_size_step=0.8)
    assert spec.text_width_pt(1) == pytest.approx(spec.text_width_pt(0) - 36)
    assert spec.paragraph_size_pt(20, Paragraph("x", level=2, size_ratio=0.5)) == pytest.approx(20 * 0.64 * 0.5)
    _, top = measure_height([Paragraph(LONG, level=0)], spec, 20, measurer)
    _, nested = measure_height([Paragraph(LONG, level=1)], spec, 20 / 0.8, measurer)
    assert nested[0] > top[0]  # same size after the step, less room after the indent


# --- fit -----------------------------------------------------------------------------------

def test_short_text_keeps_its_largest_size(measurer):
    result = fit([Paragraph(SHORT)], box(width_in=8), 24, 10, measurer)
    assert result.size_pt == 24 and result.fits and not result.shrunk and result.lines == 1


def test_longer_text_gets_a_smaller_size(measurer):
    spec = box()
    short = fit([Paragraph(SHORT)] * 3, spec, 40, 8, measurer)
    long = fit([Paragraph(LONG)] * 3, spec, 40, 8, measurer)
    assert short.fits and long.fits
    assert long.size_pt < short.size_pt
    assert long.shrunk


def test_fitted_size_is_the_largest_that_fits(measurer):
    spec = box()
    paragraphs = [Paragraph(LONG), Paragraph(SHORT, level=1)]
    result = fit(paragraphs, spec, 40, 8, measurer)
    height, _ = measure_height(paragraphs, spec, result.size_pt, measurer)
    assert height <= spec.inner_height_pt
    above, _ = measure_height(paragraphs, spec, result.size_pt + 0.5, measurer)
    assert above > spec.inner_height_pt


@pytest.mark.parametrize("texts", [[SHORT], [LONG], [LONG, SHORT, LONG], [CHINESE * 3], [SHORT * 4]])
def test_bisection_agrees_with_stepping_down(measurer, texts):
    paragraphs = [Paragraph(text) for text in texts]
    spec = box(width_in=3.3, height_in=1.7, space_before_pt=4, line_spacing=0.9)
    assert fit(paragraphs, spec, 44, 6, measurer).size_pt == stepping_down(paragraphs, spec, 44, 6, measurer)


def test_overflow_at_min_size_is_reported(measurer):
    result = fit([Paragraph(LONG)] * 10, box(width_in=2, height_in=1), 24, 12, measurer)
    assert result.size_pt == 12
    assert not result.fits
    assert result.shrunk


def test_a_word_wider_than_the_box_forces_a_smaller_size(measurer):
    word = "Standardization"
    spec = box(width_in=1.2, height_in=3)
    result = fit([Paragraph(word)], spec, 40, 6, measurer)
    assert result.fits and result.lines == 1
    assert measurer.width(word, result.size_pt) <= spec.inner_width_pt


def test_chinese_text_fits(measurer):
    result = fit([Paragraph(CHINESE)], box(width_in=2, height_in=1), 40, 6, measurer)
    assert result.fits and result.lines > 1


def test_plain_strings_are_paragraphs(measurer):
    assert fit([SHORT], box(), 30, 10, measurer) == fit([Paragraph(SHORT)], box(), 30, 10, measurer)


def test_size_grid():
    assert size_grid(12, 10, 0.5) == (12, 11.5, 11, 10.5, 10)
    assert size_grid(12, 10.2, 0.5) == (12, 11.5, 11, 10.5, 10.2)
    with pytest.raises(ValueError):
        size_grid(10, 12, 0.5)


# --- hyphenation ---------------------------------------------------------------------------

GERMAN_WORD = "Konformitätsbewertung"


def narrow_for(measurer, word: str, size_pt: float, share: float, height_in: float = 2) -> BoxSpec:
    """A box whose lines are ``share`` of ``word``'s width at ``size_pt``."""
    spec = box(width_in=1, height_in=height_in)
    line_emu = int(measurer.width(word, size_pt) * share * EMU_PER_PT)
    return BoxSpec(width=line_emu + spec.inset_left + spec.inset_right, height=spec.height)


def test_a_word_too_wide_at_the_minimum_is_hyphenated_at_a_dictionary_point(measurer):
    spec = narrow_for(measurer, GERMAN_WORD, 20, 0.8)
    result = fit([Paragraph(GERMAN_WORD)], spec, 28, 20, measurer, language="de-DE")
    assert result.fits and result.hyphenated and result.lines >= 2
    (text,) = result.texts
    assert text.replace(SOFT_HYPHEN, "") == GERMAN_WORD and f"täts{SOFT_HYPHEN}be" in text
    lines = measurer.wrap(text, spec.inner_width_pt, result.size_pt, language="de-DE")
    assert all(line.endswith(SOFT_HYPHEN) for line in lines[:-1])       # broken at the soft hyphens only


def test_hyphenated_text_gets_the_largest_size_at_which_it_fits(measurer):
    spec = narrow_for(measurer, GERMAN_WORD, 20, 0.8, height_in=0.9)      # two lines of 24 pt
    result = fit([Paragraph(GERMAN_WORD)], spec, 28, 20, measurer, language="de-DE")
    assert result.size_pt == stepping_down([Paragraph(result.texts[0])], spec, 28, 20, measurer)
    assert result.size_pt > 20 and result.shrunk


def test_without_a_dictionary_the_word_still_does_not_fit(measurer):
    spec = narrow_for(measurer, GERMAN_WORD, 20, 0.8)
    for language in (None, "zh-CN"):
        result = fit([Paragraph(GERMAN_WORD)], spec, 28, 20, measurer, language=language)
        assert not result.fits and not result.hyphenated and result.texts == (GERMAN_WORD,)


def test_a_word_too_wide_even_hyphenated_does_not_fit(measurer):
    spec = narrow_for(measurer, "Kon", 20, 0.9)
    result = fit([Paragraph(GERMAN_WORD)], spec, 28, 20, measurer, language="de-DE")
    assert result.hyphenated and not result.fits and result.size_pt == 20


def test_only_the_words_too_wide_get_soft_hyphens(measurer):
    text = f"Die {GERMAN_WORD} schafft Vertrauen in Produkte"
    spec = narrow_for(measurer, GERMAN_WORD, 12, 0.8)
    result = fit([Paragraph(text), Paragraph("Vertrauen schaffen")], spec, 16, 12, measurer, language="de-DE")
    assert result.hyphenated and result.fits
    assert result.texts[0].replace(SOFT_HYPHEN, "") == text
    assert result.texts[0].count(SOFT_HYPHEN) == hyphenated_points(GERMAN_WORD)
    assert result.texts[1] == "Vertrauen schaffen"       # fits its lines at 12 pt: kept whole


def hyphenated_points(word: str) -> int:
    from generator.layout.hyphenate import hyphenator

    return hyphenator("de-DE")(word).count(SOFT_HYPHEN)


def test_text_that_fits_at_the_minimum_is_not_hyphenated(measurer):
    spec = narrow_for(measurer, GERMAN_WORD, 20, 1.01)          # fits whole at 20 pt only
    result = fit([Paragraph(GERMAN_WORD)], spec, 28, 20, measurer, language="de-DE")
    assert result.fits and not result.hyphenated and result.size_pt == 20
    assert result.texts == (GERMAN_WORD,)


def test_english_text_that_fits_is_unchanged(measurer):
    paragraphs = [Paragraph(LONG), Paragraph(SHORT, level=1)]
    result = fit(paragraphs, box(), 40, 8, measurer, language="en-GB")
    assert result.fits and not result.hyphenated
    assert result.texts == (LONG, SHORT)
    assert result == dataclasses.replace(fit(paragraphs, box(), 40, 8, measurer), texts=result.texts)


# --- shrink_to_fit_width -------------------------------------------------------------------

def test_label_shrinks_to_one_line(measurer):
    max_width = 3 * INCH
    result = shrink_to_fit_width(SHORT, max_width, 40, 8, measurer)
    assert result.fits and result.shrunk and result.lines == 1
    assert measurer.width(SHORT, result.size_pt) <= max_width / EMU_PER_PT
    assert measurer.width(SHORT, result.size_pt + 0.5) > max_width / EMU_PER_PT


def test_short_label_keeps_its_size(measurer):
    assert shrink_to_fit_width("ISO", 3 * INCH, 18, 8, measurer).size_pt == 18


def test_label_too_long_even_at_min_size(measurer):
    result = shrink_to_fit_width(LONG, INCH, 18, 8, measurer)
    assert result.size_pt == 8 and not result.fits
