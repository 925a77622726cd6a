"""``deck figures``: list figures, find stale ones, and set a value in place keeping comments.

Edits go through ruamel.yaml's round-trip mode, so comments, key order and formatting of
``figures.yaml`` survive and the change reads as a one-line diff in review.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ruamel.yaml import YAML

from .errors import DeckError, did_you_mean, display_path
from .limits import MAX_FIGURE_DIGITS
from .load.figures import FigureTable, number_problem
from .output.writer import write_atomic
from .console_table import format_table

QUALIFIER_LABELS = {"approx": "approx.", "over": "over", "more_than": "more than", "almost": "almost",
                    "at_least": "at least", "plus": "+"}


def figures_table(figures: FigureTable, usage: dict[str, list[str]]) -> str:
    rows = []
    for key, figure in figures.figures.items():
        value = "(no value)" if figure.value is None else _plain(figure.value)
        if figure.entry.expr:
            value += f" = {figure.entry.expr}"
        rows.append([key, value, QUALIFIER_LABELS.get(figure.qualifier or "", ""),
                     str(figure.entry.as_of or ""), figure.entry.source or "",
                     ", ".join(usage.get(key, [])) or "(unused)"])
    return format_table(["key", "value", "qualifier", "as of", "source", "used on"], rows, max_width=70)


def stale_figures(figures: FigureTable, months: int, today: dt.date | None = None) -> list[str]:
    """Keys whose as-of date is more than ``months`` months before ``today`` (or that have none)."""
    today = today or dt.date.today()
    limit = _months_before(today, months)
    return [key for key, figure in figures.figures.items()
            if figure.entry.as_of is None or figure.entry.as_of < limit]


def _months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return dt.date(year, month + 1, min(day.day, 28))


def parse_value(text: str) -> int | Decimal:
    """The number ``text`` writes, when figures.yaml can hold it exactly; else a ``DeckError`` saying why.

    A decimal is stored as a YAML float: one of at most ``MAX_FIGURE_DIGITS`` digits, within a
    float's range, reads back as exactly the number given.
    """
    cleaned = text.replace("_", "").replace(",", "")
    if len(cleaned) > 4 * MAX_FIGURE_DIGITS:           # before int() or Decimal() read thousands of digits
        raise DeckError(f"'{text[:40]}…' has more than {MAX_FIGURE_DIGITS} digits (the limit)")
    if re.fullmatch(r"-?\d+", cleaned):
        value = int(cleaned)
    else:
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise DeckError(f"'{text}' is not a number; write e.g. 22000 or 3.5") from None
    problem = number_problem(value)
    if problem:
        raise DeckError(f"'{text}' {problem}; a figure is a finite decimal of at most {MAX_FIGURE_DIGITS} "
                        "digits, which figures.yaml stores exactly")
    if isinstance(value, Decimal) and Decimal(repr(float(value))) != value:
        raise DeckError(f"'{text}' cannot be stored exactly in figures.yaml (a float holds it only approximately)")
    return value


def set_figures(content_dir: Path, changes: list[tuple[str, int | Decimal]], as_of: dt.date | None,
                source: str | None, validate) -> list[tuple[str, str]]:
    """Change figures in ``figures.yaml`` in place, keeping its comments; return (key, previous value).

    ``validate()`` loads the changed content; when it raises, the file is put back byte for byte,
    so a value that breaks a rule never stays on disk. Set related figures in one call
    (ISO members and CASCO full members) to keep a rule holding.
    """
    path = Path(content_dir) / "figures.yaml"
    original = path.read_bytes()
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    # Figures set in one call share one as-of date object; written as &anchor/*alias, the
    # loader (which refuses anchors) would then reject the file.
    yaml.representer.ignore_aliases = lambda data: True
    data = yaml.load(original.decode("utf-8"))
    previous = [(key, _apply(data, path, key, value, as_of, source)) for key, value in changes]
    out = io.StringIO()
    yaml.dump(data, out)
    write_atomic(path, out.getvalue().encode("utf-8"))
    try:
        validate()
    except BaseException:
        write_atomic(path, original)
        raise
    return previous


def _apply(data, path: Path, key: str, value, as_of: dt.date | None, source: str | None) -> str:
    entry = data
    for part in key.split("."):
        if not isinstance(entry, dict) or part not in entry or part == "rules":
            known = _keys(data)
            raise DeckError(f"{display_path(path)}: no figure '{key}'"
                            + (f" ({did_you_mean(key, known)})" if did_you_mean(key, known) else ""))
        entry = entry[part]
    if not isinstance(entry, dict) or not ({"value", "expr", "unit", "source", "as_of"} & set(entry)):
        raise DeckError(f"{display_path(path)}: '{key}' is a group of figures, not a figure")
    if "expr" in entry:
        raise DeckError(f"{display_path(path)}: figure '{key}' is derived ({entry['expr']}); set the figures it uses")
    previous = entry.get("value")
    _set_in_order(entry, "value", float(value) if isinstance(value, Decimal) else value, first=True)
    entry["as_of"] = as_of or dt.date.today()
    if source:
        entry["source"] = source
    return "(no value)" if previous is None else str(previous)


def _set_in_order(entry, key: str, value, first: bool) -> None:
    if key in entry:
        entry[key] = value
    else:
        entry.insert(0 if first else len(entry), key, value)


def _keys(node, prefix: str = "") -> list[str]:
    keys = []
    if isinstance(node, dict):
        for name, child in node.items():
            if name == "rules":
                continue
            path = f"{prefix}{name}"
            if isinstance(child, dict) and ({"value", "expr", "unit", "as_of"} & set(child)):
                keys.append(path)
            else:
                keys.extend(_keys(child, path + "."))
    return keys


def _plain(value) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)
