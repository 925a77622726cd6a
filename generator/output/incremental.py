"""Incremental builds: what each deck was built from, and whether it is still up to date.

The build is deterministic, so a deck whose inputs have not changed would come out
byte-identical: it can be skipped. ``manifest.json`` records, on each deck's entry, a hash
of every input that can change its bytes:

- the content files: ``deck.yaml``, ``figures.yaml``, every file under ``slides/`` and
  ``assets/``, and that locale's catalog ``locales/<locale>.po``;
- the template folder's files (the .pptx and ``mapping.yaml``);
- the generator's own source, the installed distributions (their dist-info names carry
  the versions of python-pptx, lxml, Babel...) and the Python version;
- the options that change bytes: the locale, ``SOURCE_DATE_EPOCH``, the content and template
  folders and the working directory (messages name files relative to it);
- the font files the text was measured with (path, size and modification time).

It also records what the build reported for the deck (its warnings, the text that did not
fit, the fitted sizes), so a skipped deck reports exactly what building it would have.

This module is imported before anything heavy: a build with nothing to do reads
``manifest.json``, hashes the inputs and stops, without loading python-pptx, pydantic, Jinja
or Babel.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..build_context import process_cache
from ..limits import MAX_CATALOG_BYTES, MAX_INPUT_FILE_BYTES, MAX_YAML_BYTES
from ..errors import ContentError
from ..load.paths import safe_read_bytes, safe_sha256
from .paths import MANIFEST, deck_path

RECORD_VERSION = 1
GENERATOR_DIR = Path(__file__).resolve().parents[1]
_DISTRIBUTION_SUFFIXES = (".dist-info", ".egg-info")


# ---------------------------------------------------------------- hashing

def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files_under(folder: Path) -> list[Path]:
    """Regular files below ``folder``, in a stable order; hidden files and caches left out."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        found.extend(Path(root) / name for name in sorted(files) if not name.startswith("."))
    return found


def _hash_files(paths: list[Path], base: Path, prefix: str, limit: int = MAX_INPUT_FILE_BYTES) -> dict[str, str]:
    """The sha256 of each file, read only when it is a regular file inside ``base`` (else an error)."""
    out = {}
    for path in paths:
        try:
            relative = path.relative_to(base).as_posix()
        except ValueError:
            relative = path.as_posix()
        out[f"{prefix}{relative}"] = safe_sha256(path, base, limit)
    return out


def content_files(content_dir: Path) -> dict[str, str]:
    """The content every locale's deck is built from (catalogs apart)."""
    content_dir = Path(content_dir)
    paths = [content_dir / "deck.yaml", content_dir / "figures.yaml"]
    found = _hash_files([p for p in paths if os.path.lexists(p)], content_dir, "content/", MAX_YAML_BYTES)
    for folder in ("slides", "assets"):
        if (content_dir / folder).is_dir():
            found.update(_hash_files(_files_under(content_dir / folder), content_dir, "content/"))
    return dict(sorted(found.items()))


def catalog_file(content_dir: Path, tag: str) -> dict[str, str]:
    path = Path(content_dir) / "locales" / f"{tag}.po"
    key = f"content/locales/{tag}.po"
    if not os.path.lexists(path):
        return {key: "none"}
    return {key: safe_sha256(path, content_dir, MAX_CATALOG_BYTES)}


def template_files(template_dir: Path) -> dict[str, str]:
    template_dir = Path(template_dir)
    return _hash_files(_files_under(template_dir) if template_dir.is_dir() else [], template_dir, "template/")


