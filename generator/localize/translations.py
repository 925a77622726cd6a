"""Translation catalogs: gettext PO files read with Babel, looked up by (msgctxt, msgid).

The msgid is the English template string with its Jinja expressions unchanged, and the
msgctxt is ``<slide id>:<field path>`` (``deck:title`` for the deck's own strings), so a
figure update changes no msgid and invalidates no translation.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, unescape

from ..errors import ContentError, Problem, display_path


def catalog_path(content_dir: Path, locale_tag: str) -> Path:
    return content_dir / "locales" / f"{locale_tag}.po"


def load_catalog(path: Path) -> Catalog | None:
    """The catalog at ``path``, or None when the locale has none yet."""
    if not path.is_file():
        return None
    _check_po_lines(path)
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        raise ContentError([Problem(display_path(path), line, None, f"not a valid PO file: {exc}",
                                    "open it in a PO editor (Poedit) or run 'msgfmt -c' on it")]) from None
    _restore_previous_ids(catalog, path.read_text(encoding="utf-8"))
    return catalog


_PO_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) )?{_PO_STRING}$')


def _check_po_lines(path: Path) -> None:
    """Babel's reader forgives unterminated strings and stray text; name the line instead."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise ContentError([Problem(display_path(path), None, None, "the catalog is not UTF-8 text",
                                    "save it as UTF-8 in your PO editor")]) from None
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _PO_LINE.match(stripped):
            raise ContentError([Problem(display_path(path), number, None,
                                        f"not a valid PO line: {stripped[:60]}",
                                        "each line is a comment, msgctxt/msgid/msgstr \"...\", or a quoted "
                                        "continuation; check the quotes")])


_ENTRY_FIELD = re.compile(r'^(#\| )?(msgctxt|msgid) "(.*)"$|^(#\| )?"(.*)"$')


def _restore_previous_ids(catalog: Catalog, text: str) -> None:
    """Babel's reader skips ``#| msgid`` (the English a fuzzy entry was translated from); put it back."""
    for block in text.split("\n\n"):
        fields: dict[str, str] = {}
        current = None
        for line in block.splitlines():
            match = _ENTRY_FIELD.match(line)
            if not match:
                current = None
                continue
            if match.group(2):
                current = ("previous " if match.group(1) else "") + match.group(2)
                fields[current] = _unescape(match.group(3))
            elif current and bool(match.group(4)) == current.startswith("previous "):
                fields[current] += _unescape(match.group(5))
        previous = fields.get("previous msgid")
        if previous and "msgid" in fields:
            message = catalog.get(fields["msgid"], context=fields.get("msgctxt"))
            if message is not None and not message.previous_id:
                message.previous_id = (previous,)


def _unescape(text: str) -> str:
    return unescape(f'"{text}"')


class Translations:
    """Looks up one locale's translations; reports what fell back to the source text."""

    def __init__(self, catalog: Catalog | None):
        self.catalog = catalog
        self.fallbacks: list[tuple[str, str]] = []   # (msgctxt, reason)

    def line(self, context: str, source: str) -> int | None:
        """The PO file line of a message, for error reports."""
        message = self.catalog.get(source, context=context) if self.catalog is not None else None
        return message.lineno if message is not None else None

    def lookup(self, context: str, source: str) -> str:
        if self.catalog is None:
            return source
        message = self.catalog.get(source, context=context)
        if message is None or not message.string:
            self.fallbacks.append((context, "untranslated"))
            return source
        if message.fuzzy:
            self.fallbacks.append((context, "fuzzy"))
            return source
        return message.string
