"""What the catalog and XLIFF tests share: reading PO files back, the French XLIFF export, clean failures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

CHANGED = "iso-roles:columns.1.items.0"      # the bullet the tests reword to make its translation fuzzy


def load_po(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def entries(path: Path) -> dict:
    """msgctxt -> (msgid, msgstr, fuzzy) of every message of a PO file."""
    return {m.context: (m.id, m.string, m.fuzzy) for m in load_po(path) if m.id}


def previous_msgids(path: Path) -> dict:
    """msgctxt -> the '#| msgid' text above it. Read from the text: Babel's read_po drops these lines."""
    found = re.findall(r'^#\| msgid "((?:[^"\\]|\\.)*)"\n(?:#.*\n)*msgctxt "([^"]+)"', path.read_text(encoding="utf-8"),
                       re.M)
    return {context: previous for previous, context in found}


def assert_clean_failure(result, code: int = 1):
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert isinstance(result.exception, SystemExit)




def export_fr(run_deck, content_copy, tmp_path) -> Path:
    xlf = tmp_path / "fr.xlf"
    result = run_deck("i18n", "--content", content_copy, "export", "--locale", "fr", "--out", xlf)
    assert result.exit_code == 0, result.stderr
    assert re.search(r"fr\.xlf: \d+ units", result.stdout)
    return xlf




@pytest.fixture
def po(content_copy):
    return lambda tag: content_copy / "locales" / f"{tag}.po"
