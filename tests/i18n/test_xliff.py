"""XLIFF for CAT tools through the CLI: export with msgctxt ids, import back into the catalog."""

from __future__ import annotations

import os

import pytest
from lxml import etree

from .conftest import CHANGED, assert_clean_failure, entries, export_fr

XLIFF_NS = {"x": "urn:oasis:names:tc:xliff:document:1.1"}


def unit(tree, context):
    found = tree.xpath(f'//x:trans-unit[@id="{context}"]', namespaces=XLIFF_NS)
    assert len(found) == 1, context
    return found[0]


def test_xliff_round_trip(run_deck, content_copy, po, tmp_path):
    before = entries(po("fr"))
    xlf = export_fr(run_deck, content_copy, tmp_path)
    tree = etree.parse(str(xlf))
    units = tree.xpath("//x:trans-unit", namespaces=XLIFF_NS)
    assert [u.get("id") for u in units] == list(before)
    assert all(u.get("resname") == u.get("id") for u in units)
    assert tree.getroot().xpath("//x:file/@target-language", namespaces=XLIFF_NS) == ["fr"]
    notes = unit(tree, "iso-introduction:items.0").xpath("x:note/text()", namespaces=XLIFF_NS)
    assert "{{ iso.members }} is currently 162 countries" in notes

    # an approved unit with a new target: taken as a final translation
    title = unit(tree, "iso-introduction:title")
    assert title.get("approved") == "yes"
    title.find("x:target", XLIFF_NS).text = "Présentation de l’Organisation internationale de normalisation"
    # an unapproved unit with a new target: taken, but fuzzy
    lead = unit(tree, "iso-introduction:items.3")
    lead.set("approved", "no")
    lead.find("x:target", XLIFF_NS).text = "Coordonné depuis Genève"
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")

    result = run_deck("i18n", "--content", content_copy, "import", "--locale", "fr", xlf)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("2 translations taken from")
    after = entries(po("fr"))
    assert after["iso-introduction:title"] == ("Introduction to ISO",
                                               "Présentation de l’Organisation internationale de normalisation",
                                               False)
    assert after["iso-introduction:items.3"][1:3] == ("Coordonné depuis Genève", True)
    assert {ctx for ctx in after if after[ctx] != before[ctx]} == {"iso-introduction:title", "iso-introduction:items.3"}


def test_xliff_import_of_an_unchanged_export_changes_nothing(run_deck, content_copy, po, tmp_path):
    before = po("fr").read_bytes()
    xlf = export_fr(run_deck, content_copy, tmp_path)
    os.utime(po("fr"), ns=(1_000_000_000, 1_000_000_000))
    result = run_deck("i18n", "--content", content_copy, "import", "--locale", "fr", xlf)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("0 translations taken")
    assert po("fr").read_bytes() == before
    assert po("fr").stat().st_mtime_ns == 1_000_000_000


def test_approving_a_fuzzy_unit_clears_fuzzy_and_previous(run_deck, content_copy, po, replace_text, tmp_path):
    replace_text(content_copy / "slides/03-iso-roles.yaml", "      - Write the standards\n",
                 "      - Write the International Standards\n")
    assert run_deck("i18n", "--content", content_copy, "update", "--locale", "fr").exit_code == 0
    xlf = export_fr(run_deck, content_copy, tmp_path)
    tree = etree.parse(str(xlf))
    changed = unit(tree, CHANGED)
    assert changed.get("approved") != "yes"
    changed.set("approved", "yes")
    target = changed.find("x:target", XLIFF_NS)
    target.text = "Rédigent les Normes internationales"
    target.set("state", "translated")
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    assert run_deck("i18n", "--content", content_copy, "import", "--locale", "fr", xlf).exit_code == 0
    assert entries(po("fr"))[CHANGED] == ("Write the International Standards", "Rédigent les Normes internationales",
                                         False)
    assert "#| msgid" not in po("fr").read_text(encoding="utf-8")


@pytest.mark.parametrize("content", [b"this is not XML\n", b"", b"<?xml version='1.0'?><html><body/></html>"])
def test_import_of_a_non_xliff_file_fails_cleanly(run_deck, content_copy, po, tmp_path, content):
    before = po("fr").read_bytes()
    bad = tmp_path / "bad.xlf"
    bad.write_bytes(content)
    result = run_deck("i18n", "--content", content_copy, "import", "--locale", "fr", bad)
    assert_clean_failure(result)
    assert "bad.xlf: not a valid XLIFF file" in result.stderr
    assert "internal error" not in result.stderr
    assert po("fr").read_bytes() == before


def test_import_of_a_missing_file_fails_cleanly(run_deck, content_copy, tmp_path):
    result = run_deck("i18n", "--content", content_copy, "import", "--locale", "fr", tmp_path / "nowhere.xlf")
    assert_clean_failure(result)
    assert "nowhere.xlf: cannot read" in result.stderr


def test_import_refuses_an_xliff_of_another_language(run_deck, content_copy, po, tmp_path):
    before = po("es").read_bytes()
    xlf = export_fr(run_deck, content_copy, tmp_path)
    result = run_deck("i18n", "--content", content_copy, "import", "--locale", "es", xlf)
    assert po("es").read_bytes() == before
    assert_clean_failure(result)


def test_export_and_import_need_the_locales_catalog(content_copy, tmp_path):
    from generator.errors import DeckError
    from generator.i18n.xliff import export_xliff, import_xliff

    for call in (lambda: export_xliff(content_copy, "it", tmp_path / "it.xlf"),
                 lambda: import_xliff(content_copy, "it", tmp_path / "it.xlf")):
        with pytest.raises(DeckError, match=r"it\.po: no catalog for 'it'; run 'deck i18n update' first"):
            call()
    assert not (tmp_path / "it.xlf").exists()


def test_import_skips_units_whose_english_changed_since_the_export(content_copy, po, tmp_path):
    """A translation made for the old English must not land on the new English unseen."""
    from generator.i18n.xliff import export_xliff, import_xliff

    xlf = tmp_path / "fr.xlf"
    count = export_xliff(content_copy, "fr", xlf)
    assert count == len(entries(po("fr")))
    tree = etree.parse(str(xlf))
    title = unit(tree, "iso-introduction:title")
    title.find("x:source", XLIFF_NS).text = "Introduction to the ISO"
    title.find("x:target", XLIFF_NS).text = "Présentation de l’ISO, revue"
    emptied = unit(tree, "iso-introduction:items.3")
    emptied.find("x:target", XLIFF_NS).text = ""
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    before = entries(po("fr"))
    assert import_xliff(content_copy, "fr", xlf) == 0
    assert entries(po("fr")) == before
