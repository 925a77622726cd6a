"""A warm build: the generator stays loaded between builds of one project, for ``deck serve``.

    warm = WarmBuild(options)            # the same BuildOptions as ``build()``
    result = warm.build()                # every locale drawn, the decks written
    result = warm.rebuild(paths)         # files changed: only what they touch is drawn again

Between calls it holds the loaded project (content, figures, template and mapping; a file
whose text is unchanged is not parsed again), each locale's catalog, the fitters and their
measurement caches, and per locale the drawn presentation, each slide's localized content,
fit records and warnings, and the bytes of every part and zip entry of the deck.

``rebuild(changed_paths)`` loads the project again, then finds the slides whose inputs
changed: a slide's YAML, the figures its text or chart shows (old and new values compared),
its locale's catalog (every slide of that locale); deck.yaml, the template or a locale's title
redraw the whole deck. Those slides are localized again, and each whose localized content
differs is drawn again, at the end of the deck, then moved into its place under its old part
names (``oxml.package.move_last_slide_to``). A deck is saved from the kept bytes of its
unchanged parts and zip entries, and written (atomically) only when its bytes changed. The
bytes are those of a cold ``deck build`` of the same inputs; ``drawn`` counts the slides drawn
by the last call.

A rebuild that meets a problem draws everything the cold way, so it raises the problems a cold
build raises, and keeps nothing of the broken state: the next call draws every deck again, the
one after is warm again. Everything runs in the calling process (no workers: forking on each
rebuild costs more than drawing the few slides an edit touches).

It writes the decks only, never PDFs, previews, manifest.json or index.html; a deck whose
bytes no longer match manifest.json is built again by the next ``deck build``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .build import (BuildResult, _core_texts, _few_collections, _missing_glyph_problem, _overflow_problems,
                    _settle, check_output_dir, load_project, select_locales, shared_fitter, template_fonts)
from .build_context import start_build
from .errors import ContentError, Problem, Warnings, display_path
from .options import BuildOptions
from .output.paths import deck_path


@dataclass
class _SlideState:
    """One slide of one locale as last drawn."""

    content: object                # the localized slide
    fits: list                     # the FitRecords of its body
    footer_fits: list              # and of its footer, fitted on the first slide of each layout
    missing: set                   # keys of the figures without a value it shows
    fallbacks: list                # its translation fallbacks (warnings), in order


@dataclass
class _LocaleDeck:
    """One locale's deck as last built."""

    locale: object
    catalog: object
    catalog_stamp: tuple
    drawing: object                # generator.render.deck.DeckDrawing
    deck_texts: tuple              # (title, subject) as localized
    deck_warnings: list            # what localizing the title and subject alone warns about
    slides: list[_SlideState]
    parts: dict = field(default_factory=dict)     # the package's bytes by part (oxml.package.package_entries)
    records: dict = field(default_factory=dict)   # the zip's compressed entries (output.writer.zip_entries)
    data: bytes = b""


