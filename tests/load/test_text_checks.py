"""The checks every deck text passes, source or translation: characters, syntax, figures, filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Problem
from generator.load.figures import load_figures
from generator.load.text_checks import check_template
from generator.load.yaml_source import read_yaml
from generator.sandbox import make_environment

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def figures():
    return load_figures(*read_yaml(ROOT / "content" / "figures.yaml"))


def problems(text: str, figures) -> list[Problem]:
    return check_template(make_environment(), text, figures, lambda m, h=None: Problem("here", None, None, m, h))


def test_a_good_text_has_no_problem(figures):
    assert problems("ISO has {{ iso.members | number }} members", figures) == []


@pytest.mark.parametrize("text,message", [
    ("a \x07 bell", "a control character (U+0007)"),
    ("{{ iso.members | number }", "template error"),
    ("{% if x %}y{% endif %}", "only {{ figure | filter }} expressions are allowed"),
    ("{{ iso.membres }}", "unknown figure 'iso.membres'"),
    ("{{ iso }}", "'iso' is a group of figures"),
    ("{{ iso.members | numbr }}", "unknown filter 'numbr'"),
])
def test_each_kind_of_problem_is_named(figures, text, message):
    found = problems(text, figures)
    assert len(found) == 1 and found[0].message.startswith(message), [p.message for p in found]
