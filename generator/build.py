"""The library entry point: content + template -> one .pptx per locale.

Two phases, as MkDocs and Sphinx do it: first load, validate, localize, lay out and render
every requested locale in memory; only when all of them succeeded is anything written, each
file atomically. A failed build leaves every previous output byte-identical.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, DeckError, Problem, Warnings, did_you_mean, display_path
from .layout.fonts import FontSet
from .layout.measure import TextMeasurer
from .load.loader import load_deck
from .locales import LocaleInfo, get_locale
from .localize.localizer import localize
from .model import Deck
from .i18n.catalogs import coverage_by_locale
from .output.index_page import write_index
from .output.libreoffice import convert_to_pdf
from .output.manifest import build_manifest, collect_outputs, preview_dir, write_manifest
from .output.previews import write_previews
from .output.writer import build_time, pptx_bytes, set_core_properties, write_atomic
from .render.context import FitRecord
from .render.deck import render_deck
from .render.text import Fitter
from .template.contract import check_contract
from .template.mapping import Template, load_mapping


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
    fits: dict[str, list[FitRecord]] = field(default_factory=dict)


@dataclass
class Project:
    """A loaded deck and its checked template: what every command starts from."""

    deck: Deck
    template: Template
    warnings: Warnings


def load_project(content_dir: Path, template_dir: Path | None = None, project_dir: Path | None = None,
                 warnings: Warnings | None = None) -> Project:
    """Load and validate content and template; raise one error listing every problem."""
    warnings = warnings if warnings is not None else Warnings()
    project_dir = Path(project_dir or Path.cwd())
    deck = load_deck(Path(content_dir), project_dir, warnings)
    template = load_mapping(Path(template_dir) if template_dir else project_dir / deck.meta.template)
    kinds = {slide.kind for slide in deck.slides}
    check_contract(template, kinds)
    _check_layout_overrides(deck, template)
    return Project(deck, template, warnings)


def select_locales(deck: Deck, requested: list[str], all_locales: bool) -> list[LocaleInfo]:
    """``--all-locales``: the source language and deck.yaml's locales, plus any named ones."""
    tags = ([deck.meta.source_language] + list(deck.meta.locales) if all_locales else []) + list(requested)
    return [get_locale(tag) for tag in dict.fromkeys(tags or [deck.meta.source_language])]


def build(content_dir: Path, out_dir: Path, locales: list[str] = (), all_locales: bool = False,
          template_dir: Path | None = None, strict: bool = False, allow_overflow: bool = False,
          project_dir: Path | None = None, pdf: bool = False, png: bool = False,
          progress=None) -> BuildResult:
    """Build the decks; ``progress(label)`` is called after each step (a locale rendered, a PDF...)."""
    progress = progress or (lambda label: None)
    result = BuildResult()
    project_dir = Path(project_dir or Path.cwd())
    check_output_dir(Path(out_dir))
    project = load_project(content_dir, template_dir, project_dir, result.warnings)
    selected = select_locales(project.deck, list(locales), all_locales)
    result.deck_id = project.deck.meta.id
    result.locales = [locale.tag for locale in selected]
    fitter = make_fitter(project.template)
    when = build_time()
    rendered: list[tuple[Path, bytes]] = []
    overflow: list[Problem] = []
    for locale in selected:
        localized = localize(project.deck, locale, result.warnings)
        prs, ctx = render_deck(localized, project.template, fitter, asset_dirs(project))
        result.fits[locale.tag] = ctx.fits
        overflow.extend(_overflow_problems(project.deck, locale, ctx.fits))
        set_core_properties(prs, localized.title, localized.subject, localized.author, locale.lang, when)
        rendered.append((Path(out_dir) / f"{project.deck.meta.id}-{locale.tag}.pptx", pptx_bytes(prs, when)))
        progress(f"rendered {locale.tag}")
    if overflow:
        if not allow_overflow:
            raise ContentError(overflow)
        for problem in overflow:
            result.warnings.add(problem)
    result.warnings.raise_if_strict(strict)
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="deck-stage-") as scratch:
        # Everything is produced in a staging folder outside OUT first; only a build that got
        # all the way (decks, PDFs, previews) replaces files in OUT, each one atomically.
        stage = Path(scratch)
        staged = [stage / path.name for path, _ in rendered]
        for path, (_, data) in zip(staged, rendered):
            path.write_bytes(data)
        if pdf or png:
            _render_previews(result, stage, staged, result.locales, pdf, png, progress)
        _install(stage, out_dir, result)
    result.manifest, result.index = publish(out_dir, project, project_dir)
    return result


