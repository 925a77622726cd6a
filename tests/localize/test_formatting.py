"""The Jinja filters: locale-aware numbers, CLDR long compact forms, qualifiers, the missing-figure dash."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.load.figures import Figure
from generator.localize.formatting import PLACEHOLDER, QUALIFIER_PHRASES, Formatter, compact_long
from generator.locales import get_locale
from generator.model import FigureEntry


def fmt(tag: str) -> Formatter:
    return Formatter(get_locale(tag, {"en": "GB", "ar": "SA"}.get(tag)).babel)


def spaced(text: str) -> str:
    """Compact forms may join number and word with a no-break space; compare the words."""
    return text.replace("\xa0", " ")


def figure(key="k", value=22000, qualifier=None) -> Figure:
    return Figure(key, FigureEntry(value=value, qualifier=qualifier), value)


@pytest.mark.parametrize("tag, expected", [
    ("en", "22,000"),
    ("fr", "22\u202f000"),
    ("ru", "22\xa0000"),
    ("es", "22.000"),
])
def test_number_per_locale(tag, expected):
    assert fmt(tag).number(22000) == expected
    assert fmt(tag).number(figure(value=22000)) == expected


def test_number_keeps_decimals_in_locale_style():
    assert fmt("en").number(Decimal("1234.5")) == "1,234.5"
    assert fmt("fr").number(Decimal("1234.5")) == "1\u202f234,5"


@pytest.mark.parametrize("tag, value, expected", [
    ("en", 1_000_000, "1 million"),
    ("en", 2_000_000, "2 million"),
    ("en", 1_500_000, "1.5 million"),
    ("fr", 1_000_000, "1 million"),          # singular: one million
    ("fr", 2_000_000, "2 millions"),
    ("ru", 2_000_000, "2 миллиона"),
    ("es", 1_000_000, "1 millón"),
    ("es", 2_000_000, "2 millones"),
    ("zh-Hans", 1_000_000, "100万"),
    ("en", 999, "999"),
])
def test_compact_long_form(tag, value, expected):
    assert spaced(fmt(tag).compact(value)) == expected


def test_compact_rounding_moves_up_a_magnitude():
    assert spaced(compact_long(999_999, "en_GB")) == "1 million"


@pytest.mark.parametrize("qualifier, expected", [
    ("approx", "approx. 22,000"),
    ("over", "over 22,000"),
    ("more_than", "more than 22,000"),
    ("almost", "almost 22,000"),
    ("at_least", "at least 22,000"),
    ("plus", "22,000+"),
])
def test_qualified_in_english(qualifier, expected):
    assert fmt("en").qualified(figure(qualifier=qualifier)) == expected


def test_every_qualifier_of_the_model_has_a_phrase():
    import typing

    from generator.model import Qualifier

    assert set(typing.get_args(Qualifier)) == set(QUALIFIER_PHRASES)


def test_qualified_compact_style():
    text = fmt("en").qualified(figure(value=1_000_000, qualifier="more_than"), "compact")
    assert spaced(text) == "more than 1 million"


def test_qualified_without_qualifier_is_the_number():
    assert fmt("en").qualified(figure(value=162)) == "162"
    assert fmt("en").qualified(162) == "162"


def test_qualified_phrase_goes_through_the_translator():
    seen = []

    def translate(context, text):
        seen.append((context, text))
        return "plus de {number}"

    assert Formatter("fr_FR", translate).qualified(figure(qualifier="more_than")) == "plus de 22\u202f000"
    assert seen == [("qualifier:more_than", "more than {number}")]


def test_missing_figure_renders_a_dash_and_is_remembered():
    f = fmt("en")
    lost = Figure("iec.system_committees", FigureEntry(qualifier="over"), None)
    assert PLACEHOLDER == "\u2014"
    assert f.number(lost) == "\u2014"
    assert f.compact(lost) == "\u2014"
    assert f.qualified(lost) == "\u2014"          # no 'over —'
    assert f.percent(lost) == "\u2014"
    assert f.year(lost) == "\u2014"
    assert f.missing == {"iec.system_committees"}


def test_figures_with_values_and_plain_numbers_are_not_missing():
    f = fmt("en")
    f.number(figure(key="iso.members", value=162))
    f.number(7)
    assert f.missing == set()


def test_year_has_no_grouping():
    assert fmt("en").year(figure(value=1906)) == "1906"
    assert fmt("fr").number(1906) != "1906"          # grouping would show in a plain number


def test_percent():
    assert fmt("en").percent(Decimal("0.25")) == "25%"
    assert fmt("en").percent(Decimal("0.125"), 1) == "12.5%"


@pytest.mark.parametrize("bad", ["162", True, None, [1]])
def test_filters_refuse_what_is_not_a_figure_or_number(bad):
    with pytest.raises(TypeError):
        fmt("en").number(bad)
