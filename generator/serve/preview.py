"""The live preview's state and its rebuild loop: PPTX first, then PNGs of the slides that changed.

One thread does the work, one change set at a time: it rebuilds every locale's PPTX (the
engine's ``rebuild``), compares each deck's slide fingerprints with the previous ones, tells
the browsers which decks changed, then converts only the changed decks with LibreOffice (one
kept running for the whole session), one at a time, and draws only their changed slides, the source language first so that its
slides come back soonest. A change saved meanwhile stops the remaining conversions; the next
round renders what is still stale together with what the new change touched.

Every message to the browsers is a ``snapshot``: the problems, the warnings and each
deck's URLs, carrying a hash of the file so that a browser reloads exactly the images whose
bytes changed. The first message on a connection holds every slide; later ones only the
decks and slides that changed.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, DeckError, Problem, display_path
from ..output.paths import pdf_path
from .slides import (changed_slides, file_version, rewrite_contact_sheet, slide_fingerprints,
                     slide_png, write_slide_pngs)


@dataclass
class DeckView:
    """One locale's deck as the page shows it."""

    tag: str
    pptx: Path
    fingerprints: list[str]
    pptx_version: str | None = None
    pdf_version: str | None = None
    slide_versions: dict[int, str | None] = field(default_factory=dict)
    stale: set[int] = field(default_factory=set)          # slides whose PNG is not drawn from this PPTX yet


