"""Merge, measure and check the locales' PO catalogs against the POT."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog

from ..errors import DeckError, Problem, display_path
from ..localize.translations import catalog_path, load_catalog
from ..output.writer import write_atomic
from .po_file import po_bytes
from ..sandbox import KEEP_EXPRESSIONS, changed_expressions

REVIEW_NOTE = ("Draft translation, awaiting review by a native speaker. "
               "Official ISO and IEC names are used where they exist.")
BRACKETS = [("{{", "}}"), ("{%", "%}"), ("(", ")"), ("[", "]")]
APOSTROPHE = "\u2019"


def babel_locale(tag: str) -> Locale:
    return Locale.parse(tag.replace("-", "_"))


def write_catalog(catalog: Catalog, path: Path) -> bool:
    """Write a locale's PO; False when the file already held exactly this text."""
    return write_atomic(path, po_bytes(catalog, include_previous=True))


def update_catalog(template: Catalog, content_dir: Path, tag: str) -> tuple[Path, str]:
    """Merge the POT into one locale's PO, creating it if needed: ``created``, ``updated`` or ``unchanged``.

    Messages are matched by msgctxt, which names one field of one slide. When that field's
    English changed, the old translation is kept, marked fuzzy, with the old English as
    ``#| msgid`` so a translator sees exactly what changed. Babel's own ``Catalog.update``
    matches fuzzy candidates across all fields, which would pair unrelated strings.
    """
    path = catalog_path(content_dir, tag)
    old = load_catalog(path)
    created = old is None
    catalog = Catalog(locale=babel_locale(tag), project=template.project, version=template.version,
                      header_comment=old.header_comment if old else _header(tag), charset="utf-8",
                      fuzzy=False)
    catalog.creation_date = old.creation_date if old else template.creation_date
    catalog.revision_date = old.revision_date if old else template.creation_date
    if old is not None:
        catalog.last_translator = old.last_translator
        catalog.language_team = old.language_team
        # The plural rule is the translator's, as msgmerge keeps it: a newer CLDR in Babel
        # must not rewrite every catalog. A new catalog takes CLDR's.
        catalog.mime_headers = [("Plural-Forms", old.plural_forms)]
    previous = {message.context: message for message in (old or []) if message.id}
    for message in template:
        if not message.id:
            continue
        before = previous.get(message.context)
        string, flags, previous_id, user_comments = "", set(), (), []
        if before is not None and before.string:
            string, user_comments = before.string, list(before.user_comments)
            flags = set(before.flags)
            if before.id != message.id:
                flags.add("fuzzy")
                previous_id = (before.previous_id or (before.id,)) if "fuzzy" in before.flags else (before.id,)
            elif "fuzzy" in before.flags:
                previous_id = before.previous_id
        catalog.add(message.id, string, locations=message.locations, flags=flags,
                    auto_comments=message.auto_comments, user_comments=user_comments,
                    previous_id=previous_id, context=message.context)
    written = write_catalog(catalog, path)
    return path, "created" if created else "updated" if written else "unchanged"


def _header(tag: str) -> str:
    return ("# Translations of the ISO/IEC/CASCO introduction deck into " + babel_locale(tag).english_name + ".\n"
            "# " + REVIEW_NOTE + "\n"
            "# Keep every {{ expression }} exactly as in the msgid: the build fills in the numbers.")


def init_catalog(template: Catalog, content_dir: Path, tag: str) -> Path:
    """Create a new locale's PO from the POT; an existing catalog is an error, never overwritten."""
    path = catalog_path(content_dir, tag)
    if path.exists():
        raise DeckError(f"{display_path(path)} already exists; 'deck i18n update' merges the POT into it")
    return update_catalog(template, content_dir, tag)[0]


@dataclass
class Stats:
    tag: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def catalog_stats(template: Catalog, content_dir: Path, tag: str) -> Stats:
    catalog = load_catalog(catalog_path(content_dir, tag)) or Catalog(locale=babel_locale(tag))
    translated = fuzzy = untranslated = 0
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        if found is None or not found.string:
            untranslated += 1
        elif found.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return Stats(tag, translated + fuzzy + untranslated, translated, fuzzy, untranslated)


