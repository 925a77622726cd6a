"""Turn the validated deck into one locale's deck: translated, figures formatted, ready to lay out."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import TemplateError
from jinja2.exceptions import SecurityError

from ..errors import ContentError, Problem, Warnings, display_path
from ..load.figures import FigureTable, missing_value_warning
from ..load.text_checks import check_template
from ..model import Deck, SlideBase, replace_texts, text_path
from ..sandbox import KEEP_EXPRESSIONS, changed_expressions, has_words, make_environment
from ..sandbox import render as render_template
from .translations import Translations, catalog_path, load_catalog
from .formatting import Formatter
from ..locales import LocaleInfo
from .pseudo import pseudo_translate

DECK_CONTEXT = "deck"


@dataclass
class LocalizedDeck:
    """One locale's deck: every text final, every figure resolved."""

    id: str
    locale: LocaleInfo
    title: str
    subject: str | None
    author: str
    slides: list[SlideBase]
    figures: FigureTable


_READ = object()


def localize(deck: Deck, locale: LocaleInfo, warnings: Warnings, catalog=_READ) -> LocalizedDeck:
    """Translate and render every text of ``deck`` for ``locale``; collect all problems first.

    ``catalog`` is the locale's catalog when the caller has read it already (``catalog_for``).
    """
    translations = Translations(_catalog_for(deck, locale) if catalog is _READ else catalog)
    formatter = Formatter(locale.babel, translate=translations.lookup)
    env = make_environment(formatter.filters())
    context = deck.figures.namespace()
    problems: list[Problem] = []
    catalog_file = display_path(catalog_path(deck.content_dir, locale.tag))

    def render(where: str, context_id: str, source: str) -> str:
        text = translations.lookup(context_id, source) if has_words(source) else source
        if text != source:
            # A translation is untrusted input: the same checks as the English, named in its catalog.
            found = check_template(env, text, deck.figures,
                                   lambda m, h=None: Problem(catalog_file, translations.line(context_id, source), None,
                                                             f"[{locale.tag}] {context_id}: {m}", h))
            changed = None if found else changed_expressions(source, text)
            if changed:
                found = [Problem(catalog_file, translations.line(context_id, source), None,
                                 f"[{locale.tag}] {context_id}: {changed}", KEEP_EXPRESSIONS)]
            if found:
                problems.extend(found)
                return source
        if text != source:
            where, line = catalog_file, translations.line(context_id, source)   # the translation is at fault
        else:
            line = None
        if locale.is_pseudo:
            text = pseudo_translate(text)
        try:
            return render_template(env, text, context)
        except SecurityError as exc:
            problems.append(Problem(where, line, None, f"[{locale.tag}] {context_id}: refused: {exc}"))
        except TemplateError as exc:
            problems.append(Problem(where, line, None, f"[{locale.tag}] {context_id}: {exc}"))
        except (TypeError, ValueError, ArithmeticError) as exc:
            problems.append(Problem(where, line, None, f"[{locale.tag}] {context_id}: cannot format: {exc}"))
        return source

    slides = []
    for slide in deck.slides:
        where = display_path(slide.source) if slide.source else slide.id
        slides.append(replace_texts(
            slide, lambda path, s, w=where, sid=slide.id: render(w, f"{sid}:{text_path(path)}", s)))
    deck_file = display_path(deck.content_dir / "deck.yaml")
    title = render(deck_file, f"{DECK_CONTEXT}:title", deck.meta.title)
    subject = render(deck_file, f"{DECK_CONTEXT}:subject", deck.meta.subject) if deck.meta.subject else None
    if problems:
        raise ContentError(problems)
    _report(deck, locale, translations, formatter, warnings)
    return LocalizedDeck(deck.meta.id, locale, title, subject, deck.meta.author, slides, deck.figures)


def _catalog_for(deck: Deck, locale: LocaleInfo):
    if locale.tag == deck.meta.source_language or locale.is_pseudo:
        return None
    return load_catalog(catalog_path(deck.content_dir, locale.tag))


catalog_for = _catalog_for      # the catalog ``localize`` reads for a locale (None: the source text is used)


def _report(deck: Deck, locale: LocaleInfo, translations: Translations, formatter: Formatter,
            warnings: Warnings) -> None:
    for key in sorted(formatter.missing):
        warnings.add(missing_value_warning(deck.figures, key, deck.figure_usage.get(key, [])))
    if translations.catalog is None and locale.tag != deck.meta.source_language and not locale.is_pseudo:
        warnings.add(Problem(display_path(catalog_path(deck.content_dir, locale.tag)), None, None,
                             f"[{locale.tag}] no catalog; the deck falls back to the source language"))
    for context, reason in translations.fallbacks:
        warnings.add(Problem(display_path(catalog_path(deck.content_dir, locale.tag)), None, None,
                             f"[{locale.tag}] {context}: {reason}; the source text is used"))
