"""``deck check --render`` without LibreOffice: which decks it checks and what it prints for their reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from generator.check import run
from generator.check.render_check import DeckReport, RenderProblem
from generator.errors import DeckError

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
DECK_ID = "iso-iec-casco-intro"


@pytest.fixture
def out(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(ROOT)
    folder = tmp_path / "build"
    folder.mkdir()
    return folder


def built(out: Path, *tags: str) -> dict[str, Path]:
    paths = {tag: out / f"{DECK_ID}-{tag}.pptx" for tag in tags}
    for path in paths.values():
        path.write_bytes(b"a deck")
    return paths


def test_by_default_every_built_locale_and_the_pseudo_locale_in_deck_order(out):
    decks = built(out, "qps-ploc", "ar", "en", "fr")
    found = run.decks_to_check(CONTENT, out, [])
    assert list(found) == ["en", "fr", "ar", "qps-ploc"]
    assert found == {tag: decks[tag] for tag in found}


def test_requested_locales_only_and_each_must_be_built(out):
    built(out, "en", "fr", "ar")
    assert list(run.decks_to_check(CONTENT, out, ["ar", "fr"])) == ["ar", "fr"]
    with pytest.raises(DeckError, match=rf"{DECK_ID}-ru\.pptx does not exist; build it first with "
                                        r"'deck build --locale ru'"):
        run.decks_to_check(CONTENT, out, ["fr", "ru"])


def test_no_built_deck_says_to_build_first(out):
    (out / "other-deck-en.pptx").write_bytes(b"not ours")
    with pytest.raises(DeckError, match=r"no built deck in .*build; run 'deck build' first"):
        run.decks_to_check(CONTENT, out, [])


def report(deck: Path, problems: list[RenderProblem], pages: int = 3) -> DeckReport:
    return DeckReport(deck, pages=pages, lines=12, problems=problems,
                      images=[Image.new("RGB", (96, 54), "white") for _ in range(pages)])


@pytest.fixture
def printed(out, monkeypatch):
    """``printed(problems_by_locale)``: run the check over fake reports; (returned total, printed lines, decks)."""

    def check(problems_by_locale: dict[str, list[RenderProblem]]):
        decks = built(out, *problems_by_locale)
        asked = []

        def fake_check_decks(paths):
            asked.extend(paths)
            return [report(path, problems_by_locale[tag]) for tag, path in decks.items()]

        monkeypatch.setattr(run, "check_decks", fake_check_decks)
        lines: list[str] = []
        total = run.run_render_check(CONTENT, out, list(problems_by_locale), lambda text: lines.extend(
            text.splitlines()))
        assert asked == list(decks.values())
        return total, lines

    return check


def test_a_table_per_locale_with_problems_and_a_total(printed, out):
    overflow = RenderProblem(2, "Title 1", "overflow", "text leaves its box by 3.0 pt: \"Roles\"")
    off = RenderProblem(3, "Picture 4", "off-slide", "the shape extends past the slide edge")
    total, lines = printed({"en": [], "fr": [overflow, off]})
    assert total == 2
    sheet_en = out / "check" / f"{DECK_ID}-en-contact.png"
    sheet_fr = out / "check" / f"{DECK_ID}-fr-contact.png"
    assert f"en: 3 pages, 12 text lines checked, 0 problems; contact sheet {sheet_en}" in lines
    assert f"fr: 3 pages, 12 text lines checked, 2 problems; contact sheet {sheet_fr}" in lines
    header = lines.index(next(line for line in lines if line.startswith("slide")))
    assert lines[header].split() == ["slide", "shape", "problem", "detail"]
    assert re.fullmatch(r"-+( +-+){3}", lines[header + 1])
    assert re.fullmatch(r"2 +Title 1 +overflow +text leaves its box by 3\.0 pt: \"Roles\"", lines[header + 2])
    assert re.fullmatch(r"3 +Picture 4 +off-slide +the shape extends past the slide edge", lines[header + 3])
    assert sum(line.startswith("slide") for line in lines) == 1           # no table for a clean deck
    assert lines[-1] == "2 problems in 2 decks"
    assert sheet_en.is_file() and sheet_fr.is_file()


def test_one_problem_one_deck_is_said_in_the_singular(printed):
    total, lines = printed({"ar": [RenderProblem(1, "Footer", "missing-glyph", "no glyph for U+0628 ب")]})
    assert total == 1
    assert any(line.startswith("ar: 3 pages, 12 text lines checked, 1 problem; contact sheet ") for line in lines)
    assert lines[-1] == "1 problem in 1 deck"


def test_the_contact_sheet_frames_the_slides_with_problems(printed, out):
    from generator.output.previews import SHEET_GAP

    printed({"en": [RenderProblem(2, "Title 1", "overflow", "x")]})
    with Image.open(out / "check" / f"{DECK_ID}-en-contact.png") as sheet:
        second_left = SHEET_GAP + 480 + SHEET_GAP
        assert sheet.getpixel((second_left - 2, SHEET_GAP + 10)) == (220, 30, 30)
        assert sheet.getpixel((SHEET_GAP - 2, SHEET_GAP + 10)) != (220, 30, 30)