def _render_previews(result: BuildResult, stage: Path, decks: list[Path], tags: list[str], keep_pdf: bool,
                     png: bool, progress) -> None:
    """PDFs in one LibreOffice run; PNG previews and contact sheets from them."""
    pdfs = convert_to_pdf(decks, stage / ("pdf" if not keep_pdf else ""))
    progress("converted to PDF")
    for tag, pdf in zip(tags, pdfs):
        if png:
            write_previews(pdf, preview_dir(stage, tag))
            progress(f"previews {tag}")
        if not keep_pdf:
            pdf.unlink()


def _install(stage: Path, out_dir: Path, result: BuildResult) -> None:
    """Move the staged files into OUT, each written atomically; drop previews of removed slides."""
    check_output_dir(out_dir)
    for tag in result.locales:
        deck = stage / f"{result.deck_id}-{tag}.pptx"
        write_atomic(out_dir / deck.name, deck.read_bytes())
        result.outputs.append(out_dir / deck.name)
        pdf = deck.with_suffix(".pdf")
        if pdf.is_file():
            write_atomic(out_dir / pdf.name, pdf.read_bytes())
            result.pdfs.append(out_dir / pdf.name)
        previews = preview_dir(stage, tag)
        if previews.is_dir():
            target = preview_dir(out_dir, tag)
            for png in sorted(previews.iterdir()):
                write_atomic(target / png.name, png.read_bytes())
            for stale in target.glob("slide-*.png"):
                if not (previews / stale.name).exists():
                    stale.unlink()
            result.pngs[tag] = sorted(target.glob("slide-*.png"))


def check_output_dir(out_dir: Path) -> None:
    """OUT must be a folder (or not exist yet) that we can write to."""
    if out_dir.exists() and not out_dir.is_dir():
        raise DeckError(f"{display_path(out_dir)}: the output folder is a file; pass --out a folder")
    existing = next((p for p in [out_dir, *out_dir.parents] if p.exists()), None)
    if existing is not None and not os.access(existing, os.W_OK):
        raise DeckError(f"{display_path(existing)}: cannot write here (permission denied)")


def publish(out_dir: Path, project: Project, project_dir: Path) -> tuple[Path, Path]:
    """Write manifest.json (last, atomically) and index.html describing everything in ``out_dir``."""
    deck = project.deck
    present = list(collect_outputs(out_dir, deck.meta.id))
    coverage = coverage_by_locale(deck.content_dir, present, deck.meta.source_language)
    manifest = build_manifest(out_dir, deck, coverage, project_dir)
    index = write_index(out_dir, manifest)
    return write_manifest(out_dir, manifest), index


def asset_dirs(project: Project) -> list[Path]:
    """Where asset names (the basemap) resolve: the content's assets, then the template folder."""
    return [project.deck.content_dir / "assets", project.template.dir]


def make_fitter(template: Template) -> Fitter:
    fonts = template.mapping.fonts
    font_set = FontSet(latin=fonts.latin, complex_script=fonts.complex, east_asian=fonts.east_asian,
                       twins=template.mapping.measure_fonts)
    return Fitter(TextMeasurer(font_set))


def _overflow_problems(deck: Deck, locale: LocaleInfo, fits: list[FitRecord]) -> list[Problem]:
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


def _check_layout_overrides(deck: Deck, template: Template) -> None:
    problems = []
    for slide in deck.slides:
        if slide.layout and slide.layout not in template.mapping.layouts:
            problems.append(Problem(display_path(slide.source), None, None,
                                    f"layout role '{slide.layout}' is not in the template mapping",
                                    did_you_mean(slide.layout, template.mapping.layouts, "roles")))
    if problems:
        raise ContentError(problems)
