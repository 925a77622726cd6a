"""The pseudo-locale qps-ploc: bracketed, accented, ~40% longer, Jinja expressions untouched."""

from __future__ import annotations

import re

import pytest

from generator.localize.pseudo import pseudo_translate

SENTENCES = [
    "Introduction to ISO",
    "Coordinated by a Central Secretariat in Geneva",
    "Standards development and conformity assessment activities",
    "Every ISO member can take part in CASCO",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_bracketed(text):
    out = pseudo_translate(text)
    assert out.startswith("[") and out.endswith("]")


@pytest.mark.parametrize("text", SENTENCES)
def test_accented_with_no_plain_ascii_letter_left(text):
    out = pseudo_translate(text)
    body = out[1:len(text) + 1]
    assert not re.search("[A-Za-z]", body), body
    assert len(body) == len(text)                    # one accented letter per letter, in place


@pytest.mark.parametrize("text", SENTENCES)
def test_about_40_percent_longer(text):
    ratio = len(pseudo_translate(text)) / len(text)
    assert 1.3 <= ratio <= 1.6, ratio


def test_padding_counts_letters_not_expressions():
    plain = pseudo_translate("Members")
    with_expression = pseudo_translate("Members {{ iso.members | number }}")
    padding = len(plain) - len("[Members]")
    assert len(with_expression) - len("[Members {{ iso.members | number }}]") == padding


def test_punctuation_and_digits_are_kept():
    out = pseudo_translate("ISO/IEC 17000: 2020, (SD) & (CA)")
    assert "/" in out and "17000: 2020, (" in out and "&" in out


@pytest.mark.parametrize("expression", [
    "{{ iso.members | number }}",
    "{{ iec.ca_certificates | qualified('compact') }}",
    "{% if x %}",
    "{number}",
])
def test_jinja_expressions_and_phrase_slots_are_intact(expression):
    out = pseudo_translate(f"About {expression} members")
    assert expression in out
    assert out.count("{") == expression.count("{")


def test_pseudo_text_still_renders_as_a_template():
    from generator.localize.formatting import Formatter
    from generator.sandbox import make_environment

    env = make_environment(Formatter("en_GB").filters())
    out = env.from_string(pseudo_translate("ISO has {{ n | number }} members")).render(n=22000)
    assert "22,000" in out
    assert out.startswith("[ÎŠÖ ĥàš 22,000 ɱéɱƀéŕš")


@pytest.mark.parametrize("text", ["", "+", "=", "{{ iec.family | number }}", "2017 – {{ iso.members | number }}"])
def test_text_without_letters_is_left_alone(text):
    assert pseudo_translate(text) == text
