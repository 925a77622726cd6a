"""A locale's deck drawn into the template: a slide per model slide, footer, notes, mirrored for RTL."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from generator.errors import DeckError, Warnings
from generator.load.loader import load_deck
from generator.locales import get_locale
from generator.localize.localizer import localize
from generator.oxml.shapes import has_own_position
from generator.render.deck import render_deck
from generator.template.mapping import load_mapping

ROOT = Path(__file__).resolve().parents[2]
SLIDES = ("cover", "iso-introduction", "standards-and-ca")     # a title, bullets, a statement on another layout


@pytest.fixture(scope="module")
def deck(tmp_path_factory, keep_slides):
    content = tmp_path_factory.mktemp("render-deck") / "content"
    shutil.copytree(ROOT / "content", content, symlinks=True)
    keep_slides(content, *SLIDES)
    return load_deck(content, project_dir=ROOT)


@pytest.fixture(scope="module")
def drawn(deck, house, fitter):
    """``drawn(tag)``: (presentation, context, localized deck) of a locale, drawn once per module."""
    done = {}

    def draw(tag: str):
        if tag not in done:
            localized = localize(deck, get_locale(tag, {"en": "GB", "ar": "SA"}.get(tag)), Warnings())
            prs, ctx = render_deck(localized, house, fitter)
            done[tag] = prs, ctx, localized
        return done[tag]

    return draw


def types(slide) -> list:
    return [shape.placeholder_format.type for shape in slide.placeholders]


def test_one_slide_per_model_slide_on_the_layout_of_its_kind_or_its_own(drawn, house):
    prs, _, localized = drawn("en")
    assert len(prs.slides) == len(SLIDES)
    layouts = [slide.slide_layout.name for slide in prs.slides]
    assert layouts == [house.mapping.layouts["title"].name, house.mapping.layouts["content"].name,
                       house.mapping.layouts["title_only"].name]       # standards-and-ca asks for title_only
    assert prs.slides[0].shapes.title.text_frame.text == localized.slides[0].title


def test_every_slide_has_the_footer_and_slide_number_and_no_empty_placeholder(drawn):
    prs, _, localized = drawn("en")
    for slide in prs.slides:
        found = types(slide)
        assert found.count(PP_PLACEHOLDER.FOOTER) == 1 and found.count(PP_PLACEHOLDER.SLIDE_NUMBER) == 1
        footer = next(shape for shape in slide.placeholders if shape.placeholder_format.type == PP_PLACEHOLDER.FOOTER)
        assert footer.text_frame.text == localized.title
        for shape in slide.placeholders:
            if shape.placeholder_format.type not in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                assert shape.text_frame.text.strip(), (slide.slide_layout.name, shape.name)


def test_the_footer_is_translated_with_the_deck_title(drawn):
    prs, _, localized = drawn("fr")
    assert localized.title != drawn("en")[2].title
    for slide in prs.slides:
        footer = next(shape for shape in slide.placeholders if shape.placeholder_format.type == PP_PLACEHOLDER.FOOTER)
        assert footer.text_frame.text == localized.title


def test_speaker_notes_are_the_slides_notes_on_one_line(drawn):
    prs, _, localized = drawn("en")
    for slide, content in zip(prs.slides, localized.slides):
        assert slide.notes_slide.notes_text_frame.text == " ".join(content.notes.split())


def test_fit_records_name_the_slide_they_were_fitted_on(drawn):
    _, ctx, _ = drawn("en")
    assert {record.slide for record in ctx.fits} == {1, 2, 3}
    assert all(record.fits for record in ctx.fits)


def test_the_deck_saves_and_opens_again(drawn, tmp_path):
    prs, _, _ = drawn("en")
    prs.save(str(tmp_path / "deck.pptx"))
    assert len(Presentation(str(tmp_path / "deck.pptx")).slides) == len(SLIDES)


def test_right_to_left_decks_mirror_the_masters_and_layouts_own_shapes(drawn, house):
    template = Presentation(str(house.pptx_path))
    prs, _, _ = drawn("ar")
    width = int(prs.slide_width)
    owners = lambda p: [p.slide_master] + list(p.slide_master.slide_layouts)
    moved = 0
    for before, after in zip(owners(template), owners(prs)):
        for original, mirrored in zip(before.shapes, after.shapes):
            if has_own_position(original):
                assert int(mirrored.left) == width - int(original.left) - int(original.width), original.name
                moved += 1
    assert moved > 0
    assert all(int(a.left) == int(b.left) for a, b in zip(drawn("en")[0].slide_master.shapes,
                                                          template.slide_master.shapes))


def test_a_layout_missing_from_the_template_is_named(deck, house, fitter):
    mapping = house.mapping.model_copy(deep=True)
    mapping.layouts["content"].name = "No Such Layout"
    broken = dataclasses.replace(house, mapping=mapping)
    with pytest.raises(DeckError, match="the template has no layout 'No Such Layout'"):
        render_deck(localize(deck, get_locale("en", "GB"), Warnings()), broken, fitter)


# ------------------------------------------------------------------------ footers fitted like other text
def narrow_footer_template(folder: Path, footer_width: int, number_width: int, caption_min: float = 7):
    """A copy of the house template whose footer and slide-number placeholders (on the master and
    every layout) are ``footer_width`` and ``number_width`` EMU wide and 0.22 in high."""
    from generator.template.mapping import load_mapping

    shutil.copytree(ROOT / "templates" / "corporate", folder)
    prs = Presentation(str(folder / "template.pptx"))
    master = prs.slide_masters[0]
    for owner in [master, *master.slide_layouts]:
        for shape in owner.placeholders:
            kind = shape.placeholder_format.type
            if kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER) and shape.width is not None:
                shape.width = footer_width if kind == PP_PLACEHOLDER.FOOTER else number_width
                shape.height = 201168
    prs.save(str(folder / "template.pptx"))
    mapping = folder / "mapping.yaml"
    text = mapping.read_text(encoding="utf-8")
    mapping.write_text(text.replace("caption: {max: 14, min: 10}", f"caption: {{max: 14, min: {caption_min:g}}}"),
                       encoding="utf-8")
    return load_mapping(folder)


def placeholder_of(slide, kind):
    return next(shape for shape in slide.placeholders if shape.placeholder_format.type == kind)


def run_sizes(shape) -> set:
    """The explicit sizes (points) on the runs and fields of a shape's text; None where there is none."""
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    sizes = set()
    for run in shape._element.iter(f"{ns}r", f"{ns}fld"):
        rpr = run.find(f"{ns}rPr")
        sizes.add(int(rpr.get("sz")) / 100 if rpr is not None and rpr.get("sz") else None)
    return sizes