class WarmBuild:
    """Builds the decks of ``options`` again and again in one process, drawing only what changed."""

    def __init__(self, options: BuildOptions):
        self.options = options
        self.project = None
        self.decks: dict[str, _LocaleDeck] | None = None    # None: the next call draws everything
        self.fitters: dict = {}
        self.drawn = 0
        start_build()

    # ---------------------------------------------------------------- the two entry points

    def build(self) -> BuildResult:
        """Load everything and draw every deck; write those whose bytes differ from OUT's."""
        with _few_collections():
            return self._run(self._draw_all)

    def rebuild(self, changed_paths=()) -> BuildResult:
        """Build again after ``changed_paths`` (content files, catalogs, template files) changed."""
        changed = {os.path.abspath(path) for path in changed_paths}
        with _few_collections():
            if self.decks is None:
                return self._run(self._draw_all)
            try:
                return self._run(lambda result: self._draw_changed(result, changed))
            except ContentError:
                return self._run(self._draw_all)     # the problems exactly as a cold build finds them

    def _run(self, draw) -> BuildResult:
        """``draw`` into a new result, settle overflow and --strict, then write the changed decks."""
        options = self.options
        check_output_dir(options.out_dir)
        result = BuildResult()
        self.drawn = 0
        try:
            overflow = draw(result)
            _settle(result, overflow, options.allow_overflow, options.strict)
        except BaseException:
            self.decks = None
            raise
        self._write(result)
        return result

    # ---------------------------------------------------------------- drawing

    def _load(self, result: BuildResult):
        options = self.options
        project = load_project(options.content_dir, options.template_dir, options.project_dir, result.warnings)
        result.deck_id = project.deck.meta.id
        return project

    def _draw_all(self, result: BuildResult, project=None) -> list[Problem]:
        """Every locale drawn anew, in order, as ``build()`` draws them."""
        project = project or self._load(result)
        if self.project is None or self.project.template.mapping != project.template.mapping:
            self.fitters = {}
        self.project, self.decks = project, None
        locales = select_locales(project.deck, self.options.locales, self.options.all_locales)
        decks = {}
        for locale in locales:
            decks[locale.tag] = self._draw_locale(project, locale, _read_catalog(project.deck, locale))
        self.decks = decks
        return self._report(result)

    def _draw_changed(self, result: BuildResult, changed: set[str]) -> list[Problem]:
        """Only the slides whose inputs changed drawn again; a deck whose frame changed, all of it."""
        old, project = self.project, self._load(result)
        self.project = project
        if _frame_changed(old, project, changed):
            self.fitters = {}
            return self._draw_all(result, project)
        touched = _touched_slides(old.deck, project.deck)
        for tag, kept in list(self.decks.items()):
            self.decks[tag] = self._update_locale(project, kept, touched, changed)
        return self._report(result)

    def _update_locale(self, project, kept: _LocaleDeck, touched: set[int], changed: set[str]) -> _LocaleDeck:
        deck, locale = project.deck, kept.locale
        catalog, stamp = kept.catalog, kept.catalog_stamp
        path = _catalog_file(deck, locale)
        if str(path) in changed or _stamp(path) != stamp:
            catalog, stamp = _read_catalog(deck, locale)
            touched = set(range(len(deck.slides)))
        texts, deck_warnings = _localize_deck_texts(deck, locale, catalog)
        if texts != kept.deck_texts:
            return self._draw_locale(project, locale, (catalog, stamp))
        drawing = kept.drawing
        drawing.ctx.figures = deck.figures
        for index in sorted(touched):
            state = _localize_slide(deck, locale, catalog, deck.slides[index], deck_warnings)
            before = kept.slides[index]
            if state.content == before.content:
                before.missing, before.fallbacks = state.missing, state.fallbacks
                continue
            if _role(project.template, state.content) != _role(project.template, before.content) or \
                    not self._redraw(drawing, index + 1, state, before):
                return self._draw_locale(project, locale, (catalog, stamp))
            kept.slides[index] = state
        kept.catalog, kept.catalog_stamp, kept.deck_warnings = catalog, stamp, deck_warnings
        self._save(kept)
        return kept

    def _redraw(self, drawing, number: int, state: _SlideState, before: _SlideState) -> bool:
        """Draw slide ``number`` again and move it into its place; False when the deck must be drawn anew."""
        from .layout.measure import MissingGlyph
        from .oxml.package import move_last_slide_to

        ctx = drawing.ctx
        start = len(ctx.fits)
        try:
            slide, layout = drawing.draw_body(number, state.content)
            state.fits = ctx.fits[start:]
            drawing.finish_slide(slide, layout, state.content)
        except MissingGlyph as error:
            raise ContentError([_missing_glyph_problem(self.project.deck, ctx.locale, error)]) from None
        finally:
            del ctx.fits[start:]
        self.drawn += 1
        # The footer is fitted once per layout and deck, its record kept on the slide that fitted it.
        state.footer_fits = before.footer_fits
        return move_last_slide_to(drawing.prs, number)

    def _draw_locale(self, project, locale, catalog_and_stamp) -> _LocaleDeck:
        """One locale drawn anew, the cold way, keeping what each slide was drawn from."""
        from .layout.measure import MissingGlyph
        from .localize.localizer import localize
        from .output.writer import set_core_properties
        from .render.deck import DeckDrawing

        catalog, stamp = catalog_and_stamp
        deck = project.deck
        localized = localize(deck, locale, Warnings(), catalog=catalog)     # its problems, as a cold build's
        texts, deck_warnings = _localize_deck_texts(deck, locale, catalog)
        states = [_localize_slide(deck, locale, catalog, slide, deck_warnings) for slide in deck.slides]
        drawing = DeckDrawing(localized, project.template, self._fitter(project, locale))
        ctx = drawing.ctx
        try:
            for number, (content, state) in enumerate(zip(localized.slides, states), 1):
                start = len(ctx.fits)
                slide, layout = drawing.draw_body(number, content)
                middle = len(ctx.fits)
                drawing.finish_slide(slide, layout, content)
                state.content, state.fits, state.footer_fits = content, ctx.fits[start:middle], ctx.fits[middle:]
                self.drawn += 1
        except MissingGlyph as error:
            raise ContentError([_missing_glyph_problem(deck, locale, error)]) from None
        title, subject, author = _core_texts(deck, locale, localized, Warnings())   # warned in deck_warnings
        set_core_properties(drawing.prs, title, subject, author, locale.lang, self._when())
        kept = _LocaleDeck(locale, catalog, stamp, drawing, texts, deck_warnings, states)
        self._save(kept)
        return kept

    def _fitter(self, project, locale):
        return shared_fitter(self.fitters, template_fonts(project.template), locale)

    def _when(self):
        from .output.writer import build_time

        return build_time()

    def _save(self, kept: _LocaleDeck) -> None:
        from .oxml.package import package_entries
        from .output.writer import zip_entries

        kept.data = zip_entries(package_entries(kept.drawing.prs, kept.parts), self._when(), kept.records)

    # ---------------------------------------------------------------- reporting and writing

    def _report(self, result: BuildResult) -> list[Problem]:
        """Each locale's warnings and fit records into ``result``, in locale order; their overflow."""
        deck = self.project.deck
        overflow = []
        for tag, kept in self.decks.items():
            result.locales.append(tag)
            for problem in _locale_warnings(deck, kept):
                result.warnings.add(problem)
            fits = [record for state in kept.slides for record in state.fits + state.footer_fits]
            result.fits[tag] = fits
            overflow.extend(_overflow_problems(deck, kept.locale, fits))
        return overflow

    def _write(self, result: BuildResult) -> None:
        from .output.writer import write_atomic

        for tag, kept in self.decks.items():
            path = deck_path(self.options.out_dir, result.deck_id, tag)
            result.outputs.append(path)
            if not write_atomic(path, kept.data):
                result.up_to_date.append(path)


