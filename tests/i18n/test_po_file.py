"""PO text as the project writes it: Babel's writer, without the stamp of Babel's version."""

from __future__ import annotations

import io

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from generator.i18n.po_file import po_bytes

LONG = "A sentence long enough that a writer wrapping at 76 columns would break it across two lines or more."


def catalog() -> Catalog:
    result = Catalog(locale="fr", project="deck")
    result.add(LONG, "Une phrase", context="cover:title")
    result.add("Second", "Deuxième", context="cover:subtitle")
    result.add("Alpha", "", context="a:title")
    return result


def test_no_generated_by_header():
    text = po_bytes(catalog()).decode("utf-8")
    assert "Generated-By" not in text
    assert 'msgid "Second"' in text


def test_the_bytes_read_back_as_the_same_messages_in_the_same_order():
    read = read_po(io.BytesIO(po_bytes(catalog())))
    assert [(m.context, m.id, m.string) for m in read if m.id] == [
        ("cover:title", LONG, "Une phrase"), ("cover:subtitle", "Second", "Deuxième"), ("a:title", "Alpha", "")]


def test_long_strings_stay_on_one_line():
    lines = po_bytes(catalog()).decode("utf-8").splitlines()
    assert f'msgid "{LONG}"' in lines


def test_writer_options_pass_through():
    text = po_bytes(catalog(), omit_header=True).decode("utf-8")
    assert "Project-Id-Version" not in text
    assert 'msgid "Second"' in text