def lines_of(fitter, text: str, size: float, width: int, height: int, language: str) -> list[int]:
    from generator.layout.fit import BoxSpec, measure_height

    box = BoxSpec(width=int(width * 0.97), height=height, inset_left=0, inset_right=0, inset_top=0,
                  inset_bottom=0)
    return measure_height([text], box, size, fitter.measurer, language)[1]


def test_the_house_footer_fits_at_its_own_size_and_is_left_as_the_template_draws_it(drawn):
    prs, ctx, _ = drawn("en")
    for slide in prs.slides:
        assert run_sizes(placeholder_of(slide, PP_PLACEHOLDER.FOOTER)) == {None}
        assert run_sizes(placeholder_of(slide, PP_PLACEHOLDER.SLIDE_NUMBER)) == {None}
    footers = [record for record in ctx.fits if record.shape == "footer"]
    assert footers and all(record.fits and record.size_pt == record.max_pt == 10 for record in footers)


@pytest.mark.parametrize("tag", ["en", "ar"])
def test_a_narrow_footer_gets_a_smaller_size_and_one_line(deck, tmp_path, tag):
    from generator.build import make_fitter

    # 1.9 in: the English title is about 2.4 in long at the footer's 10 pt.
    template = narrow_footer_template(tmp_path / "narrow", footer_width=1737360, number_width=57150)
    fitter = make_fitter(template)
    localized = localize(deck, get_locale(tag, {"ar": "SA"}.get(tag)), Warnings())
    prs, ctx = render_deck(localized, template, fitter)
    footer_text = localized.title
    sizes = set()
    for slide in prs.slides:
        footer = placeholder_of(slide, PP_PLACEHOLDER.FOOTER)
        assert footer.text_frame.text.replace("\u00ad", "") == footer_text
        sizes |= run_sizes(footer)
        (number_size,) = run_sizes(placeholder_of(slide, PP_PLACEHOLDER.SLIDE_NUMBER))
        assert number_size is not None and 7 <= number_size < 10
        assert lines_of(fitter, str(len(prs.slides)), number_size, 57150, 201168, localized.locale.lang) == [1]
    (size,) = sizes
    assert size is not None and 7 <= size < 10
    assert lines_of(fitter, footer_text, size, 1737360, 10 ** 7, localized.locale.lang) == [1]
    assert all(record.fits for record in ctx.fits if record.shape in ("footer", "slide number"))