# ---------------------------------------------------------------- what changed

def _frame_changed(old, new, changed: set[str]) -> bool:
    """Whether every deck must be drawn anew: the template, deck.yaml or the slide order changed."""
    template_dir = os.path.abspath(new.template.dir)
    if os.path.abspath(old.template.dir) != template_dir or old.template.mapping != new.template.mapping:
        return True
    if any(path == template_dir or path.startswith(template_dir + os.sep) for path in changed):
        return True
    assets = os.path.abspath(new.deck.content_dir / "assets")
    if any(path.startswith(assets + os.sep) for path in changed):
        return True
    return old.deck.meta != new.deck.meta or [s.id for s in old.deck.slides] != [s.id for s in new.deck.slides]


def _touched_slides(old, new) -> set[int]:
    """Indexes of the slides whose YAML changed or that show a figure whose value or entry changed."""
    touched = {index for index, (before, after) in enumerate(zip(old.slides, new.slides)) if before != after}
    keys = set(old.figures.figures) | set(new.figures.figures)
    changed = {key for key in keys if _figure_state(old.figures, key) != _figure_state(new.figures, key)}
    slide_ids = {slide_id for key in changed for usage in (old.figure_usage, new.figure_usage)
                 for slide_id in usage.get(key, [])}
    touched.update(index for index, slide in enumerate(new.slides) if slide.id in slide_ids)
    return touched


