"""The library entry point: content + template -> one .pptx per locale.

Two phases, as MkDocs and Sphinx do it: first load, validate, localize, lay out and render
every requested locale in memory; only when all of them succeeded is anything written, each
file atomically. A failed build leaves every previous output byte-identical.

Builds are incremental: ``manifest.json`` records what each deck was built from
(``generator.output.incremental``), and a deck whose inputs are unchanged is not built
again (``force`` builds it anyway). Locales render in parallel, in ``jobs`` forked worker
processes (``generator.parallel``); the result is the same as rendering them one after the
other. Heavy modules (python-pptx, pydantic, Jinja, Babel) are imported only once a build
has something to do.

A build runs in four phases: plan (load the content, choose the locales, find the decks
that are up to date), render all, stage and install, publish (manifest.json, index.html).
The last two fill a new version of OUT, which replaces the current one in one step once
complete (``generator.output.versions``); builds of one OUT take turns.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, DeckError, Problem, Warnings, did_you_mean, display_path
from .options import BuildOptions
from .output import incremental, versions
from .output.paths import MANIFEST, deck_path, pdf_path, preview_dir


@dataclass
class BuildResult:
    deck_id: str = ""
    locales: list[str] = field(default_factory=list)      # in the order of ``outputs``
    outputs: list[Path] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    pngs: dict[str, list[Path]] = field(default_factory=dict)
    manifest: Path | None = None
    index: Path | None = None
    warnings: Warnings = field(default_factory=Warnings)
    fits: dict[str, list] = field(default_factory=dict)   # locale -> FitRecord list
    up_to_date: list[Path] = field(default_factory=list)  # decks not built again: their inputs are unchanged


@dataclass
class Project:
    """A loaded deck and its checked template: what every command starts from."""

    deck: object          # generator.model.Deck
    template: object      # generator.template.mapping.Template
    warnings: Warnings


def load_project(content_dir: Path, template_dir: Path | None = None, project_dir: Path | None = None,
                 warnings: Warnings | None = None) -> Project:
    """Load and validate content and template; raise one error listing every problem."""
    from .load.loader import load_deck
    from .template.contract import check_contract
    from .template.mapping import load_mapping

    warnings = warnings if warnings is not None else Warnings()
    project_dir = Path(project_dir or Path.cwd())
    deck = load_deck(Path(content_dir), project_dir, warnings)
    template = load_mapping(Path(template_dir) if template_dir else project_dir / deck.meta.template)
    kinds = {slide.kind for slide in deck.slides}
    check_contract(template, kinds, warnings=warnings)
    _check_layout_overrides(deck, template)
    return Project(deck, template, warnings)


def select_locales(deck, requested, all_locales: bool) -> list:
    """The requested locales; with ``all_locales``, the source language and deck.yaml's first."""
    from .locales import get_locale, select_locale_tags

    tags = select_locale_tags(deck.meta.source_language, deck.meta.locales, requested, all_locales)
    return [get_locale(tag, deck.meta.regions.get(tag)) for tag in tags]


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class Progress:
    """What a build tells while it runs; this one tells no one (``deck build`` draws a bar)."""

    def start(self, steps: int) -> None:
        """The build will take ``steps`` steps: a locale rendered or up to date, the PDF run, a locale's previews."""

    def step(self, label: str) -> None:
        """One step done."""