@process_cache                 # the code this process runs: it does not change under it
@lru_cache(maxsize=None)
def generator_digest() -> str:
    """One hash of the generator's source and data files."""
    digest = hashlib.sha256()
    for path in _files_under(GENERATOR_DIR):
        if path.suffix in (".pyc", ".pyo"):
            continue
        digest.update(path.relative_to(GENERATOR_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@process_cache                 # the packages this process has imported, likewise
@lru_cache(maxsize=None)
def dependencies_digest() -> str:
    """The Python version and every installed distribution's name and version (from dist-info names)."""
    names = set()
    for entry in sys.path:
        if os.path.basename(entry.rstrip("/\\")) not in ("site-packages", "dist-packages"):
            continue            # the script's folder or the working directory: not installed packages
        try:
            listing = os.listdir(entry)
        except OSError:
            continue
        names.update(name for name in listing if name.endswith(_DISTRIBUTION_SUFFIXES))
    payload = sys.version + "\n" + "\n".join(sorted(names))
    return hashlib.sha256(payload.encode()).hexdigest()


def digest_of(inputs: dict) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# ---------------------------------------------------------------- inputs of one deck

class InputHasher:
    """Hashes the inputs of each locale's deck; what all locales share is hashed once."""

    def __init__(self, content_dir: Path, template_dir: Path):
        self.content_dir = Path(content_dir)
        self.template_dir = Path(template_dir)
        self._shared: dict | None = None

    def shared(self) -> dict:
        if self._shared is None:
            self._shared = {
                "files": {**content_files(self.content_dir), **template_files(self.template_dir)},
                "generator": generator_digest(),
                "dependencies": dependencies_digest(),
            }
        return self._shared

    def inputs(self, tag: str) -> dict:
        shared = self.shared()
        files = dict(shared["files"])
        files.update(catalog_file(self.content_dir, tag))
        return {
            "version": RECORD_VERSION,
            "files": dict(sorted(files.items())),
            "generator": shared["generator"],
            "dependencies": shared["dependencies"],
            "options": {
                "locale": tag,
                "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", ""),
                "content": os.path.abspath(self.content_dir),
                "template": os.path.abspath(self.template_dir),
                "cwd": os.getcwd(),
            },
        }


def font_stamps(paths) -> list[list]:
    """``[path, size, mtime_ns]`` of each font file the text was measured with."""
    stamps = []
    for path in sorted(set(paths)):
        try:
            stat = os.stat(path)
            stamps.append([path, stat.st_size, stat.st_mtime_ns])
        except OSError:
            stamps.append([path, None, None])
    return stamps


# ---------------------------------------------------------------- records in the manifest

def problem_row(problem) -> list:
    return [problem.path, problem.line, problem.col, problem.message, problem.hint]


def make_record(inputs: dict, fonts: list, warnings: list, overflow: list, fits: list) -> dict:
    """What goes on a deck's manifest entry under ``build``."""
    return {
        "inputs_sha256": digest_of(inputs),
        "inputs": inputs,
        "fonts": font_stamps(fonts),
        "warnings": [problem_row(p) for p in warnings],
        "overflow": [problem_row(p) for p in overflow],
        # fitted/largest size per text, "/h" after a hyphenated one
        "fits": " ".join(f"{f.size_pt!r}/{f.max_pt!r}" + ("/h" if f.hyphenated else "") for f in fits),
    }


def recorded_fits(record: dict) -> list[tuple[float, float, bool]]:
    """The ``(size_pt, max_pt, hyphenated)`` of each text ``make_record`` wrote."""
    return [(float(size), float(largest), bool(hyphenated)) for size, largest, *hyphenated in
            (entry.split("/") for entry in (record.get("fits") or "").split())]


def read_manifest(out_dir: Path) -> dict | None:
    """The manifest in ``out_dir``; None when there is none, or what is there is not one (a FIFO included)."""
    try:
        data = json.loads(safe_read_bytes(Path(out_dir) / MANIFEST, None, MAX_INPUT_FILE_BYTES))
    except (ContentError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _fonts_unchanged(stamps) -> bool:
    if not isinstance(stamps, list):
        return False
    return font_stamps([stamp[0] for stamp in stamps]) == stamps


def _file_matches(out_dir: Path, entry: dict) -> bool:
    path = Path(out_dir) / entry.get("path", "")
    try:
        return path.is_file() and path.stat().st_size == entry.get("size") and sha256_file(path) == entry.get("sha256")
    except OSError:
        return False


@dataclass
class UpToDate:
    """A deck that need not be built again, with what building it reported."""

    tag: str
    record: dict
    pptx: Path
    coverage: float | None = None
    pdf: Path | None = None
    pngs: list[Path] = field(default_factory=list)


def up_to_date(out_dir: Path, manifest: dict | None, deck_id: str, tag: str, inputs: dict,
               pdf: bool, png: bool) -> UpToDate | None:
    """The deck of ``tag`` when its manifest record matches ``inputs`` and every file asked for is intact."""
    if not manifest:
        return None
    out_dir = Path(out_dir)
    digest = digest_of(inputs)
    entries = [e for e in manifest.get("files", []) if isinstance(e, dict) and e.get("locale") == tag]
    pptx_name = deck_path(out_dir, deck_id, tag).name
    pptx = next((e for e in entries if e.get("kind") == "pptx" and e.get("path") == pptx_name), None)
    record = (pptx or {}).get("build")
    if not isinstance(record, dict) or record.get("inputs_sha256") != digest:
        return None
    if not _file_matches(out_dir, pptx) or not _fonts_unchanged(record.get("fonts")):
        return None
    found = UpToDate(tag, record, out_dir / pptx_name, pptx.get("coverage"))
    if pdf:
        entry = next((e for e in entries if e.get("kind") == "pdf"), None)
        if entry is None or entry.get("inputs_sha256") != digest or not _file_matches(out_dir, entry):
            return None
        found.pdf = out_dir / entry["path"]
    if png:
        previews = [e for e in entries if e.get("kind") in ("png", "contact-sheet")]
        if not any(e.get("kind") == "contact-sheet" for e in previews) or \
                any(e.get("inputs_sha256") != digest or not _file_matches(out_dir, e) for e in previews):
            return None
        found.pngs = [out_dir / e["path"] for e in previews if e.get("kind") == "png"]
    return found


def reusable_previews(out_dir: Path, manifest: dict | None, tag: str, rendered_from: dict, pdf: bool,
                      png: bool) -> list[Path] | None:
    """The PDF and previews in OUT of ``tag`` when they were made from a deck of the same bytes
    by the same renderer (``rendered_from``) and are intact; else None: convert again."""
    if not manifest:
        return None
    entries = [e for e in manifest.get("files", []) if isinstance(e, dict) and e.get("locale") == tag]
    wanted = [e for e in entries if (pdf and e.get("kind") == "pdf") or (png and e.get("kind") in ("png", "contact-sheet"))]
    kinds = {e.get("kind") for e in wanted}
    if (pdf and "pdf" not in kinds) or (png and "contact-sheet" not in kinds):
        return None
    if any(e.get("rendered_from") != rendered_from or not _file_matches(out_dir, e) for e in wanted):
        return None
    return [Path(out_dir) / e["path"] for e in wanted]


def source_block(content_dir: Path, deck_meta, template_dir: Path, template_given: bool,
                 project_dir: Path) -> dict:
    """What ``deck.yaml`` said when the manifest was written, so a build with nothing to do need not parse it.

    ``template`` is the folder deck.yaml names, resolved (None when ``--template`` chose it).
    """
    deck_yaml = Path(content_dir) / "deck.yaml"
    return {
        "deck_yaml_sha256": safe_sha256(deck_yaml, content_dir, MAX_YAML_BYTES) if deck_yaml.is_file() else None,
        "id": deck_meta.id,
        "source_language": deck_meta.source_language,
        "locales": list(deck_meta.locales),
        "project_dir": os.path.abspath(project_dir),
        "template": None if template_given else os.path.abspath(template_dir),
    }


# ---------------------------------------------------------------- the plan of a build

@dataclass
class Plan:
    """Which decks of a build are up to date, decided from the manifest before any content is loaded."""

    deck_id: str
    tags: list[str]
    template_dir: Path
    hasher: InputHasher
    inputs: dict[str, dict]
    fresh: dict[str, UpToDate]

    @property
    def nothing_to_do(self) -> bool:
        return len(self.fresh) == len(self.tags)


def plan_build(options) -> Plan | None:
    """The plan when the manifest in OUT still describes this ``deck.yaml``; else None.

    ``options`` are the build's ``BuildOptions``. ``None`` means: load the content and decide
    after (no manifest, or ``deck.yaml`` changed, or a locale this module cannot vouch for).
    """
    from ..locales import is_well_formed, select_locale_tags

    content_dir, out_dir, template_dir = options.content_dir, options.out_dir, options.template_dir
    manifest = read_manifest(out_dir)
    source = (manifest or {}).get("source")
    if not isinstance(source, dict):
        return None
    deck_yaml = Path(content_dir) / "deck.yaml"
    if not os.path.lexists(deck_yaml) or source.get("deck_yaml_sha256") != safe_sha256(deck_yaml, content_dir,
                                                                                          MAX_YAML_BYTES):
        return None
    if source.get("project_dir") != os.path.abspath(options.project_dir):
        return None
    if template_dir is None:
        if not source.get("template"):
            return None
        template_dir = Path(source["template"])
    tags = select_locale_tags(source.get("source_language"), source.get("locales") or [], options.locales,
                              options.all_locales)
    if not tags or not all(map(is_well_formed, tags)) or not source.get("id"):
        return None
    hasher = InputHasher(content_dir, template_dir)
    inputs = {tag: hasher.inputs(tag) for tag in tags}
    fresh = {}
    for tag in tags:
        found = up_to_date(out_dir, manifest, source["id"], tag, inputs[tag], options.pdf, options.png)
        if found is not None:
            fresh[tag] = found
    return Plan(source["id"], tags, Path(template_dir), hasher, inputs, fresh)