def test_a_footer_too_long_for_its_placeholder_takes_the_free_width_of_its_row(deck, tmp_path):
    from generator.build import make_fitter

    template = narrow_footer_template(tmp_path / "tiny", footer_width=365760, number_width=365760,
                                      caption_min=9)
    localized = localize(deck, get_locale("en", "GB"), Warnings())
    prs, ctx = render_deck(localized, template, make_fitter(template))
    records = [record for record in ctx.fits if record.shape == "footer"]      # one per layout
    assert records and all(record.fits for record in records)
    for slide in prs.slides:
        footer = placeholder_of(slide, PP_PLACEHOLDER.FOOTER)
        number = placeholder_of(slide, PP_PLACEHOLDER.SLIDE_NUMBER)
        assert footer.width > 365760
        assert footer.left + footer.width <= number.left or number.left + number.width <= footer.left
        assert 0 <= footer.left and footer.left + footer.width <= prs.slide_width
        assert footer.text_frame.text.replace("\u00ad", "") == localized.title
        assert lines_of(make_fitter(template), localized.title, run_sizes(footer).pop(), footer.width,
                        10 ** 7, "en-GB") == [1]


def test_a_footer_too_long_even_for_its_whole_row_is_an_overflow(deck, tmp_path):
    from generator.build import make_fitter

    folder = tmp_path / "tiny"
    narrow_footer_template(folder, footer_width=365760, number_width=365760, caption_min=9)
    mapping = folder / "mapping.yaml"
    mapping.write_text(mapping.read_text(encoding="utf-8").replace('text: "{title}"', 'text: "{title}' + " {title}" * 9 + '"'),
                       encoding="utf-8")
    template = load_mapping(folder)
    localized = localize(deck, get_locale("en", "GB"), Warnings())
    _, ctx = render_deck(localized, template, make_fitter(template))
    records = [record for record in ctx.fits if record.shape == "footer"]
    assert records and all(not r.fits and r.size_pt == 9 and r.text.startswith(localized.title) for r in records)


@pytest.mark.render
def test_libreoffice_draws_the_fitted_narrow_footer_on_one_line(deck, tmp_path):
    import pymupdf

    from generator.build import make_fitter
    from tests.e2e.conftest import convert_to_pdf

    template = narrow_footer_template(tmp_path / "narrow", footer_width=1737360, number_width=57150)
    localized = localize(deck, get_locale("en", "GB"), Warnings())
    prs, _ = render_deck(localized, template, make_fitter(template))
    prs.save(str(tmp_path / "narrow.pptx"))
    pdf = convert_to_pdf(tmp_path / "narrow.pptx", tmp_path)
    footer = placeholder_of(prs.slides[1], PP_PLACEHOLDER.FOOTER)
    left, right = footer.left / 12700, (footer.left + footer.width) / 12700
    top = footer.top / 12700 - 6          # room for a line spilling above the box
    with pymupdf.open(pdf) as document:
        words = [w for w in document[1].get_text("words") if w[1] >= top and left - 1 <= w[0] and w[2] <= right + 1]
    assert " ".join(w[4] for w in words).replace("\u00ad", "") == localized.title
    assert max(w[1] for w in words) - min(w[1] for w in words) < 1        # one line: one top for every word


def test_a_footer_size_only_the_master_names_is_written_on_the_slide(deck, matrix_template):
    """LibreOffice does not apply a master placeholder's size to a slide's footer: it is written out."""
    from generator.build import make_fitter

    template = load_mapping(matrix_template("default-4x3-sans"))       # python-pptx's: sizes on the master only
    localized = localize(deck, get_locale("en", "GB"), Warnings())
    prs, ctx = render_deck(localized, template, make_fitter(template))
    for slide in prs.slides:
        (size,) = run_sizes(placeholder_of(slide, PP_PLACEHOLDER.FOOTER))
        assert size is not None and 9 <= size <= 12


def test_a_second_deck_of_the_same_template_records_its_footer_fits_too(deck, house, fitter):
    """The footer is fitted once per layout for the whole template; each deck still gets its records."""
    localized = localize(deck, get_locale("en", "GB"), Warnings())
    first = [(r.slide, r.shape, r.size_pt) for r in render_deck(localized, house, fitter)[1].fits
             if r.shape in ("footer", "slide number")]
    again = [(r.slide, r.shape, r.size_pt) for r in render_deck(localized, house, fitter)[1].fits
             if r.shape in ("footer", "slide number")]
    assert first and again == first
