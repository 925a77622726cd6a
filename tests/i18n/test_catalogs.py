"""The translator cycle through the CLI: update (fuzzy with previous msgid), stats, check."""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest
import yaml

from .conftest import CHANGED, assert_clean_failure, entries, export_fr, load_po, previous_msgids

ROOT = Path(__file__).resolve().parents[2]
LOCALES = yaml.safe_load((ROOT / "content" / "deck.yaml").read_text(encoding="utf-8"))["locales"]


def stats_rows(output: str) -> dict:
    rows = {}
    for line in output.splitlines()[2:]:
        locale, total, translated, fuzzy, untranslated, done = line.split()
        rows[locale] = (int(total), int(translated), int(fuzzy), int(untranslated), done)
    return rows


# ---------------------------------------------------------------- update

def test_update_keeps_every_translation_and_is_idempotent(run_deck, content_copy, po):
    before = {tag: entries(po(tag)) for tag in LOCALES}
    result = run_deck("i18n", "--content", content_copy, "update")
    assert result.exit_code == 0, result.stderr
    for tag in LOCALES:
        assert entries(po(tag)) == before[tag]
        assert not any(fuzzy for _, _, fuzzy in before[tag].values())
    first = {tag: po(tag).read_bytes() for tag in LOCALES}
    assert run_deck("i18n", "--content", content_copy, "update").exit_code == 0
    assert {tag: po(tag).read_bytes() for tag in LOCALES} == first


def test_committed_catalogs_are_up_to_date_and_update_writes_nothing(run_deck, content_copy, po):
    files = [po(tag) for tag in LOCALES] + [content_copy / "locales" / "deck.pot"]
    for path in files:
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    result = run_deck("i18n", "--content", content_copy, "update")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [f"{po(tag)}: unchanged" for tag in LOCALES]
    result = run_deck("i18n", "--content", content_copy, "extract")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.rstrip().endswith(", unchanged")
    assert [path.stat().st_mtime_ns for path in files] == [1_000_000_000] * len(files)
    assert [path.read_bytes() for path in files] == [(ROOT / "content/locales" / path.name).read_bytes()
                                                    for path in files]


def test_update_keeps_the_translators_plural_rule_and_a_new_catalog_takes_cldrs(run_deck, content_copy, po):
    from babel.messages.plurals import get_plural

    text = po("fr").read_text(encoding="utf-8")
    header = re.search(r'^"Plural-Forms: [^"]*"$', text, re.M)
    assert header, "fr.po has no Plural-Forms header"
    po("fr").write_text(text.replace(header[0], '"Plural-Forms: nplurals=1; plural=0;\\n"'), encoding="utf-8")
    po("es").unlink()
    assert run_deck("i18n", "--content", content_copy, "update").exit_code == 0
    assert load_po(po("fr")).plural_forms == "nplurals=1; plural=0;"
    assert load_po(po("es")).plural_forms == get_plural("es").plural_forms


def test_catalogs_carry_no_tool_version(run_deck, content_copy, po, replace_text):
    replace_text(content_copy / "slides/03-iso-roles.yaml", "      - Write the standards\n",
                 "      - Write the International Standards\n")
    assert run_deck("i18n", "--content", content_copy, "update").exit_code == 0
    for path in [po(tag) for tag in LOCALES] + [content_copy / "locales" / "deck.pot"]:
        header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        assert "Generated-By" not in header and "Babel" not in header, path.name


