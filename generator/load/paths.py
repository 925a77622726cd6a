"""Paths that must stay inside a folder: assets, slide files, template files."""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Problem, display_path


def inside(path: Path, folder: Path) -> bool:
    """Does ``path``, with every symlink resolved, lie inside ``folder``?"""
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def resolve_asset(name: str, folders: list[Path], referred_from: str = "") -> Path:
    """Find an asset by a relative name inside one of ``folders``; refuse escapes."""
    candidate = Path(name)
    if candidate.is_absolute() or ".." in candidate.parts:
        raise ContentError([Problem(referred_from or name, None, None,
                                    f"asset '{name}' must be a path inside the content or template folder",
                                    "absolute paths and '..' are not allowed")])
    for folder in folders:
        path = folder / candidate
        if path.exists():
            if not inside(path, folder):
                raise ContentError([Problem(display_path(path), None, None,
                                            f"asset '{name}' links to a place outside {display_path(folder)}")])
            return path
    raise ContentError([Problem(referred_from or name, None, None, f"asset '{name}' not found",
                                "looked in " + ", ".join(display_path(f) for f in folders))])
