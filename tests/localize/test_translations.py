"""Catalogs read from PO files: errors named at their line, previous msgids kept, fallbacks recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.localize.translations import Translations, catalog_path, load_catalog

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n'
ENTRIES = '''msgctxt "cover:title"
msgid "Introduction"
msgstr "Présentation"

#, fuzzy
#| msgid "Write the "
#| "standards"
msgctxt "roles:items.0"
msgid "Write the International Standards"
msgstr "Rédigent les normes"

msgctxt "roles:items.1"
msgid "Vote"
msgstr ""
'''


def po(tmp_path: Path, text: str = ENTRIES) -> Path:
    path = tmp_path / "fr.po"
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def only_problem(caught):
    [problem] = caught.value.problems
    return problem


def test_a_locales_catalog_is_in_the_content_locales_folder():
    assert catalog_path(Path("content"), "zh-Hans") == Path("content/locales/zh-Hans.po")


def test_a_locale_without_a_catalog_has_none(tmp_path):
    assert load_catalog(tmp_path / "fr.po") is None


def test_the_previous_msgid_of_a_fuzzy_entry_is_read_back_whole(tmp_path):
    catalog = load_catalog(po(tmp_path))
    message = catalog.get("Write the International Standards", context="roles:items.0")
    assert message.fuzzy
    assert message.previous_id == ("Write the standards",)
    assert not catalog.get("Introduction", context="cover:title").previous_id


def test_an_unterminated_string_is_named_at_its_line(tmp_path):
    path = po(tmp_path, 'msgctxt "cover:title"\nmsgid "Introduction\nmsgstr "Présentation"\n')
    with pytest.raises(ContentError) as caught:
        load_catalog(path)
    problem = only_problem(caught)
    assert problem.line == 7
    assert problem.message == 'not a valid PO line: msgid "Introduction'
    assert "check the quotes" in problem.hint


def test_a_catalog_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "fr.po"
    path.write_bytes((HEADER + ENTRIES).encode("latin-1"))
    with pytest.raises(ContentError) as caught:
        load_catalog(path)
    assert only_problem(caught).message == "the catalog is not UTF-8 text"


def test_an_entry_without_msgstr_is_reported_as_an_invalid_po_file(tmp_path):
    path = po(tmp_path, 'msgctxt "a"\nmsgid "x"\n\nmsgctxt "b"\nmsgid "y"\nmsgstr "z"\n')
    with pytest.raises(ContentError) as caught:
        load_catalog(path)
    problem = only_problem(caught)
    assert problem.message.startswith("not a valid PO file: ")
    assert problem.path.endswith("fr.po")
    assert "msgfmt -c" in problem.hint


def test_lookup_returns_the_translation_or_falls_back_to_the_source_saying_why(tmp_path):
    translations = Translations(load_catalog(po(tmp_path)))
    assert translations.lookup("cover:title", "Introduction") == "Présentation"
    assert translations.lookup("roles:items.0", "Write the International Standards") == \
        "Write the International Standards"
    assert translations.lookup("roles:items.1", "Vote") == "Vote"
    assert translations.lookup("new:title", "New") == "New"
    assert translations.fallbacks == [("roles:items.0", "fuzzy"), ("roles:items.1", "untranslated"),
                                      ("new:title", "untranslated")]


def test_the_same_msgid_in_another_context_is_another_message(tmp_path):
    translations = Translations(load_catalog(po(tmp_path)))
    assert translations.lookup("other:title", "Introduction") == "Introduction"
    assert translations.fallbacks == [("other:title", "untranslated")]


def test_the_line_of_a_message_is_known_for_error_reports(tmp_path):
    path = po(tmp_path)
    translations = Translations(load_catalog(path))
    msgid_line = path.read_text(encoding="utf-8").splitlines().index('msgid "Introduction"') + 1
    assert translations.line("cover:title", "Introduction") == msgid_line
    assert translations.line("new:title", "New") is None


def test_without_a_catalog_the_source_is_the_text_and_nothing_falls_back():
    translations = Translations(None)
    assert translations.lookup("cover:title", "Introduction") == "Introduction"
    assert translations.line("cover:title", "Introduction") is None
    assert translations.fallbacks == []


# ---------------------------------------------------------------- charsets and limits

def with_charset(tmp_path: Path, charset: str, text: str = ENTRIES) -> Path:
    path = po(tmp_path, text)
    path.write_text(path.read_text(encoding="utf-8").replace("charset=UTF-8", f"charset={charset}"), encoding="utf-8")
    return path


@pytest.mark.parametrize("charset", ["UTF-8", "utf8", "utf-8"])
def test_a_utf8_catalog_reads_whatever_the_spelling_of_its_charset(tmp_path, charset):
    catalog = load_catalog(with_charset(tmp_path, charset))
    assert catalog.get("Introduction", context="cover:title").string == "Présentation"


def test_a_declared_charset_that_reads_the_bytes_the_same_is_accepted(tmp_path):
    ascii_only = 'msgctxt "cover:title"\nmsgid "Introduction"\nmsgstr "Presentation"\n'
    assert load_catalog(with_charset(tmp_path, "latin-1", ascii_only)) is not None


def test_latin1_declared_over_utf8_bytes_is_an_error_at_the_first_line_it_changes(tmp_path):
    with pytest.raises(ContentError) as caught:
        load_catalog(with_charset(tmp_path, "latin-1"))
    problem = only_problem(caught)
    assert problem.message == "the header declares charset=latin-1, but the file is UTF-8 text"
    assert problem.line == 8          # msgstr "Présentation": it would read "PrÃ©sentation"


@pytest.mark.parametrize("charset,message", [("x-unknown", "unknown charset 'x-unknown' in the header"),
                                             ("CHARSET", "unknown charset 'CHARSET' in the header"),
                                             ("rot13", "'rot13' is not a text charset"),
                                             ("base64", "'base64' is not a text charset")])
def test_unknown_and_non_text_charsets_are_errors_at_the_header_line(tmp_path, charset, message):
    with pytest.raises(ContentError) as caught:
        load_catalog(with_charset(tmp_path, charset))
    problem = only_problem(caught)
    assert (problem.message, problem.line) == (message, 3)


def test_a_catalog_past_the_entry_limit_is_refused_before_babel_reads_it(tmp_path, monkeypatch):
    from generator.localize import translations

    monkeypatch.setattr(translations, "MAX_CATALOG_ENTRIES", 4)
    assert load_catalog(po(tmp_path)) is not None          # the header and three entries
    with pytest.raises(ContentError) as caught:
        load_catalog(po(tmp_path, ENTRIES + '\nmsgctxt "x"\nmsgid "y"\nmsgstr "z"\n'))
    assert only_problem(caught).message == "the catalog holds more than 4 entries (the limit)"


def test_a_catalog_that_is_a_fifo_is_refused(tmp_path):
    import os

    os.mkfifo(tmp_path / "fr.po")
    with pytest.raises(ContentError) as caught:
        load_catalog(tmp_path / "fr.po")
    assert only_problem(caught).message == "a FIFO (named pipe), not a regular file"
