"""Where a build's files go in OUT: one name for each, used by every module that writes or finds them."""

from __future__ import annotations

from pathlib import Path

MANIFEST = "manifest.json"
PREVIEWS = "previews"


def deck_path(out_dir: Path, deck_id: str, tag: str) -> Path:
    """``OUT/<deck-id>-<locale>.pptx``."""
    return Path(out_dir) / f"{deck_id}-{tag}.pptx"


def pdf_path(out_dir: Path, deck_id: str, tag: str) -> Path:
    """``OUT/<deck-id>-<locale>.pdf``, beside its deck."""
    return deck_path(out_dir, deck_id, tag).with_suffix(".pdf")


def preview_dir(out_dir: Path, locale: str) -> Path:
    """``OUT/previews/<locale>/``: a deck's slide PNGs and contact sheet."""
    return Path(out_dir) / PREVIEWS / locale
