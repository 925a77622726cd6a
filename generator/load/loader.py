"""Load ``content/``: deck.yaml, one file per slide, figures.yaml -> a validated ``Deck``.

Every problem found in every file is collected and raised once as a ``ContentError``,
each with file:line:col and a hint where one helps (MkDocs-style ``Config.validate``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import ValidationError

from ..errors import ContentError, DeckError, Problem, ProblemCollector, Warnings, did_you_mean, display_path
from .figures import FigureTable, load_figures, missing_value_warning
from ..locales import get_locale
from ..model import Deck, DeckFile, SlideBase, iter_texts, text_path
from ..kinds import SLIDE_CLASSES, MapSlide
from ..sandbox import figure_references, make_environment
from ..limits import MAX_INPUT_FILE_BYTES, MAX_SLIDES
from .paths import inside, resolve_asset, safe_read_bytes
from .text_checks import check_template
from .yaml_source import Positions, read_yaml

SLIDE_FILE = re.compile(r"^(?:\d+-)?(?P<id>[a-z0-9][a-z0-9-]*)\.ya?ml$")


def load_deck(content_dir: Path, project_dir: Path | None = None, warnings: Warnings | None = None) -> Deck:
    """Read and validate the whole content directory; raise ``ContentError`` listing every problem."""
    content_dir = Path(content_dir)
    project_dir = Path(project_dir or Path.cwd())
    warnings = warnings if warnings is not None else Warnings()
    problems = ProblemCollector()
    deck_path = content_dir / "deck.yaml"
    if not os.path.lexists(deck_path):
        raise ContentError([Problem(display_path(deck_path), None, None, "no deck.yaml here",
                                    "point --content at the folder holding deck.yaml")])

    meta, deck_positions = _guarded(problems, lambda: _load_meta(deck_path, content_dir)) or (None, None)
    figures = _guarded(problems, lambda: load_figures(*read_yaml(content_dir / "figures.yaml", content_dir)))
    slide_files = _find_slide_files(content_dir / "slides", content_dir, problems)
    slides: dict[str, SlideBase] = {}
    positions: dict[str, Positions] = {}
    for slide_id, path in slide_files.items():
        loaded = _guarded(problems, lambda p=path, i=slide_id: _load_slide(p, i, content_dir))
        if loaded:
            slides[slide_id], positions[slide_id] = loaded
    if meta:
        ordered = _order_slides(meta, slides, slide_files, deck_positions, problems, warnings)
    else:
        ordered = list(slides.values())
    if figures:
        _check_texts(ordered, positions, figures, problems, warnings)
        _check_slide_figures(ordered, positions, figures, problems)
        _check_deck_texts(meta, deck_positions, figures, problems)
    if meta:
        _check_locales(meta, deck_positions, problems)
        _resolve_assets(ordered, [content_dir / "assets", project_dir / meta.template], problems)
    problems.raise_if_any()
    usage = figure_usage(ordered, figures)
    _warn_unused(figures, usage, warnings)
    return Deck(meta=meta, slides=ordered, figures=figures, content_dir=content_dir, project_dir=project_dir,
                figure_usage=usage)


def _guarded(problems: ProblemCollector, load):
    try:
        return load()
    except ContentError as exc:
        problems.extend(exc.problems)
        return None


def _load_meta(path: Path, content_dir: Path) -> tuple[DeckFile, Positions]:
    data, positions = read_yaml(path, content_dir)
    listed = data.get("slides") if isinstance(data, dict) else None
    if isinstance(listed, list) and len(listed) > MAX_SLIDES:
        raise ContentError([positions.problem(("slides",), f"deck.yaml lists {len(listed):,} slides; "
                                                           f"the limit is {MAX_SLIDES:,} slides per deck")])
    return _validate(DeckFile, data, positions), positions


def _find_slide_files(slides_dir: Path, content_dir: Path, problems: ProblemCollector) -> dict[str, Path]:
    found: dict[str, Path] = {}
    if not slides_dir.is_dir():
        problems.add(slides_dir, None, None, "no slides folder", "slides live in content/slides/NN-id.yaml")
        return found
    candidates = sorted(path for path in slides_dir.iterdir()
                        if not path.name.startswith(".") and path.suffix in (".yaml", ".yml"))
    if len(candidates) > MAX_SLIDES:
        problems.add(slides_dir, None, None, f"the folder holds {len(candidates):,} slide files; "
                                             f"the limit is {MAX_SLIDES:,} slides per deck")
        return found
    for path in candidates:
        if not inside(path, content_dir):
            problems.add(path, None, None, "this slide file links to a place outside the content folder",
                         "copy the file into content/slides instead of linking to it")
            continue
        match = SLIDE_FILE.match(path.name)
        if not match:
            problems.add(path, None, None, "a slide file is named NN-id.yaml, with a lowercase id",
                         "e.g. 03-iso-roles.yaml")
            continue
        slide_id = match["id"]
        if slide_id in found:
            problems.add(path, None, None, f"slide id '{slide_id}' is also used by {found[slide_id].name}")
            continue
        found[slide_id] = path
    return found


def _load_slide(path: Path, slide_id: str, content_dir: Path) -> tuple[SlideBase, Positions]:
    data, positions = read_yaml(path, content_dir)
    if not isinstance(data, dict):
        raise ContentError([positions.problem((), "a slide file must be a mapping of keys to values")])
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in SLIDE_CLASSES:
        message = "the slide has no 'kind'" if kind is None else f"unknown slide kind '{kind}'"
        raise ContentError([positions.problem(("kind",) if kind is not None else (), message,
                                              did_you_mean(str(kind or ""), SLIDE_CLASSES, "kinds")
                                              or "known kinds: " + ", ".join(SLIDE_CLASSES))])
    slide = _validate(SLIDE_CLASSES[kind], data, positions)
    slide._id = slide_id
    slide._source = path
    return slide, positions


def _validate(model_class, data, positions: Positions):
    try:
        return model_class.model_validate(data)
    except ValidationError as exc:
        raise ContentError([_pydantic_problem(error, model_class, positions) for error in exc.errors()]) from None


def _pydantic_problem(error: dict, model_class, positions: Positions) -> Problem:
    loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
    field = loc[-1] if loc else ""
    kind = error["type"]
    if kind == "extra_forbidden":
        parent_fields = _fields_at(model_class, loc[:-1])
        return positions.problem(loc, f"unknown key '{field}'", did_you_mean(str(field), parent_fields, "keys"))
    if kind == "missing":
        return positions.problem(loc[:-1], f"'{field}' is required here")
    where = text_path(loc) or "the file"
    return positions.problem(loc, f"{where}: {error['msg']}", _type_hint(kind))


def _is_union_tag(part) -> bool:
    return isinstance(part, str) and (part in ("str", "BulletItem") or part.startswith(("function-", "constrained-")))


def _type_hint(kind: str) -> str | None:
    if kind.startswith("string_too_short"):
        return "write some text, or remove the key"
    if kind in ("string_type", "model_type"):
        return "check the indentation and whether a list item needs 'text:'"
    return None


def _fields_at(model_class, loc: tuple) -> list[str]:
    """The field names of the model found at ``loc`` inside ``model_class``, for did-you-mean."""
    current = model_class
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _model_in(info.annotation)
    return [info.alias or name for name, info in current.model_fields.items()] if current else []


def _model_in(annotation):
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    if isinstance(annotation, typing.ForwardRef):
        return None
    return None


def _order_slides(meta: DeckFile, slides: dict, slide_files: dict, deck_positions: Positions,
                  problems: ProblemCollector, warnings: Warnings) -> list[SlideBase]:
    ordered = []
    seen = set()
    hints_left = 20             # did-you-mean compares with every slide file: for the first few only
    for i, slide_id in enumerate(meta.slides):
        if slide_id in seen:
            problems.extend([deck_positions.problem(("slides", i), f"slide '{slide_id}' is listed twice")])
            continue
        seen.add(slide_id)
        if slide_id in slides:
            ordered.append(slides[slide_id])
        elif slide_id not in slide_files:
            hints_left -= 1
            hint = did_you_mean(slide_id, slide_files, "slide ids") if hints_left >= 0 else None
            problems.extend([deck_positions.problem(
                ("slides", i), f"no slide file for '{slide_id}'", hint or f"create content/slides/NN-{slide_id}.yaml")])
    for slide_id, path in slide_files.items():
        if slide_id not in seen:
            warnings.add(Problem(display_path(path), None, None,
                                 f"slide '{slide_id}' is not listed in deck.yaml and is left out"))
    return ordered


def _check_texts(slides: list[SlideBase], positions: dict[str, Positions], figures: FigureTable,
                 problems: ProblemCollector, warnings: Warnings) -> None:
    """Jinja syntax, known figures and filters, and XML-safe characters, for every text."""
    env = make_environment()
    for slide in slides:
        where = positions[slide.id]
        for path, text in iter_texts(slide):
            problems.extend(check_template(env, text, figures, lambda m, h=None, p=path: where.problem(p, m, h)))


def _check_deck_texts(meta: DeckFile | None, positions: Positions | None, figures: FigureTable,
                      problems: ProblemCollector) -> None:
    if meta is None:
        return
    env = make_environment()
    for path, text in iter_texts(meta):
        problems.extend(check_template(env, text, figures, lambda m, h=None, p=path: positions.problem(p, m, h)))


def figure_usage(slides: list[SlideBase], figures: FigureTable) -> dict[str, list[str]]:
    """For each figure key, the ids of the slides that show it (in text, tables or charts)."""
    env = make_environment()
    usage: dict[str, list[str]] = {key: [] for key in figures.figures}
    for slide in slides:
        keys = {point.figure for point in getattr(slide, "points", []) or []}
        for _, text in iter_texts(slide):
            keys.update(ref for ref in figure_references(env, text) if ref in figures)
        for key in sorted(keys):
            usage[key].append(slide.id)
    return usage


def _warn_unused(figures: FigureTable, usage: dict[str, list[str]], warnings: Warnings) -> None:
    """Figures no slide shows, and figures a slide shows that have no value."""
    inputs = figures.inputs()
    for key, slide_ids in usage.items():
        if slide_ids and figures[key].missing:
            warnings.add(missing_value_warning(figures, key, slide_ids))
        if not slide_ids and key not in inputs:
            warnings.add(Problem(display_path(figures.path), figures[key].line, None,
                                 f"figure '{key}' is not used on any slide",
                                 "use it in a slide's text, or remove it from figures.yaml"))


def _check_locales(meta: DeckFile, positions: Positions, problems: ProblemCollector) -> None:
    """Every locale is one CLDR knows (or the pseudo-locale); every region names one of them."""
    places = [(("source_language",), meta.source_language)] + \
        [(("locales", index), tag) for index, tag in enumerate(meta.locales)]
    for where, tag in places:
        try:
            get_locale(tag, meta.regions.get(tag))
        except DeckError as error:
            problems.extend([positions.problem(where, str(error))])
    for tag in meta.regions:
        if tag not in {meta.source_language, *meta.locales}:
            problems.extend([positions.problem(("regions", tag), f"'{tag}' is not one of the deck's locales",
                                               did_you_mean(tag, [meta.source_language, *meta.locales]))])


def _resolve_assets(slides: list[SlideBase], folders: list[Path], problems: ProblemCollector) -> None:
    """Find each map's basemap in ``folders`` (the content's assets, then the template's folder)."""
    for slide in slides:
        if isinstance(slide, MapSlide):
            where = display_path(slide.source) if slide.source else slide.id
            slide._basemap_path = _guarded(problems, lambda s=slide, w=where: _basemap(s.basemap, folders, w))


def _basemap(name: str, folders: list[Path], referred_from: str) -> Path:
    """The basemap's path, once it is found inside one of ``folders`` and reads as a basemap."""
    from ..layout.projection import parse_basemap

    path = resolve_asset(name, folders, referred_from)
    folder = next(folder for folder in folders if inside(path, folder))
    try:
        parse_basemap(safe_read_bytes(path, folder, MAX_INPUT_FILE_BYTES), str(display_path(path)))
    except ValueError as exc:
        raise ContentError([Problem(display_path(path), None, None, str(exc).removeprefix(f"{display_path(path)}: "),
                                    "a basemap is JSON: {\"bounds\": [w, s, e, n], \"land\": [rings of [lon, lat]]}")]
                           ) from None
    return path


def _check_slide_figures(slides: list[SlideBase], positions: dict[str, Positions], figures: FigureTable,
                         problems: ProblemCollector) -> None:
    """Chart points name figures directly; check those keys too."""
    for slide in slides:
        for i, point in enumerate(getattr(slide, "points", []) or []):
            if point.figure not in figures:
                problems.extend([positions[slide.id].problem(
                    ("points", i, "figure"), f"unknown figure '{point.figure}'",
                    did_you_mean(point.figure, figures.figures, "figures"))])
