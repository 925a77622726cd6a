"""A locale the repository does not ship builds from its catalog alone: no code changes."""

from __future__ import annotations

import re
import zipfile

from babel.messages.pofile import read_po, write_po
from pptx import Presentation

DECK_ID = "iso-iec-casco-intro"
ITALIAN = {
    "iso-introduction:title": "Introduzione all'ISO",
    "iso-introduction:items.1": "L'ISO sviluppa norme internazionali – {{ iso.standards | qualified }} finora",
}


def _translate(path, translations: dict[str, str]) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.context in translations:
            message.string = translations[message.context]
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0)


def test_a_new_catalog_and_one_line_in_deck_yaml_give_a_deck_in_that_language(run_deck, content_copy, keep_slides,
                                                                               tmp_path):
    keep_slides(content_copy, "cover", "iso-introduction")
    created = run_deck("i18n", "--content", content_copy, "init", "it")
    assert created.exit_code == 0, created.stderr
    _translate(content_copy / "locales" / "it.po", ITALIAN)
    deck_yaml = content_copy / "deck.yaml"
    text = deck_yaml.read_text(encoding="utf-8")
    deck_yaml.write_text(re.sub(r"^locales: \[", "locales: [it, ", text, count=1, flags=re.M), encoding="utf-8")

    out = tmp_path / "out"
    result = run_deck("build", "--content", content_copy, "--locale", "it", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert "[it] deck:subject: untranslated; the source text is used" in result.stderr   # the rest is English

    deck = out / f"{DECK_ID}-it.pptx"
    slide = Presentation(deck).slides[1]
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert "Introduzione all'ISO" in texts
    body = "\n".join(texts)
    assert "L'ISO sviluppa norme internazionali" in body
    assert re.search(r"22\.000", body), body          # Italian grouping, from CLDR
    with zipfile.ZipFile(deck) as package:
        slide_xml = package.read("ppt/slides/slide2.xml").decode("utf-8")
    assert 'lang="it-IT"' in slide_xml                  # the region from CLDR's likely subtags
    listed = run_deck("locales", "--content", content_copy, "--json")
    assert listed.exit_code == 0 and '"it"' in listed.stdout
