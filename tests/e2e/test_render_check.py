"""``deck check --render``: LibreOffice draws the deck and every line, word and shape is checked.

Three decks go through one LibreOffice run: the real English deck (no problems), a deck built
with --allow-overflow from content with a 20x title and a 60x bullet (overflow), and the real
deck edited with python-pptx (a box far too narrow for its words, a title moved off the slide).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from .conftest import ROOT, build_deck, need_soffice
from generator.build import build
from generator.options import BuildOptions
from generator.check.render_check import check_decks
from generator.errors import ContentError

pytestmark = pytest.mark.render

DECK_ID = "iso-iec-casco-intro"
ROLES = "slides/03-iso-roles.yaml"
TITLE, LONG_TITLE = "title: Roles in the ISO system\n", "title: " + " ".join(["Roles in the ISO system"] * 20) + "\n"
BULLET = "      - Write the standards\n"
LONG_BULLET = "      - " + " ".join(["Write the standards carefully"] * 60) + "\n"
ROLES_SLIDE = 4


def long_text_copy(dest: Path) -> Path:
    """A copy of content/ whose 'iso-roles' slide (slide 4) has a 20x title and a 240-word bullet."""
    content = dest / "content"
    shutil.copytree(ROOT / "content", content, symlinks=True)
    path = content / ROLES
    text = path.read_text(encoding="utf-8")
    for old, new in ((TITLE, LONG_TITLE), (BULLET, LONG_BULLET)):
        assert text.count(old) == 1, f"{old!r} is not once in {path}; the fixture content changed"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """(content copy, out dir, deck) for the long-text deck, built with allow_overflow."""
    base = tmp_path_factory.mktemp("broken")
    content = long_text_copy(base)
    out = base / "out"
    result = build(BuildOptions(content, out, ["en"], allow_overflow=True, project_dir=ROOT))
    return content, out, result.outputs[0]


def edit_deck(source: Path, target: Path) -> Path:
    """The real deck with slide 4's 'Column 3' squeezed to 0.3 in and slide 2's title half off the slide."""
    prs = Presentation(str(source))
    column = next(shape for shape in prs.slides[ROLES_SLIDE - 1].shapes if shape.name == "Column 3")
    assert column.text_frame.word_wrap is not False
    column.width = Inches(0.3)
    title = prs.slides[1].shapes.title
    title.left = prs.slide_width - title.width // 2         # half of it off the slide
    prs.save(str(target))
    return target


@pytest.fixture(scope="module")
def reports(english_deck, broken, tmp_path_factory):
    """One LibreOffice run over the three decks, each under its own file name."""
    need_soffice()
    folder = tmp_path_factory.mktemp("decks")
    good = folder / "good.pptx"
    shutil.copyfile(english_deck, good)
    overflowing = folder / "overflowing.pptx"
    shutil.copyfile(broken[2], overflowing)
    edited = edit_deck(english_deck, folder / "edited.pptx")
    good_report, overflow_report, edited_report = check_decks([good, overflowing, edited], with_images=False)
    return {"good": good_report, "overflow": overflow_report, "edited": edited_report}


def kinds_on(report, slide: int) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for problem in report.problems:
        if problem.slide == slide:
            found.setdefault(problem.kind, set()).add(problem.shape)
    return found


# ---------------------------------------------------------------- the real deck

def test_real_english_deck_has_no_render_problems(reports, english_deck):
    report = reports["good"]
    assert report.problems == [], "\n".join(map(str, report.problems))
    assert report.pages == 17 == len(Presentation(str(english_deck)).slides)
    assert report.lines > 17 * 3


# ---------------------------------------------------------------- overflow

def test_long_text_overflows_on_its_slide_and_shapes(reports):
    report = reports["overflow"]
    assert report.pages == 17
    found = kinds_on(report, ROLES_SLIDE)
    assert "overflow" in found, report.problems
    assert {"Title 1", "Column 2"} <= found["overflow"]
    assert all(problem.slide == ROLES_SLIDE for problem in report.problems), report.problems
    title = [p for p in report.problems if p.shape == "Title 1"]
    assert all(re.search(r"leaves its box by \d+(\.\d)? pt: \".*Roles in the ISO system", p.detail) for p in title)


def test_overflow_names_only_the_shapes_that_overflow(reports):
    shapes = {p.shape for p in reports["overflow"].problems if p.kind == "overflow"}
    assert shapes <= {"Title 1", "Column 2"}, shapes


def test_check_render_cli_reports_the_broken_slide(run_deck, broken):
    need_soffice()
    content, out, deck = broken
    result = run_deck("check", "--render", "--out", out, "--content", content, "--locale", "en")
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert re.search(r"^en: 17 pages, \d+ text lines checked, \d+ problems?; contact sheet ", result.stdout, re.M)
    header = next(line for line in result.stdout.splitlines() if line.startswith("slide"))
    assert header.split() == ["slide", "shape", "problem", "detail"]
    assert re.search(rf"^{ROLES_SLIDE}\s+Title 1\s+overflow\s+text leaves its box", result.stdout, re.M)
    assert re.search(rf"^{ROLES_SLIDE}\s+Column 2\s+overflow\s+", result.stdout, re.M)
    assert re.search(r"^\d+ problems? in 1 deck$", result.stdout, re.M)
    sheet = out / "check" / f"{DECK_ID}-en-contact.png"
    assert sheet.is_file()
    assert sheet.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert str(sheet) in result.stdout


def test_check_render_cli_names_a_missing_deck(run_deck, tmp_path):
    result = run_deck("check", "--render", "--out", tmp_path, "--locale", "fr")
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{DECK_ID}-fr.pptx does not exist; build it first with 'deck build --locale fr'" in result.stderr


# ---------------------------------------------------------------- python-pptx edits

def test_too_narrow_box_is_reported(reports):
    found = kinds_on(reports["edited"], ROLES_SLIDE)
    assert {"broken-word", "overflow"} & set(found), reports["edited"].problems


def test_too_narrow_box_is_named(reports):
    shapes = {p.shape for p in reports["edited"].problems if p.slide == ROLES_SLIDE}
    assert "Column 3" in shapes, shapes


def test_shape_moved_off_the_slide_is_reported(reports):
    off = [p for p in reports["edited"].problems if p.kind == "off-slide"]
    assert [(p.slide, p.shape) for p in off] == [(2, "Title 1")]
    assert reports["edited"].pages == 17


def test_check_decks_with_the_same_file_name(english_deck, broken):
    need_soffice()
    deck = broken[2]
    assert deck.name == english_deck.name
    good, bad = check_decks([english_deck, deck], with_images=False)
    assert good.problems == []
    assert bad.problems


# ---------------------------------------------------------------- the build's own fit check

def test_build_fails_on_overflow_naming_locale_slide_shape_and_text(tmp_path):
    content = long_text_copy(tmp_path)
    out = tmp_path / "out"
    with pytest.raises(ContentError) as caught:
        build_deck(out, content_dir=content)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 2, problems
    by_shape = {}
    for text in problems:
        assert ROLES in text.replace("\\", "/")
        match = re.search(r"\[en\] slide (\d+) 'iso-roles', shape '([^']+)': text does not fit even at [\d.]+ pt: "
                          r"\"([^\"]+)\"", text)
        assert match, text
        assert match[1] == str(ROLES_SLIDE)
        by_shape[match[2]] = match[3]
    assert set(by_shape) == {"title", "Column 2"}
    assert by_shape["title"].startswith("Roles in the ISO system Roles in the ISO system")
    assert by_shape["Column 2"].startswith("Write the standards carefully Write the standards")
    assert all(len(text) <= 80 and text.endswith("...") for text in by_shape.values())
    assert "--allow-overflow" in str(caught.value)
    assert not out.exists() or not list(out.glob("*.pptx"))       # nothing written

    result = build_deck(out, content_dir=content, allow_overflow=True)
    warnings = [str(w) for w in result.warnings]
    assert sum("text does not fit" in w for w in warnings) == 2
    assert any("[en] slide 4 'iso-roles', shape 'Column 2'" in w for w in warnings)
    assert result.outputs == [out / f"{DECK_ID}-en.pptx"] and result.outputs[0].is_file()