def test_changed_bullet_becomes_fuzzy_with_previous_msgid(run_deck, content_copy, po, replace_text):
    before_text = {tag: po(tag).read_text(encoding="utf-8") for tag in LOCALES}
    before = {tag: entries(po(tag)) for tag in LOCALES}
    replace_text(content_copy / "slides/03-iso-roles.yaml", "      - Write the standards\n",
                 "      - Write the International Standards\n")
    assert run_deck("i18n", "--content", content_copy, "update").exit_code == 0
    for tag in LOCALES:
        after = entries(po(tag))
        assert set(after) == set(before[tag])
        changed = {ctx for ctx in after if after[ctx] != before[tag][ctx]}
        assert changed == {CHANGED}, tag
        msgid, msgstr, fuzzy = after[CHANGED]
        assert msgid == "Write the International Standards"
        assert msgstr == before[tag][CHANGED][1]            # the old translation is kept for review
        assert fuzzy
        assert previous_msgids(po(tag)) == {CHANGED: "Write the standards"}
        # the same English in another field is untouched
        assert after["iso-system:nodes.1.text"] == before[tag]["iso-system:nodes.1.text"]
        text = po(tag).read_text(encoding="utf-8")
        assert re.search(r'#, fuzzy\n#\| msgid "Write the standards"\nmsgctxt "iso-roles:columns\.1\.items\.0"\n'
                         r'msgid "Write the International Standards"\n', text)
        diff = [line for line in difflib.unified_diff(before_text[tag].splitlines(), text.splitlines(),
                                                      lineterm="", n=0)
                if line[:1] in "+-" and not line.startswith(("+++", "---"))]
        assert sorted(diff) == sorted(['+#, fuzzy', '+#| msgid "Write the standards"',
                                       '-msgid "Write the standards"', '+msgid "Write the International Standards"'])

    stats = run_deck("i18n", "--content", content_copy, "stats")
    assert stats.exit_code == 0, stats.stderr
    rows = stats_rows(stats.stdout)
    assert set(rows) == set(LOCALES)
    for tag, (total, translated, fuzzy, untranslated, done) in rows.items():
        assert (fuzzy, untranslated, translated) == (1, 0, total - 1), tag
        assert done == "99%"

    check = run_deck("i18n", "--content", content_copy, "check")
    assert_clean_failure(check)
    errors = [line for line in check.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(LOCALES)
    for tag in LOCALES:
        assert any(f"[{tag}] {CHANGED}: fuzzy" in line and f"{tag}.po:" in line for line in errors), tag
    assert f"{len(LOCALES)} problems found" in check.stderr


@pytest.mark.parametrize("then", ["update again", "change the English again", "import an XLIFF"])
def test_previous_msgid_survives_the_next_catalog_write(run_deck, content_copy, po, replace_text, tmp_path, then):
    roles = content_copy / "slides/03-iso-roles.yaml"
    replace_text(roles, "      - Write the standards\n", "      - Write the International Standards\n")
    assert run_deck("i18n", "--content", content_copy, "update", "--locale", "fr").exit_code == 0
    assert previous_msgids(po("fr")) == {CHANGED: "Write the standards"}
    if then == "update again":
        assert run_deck("i18n", "--content", content_copy, "update", "--locale", "fr").exit_code == 0
    elif then == "change the English again":
        replace_text(roles, "      - Write the International Standards\n", "      - Draft the International Standards\n")
        assert run_deck("i18n", "--content", content_copy, "update", "--locale", "fr").exit_code == 0
    else:
        xlf = export_fr(run_deck, content_copy, tmp_path)
        assert run_deck("i18n", "--content", content_copy, "import", "--locale", "fr", xlf).exit_code == 0
    assert entries(po("fr"))[CHANGED][2] is True
    # still the text the translator translated, not an intermediate English
    assert previous_msgids(po("fr")) == {CHANGED: "Write the standards"}


def test_real_catalogs_are_complete(run_deck):
    result = run_deck("i18n", "stats")
    assert result.exit_code == 0, result.stderr
    rows = stats_rows(result.stdout)
    assert list(rows) == LOCALES
    for tag, (total, translated, fuzzy, untranslated, done) in rows.items():
        assert total > 150
        assert (translated, fuzzy, untranslated, done) == (total, 0, 0, "100%"), tag
    check = run_deck("i18n", "check")
    assert check.exit_code == 0, check.stderr
    assert "all catalogs complete and consistent" in check.stdout


def test_new_english_string_is_untranslated(run_deck, content_copy, replace_text):
    replace_text(content_copy / "slides/01-iso-introduction.yaml", "  - Coordinated by a Central Secretariat in Geneva\n",
                 "  - Coordinated by a Central Secretariat in Geneva\n  - Open to every country\n")
    assert run_deck("i18n", "--content", content_copy, "update").exit_code == 0
    rows = stats_rows(run_deck("i18n", "--content", content_copy, "stats", "--locale", "fr").stdout)
    assert rows["fr"][2:4] == (0, 1)
    check = run_deck("i18n", "--content", content_copy, "check", "--locale", "fr")
    assert_clean_failure(check)
    assert "[fr] iso-introduction:items.4: not translated" in check.stderr


# ---------------------------------------------------------------- check: expressions and markup

def test_changed_expression_is_reported(run_deck, content_copy, po, replace_text):
    replace_text(po("fr"), "{{ iso.members | number }} pays membres", "{{ iso.members }} pays membres")
    result = run_deck("i18n", "--content", content_copy, "check", "--locale", "fr")
    assert_clean_failure(result)
    assert re.search(r"fr\.po:\d+: \[fr\] iso-introduction:items\.0: expressions differ: "
                     r"msgid has \['\{\{iso\.members\|number\}\}'\], msgstr has \['\{\{iso\.members\}\}'\]",
                     result.stderr), result.stderr
    assert "1 problem found" in result.stderr


def test_a_dropped_filter_in_a_translation_fails_the_build(run_deck, content_copy, po, replace_text, tmp_path,
                                                          keep_slides):
    """A msgstr that drops '| qualified' would show "22000" where the English shows "more than 22,000":
    'deck i18n check' reports it, and the build refuses it at its line in the catalog."""
    replace_text(po("fr"), "{{ iso.standards | qualified }} à ce jour", "{{ iso.standards }} à ce jour")
    assert_clean_failure(run_deck("i18n", "--content", content_copy, "check", "--locale", "fr"))
    keep_slides(content_copy, "cover", "iso-introduction")
    out = tmp_path / "out"
    result = run_deck("build", "--content", content_copy, "--locale", "fr", "--out", out)
    assert_clean_failure(result)
    assert re.search(r"locales/fr\.po:\d+: \[fr\] iso-introduction:items\.1: expressions differ", result.stderr)
    assert not (out / "iso-iec-casco-intro-fr.pptx").exists()


def test_unbalanced_braces_are_reported_and_fail_the_build(run_deck, content_copy, po, replace_text, tmp_path):
    replace_text(po("fr"), "{{ iso.members | number }} pays membres", "{{ iso.members | number pays membres")
    result = run_deck("i18n", "--content", content_copy, "check", "--locale", "fr")
    assert_clean_failure(result)
    assert "[fr] iso-introduction:items.0: unbalanced '{{' and '}}'" in result.stderr
    assert "[fr] iso-introduction:items.0: expressions differ" in result.stderr
    build = run_deck("build", "--content", content_copy, "--locale", "fr", "--out", tmp_path / "out")
    assert_clean_failure(build)
    assert re.search(r"fr\.po:\d+: \[fr\] iso-introduction:items\.0: template error", build.stderr), build.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pptx"))


def test_unmatched_parenthesis_is_reported(run_deck, content_copy, po, replace_text):
    replace_text(po("fr"), 'msgstr "Présentation de l’ISO"', 'msgstr "Présentation (de l’ISO"')
    result = run_deck("i18n", "--content", content_copy, "check", "--locale", "fr")
    assert_clean_failure(result)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1
    assert "[fr] iso-introduction:title: unbalanced '(' and ')'" in errors[0]


def _german_catalog(run_deck, content_copy, po, title: str) -> None:
    assert run_deck("i18n", "--content", content_copy, "init", "de-AT").exit_code == 0
    text = po("de-AT").read_text(encoding="utf-8")
    old = 'msgctxt "iso-introduction:title"\nmsgid "Introduction to ISO"\nmsgstr ""'
    assert old in text
    po("de-AT").write_text(text.replace(old, old[:-2] + f'"{title}"'), encoding="utf-8")


def test_check_follows_the_locales_cldr_quotation_marks(run_deck, content_copy, po):
    _german_catalog(run_deck, content_copy, po, "Einführung in die „ISO“")
    result = run_deck("i18n", "--content", content_copy, "check", "--locale", "de-AT")
    assert "iso-introduction:title" not in result.stderr       # „…“ is how German quotes
    po("de-AT").write_text(po("de-AT").read_text(encoding="utf-8").replace("„ISO“", "„ISO"), encoding="utf-8")
    result = run_deck("i18n", "--content", content_copy, "check", "--locale", "de-AT")
    assert "[de-AT] iso-introduction:title: unbalanced '„' and '“'" in result.stderr


def test_init_creates_a_catalog_with_cldrs_plural_rule_and_never_overwrites(run_deck, content_copy, po):
    from babel.messages.plurals import get_plural

    result = run_deck("i18n", "--content", content_copy, "init", "pt-PT")
    assert result.exit_code == 0, result.stderr
    assert "pt-PT.po: created" in result.stdout
    catalog = load_po(po("pt-PT"))
    assert catalog.plural_forms == get_plural("pt_PT").plural_forms
    assert len([m for m in catalog if m.id]) == len([m for m in load_po(content_copy / "locales/deck.pot") if m.id])
    again = run_deck("i18n", "--content", content_copy, "init", "pt-PT")
    assert_clean_failure(again)
    assert "pt-PT.po already exists" in again.stderr


@pytest.mark.parametrize("tag, message", [("German", "did you mean 'de'?"), ("de_DE", "did you mean 'de-DE'?")])
def test_init_refuses_a_tag_cldr_does_not_know(run_deck, content_copy, tag, message):
    result = run_deck("i18n", "--content", content_copy, "init", tag)
    assert_clean_failure(result)
    assert message in result.stderr
    assert not list((content_copy / "locales").glob(f"{tag}*"))