def build(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    """Build the decks ``options`` ask for, telling ``progress`` how it goes.

    Decks whose inputs have not changed since the build recorded in ``OUT/manifest.json``
    are reported in ``result.up_to_date`` and not built again, unless ``options.force``.
    """
    from .build_context import start_build

    start_build()                               # nothing memoized by an earlier build is used
    with _few_collections():
        return _build(options, progress or Progress())


@contextmanager
def _few_collections():
    """Python's cycle collector, run rarely while a build runs.

    A build allocates millions of short-lived objects and almost no reference cycles; at the
    default thresholds the collector walks every live object (modules, the deck, the XML
    trees) again and again, a tenth of the time of a 1,000-slide build for nothing freed.
    What is loaded when a build starts is frozen out of the collector's sight.
    """
    import gc

    thresholds = gc.get_threshold()
    ours = gc.get_freeze_count() == 0        # a caller that froze objects itself keeps them frozen
    if ours:
        gc.freeze()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if ours:
            gc.unfreeze()


def _build(options: BuildOptions, progress: Progress) -> BuildResult:
    """Plan, render all, stage and install, publish; or, when every deck is up to date, report them."""
    check_output_dir(options.out_dir)
    with versions.locked(options.out_dir) as folder:
        versions.sweep(folder)
        recorded = None if options.force else incremental.plan_build(options)
        if recorded is not None and recorded.nothing_to_do and (options.out_dir / "index.html").is_file():
            return _report_up_to_date(options, recorded, progress)
        result = BuildResult()
        # LibreOffice starts while the project loads and the decks render; inside the new
        # version, so that its temporary files are in the work folder a killed build leaves.
        with versions.new_version(folder) as version, _libreoffice_for(options) as office:
            plan = _plan(options, recorded, result)
            _size_libreoffice(office, plan)
            progress.start(plan.steps)
            rendered = _render_all(plan, result, progress, office)
            records = _stage_and_install(plan, result, rendered, progress, version, office)
            _publish(plan, result, rendered, records, version.path)
        _collect_outputs(result, options.out_dir, plan.fresh, options.pdf, options.png)
        result.manifest, result.index = options.out_dir / MANIFEST, options.out_dir / "index.html"
    return result


@dataclass
class BuildPlan:
    """What a build will do, decided before anything is rendered."""

    options: BuildOptions
    project: Project
    job: _Job                  # what rendering any of its locales needs
    locales: list              # every deck's LocaleInfo, in the order of the outputs
    fresh: dict                # tag -> incremental.UpToDate: the decks not built again
    inputs: dict               # tag -> the inputs its manifest record describes
    content_warnings: list[Problem]
    git: object                # the git process asked for the commit, read when publishing

    @property
    def stale(self) -> list:
        """The locales to render."""
        return [locale for locale in self.locales if locale.tag not in self.fresh]

    @property
    def steps(self) -> int:
        """What ``Progress`` hears about: each locale, the PDF run and each locale's previews."""
        built = len(self.stale)
        return len(self.locales) + (1 if built and self.options.previews else 0) + (built if self.options.png else 0)


def _plan(options: BuildOptions, recorded, result: BuildResult) -> BuildPlan:
    """Load and check the project, choose the locales, and keep the decks ``recorded`` found up to date."""
    from .output.manifest import start_git_commit
    from .output.writer import build_time

    git = start_git_commit(options.project_dir)          # answered while the decks render
    _prefetch_fonts(options.content_dir, options.template_dir, options.project_dir)
    project = load_project(options.content_dir, options.template_dir, options.project_dir, result.warnings)
    content_warnings = list(result.warnings)
    locales = select_locales(project.deck, options.locales, options.all_locales)
    job = _Job(project, template_fonts(project.template), build_time(), _message_keys(project))
    for locale in locales:
        job.fitter(locale).measurer.fonts.prefetch()     # fontconfig looks the faces up meanwhile
    result.deck_id = project.deck.meta.id
    result.locales = [locale.tag for locale in locales]
    fresh, inputs = _reuse_plan(recorded, project, result.locales, options.force)
    return BuildPlan(options, project, job, locales, fresh, inputs, content_warnings, git)


def _render_all(plan: BuildPlan, result: BuildResult, progress: Progress, office=None) -> dict[str, _Outcome]:
    """Every stale locale rendered, in parallel; the up-to-date ones' reports replayed; overflow settled.

    Each deck goes to ``office`` (LibreOffice) as soon as it is rendered, to be converted
    while the next ones render.
    """
    from .layout.fonts import collect_prefetched

    options = plan.options
    convert_early = _early_conversion(plan, office)
    outcomes = _render_locales(plan.job, [locale.tag for locale in plan.stale], options.jobs or default_jobs())
    rendered: dict[str, _Outcome] = {}
    overflow: list[Problem] = []
    try:
        for tag in result.locales:
            if tag in plan.fresh:
                overflow.extend(_replay(result, plan.fresh[tag]))
                progress.step(f"up to date {tag}")
                continue
            outcome = rendered[tag] = next(outcomes)
            outcome.raise_error()
            convert_early(tag, outcome.data)
            for problem in outcome.warnings:
                result.warnings.add(problem)
            result.fits[tag] = outcome.fits
            overflow.extend(outcome.overflow)
            progress.step(f"rendered {tag}")
        for _ in outcomes:          # let the workers finish and be reaped
            pass
    finally:
        outcomes.close()
    collect_prefetched()                         # faces looked up ahead but not used: reap fc-match
    _settle(result, overflow, options.allow_overflow, options.strict)
    return rendered


def _early_conversion(plan: BuildPlan, office):
    """``convert_early(tag, deck bytes)``: the deck handed to ``office`` now, unless its previews in OUT are kept."""
    if office is None:
        return lambda tag, data: None
    options = plan.options
    manifest = None if options.force else incremental.read_manifest(options.out_dir)
    renderer = _renderer()

    def convert_early(tag: str, data: bytes) -> None:
        made_from = {"deck_sha256": hashlib.sha256(data).hexdigest(), "renderer": renderer}
        if incremental.reusable_previews(options.out_dir, manifest, tag, made_from, options.pdf,
                                         options.png) is None:
            office.submit(deck_path(Path(), plan.project.deck.meta.id, tag).name, data)

    return convert_early


def _renderer() -> str:
    """What PDFs and previews are rendered with: LibreOffice's version and the previews' format."""
    from .output.libreoffice import renderer_stamp
    from .output.previews import PREVIEW_FORMAT

    return f"{renderer_stamp()}, {PREVIEW_FORMAT}"


def _libreoffice_for(options: BuildOptions):
    """The PDF converter the build's previews need, one LibreOffice started; ``nullcontext`` when it needs none."""
    if not options.previews:
        return nullcontext()
    from .output.libreoffice import open_converter

    converter = open_converter(options.jobs or default_jobs())
    converter.start(lanes=1)
    return converter


def _size_libreoffice(office, plan: BuildPlan) -> None:
    """As many LibreOffice processes as decks to render, up to ``jobs``; none when every deck is up to date."""
    if office is None:
        return
    if plan.stale:
        office.start(lanes=len(plan.stale))
    else:
        office.close()


def _stage_and_install(plan: BuildPlan, result: BuildResult, rendered: dict[str, _Outcome],
                       progress: Progress, version: versions.NewVersion, office) -> dict[str, dict]:
    """Write the decks (and PDFs, previews) to a staging folder, then into the new version; their records.

    The temp folder is the new version's work folder here, on the same disk, so staged
    files are moved rather than copied, and what a killed build leaves the next one removes.
    """
    options = plan.options
    built = [tag for tag in result.locales if tag in rendered]
    fonts = sorted({font for outcome in rendered.values() for font in outcome.fonts})
    records = {}
    with tempfile.TemporaryDirectory(prefix="deck-stage-") as scratch:
        stage = Path(scratch)
        staged = [deck_path(stage, result.deck_id, tag) for tag in built]
        for path, tag in zip(staged, built):
            path.write_bytes(rendered[tag].data)
        from .oxml.package_check import check_built_decks
        check_built_decks(staged)                # a broken deck never lands in OUT
        previews = _render_previews(stage, staged, built, options, progress, office) \
            if built and options.previews else {}
        for tag in built:
            outcome = rendered[tag]
            record = incremental.make_record(plan.inputs[tag], fonts, outcome.record_warnings(plan.content_warnings),
                                             outcome.overflow, outcome.fits)
            records.update(_records_for(stage, result.deck_id, tag, record, previews.get(tag, {})))
        _install(stage, version, result.deck_id, built)
    return records


def _publish(plan: BuildPlan, result: BuildResult, rendered: dict[str, _Outcome], records: dict,
             folder: Path) -> None:
    """manifest.json and index.html in ``folder``, the new version of OUT."""
    options = plan.options
    coverage = {tag: outcome.coverage for tag, outcome in rendered.items()}
    coverage.update({tag: found.coverage for tag, found in plan.fresh.items()})
    names = {tag: outcome.names for tag, outcome in rendered.items()}
    _write_publication(folder, plan.project, options.project_dir, records=records, coverage=coverage,
                       template_given=options.template_dir is not None, git=plan.git, names=names,
                       warnings=result.warnings, shown_dir=options.out_dir)


def _prefetch_fonts(content_dir: Path, template_dir: Path | None, project_dir: Path) -> None:
    """Start fontconfig on the mapping's fonts before the content is even loaded.

    A guess from a quick read of deck.yaml and mapping.yaml: nothing is validated or reported
    here (loading does that); a wrong guess only costs a lookup that is not used.
    """
    try:
        import yaml

        from .layout.fonts import font_table
        from .limits import MAX_YAML_BYTES
        from .load.paths import safe_read_bytes

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        if template_dir is None:
            deck = yaml.load(safe_read_bytes(content_dir / "deck.yaml", content_dir, MAX_YAML_BYTES), Loader=loader)
            template_dir = project_dir / deck["template"]
        mapping = yaml.load(safe_read_bytes(Path(template_dir) / "mapping.yaml", Path(template_dir), MAX_YAML_BYTES),
                            Loader=loader)
        font_table(mapping["fonts"], mapping.get("measure_fonts") or {}).for_locale("Latn").prefetch()
    except Exception:                            # noqa: BLE001 - a guess; loading reports real problems
        pass


# ---------------------------------------------------------------- decks that are up to date

def _report_up_to_date(options: BuildOptions, recorded, progress: Progress) -> BuildResult:
    """Nothing to build: report what the recorded builds reported, exactly as building would."""
    result = BuildResult(deck_id=recorded.deck_id, locales=list(recorded.tags))
    progress.start(len(recorded.tags))
    overflow: list[Problem] = []
    for tag in recorded.tags:
        overflow.extend(_replay(result, recorded.fresh[tag]))
        progress.step(f"up to date {tag}")
    _settle(result, overflow, options.allow_overflow, options.strict)
    _collect_outputs(result, options.out_dir, recorded.fresh, bool(any(f.pdf for f in recorded.fresh.values())),
                     bool(any(f.pngs for f in recorded.fresh.values())))
    manifest = options.out_dir / incremental.MANIFEST
    result.manifest = manifest if manifest.is_file() else None
    result.index = options.out_dir / "index.html"
    return result


def _replay(result: BuildResult, fresh) -> list[Problem]:
    """A skipped deck's warnings and fitted sizes, as its build recorded them; returns its overflow."""
    from .render.context import FitRecord

    record = fresh.record
    for row in record.get("warnings", []):
        result.warnings.add(Problem(*row))
    result.fits[fresh.tag] = [FitRecord(0, "", "", size, max_pt, True, "", hyphenated)
                              for size, max_pt, hyphenated in incremental.recorded_fits(record)]
    return [Problem(*row) for row in record.get("overflow", [])]


def _reuse_plan(recorded, project: Project, tags: list[str], force: bool) -> tuple[dict, dict]:
    """The up-to-date decks ``recorded`` found, when it planned this very deck and template; the inputs of all."""
    same = recorded is not None and recorded.deck_id == project.deck.meta.id and \
        os.path.abspath(recorded.template_dir) == os.path.abspath(project.template.dir)
    hasher = recorded.hasher if same else incremental.InputHasher(project.deck.content_dir, project.template.dir)
    inputs = {tag: (recorded.inputs[tag] if same and tag in recorded.inputs else hasher.inputs(tag)) for tag in tags}
    fresh = {} if force or not same else {tag: recorded.fresh[tag] for tag in tags if tag in recorded.fresh}
    return fresh, inputs


def _collect_outputs(result: BuildResult, out_dir: Path, fresh: dict, pdf: bool, png: bool) -> None:
    """``outputs``, ``pdfs`` and ``pngs`` in locale order, built and up to date alike."""
    result.outputs, result.pdfs = [], []
    for tag in result.locales:
        deck = deck_path(out_dir, result.deck_id, tag)
        result.outputs.append(deck)
        if tag in fresh:
            result.up_to_date.append(deck)
        if pdf and pdf_path(out_dir, result.deck_id, tag).is_file():
            result.pdfs.append(pdf_path(out_dir, result.deck_id, tag))
        if png and tag not in result.pngs:
            pngs = sorted(preview_dir(out_dir, tag).glob("slide-*.png"))
            if pngs:
                result.pngs[tag] = pngs


def _records_for(stage: Path, deck_id: str, tag: str, record: dict, made_from: dict) -> dict[str, dict]:
    """Manifest records by path in OUT: the full record on the deck, its inputs' hash on PDF and previews.

    ``made_from`` (what ``_render_previews`` returned for the deck) goes on the PDF and previews too.
    """
    digest = {"inputs_sha256": record["inputs_sha256"], **made_from}
    records = {deck_path(stage, deck_id, tag).name: {"build": record}, pdf_path(stage, deck_id, tag).name: digest}
    previews = preview_dir(stage, tag)
    if previews.is_dir():
        for png in previews.iterdir():
            records[png.relative_to(stage).as_posix()] = digest
    return records


# ---------------------------------------------------------------- rendering, in parallel

@dataclass
class _Outcome:
    """One locale's deck, or the error that stopped it, as it comes back from a worker."""

    tag: str
    data: bytes = b""
    fits: list = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    overflow: list[Problem] = field(default_factory=list)
    fonts: list[str] = field(default_factory=list)
    coverage: float | None = None
    names: tuple[str, str] = ("", "")   # the locale's English and native names, for index.html
    error: tuple | None = None           # ("content", problems) | ("deck", message) | ("internal", exception)

    def raise_error(self) -> None:
        if self.error is None:
            return
        kind, detail = self.error
        if kind == "content":
            raise ContentError(detail)
        if kind == "deck":
            raise DeckError(detail)
        raise detail

    def record_warnings(self, content_warnings: list[Problem]) -> list[Problem]:
        """What a build of this deck alone warns about: the content's warnings, then the locale's."""
        seen = Warnings()
        for problem in content_warnings + self.warnings:
            seen.add(problem)
        return list(seen)


@dataclass(frozen=True)
class _Job:
    """What rendering any locale of a build needs: forked workers get it with the function they run."""

    project: Project
    fonts: object              # generator.layout.fonts.FontTable: the template's font of each script
    when: object               # the datetime written into every deck
    keys: object               # the deck's message keys, for translation coverage
    fitters: dict = field(default_factory=dict, compare=False)   # by the faces of a locale's slots

    def fitter(self, locale):
        """The fitter measuring in ``locale``'s faces; locales with the same faces share one, and its caches."""
        return shared_fitter(self.fitters, self.fonts, locale)

    def render(self, tag: str) -> _Outcome:
        """Localize, lay out, render and serialize one locale's deck."""
        from .layout.measure import MissingGlyph
        from .locales import get_locale
        from .localize.localizer import catalog_for, localize
        from .output.index_page import locale_names
        from .output.writer import pptx_bytes, set_core_properties
        from .render.deck import render_deck

        project = self.project
        locale = get_locale(tag, project.deck.meta.regions.get(tag))
        fitter = self.fitter(locale)
        warnings = Warnings()
        catalog = catalog_for(project.deck, locale)
        localized = localize(project.deck, locale, warnings, catalog=catalog)
        try:
            prs, ctx = render_deck(localized, project.template, fitter)
        except MissingGlyph as error:
            raise ContentError([_missing_glyph_problem(project.deck, locale, error)]) from None
        overflow = _overflow_problems(project.deck, locale, ctx.fits)
        title, subject, author = _core_texts(project.deck, locale, localized, warnings)
        set_core_properties(prs, title, subject, author, locale.lang, self.when)
        data = pptx_bytes(prs, self.when)
        return _Outcome(tag, data, ctx.fits, list(warnings), overflow, sorted(fitter.measurer.fonts.used),
                        _coverage(project, tag, self.keys, catalog), locale_names(tag))

    def render_in_worker(self, tag: str) -> _Outcome:
        """``render`` with errors turned into values, so they cross the process boundary intact."""
        import pickle

        try:
            return self.render(tag)
        except ContentError as exc:
            return _Outcome(tag, error=("content", exc.problems))
        except DeckError as exc:
            return _Outcome(tag, error=("deck", str(exc)))
        except Exception as exc:                  # noqa: BLE001 - re-raised in the parent
            try:
                pickle.dumps(exc)
            except Exception:                     # noqa: BLE001
                exc = RuntimeError(f"{type(exc).__name__}: {exc}")
            return _Outcome(tag, error=("internal", exc))


def _render_locales(job: _Job, tags: list[str], jobs: int):
    """The outcome of each locale, in order: rendered here, or by ``jobs`` forked workers."""
    from .parallel import can_fork

    if jobs > 1 and len(tags) > 1 and can_fork():
        return _forked(job, tags, jobs)
    return (job.render(tag) for tag in tags)


def _forked(job: _Job, tags: list[str], jobs: int):
    import gc

    from .layout.fonts import collect_prefetched
    from .parallel import fork_map

    collect_prefetched()                     # before forking: the lookups' pipes belong to this process
    gc.freeze()       # the loaded project stays: workers neither scan nor copy it (_few_collections thaws it)
    yield from fork_map(job.render_in_worker, tags, jobs)


def _message_keys(project: Project):
    from .i18n.catalogs import message_keys

    return message_keys(project.deck)


def _coverage(project: Project, tag: str, keys, catalog) -> float | None:
    """The translation coverage of ``tag`` from the catalog its deck was just translated with."""
    from .i18n.catalogs import coverage_by_locale

    return coverage_by_locale(project.deck.content_dir, [tag], project.deck.meta.source_language,
                              keys=keys, catalogs={tag: catalog})[tag]


# ---------------------------------------------------------------- previews, install, publish

def _render_previews(stage: Path, decks: list[Path], tags: list[str], options: BuildOptions,
                     progress: Progress, office) -> dict[str, dict]:
    """PDFs, and PNG previews rendered while LibreOffice converts the next decks; what each was rendered from.

    A deck whose bytes and renderer are those its PDF and previews in OUT were made from
    (``rendered_from`` on their manifest entries) is not converted again: they are reused,
    unless ``options.force``.
    """
    import shutil

    from .output.previews import PreviewWorkers

    jobs = options.jobs or default_jobs()
    renderer = _renderer()
    stamps = {tag: {"rendered_from": {"deck_sha256": incremental.sha256_file(deck), "renderer": renderer}}
              for tag, deck in zip(tags, decks)}
    todo = _reuse_previews(stage, list(zip(tags, decks)), stamps, options)
    pdf_dir = stage if options.pdf else stage / "pdf"
    if todo:
        with PreviewWorkers(jobs) if options.png else nullcontext() as workers:
            def previews_of(index: int, pdf: Path) -> None:
                if workers is not None:
                    workers.submit(pdf, preview_dir(stage, todo[index][0]))

            office.convert([deck for _, deck in todo], pdf_dir, on_pdf=previews_of)
            office.close()                       # LibreOffice quits while the last previews are drawn
            progress.step("converted to PDF")
            if workers is not None:
                workers.wait()
    else:
        progress.step("converted to PDF (reused)")
    for tag in tags if options.png else []:
        progress.step(f"previews {tag}")
    if not options.pdf:
        shutil.rmtree(pdf_dir, ignore_errors=True)
    return stamps


def _reuse_previews(stage: Path, decks: list[tuple[str, Path]], stamps: dict, options: BuildOptions) -> list:
    """Copy into the stage the PDFs and previews in OUT that can be kept; the (tag, deck) pairs left to convert."""
    import shutil

    manifest = None if options.force else incremental.read_manifest(options.out_dir)
    todo = []
    for tag, deck in decks:
        reused = incremental.reusable_previews(options.out_dir, manifest, tag, stamps[tag]["rendered_from"],
                                               options.pdf, options.png)
        if reused is None:
            todo.append((tag, deck))
        for path in reused or []:
            target = stage / path.relative_to(options.out_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return todo


def _install(stage: Path, version: versions.NewVersion, deck_id: str, tags: list[str]) -> None:
    """Fill the new version: the current files, but those this build replaces, then the staged ones.

    The previews of a locale whose previews were rendered again are replaced as a whole,
    so those of slides that are gone are dropped.
    """
    staged = {}                                  # path in OUT -> the staged file
    for tag in tags:
        for path in (deck_path(stage, deck_id, tag), pdf_path(stage, deck_id, tag)):
            if path.is_file():
                staged[path.name] = path
        previews = preview_dir(stage, tag)
        if previews.is_dir():
            staged.update({png.relative_to(stage).as_posix(): png for png in sorted(previews.iterdir())})
    replaced_previews = tuple(preview_dir(Path(), tag).as_posix() + "/slide-" for tag in tags
                              if preview_dir(stage, tag).is_dir())
    version.carry(set(staged), lambda path: path.startswith(replaced_previews) and path.endswith(".png"))
    for relative, path in staged.items():
        version.move_in(path, relative)


def check_output_dir(out_dir: Path) -> None:
    """OUT must be a folder of its own (or not exist yet), in a folder we can write to.

    Its parent holds OUT's versions and lock (``generator.output.versions``), and OUT is
    replaced as a whole: it cannot be the current folder or hold it.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise DeckError(f"{display_path(out_dir)}: the output folder is a file; pass --out a folder")
    here, out = Path(os.path.realpath(Path.cwd())), Path(os.path.realpath(out_dir))
    if out == here or out in here.parents:
        raise DeckError(f"{display_path(out_dir)}: the output folder holds the current folder; "
                        f"pass --out a folder of its own, such as build")
    absolute = Path(os.path.abspath(out_dir))
    existing = next((p for p in absolute.parents if p.exists()), None)
    if existing is not None and not os.access(existing, os.W_OK):
        raise DeckError(f"{display_path(existing)}: cannot write here (permission denied)")


def publish(out_dir: Path, project: Project, project_dir: Path, template_given: bool = True,
            warnings: Warnings | None = None) -> tuple[Path, Path]:
    """Write manifest.json and index.html describing everything in ``out_dir``: its next version.

    Files the manifest cannot describe (an empty .pptx, a .pdf that is not one) are left out
    of it, with a warning in ``warnings``.
    """
    check_output_dir(out_dir)
    with versions.locked(out_dir) as folder:
        versions.sweep(folder)
        with versions.new_version(folder) as version:
            version.carry(set(), lambda path: False)
            _write_publication(version.path, project, project_dir, template_given=template_given,
                               warnings=warnings, shown_dir=out_dir)
    return Path(out_dir) / MANIFEST, Path(out_dir) / "index.html"


def _write_publication(out_dir: Path, project: Project, project_dir: Path, records: dict | None = None,
                       coverage: dict | None = None, template_given: bool = True, git=None,
                       names: dict | None = None, warnings: Warnings | None = None,
                       shown_dir: Path | None = None) -> tuple[Path, Path]:
    """Write manifest.json (last, atomically) and index.html describing everything in ``out_dir``.

    ``records`` are the build records of the files this build wrote (by path in OUT); files
    it did not write keep the records manifest.json had for them while their bytes are the
    same. ``coverage`` holds the translation coverage already known, ``names`` the locales'
    (English, native) names already looked up; the rest is computed.
    """
    from .i18n.catalogs import coverage_by_locale
    from .output.index_page import write_index
    from .output.manifest import build_manifest, collect_outputs, write_manifest

    deck = project.deck
    present = list(collect_outputs(out_dir, deck.meta.id))
    known = {tag: value for tag, value in (coverage or {}).items() if tag in present}
    missing = [tag for tag in present if tag not in known]
    if missing:
        known.update(coverage_by_locale(deck.content_dir, missing, deck.meta.source_language, deck=deck))
    source = incremental.source_block(deck.content_dir, deck.meta, project.template.dir, template_given,
                                      project_dir)
    manifest = build_manifest(out_dir, deck, known, project_dir, records=records, source=source, git=git,
                              warnings=warnings, shown_dir=shown_dir)
    index = write_index(out_dir, manifest, names)
    return write_manifest(out_dir, manifest), index


def template_fonts(template):
    """The template's ``FontTable``: the font of each script, defaults filled in."""
    from .layout.fonts import font_table

    return font_table(template.mapping.fonts.named(), template.mapping.measure_fonts)


def make_fitter(template, locale=None):
    """A fitter measuring in the faces ``template`` gives ``locale`` (default: a Latin-script language)."""
    from .render.text import Fitter

    return Fitter(locale_measurer(template_fonts(template), locale))


def shared_fitter(fitters: dict, fonts, locale):
    """The fitter of ``fitters`` for ``locale``'s faces (a ``FontTable``), made on first use: locales
    measured alike share one, and its caches."""
    from .render.text import Fitter

    measurer = locale_measurer(fonts, locale)
    key = (measurer.fonts.slot_families(), measurer.neutral_script, measurer.language)
    if key not in fitters:
        fitters[key] = Fitter(measurer)
    return fitters[key]


def locale_measurer(fonts, locale=None):
    """A measurer in the faces of ``fonts`` (a ``FontTable``) for ``locale`` (default: Latin script).

    In a right-to-left language a line of digits and symbols only is drawn in the complex-script
    face, and a symbol that face lacks in the face fontconfig gives that language.
    """
    from .layout.fonts import LOCALE_SCRIPTS
    from .layout.measure import TextMeasurer

    script = locale.script if locale else "Latn"
    rtl = locale is not None and locale.rtl
    return TextMeasurer(fonts.for_locale(script), neutral_script=LOCALE_SCRIPTS.get(script) if rtl else None,
                        language=locale.lang if rtl else None)


def _missing_glyph_problem(deck, locale, error) -> Problem:
    """A character without a glyph, reported at its slide's file like text that does not fit."""
    if not error.slide:
        return Problem(display_path(deck.content_dir / "deck.yaml"), None, None,
                       f"[{locale.tag}] {error.message}", error.hint)
    slide = deck.slides[error.slide - 1]
    shape = f", shape '{error.shape}'" if error.shape else ""
    return Problem(display_path(slide.source) if slide.source else slide.id, None, None,
                   f"[{locale.tag}] slide {error.slide} '{slide.id}'{shape}: {error.message}", error.hint)


def _core_texts(deck, locale, localized, warnings: Warnings) -> tuple[str, str | None, str]:
    """The deck's title, subject and author as the file's properties hold them, each cut with a warning
    when longer than they can be (the slides and footer still show the whole title)."""
    from .oxml.package import core_property_text
    from .oxml.package_limits import MAX_CORE_TITLE_CHARS

    texts = []
    for name, text in (("title", localized.title), ("subject", localized.subject), ("author", localized.author)):
        if text and len(text) > MAX_CORE_TITLE_CHARS:
            warnings.add(Problem(display_path(deck.content_dir / "deck.yaml"), None, None,
                                 f"[{locale.tag}] the deck's {name} is {len(text):,} characters; the file's "
                                 f"properties keep {MAX_CORE_TITLE_CHARS}, so it is cut there",
                                 f"shorten the {name} to {MAX_CORE_TITLE_CHARS} characters"))
            text = core_property_text(text)
        texts.append(text)
    return texts[0], texts[1], texts[2]


def _overflow_problems(deck, locale, fits: list) -> list[Problem]:
    problems = []
    for record in fits:
        if record.fits:
            continue
        slide = deck.slides[record.slide - 1]
        text = record.text if len(record.text) <= 80 else record.text[:77] + "..."
        problems.append(Problem(display_path(slide.source) if slide.source else slide.id, None, None,
                                f"[{locale.tag}] slide {record.slide} '{slide.id}', shape '{record.shape}': "
                                f"text does not fit even at {record.size_pt:g} pt: \"{text}\"",
                                "shorten the text, or pass --allow-overflow to build anyway"))
    return problems


def _check_layout_overrides(deck, template) -> None:
    problems = []
    for slide in deck.slides:
        if slide.layout and slide.layout not in template.mapping.layouts:
            problems.append(Problem(display_path(slide.source), None, None,
                                    f"layout role '{slide.layout}' is not in the template mapping",
                                    did_you_mean(slide.layout, template.mapping.layouts, "roles")))
    if problems:
        raise ContentError(problems)


def _settle(result: BuildResult, overflow: list[Problem], allow_overflow: bool, strict: bool) -> None:
    """Text that cannot fit fails the build (a warning with --allow-overflow); --strict fails on warnings."""
    if overflow:
        if not allow_overflow:
            raise ContentError(overflow)
        for problem in overflow:
            result.warnings.add(problem)
    result.warnings.raise_if_strict(strict)
