"""Paths that must stay inside a folder, and the one way content and template files are read.

Only regular files are read: a FIFO, a device or a socket would block a read forever or
never end, so each is an error naming the file. A symlink is followed only when its target
stays inside the folder it belongs to, and every read stops at a size limit.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import ContentError, Problem, display_path
from ..limits import MAX_INPUT_FILE_BYTES

_BLOCK = 1 << 20


def inside(path: Path, folder: Path) -> bool:
    """Does ``path``, with every symlink resolved, lie inside ``folder``?"""
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _refuse(path: Path, message: str, hint: str | None = None) -> ContentError:
    return ContentError([Problem(display_path(path), None, None, message, hint)])


def _kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, for the message; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def check_regular_file(path: Path, root: Path | None = None) -> os.stat_result:
    """The file's status when ``path`` is a regular file (inside ``root`` once symlinks are resolved)."""
    path = Path(path)
    if root is not None and not inside(path, root):
        raise _refuse(path, f"the file links to a place outside {display_path(root)}",
                      "copy the file into the folder instead of linking to it")
    try:
        status = os.stat(path)
    except OSError as exc:
        raise _refuse(path, f"cannot read the file: {exc.strerror}") from None
    kind = _kind_of(status.st_mode)
    if kind:
        raise _refuse(path, f"{kind}, not a regular file", "only regular files are read")
    return status


def open_regular_file(path: Path, root: Path | None = None, limit: int = MAX_INPUT_FILE_BYTES) -> BinaryIO:
    """``path`` opened for reading after ``check_regular_file`` and the size check.

    It is opened without blocking and checked again once open, so a file swapped for a FIFO
    in between cannot hang the read either.
    """
    check_regular_file(path, root)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _refuse(path, f"cannot read the file: {exc.strerror}") from None
    handle = os.fdopen(descriptor, "rb")
    status = os.fstat(handle.fileno())
    kind = _kind_of(status.st_mode)
    if kind or status.st_size > limit:
        handle.close()
        if kind:
            raise _refuse(path, f"{kind}, not a regular file", "only regular files are read")
        raise _too_large(path, status.st_size, limit)
    return handle


def _too_large(path: Path, size: int, limit: int) -> ContentError:
    return _refuse(path, f"the file is {size:,} bytes; the limit is {limit:,} bytes")


def safe_read_bytes(path: Path, root: Path | None = None, limit: int = MAX_INPUT_FILE_BYTES) -> bytes:
    """The bytes of a regular file inside ``root``, at most ``limit`` of them (else an error)."""
    with open_regular_file(path, root, limit) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise _refuse(path, f"cannot read the file: {exc.strerror}") from None
    if len(data) > limit:                      # it grew after it was checked
        raise _too_large(path, len(data), limit)
    return data


def safe_sha256(path: Path, root: Path | None = None, limit: int = MAX_INPUT_FILE_BYTES) -> str:
    """The sha256 of a file read as ``safe_read_bytes`` would, in blocks."""
    digest = hashlib.sha256()
    size = 0
    with open_regular_file(path, root, limit) as handle:
        try:
            for block in iter(lambda: handle.read(_BLOCK), b""):
                size += len(block)
                if size > limit:
                    raise _too_large(path, size, limit)
                digest.update(block)
        except OSError as exc:
            raise _refuse(path, f"cannot read the file: {exc.strerror}") from None
    return digest.hexdigest()


def resolve_asset(name: str, folders: list[Path], referred_from: str = "") -> Path:
    """Find an asset by a relative name inside one of ``folders``; refuse escapes and special files."""
    candidate = Path(name)
    if candidate.is_absolute() or ".." in candidate.parts:
        raise ContentError([Problem(referred_from or name, None, None,
                                    f"asset '{name}' must be a path inside the content or template folder",
                                    "absolute paths and '..' are not allowed")])
    for folder in folders:
        path = folder / candidate
        if path.exists() or path.is_symlink():
            if not inside(path, folder):
                raise ContentError([Problem(display_path(path), None, None,
                                            f"asset '{name}' links to a place outside {display_path(folder)}")])
            check_regular_file(path, folder)
            return path
    raise ContentError([Problem(referred_from or name, None, None, f"asset '{name}' not found",
                                "looked in " + ", ".join(display_path(f) for f in folders))])
