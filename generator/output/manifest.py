"""``build/manifest.json``: what a build produced and what it was built from.

Scans the output folder, so the same code describes a local build and a CI artifact
assembled from per-locale jobs. Written last and atomically.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, display_path
from .incremental import read_manifest, sha256_file
from .paths import MANIFEST, preview_dir
from .writer import build_time, write_atomic

CONTACT_SHEET = "contact-sheet.png"
LOCK_FILE = "requirements.lock"


@dataclass
class LocaleFiles:
    locale: str
    pptx: Path | None = None
    pdf: Path | None = None
    pngs: list[Path] = field(default_factory=list)
    contact_sheet: Path | None = None


def collect_outputs(out_dir: Path, deck_id: str) -> dict[str, LocaleFiles]:
    """The decks, PDFs and previews present in ``out_dir``, by locale, in a stable order."""
    out_dir = Path(out_dir)
    pattern = re.compile(rf"^{re.escape(deck_id)}-(?P<locale>[A-Za-z0-9-]+)\.(?P<ext>pptx|pdf)$")
    found: dict[str, LocaleFiles] = {}
    for path in sorted(out_dir.iterdir()) if out_dir.is_dir() else []:
        match = pattern.match(path.name)
        if not match:
            continue
        files = found.setdefault(match["locale"], LocaleFiles(match["locale"]))
        setattr(files, match["ext"], path)
    for locale, files in found.items():
        folder = preview_dir(out_dir, locale)
        if folder.is_dir():
            files.pngs = sorted(folder.glob("slide-*.png"))
            sheet = folder / CONTACT_SHEET
            files.contact_sheet = sheet if sheet.is_file() else None
    return found


def git_commit(project_dir: Path, started: subprocess.Popen | None = None) -> str | None:
    """The commit checked out in ``project_dir``; ``started`` is ``start_git_commit``'s process, if any."""
    try:
        process = started or start_git_commit(project_dir)
        if process is None:
            return None
        stdout, _ = process.communicate(timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return stdout.strip() or None if process.returncode == 0 else None


def start_git_commit(project_dir: Path) -> subprocess.Popen | None:
    """Ask git for the commit without waiting: a build reads the answer when it writes the manifest."""
    try:
        return subprocess.Popen(["git", "rev-parse", "HEAD"], cwd=project_dir, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
    except OSError:
        return None


def slide_count(pptx: Path) -> int:
    with zipfile.ZipFile(pptx) as package:
        return sum(1 for name in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", name))


_PAGES_ROOT = re.compile(rb"<<(?:(?!>>).)*?/Type\s*/Pages\b(?:(?!>>).)*?>>", re.S)
_COUNT = re.compile(rb"/Count\s+(\d+)")


def pdf_pages(pdf: Path) -> int:
    """The page count: the ``/Count`` of the page tree's root (the ``/Pages`` node without ``/Parent``).

    LibreOffice writes its PDFs' objects uncompressed, so the count is read from the bytes;
    a PDF that hides its page tree in object streams is opened with PyMuPDF instead.
    """
    data = Path(pdf).read_bytes()
    roots = [node for node in _PAGES_ROOT.findall(data) if b"/Parent" not in node]
    counts = {int(m.group(1)) for node in roots for m in [_COUNT.search(node)] if m}
    if len(counts) == 1:
        return counts.pop()
    import pymupdf

    with pymupdf.open(pdf) as document:
        return document.page_count


def build_manifest(out_dir: Path, deck, coverage: dict[str, float | None], project_dir: Path,
                   records: dict[str, dict] | None = None, source: dict | None = None,
                   git: subprocess.Popen | None = None, warnings=None, shown_dir: Path | None = None) -> dict:
    """The manifest as a dict: deck, build time, commit, and one entry per file.

    ``records`` (by path in OUT) go on the entries of the files a build just wrote: what they
    were built from (``generator.output.incremental``). A file this run did not write keeps
    the record the previous manifest had for it, as long as its bytes are the same.

    A deck that is not a .pptx or a PDF that is not a PDF (a stray file) is left out, with a
    warning in ``warnings`` naming it under ``shown_dir`` (OUT as the user calls it).
    """
    out_dir = Path(out_dir)
    dates = sorted(f.entry.as_of for f in deck.figures.figures.values() if f.entry.as_of)
    figures_as_of = {"oldest": str(dates[0]) if dates else None, "newest": str(dates[-1]) if dates else None}
    files = []
    locales = []
    found_by_locale = collect_outputs(out_dir, deck.meta.id)
    preferred = [deck.meta.source_language, *deck.meta.locales]
    ordered = sorted(found_by_locale, key=lambda tag: (preferred.index(tag) if tag in preferred else len(preferred), tag))
    unreadable = _Unreadable(out_dir, shown_dir, warnings)
    for locale in ordered:
        found = found_by_locale[locale]
        slides = unreadable.count(found.pptx, slide_count, "a PowerPoint deck") if found.pptx else None
        if slides is None:
            found.pptx = None
        pages = unreadable.count(found.pdf, pdf_pages, "a PDF") if found.pdf else None
        if pages is None:
            found.pdf = None
        if not (found.pptx or found.pdf or found.pngs):
            continue
        common = {"locale": locale, "coverage": coverage.get(locale), "figures_as_of": figures_as_of}
        if found.pptx:
            files.append(_entry(out_dir, found.pptx, "pptx", slides=slides, **common))
        if found.pdf:
            files.append(_entry(out_dir, found.pdf, "pdf", slides=pages, **common))
        for number, png in enumerate(found.pngs, 1):
            files.append(_entry(out_dir, png, "png", slide=number, **common))
        if found.contact_sheet:
            files.append(_entry(out_dir, found.contact_sheet, "contact-sheet", slides=len(found.pngs), **common))
        locales.append(locale)
    _attach_records(out_dir, files, records or {})
    manifest = {
        "deck": deck.meta.id,
        "title": deck.meta.title,
        "built_at": _built_at(),
        "git_commit": git_commit(project_dir, git),
        "lock_sha256": lock_sha256(project_dir),
        "figures_as_of": figures_as_of,
        "locales": locales,
        "files": files,
    }
    if source is not None:
        manifest["source"] = source
    return manifest


class _Unreadable:
    """Counts slides or pages of files that may be stray, and warns of each one that cannot be read."""

    def __init__(self, out_dir: Path, shown_dir: Path | None, warnings):
        self.out_dir, self.shown_dir, self.warnings = out_dir, shown_dir or out_dir, warnings

    def count(self, path: Path, counter, what: str) -> int | None:
        try:
            return counter(path)
        except Exception:                        # noqa: BLE001 - zipfile, PyMuPDF: each has its own errors
            if self.warnings is not None:
                shown = display_path(self.shown_dir / path.relative_to(self.out_dir))
                empty = path.stat().st_size == 0
                self.warnings.add(Problem(shown, None, None, f"{'empty' if empty else 'cannot be read'}, not {what}; "
                                          f"left out of {MANIFEST}", "remove it, or build that locale again"))
            return None


def lock_sha256(project_dir: Path) -> str | None:
    """The hash of the dependency lock the build's packages were installed from, when it is there."""
    lock = Path(project_dir) / LOCK_FILE
    return sha256_file(lock) if lock.is_file() else None


def _attach_records(out_dir: Path, files: list[dict], records: dict[str, dict]) -> None:
    try:
        previous = read_manifest(out_dir) or {}
        old = {entry["path"]: entry for entry in previous.get("files", []) if isinstance(entry, dict)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        old = {}
    for entry in files:
        record = records.get(entry["path"])
        if record is None:
            before = old.get(entry["path"], {})
            if before.get("sha256") != entry["sha256"]:
                continue
            record = {key: before[key] for key in ("build", "inputs_sha256", "rendered_from")
                      if key in before}
        entry.update(record)


def _built_at() -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the current time."""
    when = build_time() if os.environ.get("SOURCE_DATE_EPOCH") else dt.datetime.now(dt.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry(out_dir: Path, path: Path, kind: str, **extra) -> dict:
    return {"path": path.relative_to(out_dir).as_posix(), "kind": kind, "size": path.stat().st_size,
            "sha256": sha256_file(path), **extra}


def write_manifest(out_dir: Path, manifest: dict) -> Path:
    path = Path(out_dir) / MANIFEST
    write_atomic(path, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return path