def check_catalog(template: Catalog, content_dir: Path, tag: str) -> list[Problem]:
    """Expression mismatches, unbalanced markup, fuzzy and missing entries of one locale."""
    path = catalog_path(content_dir, tag)
    shown = display_path(path)
    catalog = load_catalog(path)
    if catalog is None:
        return [Problem(shown, None, None, f"[{tag}] no catalog", "run 'deck i18n update' to create it")]
    problems = []
    pairs = BRACKETS + quotation_marks(tag)
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        line = found.lineno if found is not None else None
        where = f"[{tag}] {message.context}"
        if found is None or not found.string:
            problems.append(Problem(shown, line, None, f"{where}: not translated"))
            continue
        if found.fuzzy:
            problems.append(Problem(shown, line, None, f"{where}: fuzzy (the English changed; review it)"))
        changed = changed_expressions(message.id, found.string)
        if changed:
            problems.append(Problem(shown, line, None, f"{where}: {changed}", KEEP_EXPRESSIONS))
        for opening, closing in pairs:
            if found.string.count(opening) != found.string.count(closing) and \
                    message.id.count(opening) == message.id.count(closing):
                problems.append(Problem(shown, line, None, f"{where}: unbalanced '{opening}' and '{closing}'"))
    return problems


def quotation_marks(tag: str) -> list[tuple[str, str]]:
    """The locale's quotation marks from CLDR (through ICU), outer and inner: „…“ and ‚…‘ in German.

    Pairs whose opening and closing mark are one character (Hebrew ”…”) cannot be told apart,
    and a closing ’ is also the apostrophe (English ‘…’, "ISO’s"): both are left out.
    """
    import icu

    from ..locales import get_locale

    data = icu.LocaleData(get_locale(tag).babel)
    kinds = icu.ULocaleDataDelimiterType
    pairs = [(data.getDelimiter(kinds.QUOTATION_START), data.getDelimiter(kinds.QUOTATION_END)),
             (data.getDelimiter(kinds.ALT_QUOTATION_START), data.getDelimiter(kinds.ALT_QUOTATION_END))]
    return list(dict.fromkeys((opening, closing) for opening, closing in pairs
                              if opening != closing and closing != APOSTROPHE))


def coverage_by_locale(content_dir: Path, tags: list[str], source_language: str, deck=None,
                       keys: list[tuple[str, str]] | None = None,
                       catalogs: dict | None = None) -> dict[str, float | None]:
    """Percent of messages translated per locale: 100 for the source, None for the pseudo-locale.

    The messages are the POT's. Given the loaded ``deck`` (or its ``message_keys``), they are
    taken from it instead of extracting the POT from the files again; ``catalogs`` are catalogs
    already read, by locale.
    """
    template = None
    result: dict[str, float | None] = {}
    for tag in tags:
        if tag == source_language:
            result[tag] = 100.0
        elif tag == "qps-ploc":
            result[tag] = None
        elif keys is not None or deck is not None:
            keys = keys if keys is not None else message_keys(deck)
            catalog = catalogs[tag] if catalogs and tag in catalogs else \
                load_catalog(catalog_path(content_dir, tag))
            result[tag] = round(_percent_translated(catalog, keys), 1)
        else:
            from .extract import build_template_catalog

            template = template or build_template_catalog(content_dir)
            result[tag] = round(catalog_stats(template, content_dir, tag).percent, 1)
    return result


def message_keys(deck) -> list[tuple[str, str]]:
    """``(msgid, msgctxt)`` of every message of the deck's POT, as ``build_template_catalog`` extracts them.

    deck.yaml's texts, then each slide's in deck order, those with words to translate; then
    the qualifier phrases. Duplicates count once, as in a catalog.
    """
    from ..localize.formatting import QUALIFIER_CONTEXT, QUALIFIER_PHRASES
    from ..localize.localizer import DECK_CONTEXT
    from ..model import iter_texts, text_path
    from ..sandbox import has_words

    keys: dict[tuple[str, str], None] = {}
    for prefix, model in [(DECK_CONTEXT, deck.meta)] + [(slide.id, slide) for slide in deck.slides]:
        for path, text in iter_texts(model):
            if has_words(text):
                keys[(text, f"{prefix}:{text_path(path)}")] = None
    for name, phrase in QUALIFIER_PHRASES.items():
        keys[(phrase, QUALIFIER_CONTEXT.format(name))] = None
    return list(keys)


def _percent_translated(catalog: Catalog | None, keys: list[tuple[str, str]]) -> float:
    """``catalog_stats(...).percent`` for the messages ``keys``."""
    translated = 0
    for msgid, context in keys:
        found = catalog.get(msgid, context=context) if catalog is not None else None
        if found is not None and found.string and not found.fuzzy:
            translated += 1
    return Stats("", len(keys), translated, 0, len(keys) - translated).percent
