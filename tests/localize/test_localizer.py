"""localize(): catalog lookup, sandboxed rendering, the missing-figure warning, fallbacks and --strict."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from generator.errors import ContentError, Warnings
from generator.load.loader import load_deck
from generator.locales import get_locale
from generator.localize.localizer import localize

ROOT = Path(__file__).resolve().parents[2]
INTRO = "slides/01-iso-introduction.yaml"
LAST_BULLET = "  - Coordinated by a Central Secretariat in Geneva"


def load(content: Path, warnings: Warnings | None = None):
    return load_deck(content, ROOT, warnings if warnings is not None else Warnings())


def slide(localized, slide_id: str):
    return next(s for s in localized.slides if s.id == slide_id)


def messages(warnings: Warnings) -> list[str]:
    return [p.message for p in warnings]


@pytest.fixture(scope="module")
def real_deck():
    return load(ROOT / "content")


@pytest.fixture(scope="module")
def loaded_copy(tmp_path_factory):
    """A content copy loaded once; tests vary only its locales/fr.po, read again by every localize()."""
    import shutil

    content = tmp_path_factory.mktemp("shared") / "content"
    shutil.copytree(ROOT / "content", content)
    return content, load(content)


# ---------------------------------------------------------------- English

def test_english_texts_are_rendered_with_figures(real_deck):
    warnings = Warnings()
    en = localize(real_deck, get_locale("en", "GB"), warnings)
    intro = slide(en, "iso-introduction")
    assert intro.items[0].endswith("– 162 member countries")
    assert intro.items[1] == "ISO develops International Standards – more than 22,000 so far"
    assert intro.items[2].startswith("300+ technical committees developing/revising 100+ standards")
    tiles = slide(en, "iec-figures").figures
    assert tiles[0].value == "86 + 85 = 171"
    assert tiles[6].value.replace("\xa0", " ") == "more than 1 million"
    assert en.title == "ISO, IEC and CASCO: an introduction"


def test_the_source_deck_is_not_changed(real_deck):
    localize(real_deck, get_locale("fr"), Warnings())
    assert "{{ iso.members | number }}" in slide(real_deck, "iso-introduction").items[0]


def test_missing_figure_shows_a_dash_and_warns_with_key_and_file(real_deck):
    warnings = Warnings()
    en = localize(real_deck, get_locale("en", "GB"), warnings)
    assert slide(en, "iec-figures").figures[2].value == "\u2014"
    missing = [p for p in warnings if "iec.system_committees" in p.message]
    assert len(missing) == 1
    assert missing[0].path.endswith("figures.yaml")
    assert missing[0].line is not None
    assert "has no value" in missing[0].message
    assert len(warnings) == 1, messages(warnings)


def test_french_numbers_without_a_catalog(content_copy):
    (content_copy / "locales" / "fr.po").unlink(missing_ok=True)
    warnings = Warnings()
    fr = localize(load(content_copy), get_locale("fr"), warnings)
    assert slide(fr, "iso-introduction").items[1].endswith("more than 22\u202f000 so far")
    assert slide(fr, "iec-figures").figures[6].value.replace("\xa0", " ") == "more than 1 million"
    no_catalog = [p for p in warnings if "no catalog" in p.message]
    assert len(no_catalog) == 1
    assert no_catalog[0].message == "[fr] no catalog; the deck falls back to the source language"
    assert no_catalog[0].path.endswith("locales/fr.po")


def test_pseudo_locale_renders_every_text_bracketed_with_figures(real_deck):
    warnings = Warnings()
    ps = localize(real_deck, get_locale("qps-ploc"), warnings)
    intro = slide(ps, "iso-introduction")
    assert intro.title.startswith("[Îñţŕöđûçţîöñ ţö ÎŠÖ") and intro.title.endswith("]")
    assert "162 ɱéɱƀéŕ çöûñţŕîéš" in intro.items[0]          # the figure rendered, text accented
    assert "{{" not in intro.items[0]
    assert not any("catalog" in m for m in messages(warnings))   # qps-ploc needs no catalog


# ---------------------------------------------------------------- the sandbox

@pytest.mark.parametrize("expression", [
    "{{ ''.__class__.__mro__ }}",
    "{{ (iso.members | number).__class__.__mro__[1].__subclasses__() }}",
])
def test_sandbox_escape_in_a_slide_is_a_clean_content_error(content_copy, replace_text, expression):
    replace_text(content_copy / INTRO, LAST_BULLET, f'  - "{expression}"')
    with pytest.raises(ContentError) as exc:
        load(content_copy)               # refused before anything is rendered
    problems = exc.value.problems
    assert len(problems) == 1
    assert problems[0].path.endswith(INTRO)
    assert problems[0].message.startswith("only {{ figure | filter }} expressions are allowed in deck text")


def test_dunder_on_a_figure_is_refused_when_loading(content_copy, replace_text):
    replace_text(content_copy / INTRO, LAST_BULLET, '  - "{{ iso.members.__class__ }}"')
    with pytest.raises(ContentError) as exc:
        load(content_copy)
    assert [p.message for p in exc.value.problems] == ["unknown figure 'iso.members.__class__'"]


def test_figure_internals_are_not_reachable(content_copy, replace_text):
    replace_text(content_copy / INTRO, LAST_BULLET, '  - "{{ iso.members.entry.source }}"')
    with pytest.raises(ContentError) as exc:
        load(content_copy)
    assert exc.value.problems[0].message == "unknown figure 'iso.members.entry.source'"


def test_a_translation_cannot_escape_the_sandbox(loaded_copy):
    content_copy, deck = loaded_copy
    write_catalog(content_copy, [("Introduction to ISO", "{{ ''.__class__.__base__.__subclasses__() }}",
                                  "iso-introduction:title", [])])
    with pytest.raises(ContentError) as exc:
        localize(deck, get_locale("fr"), Warnings())
    assert len(exc.value.problems) == 1
    message = exc.value.problems[0].message
    assert message.startswith("[fr] iso-introduction:title: only {{ figure | filter }} expressions are allowed")
    assert exc.value.problems[0].path.endswith("locales/fr.po")


def test_unknown_filter_in_a_translation_is_a_content_error(loaded_copy):
    content_copy, deck = loaded_copy
    write_catalog(content_copy, [("Introduction to ISO", "{{ iso.members | upper }}", "iso-introduction:title", [])])
    with pytest.raises(ContentError) as exc:
        localize(deck, get_locale("fr"), Warnings())
    problem = exc.value.problems[0]
    assert "unknown filter 'upper'" in problem.message
    assert problem.path.endswith("locales/fr.po") and problem.line is not None


def test_unknown_figure_in_a_translation_is_a_content_error(loaded_copy):
    content_copy, deck = loaded_copy
    write_catalog(content_copy, [("Introduction to ISO", "{{ iso.membres | number }}", "iso-introduction:title", [])])
    with pytest.raises(ContentError) as exc:
        localize(deck, get_locale("fr"), Warnings())
    assert len(exc.value.problems) == 1
    assert exc.value.problems[0].path.endswith("locales/fr.po")     # the translation is at fault
    assert "[fr] iso-introduction:title:" in exc.value.problems[0].message


def test_unknown_figure_in_a_translation_is_named(loaded_copy):
    content_copy, deck = loaded_copy
    write_catalog(content_copy, [("Introduction to ISO", "{{ iso.membres | number }}", "iso-introduction:title", [])])
    with pytest.raises(ContentError) as exc:
        localize(deck, get_locale("fr"), Warnings())
    assert "membres" in exc.value.problems[0].message


def test_unknown_figure_without_filter_in_a_translation_is_named(loaded_copy):
    content_copy, deck = loaded_copy
    write_catalog(content_copy, [("Introduction to ISO", "{{ iso.membres }}", "iso-introduction:title", [])])
    with pytest.raises(ContentError) as exc:
        localize(deck, get_locale("fr"), Warnings())
    assert "membres" in exc.value.problems[0].message


def test_wrong_filter_argument_is_a_content_error_not_a_crash(content_copy, replace_text):
    replace_text(content_copy / INTRO, LAST_BULLET, '  - "{{ iso.members | number(5) }}"')
    deck = load(content_copy)
    with pytest.raises(ContentError) as exc:
        localize(deck, get_locale("en", "GB"), Warnings())
    assert "cannot format" in exc.value.problems[0].message


def test_all_render_problems_are_reported_together(content_copy, replace_text):
    # filters called with arguments they do not take: found only while rendering
    replace_text(content_copy / INTRO, LAST_BULLET, '  - "{{ iso.members | year(2) }}"\n  - "{{ iso.members | number(1) }}"')
    replace_text(content_copy / "slides/04-iec.yaml", "  - heading: Standards Development (SD)",
                 '  - heading: "{{ iec.members | compact(3) }}"')
    deck = load(content_copy)
    with pytest.raises(ContentError) as exc:
        localize(deck, get_locale("en", "GB"), Warnings())
    assert len(exc.value.problems) == 3
    assert [Path(p.path).name for p in exc.value.problems] == [
        "01-iso-introduction.yaml", "01-iso-introduction.yaml", "04-iec.yaml"]


# ---------------------------------------------------------------- catalogs and fallbacks

def write_catalog(content: Path, entries, tag: str = "fr") -> Path:
    catalog = Catalog(locale=tag)
    for msgid, msgstr, context, flags in entries:
        catalog.add(msgid, msgstr, context=context, flags=flags)
    path = content / "locales" / f"{tag}.po"
    path.parent.mkdir(exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)
    return path


IEC_TITLE = "IEC – International Electrotechnical Commission"


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    """A content copy with a small fr.po, loaded and localized once: (content, localized deck, warnings)."""
    import shutil

    content = tmp_path_factory.mktemp("french") / "content"
    shutil.copytree(ROOT / "content", content)
    write_catalog(content, [
        ("Introduction to ISO", "Présentation de l'ISO", "iso-introduction:title", []),
        (IEC_TITLE, "CEI – Commission électrotechnique internationale", "iec:title", ["fuzzy"]),
        ("more than {number}", "plus de {number}", "qualifier:more_than", []),
    ])
    warnings = Warnings()
    return content, localize(load(content), get_locale("fr"), warnings), warnings


def test_translated_text_is_used(french):
    _, fr, _ = french
    assert slide(fr, "iso-introduction").title == "Présentation de l'ISO"


def test_translated_qualifier_phrase_is_used(french):
    _, fr, _ = french
    assert slide(fr, "iso-introduction").items[1].endswith("– plus de 22\u202f000 so far")


def test_fuzzy_falls_back_to_english_with_a_warning(french):
    _, fr, warnings = french
    assert slide(fr, "iec").title == IEC_TITLE
    fuzzy = [p for p in warnings if "fuzzy" in p.message]
    assert len(fuzzy) == 1
    assert fuzzy[0].message == "[fr] iec:title: fuzzy; the source text is used"
    assert fuzzy[0].path.endswith("locales/fr.po")


def test_untranslated_texts_are_warned_about_one_by_one(french):
    _, _, warnings = french
    untranslated = [p.message for p in warnings if "untranslated" in p.message]
    assert "[fr] iso-system:title: untranslated; the source text is used" in untranslated
    assert "[fr] qualifier:plus: untranslated; the source text is used" in untranslated
    assert not any("iso-introduction:title" in m for m in untranslated)
    assert not any("no catalog" in m for m in messages(warnings))


def test_the_catalog_is_keyed_by_context_not_only_by_text(loaded_copy):
    content_copy, deck = loaded_copy
    # the same English under another msgctxt is not a translation of this slide's title
    write_catalog(content_copy, [("Introduction to ISO", "Mauvais contexte", "iso-system:title", [])])
    fr = localize(deck, get_locale("fr"), Warnings())
    assert slide(fr, "iso-introduction").title == "Introduction to ISO"


def test_strict_turns_the_fuzzy_fallback_into_an_error(french):
    _, _, warnings = french
    with pytest.raises(ContentError) as exc:
        warnings.raise_if_strict(True)
    fuzzy = [p for p in exc.value.problems if "iec:title: fuzzy" in p.message]
    assert len(fuzzy) == 1
    assert fuzzy[0].message == "[fr] iec:title: fuzzy; the source text is used (an error with --strict)"
    assert len(exc.value.problems) == len(warnings)


def test_not_strict_means_no_error(french):
    _, _, warnings = french
    assert len(warnings) > 0
    warnings.raise_if_strict(False)


def test_strict_fails_on_the_missing_figure_alone(real_deck):
    warnings = Warnings()
    localize(real_deck, get_locale("en", "GB"), warnings)
    with pytest.raises(ContentError) as exc:
        warnings.raise_if_strict(True)
    assert ["iec.system_committees" in p.message for p in exc.value.problems] == [True]


def test_broken_po_file_is_a_content_error(loaded_copy):
    content_copy, deck = loaded_copy
    path = content_copy / "locales" / "fr.po"
    path.parent.mkdir(exist_ok=True)
    path.write_text('msgid "a"\nmsgstr "b"\n\nthis is not PO syntax\n', encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        localize(deck, get_locale("fr"), Warnings())
    assert exc.value.problems[0].path.endswith("fr.po")
    assert "not a valid PO" in exc.value.problems[0].message
    assert exc.value.problems[0].line == 4