class LivePreview:
    """What the page shows, kept current by rebuilding when told that files changed."""

    def __init__(self, engine, out_dir: Path, publish, log):
        self.engine = engine
        self.out_dir = Path(out_dir)
        self.publish = publish            # publish(snapshot): to every open page
        self.log = log                    # log(line): to the terminal
        self.deck_id = ""
        self.decks: dict[str, DeckView] = {}
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.busy = "starting"
        self.lock = threading.Lock()      # guards the state above against the page's threads
        self.changes = threading.Condition()
        self.pending: set[Path] = set()
        self.stopped = False
        self.office = None                # the LibreOffice kept running between rounds (the rebuild thread's)

    # ------------------------------------------------------------ what the page sees

    def snapshot(self, tags=None, slides: dict[str, set[int]] | None = None) -> dict:
        """The state as JSON-ready data: every deck and slide, or only the ``slides`` of ``tags``."""
        with self.lock:
            decks = {}
            for tag, view in self.decks.items():
                if tags is not None and tag not in tags:
                    continue
                numbers = slides.get(tag, set()) if slides is not None else view.slide_versions.keys()
                decks[tag] = {
                    "pptx": self._url(view.pptx.name, view.pptx_version),
                    "pdf": self._url(pdf_path(self.out_dir, self.deck_id, tag).name, view.pdf_version),
                    "count": len(view.fingerprints),
                    "slides": {str(n): self._slide_url(tag, n, view.slide_versions.get(n)) for n in sorted(numbers)},
                    "stale": sorted(view.stale),
                }
            return {
                "busy": self.busy,
                "problems": [_problem_data(p) for p in self.problems],
                "warnings": [_problem_data(p) for p in self.warnings],
                "layout": self._layout(),
                "decks": decks,
            }

    def _layout(self) -> str:
        """Which decks with how many slides: when it changes, the page is drawn anew."""
        return ",".join(f"{tag}:{len(view.fingerprints)}" for tag, view in self.decks.items())

    def locales(self) -> list[DeckView]:
        with self.lock:
            return list(self.decks.values())

    @staticmethod
    def _url(name: str, version: str | None) -> str | None:
        return f"{name}?v={version}" if version else None

    def _slide_url(self, tag: str, number: int, version: str | None) -> str | None:
        return self._url(slide_png(self.out_dir, tag, number).relative_to(self.out_dir).as_posix(), version)

    # ------------------------------------------------------------ the rebuild loop

    def notify(self, paths) -> None:
        """Files changed (called from the watcher): rebuild as soon as the current round allows."""
        with self.changes:
            self.pending.update(Path(p) for p in paths)
            self.changes.notify()

    def stop(self) -> None:
        with self.changes:
            self.stopped = True
            self.changes.notify()

    def run(self) -> None:
        """The first build, then a rebuild for every batch of changes, until ``stop``; LibreOffice quits then."""
        try:
            self._round(self.engine.build_all, first=True)
            self._start_libreoffice()          # started now, it is listening when the first change comes
            while True:
                with self.changes:
                    while not self.pending and not self.stopped:
                        self.changes.wait()
                    if self.stopped:
                        return
                    paths, self.pending = self.pending, set()
                self.log(f"changed: {', '.join(sorted(display_path(p) for p in paths))}")
                self._round(lambda: self.engine.rebuild(paths), first=False)
        finally:
            self.close()

    def close(self) -> None:
        office, self.office = self.office, None
        if office is not None:
            office.close()

    def _libreoffice(self):
        """One long-lived LibreOffice: a changed deck then costs its conversion only, not LibreOffice's start."""
        from ..output.libreoffice import open_converter

        if self.office is None:
            self.office = open_converter(jobs=1)
        return self.office

    def _start_libreoffice(self) -> None:
        try:
            self._libreoffice().start()
        except DeckError as error:
            self._failed(error)

    def _round(self, build, first: bool) -> None:
        started = time.perf_counter()
        self._set_busy("building")
        try:
            result = build()
        except DeckError as error:
            self._failed(error)
            return
        except Exception as error:          # noqa: BLE001 - shown on the page; the server keeps running
            self._failed(DeckError(f"internal error: {type(error).__name__}: {error}"))
            return
        changed = self._take_decks(result, first)
        count = sum(len(numbers) for numbers in changed.values())
        self.log(f"built {len(result.outputs)} decks in {time.perf_counter() - started:.2f} s"
                 + ("" if first else f"; {count} slide{'s' if count != 1 else ''} changed"
                    + (f" ({', '.join(sorted(changed))})" if changed else "")))
        for warning in result.warnings:
            self.log(f"warning: {warning}")
        self._set_busy("rendering" if any(view.stale for view in self.locales()) else "")
        self.publish(self.snapshot(tags=set(changed), slides={tag: set() for tag in changed}))
        self._render_stale(started)

    def _failed(self, error: DeckError) -> None:
        problems = error.problems if isinstance(error, ContentError) else [Problem("", None, None, str(error))]
        with self.lock:
            self.problems = list(problems)
            self.busy = ""
        for problem in problems:
            self.log(f"error: {problem}")
        self.publish(self.snapshot(tags=set()))

    def _set_busy(self, busy: str) -> None:
        with self.lock:
            self.busy = busy
        self.publish(self.snapshot(tags=set()))

    def _take_decks(self, result, first: bool) -> dict[str, set[int]]:
        """The built decks' fingerprints; returns the slides changed since the last round, by locale."""
        changed = {}
        views = {}
        for tag, pptx in zip(result.locales, result.outputs):
            fingerprints = slide_fingerprints(pptx)
            old = self.decks.get(tag)
            numbers = changed_slides(old.fingerprints if old else None, fingerprints)
            view = DeckView(tag, Path(pptx), fingerprints, file_version(Path(pptx)),
                            old.pdf_version if old else file_version(pdf_path(self.out_dir, result.deck_id, tag)))
            if first:                          # the build drew every preview itself
                view.slide_versions = {n: file_version(slide_png(self.out_dir, tag, n))
                                       for n in range(1, len(fingerprints) + 1)}
            else:                              # what is shown stays until redrawn
                view.slide_versions = {n: (old.slide_versions.get(n) if old else None)
                                       for n in range(1, len(fingerprints) + 1)}
                view.stale = {n for n in (old.stale if old else set()) | numbers if n <= len(fingerprints)}
            if numbers or old is None or old.pptx_version != view.pptx_version:
                changed[tag] = numbers if old else set()
            views[tag] = view
        with self.lock:
            self.deck_id = result.deck_id
            self.decks = views
            self.warnings = list(result.warnings)
            self.problems = []
        return changed

    def _render_stale(self, started: float) -> None:
        """PDFs of the decks with stale slides and PNGs of those slides, one deck at a time, the source language first.

        Converting one deck at a time, a change saved meanwhile waits for one deck only, not
        for all of them.
        """
        for view in [view for view in self.locales() if view.stale]:
            with self.changes:
                if self.pending or self.stopped:
                    return                     # a newer change: its round renders these too
            try:
                [pdf] = self._libreoffice().convert([view.pptx], self.out_dir)
            except DeckError as error:
                self._failed(error)
                return
            redrawn = self._draw_slides(view, pdf)
            self.log(f"{view.tag}: {len(redrawn)} slide preview{'s' if len(redrawn) != 1 else ''} changed, "
                     f"{time.perf_counter() - started:.2f} s after the change")
            rewrite_contact_sheet(self.out_dir, view.tag, len(view.fingerprints))
        self._set_busy("")

    def _draw_slides(self, view: DeckView, pdf: Path) -> set[int]:
        """PNGs of the deck's stale slides from its new PDF; tells the pages those whose bytes changed."""
        count = len(view.fingerprints)
        write_slide_pngs(pdf, self.out_dir, view.tag, view.stale, count)
        redrawn = set()
        with self.lock:
            view.pdf_version = file_version(pdf)
            for number in view.stale:
                version = file_version(slide_png(self.out_dir, view.tag, number))
                if version != view.slide_versions.get(number):
                    redrawn.add(number)
                view.slide_versions[number] = version
            view.stale = set()
        self.publish(self.snapshot(tags={view.tag}, slides={view.tag: redrawn}))
        return redrawn


def _problem_data(problem: Problem) -> dict:
    where = problem.path or ""
    if problem.line is not None:
        where += f":{problem.line}" + (f":{problem.col}" if problem.col is not None else "")
    return {"where": where, "message": problem.message, "hint": problem.hint}

