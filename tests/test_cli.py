"""The deck command: results on stdout, problems on stderr as path:line:col, exit 0/1/2, no tracebacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import generator.build
from generator.cli import EX_USAGE

ROOT = Path(__file__).resolve().parents[1]
DECK_FILE = "iso-iec-casco-intro-en.pptx"


@pytest.fixture
def run(run_deck):
    """``deck`` from the repository root (the shared ``run_deck``)."""
    return run_deck


def assert_clean_failure(result, code: int = 1):
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    assert isinstance(result.exception, SystemExit)


# ---------------------------------------------------------------- validate

def test_validate_real_content(run):
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("ok: 17 slides, ")
    assert "templates/corporate/template.pptx" in result.stdout


def test_validate_broken_copy_prints_located_problems(run, content_copy, replace_text):
    replace_text(content_copy / "slides/15-casco-structure.yaml", "kind: orgchart", "kind: orgchrat")
    replace_text(content_copy / "slides/01-iso-introduction.yaml", "iso.members | number", "iso.membres | number")
    result = run("validate", "--content", content_copy)
    assert_clean_failure(result)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2
    for line in errors:
        assert re.match(r"^error: \S+\.yaml:\d+:\d+: ", line), line
    assert re.search(r"slides/01-iso-introduction\.yaml:5:5: unknown figure 'iso\.membres'", result.stderr)
    assert re.search(r"slides/15-casco-structure\.yaml:2:7: unknown slide kind 'orgchrat'", result.stderr)
    assert "hint: did you mean 'orgchart'?" in result.stderr
    assert result.stderr.rstrip().endswith("2 problems found; nothing was written")


def test_validate_yaml_syntax_error(run, content_copy):
    (content_copy / "slides/04-iec.yaml").write_text("kind: cards\ntitle: a\n\tnotes: b\n")
    result = run("validate", "--content", content_copy)
    assert_clean_failure(result)
    assert re.search(r"slides/04-iec\.yaml:3:1: a tab character is used for indentation", result.stderr)


def test_validate_missing_content_folder(run, tmp_path):
    result = run("validate", "--content", tmp_path / "nowhere")
    assert_clean_failure(result)
    assert "no deck.yaml here" in result.stderr


def test_validate_strict_agrees_with_build_strict(run):
    result = run("validate", "--strict")
    assert result.exit_code == 1
    assert "iec.system_committees" in result.stderr


def test_validate_refuses_an_unknown_locale_in_deck_yaml(run, content_copy, replace_text):
    import re

    deck_yaml = content_copy / "deck.yaml"
    deck_yaml.write_text(re.sub(r"^locales: \[.*\]$", "locales: [fr, xx, en-GB-x]", deck_yaml.read_text(), flags=re.M))
    result = run("validate", "--content", content_copy)
    assert result.exit_code == 1
    assert re.search(r"deck\.yaml:\d+:\d+: unknown locale 'xx'", result.stderr)
    assert "unknown locale 'en-GB-x'; did you mean 'en-GB'?" in result.stderr


def test_raw_control_character_is_a_user_error(run, content_copy, replace_text):
    replace_text(content_copy / "slides/01-iso-introduction.yaml", "Coordinated by", "Coordinated\x07 by")
    result = run("validate", "--content", content_copy)
    assert_clean_failure(result)


# ---------------------------------------------------------------- build

def test_build_writes_the_english_deck(run, content_copy, tmp_path):
    import datetime as dt
    import zipfile

    from pptx import Presentation

    out = tmp_path / "out"
    result = run("build", "--content", content_copy, "--out", out, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.exit_code == 0, result.stderr
    deck = out / DECK_FILE
    assert deck.is_file()
    assert result.stdout.splitlines()[0] == str(deck)
    assert result.stdout.splitlines()[-1] == str(out / "index.html")
    assert sorted(p.name for p in out.iterdir()) == sorted([DECK_FILE, "index.html", "manifest.json"])  # no temp file
    # the lost figure is a warning, on stderr, not a failure
    assert "warning:" in result.stderr and "iec.system_committees" in result.stderr
    # SOURCE_DATE_EPOCH reaches the zip entries and the core properties
    assert {i.date_time for i in zipfile.ZipFile(deck).infolist()} == {(2023, 11, 14, 22, 13, 20)}
    props = Presentation(str(deck)).core_properties
    assert props.created == props.modified == dt.datetime(2023, 11, 14, 22, 13, 20)
    assert props.title == "ISO, IEC and CASCO: an introduction"
    assert props.language == "en-GB"


def test_build_strict_fails_on_the_missing_figure_and_keeps_the_previous_deck(run, content_copy, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    previous = out / DECK_FILE
    previous.write_bytes(b"PK previous deck")
    result = run("build", "--content", content_copy, "--out", out, "--strict")    # fails after rendering
    assert_clean_failure(result)
    assert "iec.system_committees" in result.stderr
    assert "(an error with --strict)" in result.stderr
    assert "nothing was written" in result.stderr
    assert previous.read_bytes() == b"PK previous deck"
    assert [p.name for p in out.iterdir()] == [DECK_FILE]


def test_build_unknown_locale(run, content_copy, tmp_path):
    result = run("build", "--content", content_copy, "--out", tmp_path / "out", "--locale", "xx")
    assert_clean_failure(result)
    assert result.stderr.startswith("error: unknown locale 'xx'")
    assert not (tmp_path / "out").exists()


def test_build_out_is_an_existing_file(run, content_copy, tmp_path):
    blocker = tmp_path / "out.pptx"
    blocker.write_bytes(b"keep me")
    result = run("build", "--content", content_copy, "--out", blocker)
    assert_clean_failure(result)
    assert "the output folder is a file" in result.stderr
    assert str(blocker) in result.stderr or "out.pptx" in result.stderr
    assert blocker.read_bytes() == b"keep me"


def test_build_with_broken_content_writes_nothing(run, content_copy, tmp_path):
    (content_copy / "slides/04-iec.yaml").unlink()
    out = tmp_path / "out"
    result = run("build", "--content", content_copy, "--out", out)
    assert_clean_failure(result)
    assert re.search(r"deck\.yaml:14:5: no slide file for 'iec'", result.stderr)
    assert not out.exists()


# ---------------------------------------------------------------- template inspect

def test_template_inspect_lists_layouts(run):
    result = run("template", "inspect", "templates/corporate/template.pptx")
    assert result.exit_code == 0, result.stderr
    assert '"Title Slide"' in result.stdout
    assert '"Title and Content"' in result.stdout


def test_template_inspect_not_a_pptx(run):
    result = run("template", "inspect", "README.md")
    assert_clean_failure(result)
    assert result.stderr.startswith("error: README.md: not a PowerPoint .pptx file")


def test_template_inspect_missing_file(run, tmp_path):
    result = run("template", "inspect", tmp_path / "absent.pptx")
    assert_clean_failure(result)
    assert "does not exist" in result.stderr


# ---------------------------------------------------------------- unexpected errors

def test_internal_error_exits_2_without_traceback(run, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(generator.build, "build", explode)
    result = run("build", "--out", "unused")
    assert result.exit_code == 2
    assert "internal error: RuntimeError: boom" in result.stderr
    assert "--debug" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not Path(ROOT / "unused").exists()


def test_debug_lets_the_exception_through(run, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(generator.build, "build", explode)
    result = run("--debug", "build", "--out", "unused")
    assert isinstance(result.exception, RuntimeError)
    assert str(result.exception) == "boom"
    assert "internal error" not in result.stderr
    with pytest.raises(RuntimeError, match="boom"):
        run("--debug", "build", "--out", "unused", catch_exceptions=False)


def test_debug_shows_user_errors_as_exceptions_too(run, tmp_path):
    from generator.errors import DeckError

    result = run("--debug", "validate", "--content", tmp_path / "nowhere")
    assert isinstance(result.exception, DeckError)


def test_usage_errors_stay_with_click_and_exit_ex_usage(run):
    result = run("build", "--no-such-option")
    assert result.exit_code == EX_USAGE == 64
    assert "No such option" in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("args", [("figures", "set", "5"), ("no-such-command",), ("--no-such-option",),
                                  ("build", "--jobs", "0")])
def test_every_usage_error_exits_ex_usage_not_the_internal_error_code(run, args):
    result = run(*args)
    assert result.exit_code == EX_USAGE
    assert "Usage:" in result.stderr and "internal error" not in result.stderr
