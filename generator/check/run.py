"""``deck check --render``: which decks to check, the table per locale, the contact sheets."""

from __future__ import annotations

from pathlib import Path

from ..errors import DeckError, display_path
from ..load.loader import load_deck
from ..locales import PSEUDO_LOCALE, select_locale_tags
from ..output.paths import deck_path
from ..output.previews import write_contact_sheet
from ..console_table import format_table
from .render_check import check_decks


def decks_to_check(content_dir: Path, out_dir: Path, locales: list[str]) -> dict[str, Path]:
    """The built decks of ``locales``; by default, of every locale and the pseudo-locale that was built."""
    meta = load_deck(content_dir).meta
    if locales:
        tags = select_locale_tags(meta.source_language, meta.locales, locales)
    else:
        tags = select_locale_tags(meta.source_language, meta.locales, [PSEUDO_LOCALE], all_locales=True)
    found = {}
    for tag in tags:
        path = deck_path(out_dir, meta.id, tag)
        if path.is_file():
            found[tag] = path
        elif locales:
            raise DeckError(f"{display_path(path)} does not exist; build it first with 'deck build --locale {tag}'")
    if not found:
        raise DeckError(f"no built deck in {display_path(out_dir)}; run 'deck build' first")
    return found


def run_render_check(content_dir: Path, out_dir: Path, locales: list[str], echo) -> int:
    """Check every selected deck; print a table per locale; return the number of problems."""
    decks = decks_to_check(content_dir, out_dir, locales)
    reports = check_decks(list(decks.values()))
    total = 0
    for tag, report in zip(decks, reports):
        marks = {problem.slide: problem.kind for problem in report.problems}
        sheet = write_contact_sheet(report.images, Path(out_dir) / "check" / f"{report.deck.stem}-contact.png", marks)
        echo(f"\n{tag}: {report.pages} pages, {report.lines} text lines checked, "
             f"{len(report.problems)} problem{'s' if len(report.problems) != 1 else ''}; contact sheet {sheet}")
        if report.problems:
            echo(format_table(["slide", "shape", "problem", "detail"],
                              [[str(p.slide), p.shape, p.kind, p.detail] for p in report.problems], max_width=90))
        total += len(report.problems)
    echo(f"\n{total} problem{'s' if total != 1 else ''} in {len(reports)} deck{'s' if len(reports) != 1 else ''}")
    return total
