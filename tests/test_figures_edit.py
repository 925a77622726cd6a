"""``deck figures``: the table with sources and usage, ``--stale``, and ``figures set`` editing in place."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from generator.build import build
from generator.options import BuildOptions

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
ENTRY_KEYS = {"value", "expr", "unit", "as_of", "source"}


def figure_entries(node=None, prefix="") -> dict:
    """Every figure of figures.yaml, read independently of the generator: key -> entry."""
    if node is None:
        node = yaml.safe_load((CONTENT / "figures.yaml").read_text(encoding="utf-8"))
    found = {}
    for name, child in node.items():
        if name == "rules" and not prefix:
            continue
        if isinstance(child, dict) and ENTRY_KEYS & set(child):
            found[prefix + name] = child
        elif isinstance(child, dict):
            found.update(figure_entries(child, f"{prefix}{name}."))
    return found


def expected_usage() -> dict[str, set[str]]:
    """key -> ids of the listed slides whose YAML mentions it in an expression or a chart point."""
    listed = yaml.safe_load((CONTENT / "deck.yaml").read_text(encoding="utf-8"))["slides"]
    usage: dict[str, set[str]] = {}
    for path in (CONTENT / "slides").glob("*.yaml"):
        slide_id = re.sub(r"^\d+-", "", path.stem)
        if slide_id not in listed:
            continue
        text = path.read_text(encoding="utf-8")
        for key in re.findall(r"\{\{\s*([a-z_]+(?:\.[a-z_]+)+)", text) + re.findall(r"figure:\s*([a-z_.]+)", text):
            usage.setdefault(key, set()).add(slide_id)
    return usage


def table_rows(output: str) -> dict[str, str]:
    return {line.split()[0]: line for line in output.splitlines()[2:] if line.strip()}


def assert_clean_failure(result):
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert isinstance(result.exception, SystemExit)


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def comment_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip().startswith("#")]


def deck_texts(path: Path) -> dict[int, str]:
    """slide number -> every text of the slide: shapes, table cells, chart values, notes."""
    texts = {}
    for number, slide in enumerate(Presentation(str(path)).slides, 1):
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
            if getattr(shape, "has_chart", False) and shape.has_chart:
                parts.extend(f"{value:g}" for plot in shape.chart.plots for series in plot.series
                             for value in series.values if value is not None)
        if slide.has_notes_slide:
            parts.append("notes: " + slide.notes_slide.notes_text_frame.text)
        texts[number] = "\n".join(parts)
    return texts


# ---------------------------------------------------------------- listing

def test_table_lists_every_figure_with_source_date_and_slides(run_deck):
    result = run_deck("figures")
    assert result.exit_code == 0, result.stderr
    header = result.stdout.splitlines()[0].split()
    assert header == ["key", "value", "qualifier", "as", "of", "source", "used", "on"]
    rows = table_rows(result.stdout)
    entries = figure_entries()
    usage = expected_usage()
    assert set(rows) == set(entries)
    for key, entry in entries.items():
        row = rows[key]
        assert str(entry["as_of"]) in row, key
        assert entry["source"] in row, key
        used = row.split(entry["source"], 1)[1].strip()
        expected = usage.get(key, set())
        assert (set(used.split(", ")) if used != "(unused)" else set()) == expected, key
    assert set(rows["iec.ca_systems"].split("conformity-assessment", 1)[1].strip().split(", ")) == {
        "iec-ca-systems", "iec-figures"}
    # the value column: plain values, derived ones with their expression, a missing one said so
    assert re.match(r"iec\.technical_committees\s+204\s", rows["iec.technical_committees"])
    assert re.match(r"iec\.family\s+171 = iec\.members \+ iec\.affiliates\s", rows["iec.family"])
    assert "(no value)" in rows["iec.system_committees"]
    assert re.search(r"\bmore than\b", rows["iso.standards"])


def test_stale_lists_old_figures_only(run_deck):
    every = run_deck("figures", "--stale", "12")
    assert every.exit_code == 0, every.stderr
    count = len(figure_entries())
    assert every.stdout.splitlines()[0] == f"{count} figures older than 12 months:"
    assert set(table_rows("\n".join(every.stdout.splitlines()[1:]))) == set(figure_entries())
    none = run_deck("figures", "--stale", "1200")
    assert none.exit_code == 0, none.stderr
    assert none.stdout.strip() == "no figure is older than 1200 months"


def test_stale_counts_from_each_figures_own_date(run_deck, content_copy, replace_text):
    replace_text(content_copy / "figures.yaml", "    source: https://www.iso.org/about-us.html\n    as_of: 2017-06-01",
                 "    source: https://www.iso.org/about-us.html\n    as_of: 2999-01-01")
    result = run_deck("figures", "--content", content_copy, "--stale", "12")
    assert result.exit_code == 0, result.stderr
    keys = set(table_rows("\n".join(result.stdout.splitlines()[1:])))
    assert "iso.members" not in keys
    assert keys == set(figure_entries()) - {"iso.members"}


def test_stale_rejects_a_negative_age(run_deck):
    result = run_deck("figures", "--stale", "-1")
    assert result.exit_code == 64              # a usage error, not an internal one
    assert "Traceback" not in result.stdout + result.stderr


# ---------------------------------------------------------------- set

def test_set_changes_value_and_date_only_and_the_deck_follows(run_deck, content_copy, tmp_path):
    path = content_copy / "figures.yaml"
    before = path.read_text(encoding="utf-8")
    result = run_deck("figures", "--content", content_copy, "set", "iec.technical_committees", "210",
                      "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["iec.technical_committees: 204 -> 210", "figures.yaml is valid"]
    after = path.read_text(encoding="utf-8")
    assert sorted(changed_lines(before, after)) == sorted(
        ["-    value: 204", "+    value: 210", "-    as_of: 2017-06-01", "+    as_of: 2026-11-01"])
    # the two lines are those of this figure, not of another with the same date
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new)
    start = old.index("  technical_committees:", old.index("iec:"))
    end = old.index("  system_committees:", start)
    changed = [index for index, (a, b) in enumerate(zip(old, new)) if a != b]
    assert len(changed) == 2 and all(start < index < end for index in changed), changed
    assert comment_lines(after) == comment_lines(before)
    assert yaml.safe_load(after)["iec"]["technical_committees"]["value"] == 210

    deck = build(BuildOptions(content_copy, tmp_path / "out", ["en"], project_dir=ROOT)).outputs[0]
    texts = deck_texts(deck)
    figures_slide = texts[9]
    assert "Number of Technical Committees" in figures_slide
    assert re.search(r"^210$", figures_slide, re.M), figures_slide
    assert "210 technical committees" in figures_slide
    for number, text in texts.items():
        assert "204" not in text, (number, text)


def test_set_a_figure_without_value_adds_the_value_first(run_deck, content_copy):
    path = content_copy / "figures.yaml"
    before = path.read_text(encoding="utf-8")
    result = run_deck("figures", "--content", content_copy, "set", "iec.system_committees", "1_200",
                      "--as-of", "2026-11-01", "--source", "https://www.iec.ch/system-committees/list")
    assert result.exit_code == 0, result.stderr
    assert "iec.system_committees: (no value) -> 1_200" in result.stdout
    after = path.read_text(encoding="utf-8")
    entry = yaml.safe_load(after)["iec"]["system_committees"]
    assert list(entry)[0] == "value" and entry["value"] == 1200
    assert entry["source"] == "https://www.iec.ch/system-committees/list"
    assert comment_lines(after) == comment_lines(before)
    assert len(changed_lines(before, after)) == 5      # +value, -/+ source, -/+ as_of


@pytest.mark.parametrize("as_of", [["--as-of", "2026-11-30"], []])
def test_set_two_figures_in_one_call_writes_a_plain_date_on_each(run_deck, content_copy, as_of):
    path = content_copy / "figures.yaml"
    result = run_deck("figures", "--content", content_copy, "set", "iso.members", "170",
                      "casco.members.full", "128", *as_of)
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert "&" not in text and "*" not in text, "the shared date was written as an anchor and alias"
    data = yaml.safe_load(text)
    assert data["iso"]["members"]["value"] == 170 and data["casco"]["members"]["full"]["value"] == 128
    assert data["iso"]["members"]["as_of"] == data["casco"]["members"]["full"]["as_of"]
    assert run_deck("validate", "--content", content_copy).exit_code == 0


@pytest.mark.parametrize("args, message", [
    (["iec.family", "200"], "figure 'iec.family' is derived (iec.members + iec.affiliates)"),
    (["casco.members.national", "162"], "is derived"),
    (["iec.technical_comittees", "210"], "no figure 'iec.technical_comittees' (did you mean 'iec.technical_committees'?)"),
    (["iso.member", "163"], "did you mean 'iso.members'?"),
    (["iec", "5"], "'iec' is a group of figures, not a figure"),
    (["rules", "5"], "no figure 'rules'"),
    (["iec.technical_committees", "abc"], "'abc' is not a number"),
    (["iec.technical_committees", "12abc"], "'12abc' is not a number"),
    (["iec.technical_committees", "nan"], "'nan' is not a finite number"),
    (["iec.technical_committees", "inf"], "'inf' is not a finite number"),
])
def test_set_refuses_with_a_message_and_leaves_the_file(run_deck, content_copy, args, message):
    path = content_copy / "figures.yaml"
    before = path.read_bytes()
    result = run_deck("figures", "--content", content_copy, "set", *args)
    assert_clean_failure(result)
    assert message in result.stderr, result.stderr
    assert path.read_bytes() == before


def test_set_that_breaks_a_rule_names_the_rule_and_both_values(run_deck, content_copy):
    result = run_deck("figures", "--content", content_copy, "set", "casco.members.full", "121")
    assert_clean_failure(result)
    assert "rule 'CASCO national members equal ISO members' does not hold" in result.stderr
    assert "casco.members.national = 163" in result.stderr
    assert "iso.members = 162" in result.stderr


@pytest.mark.parametrize("args", [["casco.members.full", "121"], ["iso.members", "1e400"], ["iso.members", "3.5"]])
def test_failed_set_leaves_figures_yaml_unchanged(run_deck, content_copy, args):
    path = content_copy / "figures.yaml"
    before = path.read_bytes()
    result = run_deck("figures", "--content", content_copy, "set", *args)
    assert_clean_failure(result)
    assert path.read_bytes() == before
    assert run_deck("validate", "--content", content_copy).exit_code == 0


# ---------------------------------------------------------------- exact values

@pytest.mark.parametrize("text", ["1e-999", "123456789012345678901234567890.5", "1" * 5000, "nan", "-inf",
                                  "1e15"])
def test_parse_value_refuses_what_figures_yaml_cannot_hold_exactly(text):
    from generator.errors import DeckError
    from generator.figures_edit import parse_value

    with pytest.raises(DeckError) as caught:
        parse_value(text)
    assert "Exceeds the limit" not in str(caught.value)


@pytest.mark.parametrize("text", ["22000", "3.5", "0.00001", "123456789012345", "12345678901234.5", "1e-300"])
def test_parse_value_gives_a_number_a_float_writes_back_exactly(text):
    from decimal import Decimal

    from generator.figures_edit import parse_value

    value = parse_value(text)
    assert Decimal(repr(float(value))) == Decimal(text)
