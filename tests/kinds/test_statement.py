"""Kind ``statement``: large type in the section layout's body, or an equation of terms above the statement."""

from __future__ import annotations

import pytest
from pptx.enum.shapes import PP_PLACEHOLDER

from .conftest import assert_sizes_in_range

OPERATORS = {"+", "=", "-", "\u2212", "\u00d7", "\u2192"}


@pytest.fixture(scope="module")
def equation(build_alone):
    return build_alone("standards-and-ca")


@pytest.fixture(scope="module")
def plain(build_alone):
    return build_alone("iso-iec-17000-benefits")


def parts(built) -> list[str]:
    return [name for name in built.drawn if name.startswith(("Term ", "Operator "))]


def test_without_an_equation_the_statement_fills_the_section_body(plain):
    assert plain.slide.slide_layout.name == "Section Header"
    assert plain.drawn == {}
    body = plain.placeholder(PP_PLACEHOLDER.BODY)
    assert body.text_frame.text == plain.model.statement
    assert_sizes_in_range(body, "title")


def test_an_equation_draws_a_box_per_term_and_a_glyph_per_operator(equation):
    terms = equation.model.equation
    expected = [f"{'Operator' if term in OPERATORS else 'Term'} {i}" for i, term in enumerate(terms, 1)]
    assert parts(equation) == expected
    assert [equation.shape(name).text_frame.text for name in expected] == terms
    assert list(equation.drawn)[-1] == "Statement"
    statement = equation.shape("Statement").text_frame.paragraphs
    assert [p.text for p in statement] == [equation.model.statement, equation.model.caption]


def test_the_equation_is_one_row_read_left_to_right_above_the_statement(equation):
    equation.assert_drawn_inside_content_area()
    boxes = [equation.box(name) for name in parts(equation)]
    assert len({box.top for box in boxes}) == 1 and len({box.bottom for box in boxes}) == 1
    assert all(a.right <= b.left for a, b in zip(boxes, boxes[1:]))
    assert max(box.bottom for box in boxes) < equation.box("Statement").top


def test_the_last_term_is_the_highlighted_one(equation):
    terms = [name for name in parts(equation) if name.startswith("Term ")]
    fills = {name: str(equation.shape(name).fill.fore_color.rgb) for name in terms}
    last = fills.pop(terms[-1])
    assert set(fills.values()) != {last} and len(set(fills.values())) == 1


def test_sizes_stay_in_their_roles_ranges(equation):
    for name in parts(equation):
        assert_sizes_in_range(equation.shape(name), "big_number", max_pt=None if "Operator" in name else 28)
    assert_sizes_in_range(equation.shape("Statement"), "subtitle")


def test_arabic_reads_the_equation_from_the_right(build_alone, equation):
    arabic = build_alone("standards-and-ca", "ar")
    boxes = [arabic.box(name) for name in parts(arabic)]
    assert all(a.left >= b.right for a, b in zip(boxes, boxes[1:]))
    assert arabic.box("Term 1") == equation.box("Term 7")          # the English row, mirrored
    assert arabic.box("Operator 2") == equation.box("Operator 6")


def test_a_term_too_wide_at_the_smallest_size_is_written_with_soft_hyphens(build_alone):
    word = "Internationalization"

    def long_term(content_dir):
        path = content_dir / "slides" / "06-standards-and-ca.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("Conformity Assessment", word), encoding="utf-8")

    built = build_alone("standards-and-ca", edit=long_term)          # builds: the word fits hyphenated
    written = built.shape("Term 3").text_frame.text
    assert "\u00ad" in written and written.replace("\u00ad", "") == word
    assert built.shape("Term 1").text_frame.text == "Standards"
    assert_sizes_in_range(built.shape("Term 3"), "big_number", max_pt=28)


EQUATION = 'equation: [Standards, "+", Conformity Assessment, "=", Confidence, "=", Value]'
LONG_TERM = "International Standards written by the experts of members"
LONG_EQUATION = (f'equation: [{LONG_TERM}, "+", Conformity Assessment by independent bodies,'
                 ' "=", Confidence of buyers, "=", Value for the economy]')


def long_terms(content_dir):
    path = content_dir / "slides" / "06-standards-and-ca.yaml"
    text = path.read_text(encoding="utf-8")
    assert EQUATION in text
    path.write_text(text.replace(EQUATION, LONG_EQUATION), encoding="utf-8")


def test_terms_too_wide_for_one_row_go_on_two_rows_split_before_an_operator(build_alone):
    built = build_alone("standards-and-ca", edit=long_terms)       # builds: no box overflows
    terms = built.model.equation
    assert len(terms) == 7 and terms[0] == LONG_TERM
    names = parts(built)
    assert [built.shape(name).text_frame.text.replace("\u00ad", "") for name in names] == terms
    tops = sorted({built.box(name).top for name in names if name.startswith("Term ")})
    assert len(tops) == 2
    first_row = [name for name in names if built.box(name).top < tops[1] and name.startswith("Term ")]
    second_row = [name for name in names if name not in first_row]
    assert second_row[0].startswith("Operator ")               # the second row starts with an operator
    for row in (first_row, second_row):
        boxes = [built.box(name) for name in row if name.startswith("Term ")]
        assert all(a.right <= b.left for a, b in zip(boxes, boxes[1:]))
    built.assert_drawn_inside_content_area()
    assert max(built.box(name).bottom for name in names) < built.box("Statement").top
    for name in names:
        assert_sizes_in_range(built.shape(name), "big_number", max_pt=None if "Operator" in name else 28)


def test_a_statement_too_long_for_the_title_sizes_takes_the_subtitle_sizes(build_slides, matrix_template):
    """On A4 with the body placeholder moved and shrunk, the German statement needs less than a title's 22 pt."""
    from pptx import Presentation

    from generator.template.mapping import load_mapping

    folder = matrix_template("default-a4-serif-moved")
    low_title = load_mapping(folder).mapping.size("title")[1]
    low_subtitle = load_mapping(folder).mapping.size("subtitle")[1]
    prs = Presentation(build_slides("iso-iec-17000-benefits", locale="de", template_dir=folder))
    body = next(shape for shape in prs.slides[0].placeholders
                if shape.placeholder_format.type == PP_PLACEHOLDER.BODY)
    sizes = {run.font.size.pt for p in body.text_frame.paragraphs for run in p.runs}
    assert sizes and all(low_subtitle <= size < low_title for size in sizes)
