"""A Babel extractor for the deck's YAML files, and the POT it produces.

Registered as the Babel extraction method ``deck_yaml`` (see ``pyproject.toml``), so
``pybabel extract -F babel.cfg`` works as well as ``deck i18n extract``. Each message is:

- msgid: the English template string, Jinja expressions unchanged;
- msgctxt: ``<slide id>:<field path>`` (``deck:title`` for deck.yaml);
- ``#:`` the file and line; ``#.`` the YAML comments written above the key, plus the
  current value of every figure the string shows, so a translator knows "162" is behind
  ``{{ iso.members | number }}`` without ever typing the number.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract

from ..load.loader import SLIDE_FILE, load_deck
from ..load.paths import check_regular_file, safe_read_bytes
from ..load.yaml_source import read_yaml
from ..localize.formatting import QUALIFIER_CONTEXT, QUALIFIER_PHRASES
from ..localize.localizer import DECK_CONTEXT
from ..output.writer import build_time, write_atomic
from ..model import DeckFile, iter_texts, text_path
from ..kinds import SLIDE_CLASSES
from ..sandbox import figure_references, has_words, make_environment
from .po_file import po_bytes

POT_NAME = "deck.pot"
KEYWORDS = {"pgettext": ((1, "c"), 2)}


def extract_yaml(fileobj, keywords, comment_tags, options):
    """Babel extraction method: yields ``(lineno, 'pgettext', (msgctxt, msgid), comments)``."""
    path = Path(getattr(fileobj, "name", "") or options.get("path", ""))
    prefix, model_class = _file_role(path)
    if model_class is None:
        return
    data, positions = read_yaml(path)
    if not isinstance(data, dict):
        return
    if model_class is not DeckFile:
        model_class = SLIDE_CLASSES.get(data.get("kind"))
        if model_class is None:
            return
    model = model_class.model_validate(data)
    lines = safe_read_bytes(path).decode("utf-8-sig", errors="replace").splitlines()
    for field_path, text in iter_texts(model):
        if not has_words(text):
            continue          # operators and numbers: nothing to translate
        line = positions.at(field_path)[0] or 1
        yield line, "pgettext", (f"{prefix}:{text_path(field_path)}", text), _comments_above(lines, line)


def _file_role(path: Path):
    if path.name == "deck.yaml":
        return DECK_CONTEXT, DeckFile
    match = SLIDE_FILE.match(path.name)
    if path.parent.name == "slides" and match:
        return match["id"], "slide"
    return None, None


def _comments_above(lines: list[str], line: int) -> list[str]:
    """The YAML comment lines directly above ``line`` (1-based), as the author wrote them.

    Only lines indented like the key count: a '#' line deeper in is text of a block scalar above.
    """
    comments = []
    target = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = len(target) - len(target.lstrip())
    index = line - 2
    while index >= 0 and lines[index].strip().startswith("#") and \
            len(lines[index]) - len(lines[index].lstrip()) == indent:
        comments.insert(0, lines[index].strip().lstrip("#").strip())
        index -= 1
    return [c for c in comments if c and not c.startswith("yaml-language-server")]


def build_template_catalog(content_dir: Path, project_name: str = "iso-iec-casco-intro") -> Catalog:
    """The POT for a content directory: every audience-facing string, in deck order."""
    deck = load_deck(content_dir)   # validates first: nothing is extracted from invalid content
    catalog = Catalog(project=project_name, version="1", msgid_bugs_address="", fuzzy=False,
                      header_comment=_HEADER, charset="utf-8")
    catalog.creation_date = catalog.revision_date = _fixed_date()
    env = make_environment()
    files = [content_dir / "deck.yaml"] + [slide.source for slide in deck.slides]
    for path in files:
        check_regular_file(path, content_dir)     # load_deck read it; it must still be a file
        with path.open("rb") as handle:          # Babel's extractors find the file by the handle's name
            for lineno, message, comments, context in extract(extract_yaml, handle, KEYWORDS):
                comments = comments + _figure_notes(env, message, deck.figures)
                catalog.add(message, locations=[(_relative(path, content_dir), lineno)],
                            auto_comments=comments, context=context)
    for name, phrase in QUALIFIER_PHRASES.items():
        # str.format fills in {number}: the flag lets msgfmt -c and PO editors check the placeholder
        catalog.add(phrase, locations=[("generator/localize/formatting.py", 0)],
                    auto_comments=[f"how a figure qualified as '{name}' reads; keep {{number}} as is"],
                    flags={"python-brace-format"}, context=QUALIFIER_CONTEXT.format(name))
    return catalog


def _figure_notes(env, message: str, figures) -> list[str]:
    notes = []
    for key in figure_references(env, message):
        if key in figures:
            figure = figures[key]
            value = "no value yet" if figure.value is None else str(figure.value)
            unit = f" {figure.unit}" if figure.unit else ""
            notes.append(f"{{{{ {key} }}}} is currently {value}{unit}")
    return notes


def _relative(path: Path, content_dir: Path) -> str:
    try:
        return str(Path("content") / path.resolve().relative_to(content_dir.resolve()))
    except ValueError:
        return str(path)


def _fixed_date():
    return build_time().replace(tzinfo=dt.timezone.utc)


_HEADER = """\
# Translations of the ISO/IEC/CASCO introduction deck.
# Keep every {{ expression }} exactly as in the msgid: the build fills in the numbers.
# msgctxt is <slide id>:<field path>; "#:" gives the content file and line."""


def write_pot(catalog: Catalog, path: Path) -> bool:
    """Write the POT; False when the file already held exactly this text."""
    return write_atomic(path, po_bytes(catalog, include_lineno=True))

