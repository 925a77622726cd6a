"""``build/manifest.json``: what a build produced and what it was built from.

Scans the output folder, so the same code describes a local build and a CI artifact
assembled from per-locale jobs. Written last and atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import json
import re
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .writer import build_time, write_atomic

MANIFEST = "manifest.json"
PREVIEWS = "previews"
CONTACT_SHEET = "contact-sheet.png"


@dataclass
class LocaleFiles:
    locale: str
    pptx: Path | None = None
    pdf: Path | None = None
    pngs: list[Path] = field(default_factory=list)
    contact_sheet: Path | None = None


def preview_dir(out_dir: Path, locale: str) -> Path:
    return Path(out_dir) / PREVIEWS / locale


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


def git_commit(project_dir: Path) -> str | None:
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=project_dir, capture_output=True, text=True,
                                timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def slide_count(pptx: Path) -> int:
    with zipfile.ZipFile(pptx) as package:
        return sum(1 for name in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", name))


def pdf_pages(pdf: Path) -> int:
    import pymupdf

    with pymupdf.open(pdf) as document:
        return document.page_count


def build_manifest(out_dir: Path, deck, coverage: dict[str, float | None], project_dir: Path) -> dict:
    """The manifest as a dict: deck, build time, commit, and one entry per file."""
    out_dir = Path(out_dir)
    dates = sorted(f.entry.as_of for f in deck.figures.figures.values() if f.entry.as_of)
    figures_as_of = {"oldest": str(dates[0]) if dates else None, "newest": str(dates[-1]) if dates else None}
    files = []
    locales = []
    found_by_locale = collect_outputs(out_dir, deck.meta.id)
    preferred = [deck.meta.source_language, *deck.meta.locales]
    ordered = sorted(found_by_locale, key=lambda tag: (preferred.index(tag) if tag in preferred else len(preferred), tag))
    for locale in ordered:
        found = found_by_locale[locale]
        slides = slide_count(found.pptx) if found.pptx else None
        common = {"locale": locale, "coverage": coverage.get(locale), "figures_as_of": figures_as_of}
        if found.pptx:
            files.append(_entry(out_dir, found.pptx, "pptx", slides=slides, **common))
        if found.pdf:
            files.append(_entry(out_dir, found.pdf, "pdf", slides=pdf_pages(found.pdf), **common))
        for number, png in enumerate(found.pngs, 1):
            files.append(_entry(out_dir, png, "png", slide=number, **common))
        if found.contact_sheet:
            files.append(_entry(out_dir, found.contact_sheet, "contact-sheet", slides=len(found.pngs), **common))
        locales.append(locale)
    return {
        "deck": deck.meta.id,
        "title": deck.meta.title,
        "built_at": _built_at(),
        "git_commit": git_commit(project_dir),
        "figures_as_of": figures_as_of,
        "locales": locales,
        "files": files,
    }


def _built_at() -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the current time."""
    when = build_time() if os.environ.get("SOURCE_DATE_EPOCH") else dt.datetime.now(dt.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry(out_dir: Path, path: Path, kind: str, **extra) -> dict:
    return {"path": path.relative_to(out_dir).as_posix(), "kind": kind, "size": path.stat().st_size,
            "sha256": sha256(path), **extra}


def write_manifest(out_dir: Path, manifest: dict) -> Path:
    path = Path(out_dir) / MANIFEST
    write_atomic(path, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return path
