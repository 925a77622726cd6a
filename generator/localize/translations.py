"""Translation catalogs: gettext PO files read with Babel, looked up by (msgctxt, msgid).

The msgid is the English template string with its Jinja expressions unchanged, and the
msgctxt is ``<slide id>:<field path>`` (``deck:title`` for the deck's own strings), so a
figure update changes no msgid and invalidates no translation.
"""

from __future__ import annotations

import codecs
import io
import os
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, unescape

from ..errors import ContentError, Problem, display_path
from ..limits import MAX_CATALOG_BYTES, MAX_CATALOG_ENTRIES
from ..load.paths import safe_read_bytes

_PO_HINT = "open it in a PO editor (Poedit) or run 'msgfmt -c' on it"


def catalog_path(content_dir: Path, locale_tag: str) -> Path:
    return content_dir / "locales" / f"{locale_tag}.po"


def load_catalog(path: Path, root: Path | None = None) -> Catalog | None:
    """The catalog at ``path``, or None when the locale has none yet.

    The file must be a regular file inside ``root`` (default: the content folder that holds
    ``locales/``), UTF-8 text within the size and entry limits, and its header's charset must
    agree with its bytes.
    """
    path = Path(path)
    if not os.path.lexists(path):
        return None
    raw = safe_read_bytes(path, root or path.parent.parent, MAX_CATALOG_BYTES)
    text = _catalog_text(path, raw)
    _check_po_lines(path, text)
    try:
        catalog = read_po(io.StringIO(text), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError, LookupError) as exc:
        line = getattr(exc, "lineno", None)
        raise ContentError([Problem(display_path(path), line, None, f"not a valid PO file: {exc}", _PO_HINT)]) from None
    _restore_previous_ids(catalog, text)
    return catalog


def _problem(path: Path, line: int | None, message: str, hint: str | None = None) -> ContentError:
    return ContentError([Problem(display_path(path), line, None, message, hint)])


_CHARSET = re.compile(r'^"Content-Type:[^"\n]*?charset=([^"\\\s;]*)', re.M | re.I)


def _catalog_text(path: Path, raw: bytes) -> str:
    """The catalog's text: UTF-8, and any charset its header declares must read the bytes the same way."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _problem(path, raw[: exc.start].count(b"\n") + 1, "the catalog is not UTF-8 text",
                       "save it as UTF-8 in your PO editor") from None
    declared = _CHARSET.search(text)
    if declared is None:
        return text
    name, line = declared.group(1), text.count("\n", 0, declared.start()) + 1
    hint = "write charset=UTF-8 in the Content-Type header and save the file as UTF-8"
    try:
        codec = codecs.lookup(name)
    except LookupError:
        raise _problem(path, line, f"unknown charset '{name}' in the header", hint) from None
    if not getattr(codec, "_is_text_encoding", True):
        raise _problem(path, line, f"'{name}' is not a text charset", hint)
    if codec.name not in ("utf-8", "utf-8-sig"):
        try:
            as_declared, line = raw.decode(codec.name), None
        except UnicodeDecodeError as exc:
            as_declared, line = None, raw[: exc.start].count(b"\n") + 1
        if as_declared != text:
            raise _problem(path, line or _first_differing_line(text, as_declared),
                           f"the header declares charset={name}, but the file is UTF-8 text", hint)
    return text


def _first_differing_line(text: str, other: str | None) -> int | None:
    for number, (ours, theirs) in enumerate(zip(text.splitlines(), (other or "").splitlines()), 1):
        if ours != theirs:
            return number
    return None


_PO_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) )?{_PO_STRING}$')


def _check_po_lines(path: Path, text: str) -> None:
    """Babel's reader forgives unterminated strings and stray text; name the line instead.

    A catalog of more entries than ``MAX_CATALOG_ENTRIES`` is refused before Babel reads it.
    """
    entries = 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _PO_LINE.match(stripped):
            raise _problem(path, number, f"not a valid PO line: {stripped[:60]}",
                           "each line is a comment, msgctxt/msgid/msgstr \"...\", or a quoted "
                           "continuation; check the quotes")
        if stripped.startswith("msgid "):
            entries += 1
            if entries > MAX_CATALOG_ENTRIES:
                raise _problem(path, number, f"the catalog holds more than {MAX_CATALOG_ENTRIES:,} entries "
                                             f"(the limit)")


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