def _figure_state(figures, key: str):
    figure = figures.figures.get(key)
    return None if figure is None else (figure.entry, figure.value)


def _role(template, content) -> str:
    return content.layout or template.mapping.role_for_kind(content.kind)


# ---------------------------------------------------------------- catalogs and localizing

def _catalog_file(deck, locale) -> Path:
    from .localize.translations import catalog_path

    return Path(os.path.abspath(catalog_path(deck.content_dir, locale.tag)))


def _stamp(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return ()
    return (stat.st_mtime_ns, stat.st_size)


def _read_catalog(deck, locale) -> tuple:
    """The locale's catalog as ``localize`` reads it, and the stamp of its file."""
    from .localize.localizer import catalog_for

    path = _catalog_file(deck, locale)
    stamp = _stamp(path)
    return catalog_for(deck, locale), stamp


def _localize_deck_texts(deck, locale, catalog) -> tuple[tuple, list]:
    """The localized title and subject, and what localizing them (and no slide) warns about."""
    from .localize.localizer import localize

    warnings = Warnings()
    localized = localize(deck.model_copy(update={"slides": []}), locale, warnings, catalog=catalog)
    _core_texts(deck, locale, localized, warnings)
    return (localized.title, localized.subject), list(warnings)


def _localize_slide(deck, locale, catalog, slide, deck_warnings: list) -> _SlideState:
    """One slide localized alone; its warnings split into missing figures and translation fallbacks."""
    from .localize.localizer import localize

    warnings = Warnings()
    localized = localize(deck.model_copy(update={"slides": [slide]}), locale, warnings, catalog=catalog)
    missing = _missing_value_warnings(deck)
    return _SlideState(localized.slides[0], [], [],
                       {missing[problem] for problem in warnings if problem in missing},
                       [problem for problem in warnings if problem not in missing and problem not in deck_warnings])


def _missing_value_warnings(deck) -> dict:
    """The warning about each figure without a value, as ``localize`` words it, to its key."""
    from .load.figures import missing_value_warning

    return {missing_value_warning(deck.figures, key, deck.figure_usage.get(key, [])): key
            for key, figure in deck.figures.figures.items() if figure.missing}


def _locale_warnings(deck, kept: _LocaleDeck) -> list[Problem]:
    """What localizing the whole deck warns about, in its order: figures without a value (by key),
    no catalog, then the fallbacks of each slide and of the title and subject."""
    from .load.figures import missing_value_warning
    from .localize.translations import catalog_path

    missing_problems = _missing_value_warnings(deck)
    keys = {missing_problems[p] for p in kept.deck_warnings if p in missing_problems}
    for state in kept.slides:
        keys |= state.missing
    rest = [p for p in kept.deck_warnings if p not in missing_problems]
    locale = kept.locale
    no_catalog = Problem(display_path(catalog_path(deck.content_dir, locale.tag)), None, None,
                         f"[{locale.tag}] no catalog; the deck falls back to the source language")
    head = [p for p in rest if p == no_catalog]
    deck_fallbacks = [p for p in rest if p != no_catalog]
    warnings = Warnings()
    for problem in [missing_value_warning(deck.figures, key, deck.figure_usage.get(key, [])) for key in sorted(keys)] \
            + head + [p for state in kept.slides for p in state.fallbacks] + deck_fallbacks:
        warnings.add(problem)
    return list(warnings)


class WarmEngine:
    """``deck serve``'s engine (see ``generator.serve.engine``): the first build is an ordinary one,
    PDFs and previews included; every rebuild after it is warm."""

    def __init__(self, options: BuildOptions):
        from dataclasses import replace

        self.options = replace(options, all_locales=True, pdf=False, png=False)
        self.warm = WarmBuild(self.options)

    def build_all(self) -> BuildResult:
        from dataclasses import replace

        from .build import build

        result = build(replace(self.options, pdf=True, png=True))
        self.warm.build()                     # draws every deck in memory; the bytes on disk are the same
        return result

    def rebuild(self, changed_paths) -> BuildResult:
        return self.warm.rebuild(changed_paths)
