"""``deck diff OLD NEW``: text, table, chart and notes changes between two built decks, slide by slide."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.build import build
from generator.options import BuildOptions
from generator.diff import diff_decks

ROOT = Path(__file__).resolve().parents[1]
DECK = "iso-iec-casco-intro-en.pptx"


def build_variant(tmp_path_factory, name: str, edits: list[tuple[str, str]]) -> Path:
    """The English deck built from a copy of content/ whose figures.yaml had ``edits`` applied."""
    base = tmp_path_factory.mktemp(name)
    content = base / "content"
    shutil.copytree(ROOT / "content", content, symlinks=True)
    figures = content / "figures.yaml"
    text = figures.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} is not once in figures.yaml; the fixture content changed"
        text = text.replace(old, new)
    figures.write_text(text, encoding="utf-8")
    return build(BuildOptions(content, base / "out", ["en"], project_dir=ROOT)).outputs[0]


@pytest.fixture(scope="module")
def old_deck(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("old")
    return build(BuildOptions(ROOT / "content", out, ["en"], project_dir=ROOT)).outputs[0]


@pytest.fixture(scope="module")
def tc_deck(tmp_path_factory) -> Path:
    """iec.technical_committees 204 -> 210: a figure shown on slide 9 only (tile and notes)."""
    return build_variant(tmp_path_factory, "tc", [("    value: 204\n", "    value: 210\n")])


@pytest.fixture(scope="module")
def members_deck(tmp_path_factory) -> Path:
    """casco.members.full 120 -> 121 and iso.members 162 -> 163, so the rule still holds."""
    return build_variant(tmp_path_factory, "members", [("      value: 120\n", "      value: 121\n"),
                                                       ("    value: 162\n", "    value: 163\n")])


def assert_clean_failure(result):
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert isinstance(result.exception, SystemExit)


def sections(lines: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if not line.startswith("  "):
            current = line
            found[current] = []
        else:
            assert current is not None, line
            found[current].append(line)
    return found


def test_identical_decks_have_no_differences(run_deck, old_deck, tmp_path):
    same = tmp_path / "same.pptx"
    shutil.copyfile(old_deck, same)
    assert diff_decks(old_deck, same) == []
    result = run_deck("diff", "--exit-code", old_deck, same)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "no differences" in result.stderr


def test_figure_change_shows_on_its_slide_only(run_deck, old_deck, tc_deck):
    result = run_deck("diff", old_deck, tc_deck)
    assert result.exit_code == 0, result.stderr       # without --exit-code a difference is not a failure
    lines = result.stdout.splitlines()
    found = sections(lines)
    assert list(found) == ["slide 9: IEC in figures"]
    body = found["slide 9: IEC in figures"]
    removed = [line for line in body if line.startswith("  - ")]
    added = [line for line in body if line.startswith("  + ")]
    assert len(removed) == len(added) == 2
    assert re.fullmatch(r"  - text \[[^\]]+\] 204", removed[0]), removed
    assert re.fullmatch(r"  \+ text \[[^\]]+\] 210", added[0]), added
    assert removed[0].split("]")[0] == added[0].split("]")[0].replace("+", "-")       # the same tile
    assert removed[1].startswith("  - notes ") and "204 technical committees" in removed[1]
    assert added[1].startswith("  + notes ") and "210 technical committees" in added[1]
    assert removed[1].replace("204", "210")[4:] == added[1][4:]
    assert "204" not in "\n".join(added) and "210" not in "\n".join(removed)


def test_exit_code_when_decks_differ(run_deck, old_deck, tc_deck):
    result = run_deck("diff", "--exit-code", old_deck, tc_deck)
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith("slide 9: IEC in figures\n")


def test_chart_table_and_text_changes(old_deck, members_deck):
    lines = diff_decks(old_deck, members_deck)
    found = sections(lines)
    assert list(found) == ["slide 2: Introduction to ISO", "slide 13: ISO CASCO members"]
    intro = found["slide 2: Introduction to ISO"]
    assert any(line.startswith("  - text [") and line.endswith("– 162 member countries") for line in intro)
    assert any(line.startswith("  + text [") and line.endswith("– 163 member countries") for line in intro)
    casco = found["slide 13: ISO CASCO members"]
    assert any(re.fullmatch(r"  - chart \[[^\]]+\] CASCO members / Full members: 120", line) for line in casco)
    assert any(re.fullmatch(r"  \+ chart \[[^\]]+\] CASCO members / Full members: 121", line) for line in casco)
    # unchanged points of the chart are not listed
    assert not any("Correspondent members" in line or "Subscriber members" in line for line in casco)
    assert any(re.fullmatch(r"  \+ table \[[^\]]+\] row 1: full members \| 121", line) for line in casco)
    assert any(re.fullmatch(r"  - table \[[^\]]+\] row 1: full members \| 120", line) for line in casco)
    assert any(re.fullmatch(r"  \+ table \[[^\]]+\] row 4: national members \| 163", line) for line in casco)
    assert not any("row 2" in line or "row 3" in line for line in casco)
    assert any(line.startswith("  + notes ") and "163 national members" in line and "121 are full members" in line
               for line in casco)


def test_diff_is_directional(old_deck, tc_deck):
    forward, backward = diff_decks(old_deck, tc_deck), diff_decks(tc_deck, old_deck)
    assert forward[0] == backward[0]
    assert sorted(line.replace("  + ", "  ± ").replace("  - ", "  ± ") for line in forward) == \
        sorted(line.replace("  + ", "  ± ").replace("  - ", "  ± ") for line in backward)
    assert [line for line in forward if line.startswith("  + ")] == \
        [line.replace("  - ", "  + ", 1) for line in backward if line.startswith("  - ")]


@pytest.mark.parametrize("name, content", [("figures.yaml", None), ("notes.txt", b"just text\n"),
                                           ("empty.pptx", b""), ("fake.pptx", b"PK\x03\x04 not really a zip")])
def test_non_pptx_argument_fails_cleanly(run_deck, old_deck, tmp_path, name, content):
    if content is None:
        bad = ROOT / "content" / "figures.yaml"
    else:
        bad = tmp_path / name
        bad.write_bytes(content)
    for args in ((bad, old_deck), (old_deck, bad)):
        result = run_deck("diff", *args)
        assert_clean_failure(result)
        assert f"{bad.name}: cannot open as a .pptx" in result.stderr
        assert result.stdout == ""


def test_missing_deck_fails_cleanly(run_deck, old_deck, tmp_path):
    result = run_deck("diff", old_deck, tmp_path / "nowhere.pptx")
    assert_clean_failure(result)
    assert "nowhere.pptx" in result.stderr


def zip_bomb(path: Path, source: Path) -> Path:
    """A copy of ``source`` holding one more entry of 65 MiB of zeros (about 65 KB compressed)."""
    import zipfile

    shutil.copy(source, path)
    info = zipfile.ZipInfo("ppt/media/bomb.bin")
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "a") as archive, archive.open(info, "w") as out:
        for _ in range(65):
            out.write(bytes(1024 * 1024))
    return path


def test_a_zip_bomb_fails_cleanly_naming_the_entry_and_limit(run_deck, old_deck, tmp_path):
    bomb = zip_bomb(tmp_path / "bomb.pptx", old_deck)
    result = run_deck("diff", old_deck, bomb)
    assert_clean_failure(result)
    assert "bomb.pptx: cannot open as a .pptx: entry 'ppt/media/bomb.bin' is 65.0 MiB uncompressed, over the " \
           "limit of 64.0 MiB per entry" in result.stderr
