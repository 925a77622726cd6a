"""Hostile input on the reading side: each case is a clear error (exit 1) naming the file and the limit, fast.

Every case runs the ``deck`` command in a process of its own with a timeout of 10 s: a hang,
a traceback or an internal error (exit 2) fails the test. Each limit is tried with an input
one past it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import limits

pytestmark = pytest.mark.slow       # one process per case: about 80 s in all

ROOT = Path(__file__).resolve().parents[2]
DECK = str(Path(sys.executable).parent / "deck")
TIMEOUT_S = 10


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the content and the house template, side by side as in the repository."""
    import shutil

    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates" / "corporate", tmp_path / "templates" / "corporate")
    return tmp_path


def deck(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([DECK, *args], cwd=project, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)


def refused(project: Path, *args: str) -> str:
    """``deck ARGS`` exits 1 without a traceback; its stderr."""
    result = deck(project, *args)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return result.stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---------------------------------------------------------------- only regular files, inside their folder

@pytest.mark.parametrize("where", ["slides/99-pipe.yaml", "slides/notes.txt", "assets/pipe.json", "deck.yaml"])
def test_a_fifo_in_the_content_is_an_error_naming_it(project, where):
    path = project / "content" / where
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    stderr = refused(project, "build", "--out", "build")
    assert f"content/{where}: a FIFO (named pipe), not a regular file" in stderr


def test_a_fifo_in_a_catalog_is_an_error_naming_it(project):
    path = project / "content" / "locales" / "fr.po"
    path.unlink()
    os.mkfifo(path)
    assert "content/locales/fr.po: a FIFO" in refused(project, "build", "--locale", "fr", "--out", "build")


def test_a_fifo_in_the_template_folder_is_an_error_naming_it(project):
    os.mkfifo(project / "templates" / "corporate" / "pipe")
    assert "templates/corporate/pipe: a FIFO" in refused(project, "build", "--out", "build")


def test_a_symlink_to_a_device_is_never_read(project):
    (project / "content" / "assets" / "zero.json").symlink_to("/dev/zero")
    assert "content/assets/zero.json: the file links to a place outside content" in \
        refused(project, "build", "--out", "build")


def test_an_asset_symlinked_outside_the_content_is_neither_read_nor_hashed(project):
    secret = project / "secret.json"
    secret.write_text("not for the manifest")
    (project / "content" / "assets" / "secret.json").symlink_to(secret)
    stderr = refused(project, "build", "--out", "build")
    assert "content/assets/secret.json: the file links to a place outside content" in stderr
    assert not (project / "build" / "manifest.json").exists()


def test_a_symlink_inside_the_content_is_followed(project):
    (project / "content" / "assets" / "copy.json").symlink_to(project / "content" / "assets" / "world-110m.json")
    assert deck(project, "validate").returncode == 0


# ---------------------------------------------------------------- limits, each one past

def test_one_slide_past_the_limit_listed_in_deck_yaml(project):
    listed = "".join(f"  - extra-{i}\n" for i in range(limits.MAX_SLIDES + 1 - 17))
    edit(project / "content" / "deck.yaml", "  - more-information\n", "  - more-information\n" + listed)
    stderr = refused(project, "build", "--out", "build")
    assert f"content/deck.yaml:10:3: deck.yaml lists {limits.MAX_SLIDES + 1:,} slides; " \
           f"the limit is {limits.MAX_SLIDES:,} slides per deck" in stderr


def test_fifty_thousand_listed_slides_fail_fast(project):
    listed = "".join(f"  - x{i}\n" for i in range(50_000))
    edit(project / "content" / "deck.yaml", "  - more-information\n", "  - more-information\n" + listed)
    assert "lists 50,017 slides; the limit is" in refused(project, "validate")


def test_one_slide_file_past_the_limit(project):
    slides = project / "content" / "slides"
    for i in range(limits.MAX_SLIDES + 1 - 17):
        (slides / f"{i:04d}-extra-{i}.yaml").write_text("kind: title\ntitle: x\n")
    stderr = refused(project, "validate")
    assert f"content/slides: the folder holds {limits.MAX_SLIDES + 1:,} slide files; the limit is" in stderr


def test_a_yaml_file_one_byte_past_the_limit(project):
    path = project / "content" / "slides" / "16-more-information.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "#" * (limits.MAX_YAML_BYTES - len(text.encode()) + 1 - 1) + "\n", encoding="utf-8")
    assert f"{limits.MAX_YAML_BYTES + 1:,} bytes; the limit is {limits.MAX_YAML_BYTES:,} bytes" in \
        refused(project, "validate")


def long_expression(length: int) -> str:
    terms = "+1" * ((length - len("{{ 1 }}")) // 2 + 1)
    return "{{ 1" + terms + " }}"


@pytest.mark.parametrize("text,limit", [
    (long_expression(limits.MAX_EXPRESSION_CHARS + 1), "longer than the limit of 200 characters"),
    ("{{ " + "(" * (limits.MAX_EXPRESSION_DEPTH + 1) + "1" + ")" * (limits.MAX_EXPRESSION_DEPTH + 1) + " }}",
     "nests brackets deeper than the limit of 10"),
    ("{{ " + "(" * 10_000 + "1" + ")" * 10_000 + " }}", "longer than the limit"),
    ("{{ 1" + "+1" * 50_000 + " }}", "longer than the limit"),
])
def test_expressions_past_the_limits_in_a_translation(project, text, limit):
    po = project / "content" / "locales" / "fr.po"
    catalog = po.read_text(encoding="utf-8")
    entry = re.search(r'msgctxt "iso-system:title"\nmsgid ".*"\nmsgstr (".*")', catalog)
    po.write_text(catalog.replace(entry.group(0), entry.group(0).replace(entry.group(1), json.dumps(text))),
                  encoding="utf-8")
    stderr = refused(project, "build", "--locale", "fr", "--out", "build")
    assert "content/locales/fr.po:" in stderr and limit in stderr


@pytest.mark.parametrize("expr,message", [
    ("1" + " + 1" * 50_000, "the expression is 200,001 characters long; the limit is 200"),
    ("(" * 10_000 + "1" + ")" * 10_000, "the expression is 20,001 characters long; the limit is 200"),
    ("(" * 11 + "1" + ")" * 11, "brackets are nested 11 deep; the limit is 10"),
])
def test_figure_expressions_past_the_limits(project, expr, message):
    edit(project / "content" / "figures.yaml", "    value: 162\n", f"    expr: {expr}\n")
    stderr = refused(project, "validate")
    assert "content/figures.yaml:10:11: figure 'iso.members': " + message in stderr


def test_a_figure_one_digit_past_the_limit(project):
    edit(project / "content" / "figures.yaml", "    value: 162\n", f"    value: {'1' * (limits.MAX_FIGURE_DIGITS + 1)}\n")
    assert "content/figures.yaml:10:12: figure 'iso.members': the value has more than 15 digits (the limit)" in \
        refused(project, "validate")


@pytest.mark.parametrize("value", ["1" + "0" * 5_000, '"1' + "0" * 5_000 + '"'])
def test_a_figure_of_five_thousand_digits(project, value):
    edit(project / "content" / "figures.yaml", "    value: 162\n", f"    value: {value}\n")
    stderr = refused(project, "validate")
    assert "content/figures.yaml:10:12: " in stderr
    assert "the limit is 100" in stderr or "more than 15 digits" in stderr


@pytest.mark.parametrize("value,message", [
    (".nan", "is not a number"), (".inf", "is not a number"), ("-.inf", "is not a number"),
    ("1.0e+400", "1.0e+400 is too large for a number here"), ("1e-999", "the value is too small for a float"),
])
def test_a_figure_is_a_finite_decimal(project, value, message):
    edit(project / "content" / "figures.yaml", "    value: 162\n", f"    value: {value}\n")
    assert message in refused(project, "validate")


def test_a_figure_expression_beyond_a_float_is_an_error(project):
    edit(project / "content" / "figures.yaml", "    value: 162\n", "    expr: 999999999999999 * 999999999999999\n")
    assert "figure 'iso.members': '999999999999999 * 999999999999999' has more than 15 digits" in \
        refused(project, "validate")


def test_a_number_a_float_cannot_hold_in_deck_text(project):
    edit(project / "content" / "slides" / "02-iso-system.yaml", "title: The ISO system", 'title: "{{ 1e400 }}"')
    assert "content/slides/02-iso-system.yaml:3:8: only {{ figure | filter }} expressions are allowed in deck " \
           "text, not a number too large for a float" in refused(project, "build", "--out", "build")


def test_a_catalog_one_entry_past_the_limit(project):
    po = project / "content" / "locales" / "fr.po"
    entries = po.read_text(encoding="utf-8").count("\nmsgid ")
    extra = "".join(f'\nmsgctxt "x:{i}"\nmsgid "m{i}"\nmsgstr "t"\n' for i in range(limits.MAX_CATALOG_ENTRIES + 1
                                                                                     - entries))
    with po.open("a", encoding="utf-8") as handle:
        handle.write(extra)
    assert "content/locales/fr.po:" in (stderr := refused(project, "build", "--locale", "fr", "--out", "build"))
    assert f"the catalog holds more than {limits.MAX_CATALOG_ENTRIES:,} entries (the limit)" in stderr


def test_a_catalog_one_byte_past_the_limit(project):
    po = project / "content" / "locales" / "fr.po"
    size = po.stat().st_size
    with po.open("a", encoding="utf-8") as handle:
        handle.write("#" * (limits.MAX_CATALOG_BYTES - size) + "\n")
    assert f"content/locales/fr.po: the file is {limits.MAX_CATALOG_BYTES + 1:,} bytes; the limit is " \
           f"{limits.MAX_CATALOG_BYTES:,} bytes" in refused(project, "build", "--locale", "fr", "--out", "build")


# ---------------------------------------------------------------- catalog charsets

@pytest.mark.parametrize("charset,message", [
    ("latin-1", "the header declares charset=latin-1, but the file is UTF-8 text"),
    ("x-unknown", "unknown charset 'x-unknown' in the header"),
    ("rot13", "'rot13' is not a text charset"),
])
def test_a_catalog_charset_that_is_not_utf8(project, charset, message):
    edit(project / "content" / "locales" / "fr.po", "charset=utf-8", f"charset={charset}")
    assert "content/locales/fr.po:" in (stderr := refused(project, "build", "--locale", "fr", "--out", "build"))
    assert message in stderr


# ---------------------------------------------------------------- basemaps

@pytest.mark.parametrize("text,message", [
    ("not json", "basemap is not valid JSON"),
    ('{"bounds": [-180, -90, 180, 90], "land": [[[0, 0], [1, 1]]]}', "land ring 0 must be a list of at least 3"),
    ('{"bounds": [-180, -90, 180, 90], "land": [[[0, 0], [1, 1], "x"]]}', "land ring 0 point 2 must be"),
    ("[" * 100_000, "basemap is not valid JSON"),
])
def test_a_basemap_that_is_not_one(project, text, message):
    (project / "content" / "assets" / "world-110m.json").write_text(text, encoding="utf-8")
    stderr = refused(project, "build", "--out", "build")
    assert "content/assets/world-110m.json: " + message in stderr


# ---------------------------------------------------------------- figures set

@pytest.mark.parametrize("value,message", [
    ("1e-999", "'1e-999' is too small for a float to hold"),
    ("123456789012345678901234567890.5", "has more than 15 digits (the limit)"),
    ("1" * 5_000, "has more than 15 digits (the limit)"),
    ("nan", "is not a finite number"),
])
def test_figures_set_refuses_what_it_cannot_write_exactly(project, value, message):
    before = (project / "content" / "figures.yaml").read_bytes()
    assert message in refused(project, "figures", "set", "iso.members", value)
    assert (project / "content" / "figures.yaml").read_bytes() == before


def test_figures_set_writes_exactly_the_decimal_given(project):
    from decimal import Decimal

    from generator.load.figures import load_figures
    from generator.load.yaml_source import read_yaml

    for value in ("22000.25", "0.00001", "123456789012345", "1.5e-7"):
        result = deck(project, "figures", "set", "iso.standards", value)
        assert result.returncode == 0, result.stderr
        figures = load_figures(*read_yaml(project / "content" / "figures.yaml"))
        assert Decimal(figures["iso.standards"].value) == Decimal(value)


# ---------------------------------------------------------------- usage errors

@pytest.mark.parametrize("args", [("figures", "set", "5"), ("build", "--no-such-option"), ("no-such-command",)])
def test_usage_errors_exit_ex_usage(project, args):
    result = deck(project, *args)
    assert result.returncode == 64, result.stderr
    assert "Usage:" in result.stderr and "Traceback" not in result.stderr
