"""A built deck's slides: what each one looks like (a fingerprint), and PNGs of the changed ones.

A slide's fingerprint is a hash of its own XML and of every part it draws from (layout,
master, theme, chart, picture), but not of its notes: two decks whose slide N has the same
fingerprint render slide N alike, so only slides whose fingerprint changed are drawn again.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from ..output.paths import preview_dir
from ..output.previews import write_contact_sheet
from ..output.writer import write_atomic

PREVIEW_WIDTH = 1280          # as the build's previews
CONTACT_SHEET = "contact-sheet.png"


def slide_fingerprints(pptx: Path) -> list[str]:
    """One hash per slide, in slide order, of everything that decides how the slide looks."""
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE

    skipped = {RELATIONSHIP_TYPE.NOTES_SLIDE, RELATIONSHIP_TYPE.SLIDE}
    part_hashes: dict[str, bytes] = {}

    def hash_with_dependencies(part, digest, seen: set) -> None:
        if part.partname in seen:
            return
        seen.add(part.partname)
        if part.partname not in part_hashes:
            part_hashes[part.partname] = hashlib.sha256(part.blob).digest()
        digest.update(str(part.partname).encode() + part_hashes[part.partname])
        for rel in sorted(part.rels.values(), key=lambda rel: rel.rId):
            if rel.is_external:
                digest.update(rel.target_ref.encode())
            elif rel.reltype not in skipped:
                hash_with_dependencies(rel.target_part, digest, seen)

    prints = []
    for slide in Presentation(str(pptx)).slides:
        digest = hashlib.sha256()
        hash_with_dependencies(slide.part, digest, set())
        prints.append(digest.hexdigest())
    return prints


def changed_slides(before: list[str] | None, after: list[str]) -> set[int]:
    """The slide numbers (1-based) whose fingerprint differs; every slide when the count changed."""
    if before is None or len(before) != len(after):
        return set(range(1, len(after) + 1))
    return {number for number, (old, new) in enumerate(zip(before, after), 1) if old != new}


def slide_png(out_dir: Path, tag: str, number: int) -> Path:
    return preview_dir(out_dir, tag) / f"slide-{number:02d}.png"


def write_slide_pngs(pdf: Path, out_dir: Path, tag: str, numbers: set[int], count: int) -> None:
    """PNGs of the pages ``numbers`` of ``pdf``; previews of slides past ``count`` are removed."""
    import pymupdf

    with pymupdf.open(pdf) as document:
        for number in sorted(numbers):
            if number > document.page_count:
                continue
            page = document[number - 1]
            zoom = PREVIEW_WIDTH / page.rect.width
            pixmap = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
            write_atomic(slide_png(out_dir, tag, number), pixmap.tobytes("png"))
    for stale in preview_dir(out_dir, tag).glob("slide-*.png"):
        if int(stale.stem.split("-")[1]) > count:
            stale.unlink()


def rewrite_contact_sheet(out_dir: Path, tag: str, count: int) -> None:
    """The deck's contact sheet again, from its slide PNGs as they are now."""
    from PIL import Image

    images = []
    for number in range(1, count + 1):
        path = slide_png(out_dir, tag, number)
        if not path.is_file():
            return
        with Image.open(io.BytesIO(path.read_bytes())) as image:
            images.append(image.convert("RGB"))
    if images:
        write_contact_sheet(images, preview_dir(out_dir, tag) / CONTACT_SHEET)


def file_version(path: Path) -> str | None:
    """A short hash of the file's bytes, for cache-busting URLs; None when it does not exist."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except FileNotFoundError:
        return None
