"""Reading a .pptx (a zip package) within limits, so a hostile file fails fast and small.

Every .pptx the generator opens, a template or a built deck, is read here first:
``read_package`` checks the zip's central directory (number of entries, each entry's declared
size, their total, the compression ratio) before it decompresses anything, then reads each
entry with a cap, since declared sizes can lie. A file over a limit is a ``PackageError``
naming the file, the entry and the limit.

The numbers are below; the README's "Limits" section lists them.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from pathlib import Path

from ..errors import DeckError, display_path

MiB = 1024 * 1024

MAX_PACKAGE_FILE_BYTES = 100 * MiB     # the .pptx file itself, compressed
MAX_ZIP_ENTRIES = 20_000               # a 1,000-slide deck has about 4,000 (slide, notes, their .rels)
MAX_ENTRY_BYTES = 64 * MiB             # one entry, uncompressed: a large picture or embedded font
MAX_PACKAGE_BYTES = 256 * MiB          # every entry together, uncompressed
MAX_COMPRESSION_RATIO = 100            # uncompressed / compressed, of an entry and of all together, ...
RATIO_CHECKED_FROM_BYTES = 1 * MiB     # ... once over this size (tiny XML parts compress far better)
MAX_SHAPES_PER_LAYOUT = 500            # shapes in one slide layout or master (house layouts: under 10)
MAX_CORE_TITLE_CHARS = 255             # the title in docProps/core.xml, as PowerPoint and python-pptx keep it

_READ_CHUNK = 1 * MiB


class PackageError(DeckError):
    """A .pptx that is not a readable package (``not_a_zip``), or one over a limit."""

    def __init__(self, message: str, not_a_zip: bool = False):
        super().__init__(message)
        self.not_a_zip = not_a_zip


def read_package_file(path: Path) -> bytes:
    """The bytes of the .pptx at ``path``: a regular file, at most ``MAX_PACKAGE_FILE_BYTES``."""
    path = Path(path)
    shown = display_path(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise PackageError(f"{shown}: cannot read the file: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise PackageError(f"{shown}: not a regular file (a folder, device or pipe cannot be a .pptx)")
    if info.st_size > MAX_PACKAGE_FILE_BYTES:
        raise PackageError(f"{shown}: the file is {_size(info.st_size)}, over the limit of "
                           f"{_size(MAX_PACKAGE_FILE_BYTES)} for a .pptx")
    with open(path, "rb") as handle:
        data = handle.read(MAX_PACKAGE_FILE_BYTES + 1)
    if len(data) > MAX_PACKAGE_FILE_BYTES:
        raise PackageError(f"{shown}: the file is over the limit of {_size(MAX_PACKAGE_FILE_BYTES)} for a .pptx")
    return data


def read_package(data: bytes, shown: str) -> dict[str, bytes]:
    """Every entry of the zip ``data`` (the file ``shown``), by name, each read within the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise PackageError(f"{shown}: not a PowerPoint .pptx file (it is not a zip package: {_reason(exc)})",
                           not_a_zip=True) \
            from None
    with archive:
        infos = check_directory(archive.infolist(), shown)
        entries: dict[str, bytes] = {}
        budget = MAX_PACKAGE_BYTES
        for info in infos:
            entries[info.filename] = _read_entry(archive, info, shown, min(MAX_ENTRY_BYTES, budget))
            budget -= len(entries[info.filename])
    return entries


def check_directory(infos: list[zipfile.ZipInfo], shown: str) -> list[zipfile.ZipInfo]:
    """The file entries of a central directory, once each limit holds for what it declares."""
    if len(infos) > MAX_ZIP_ENTRIES:
        raise PackageError(f"{shown}: the zip holds {len(infos):,} entries, over the limit of "
                           f"{MAX_ZIP_ENTRIES:,}")
    files = [info for info in infos if not info.is_dir()]
    seen: set[str] = set()
    total = 0
    for info in files:
        name = info.filename
        if name in seen:
            raise PackageError(f"{shown}: entry '{name}' is in the zip twice")
        seen.add(name)
        if info.file_size > MAX_ENTRY_BYTES:
            raise PackageError(f"{shown}: entry '{name}' is {_size(info.file_size)} uncompressed, over the "
                               f"limit of {_size(MAX_ENTRY_BYTES)} per entry")
        if info.file_size > RATIO_CHECKED_FROM_BYTES and \
                info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise PackageError(f"{shown}: entry '{name}' is compressed {ratio:,.0f} to 1, over the limit of "
                               f"{MAX_COMPRESSION_RATIO} to 1 (a zip bomb?)")
        total += info.file_size
        if total > MAX_PACKAGE_BYTES:
            raise PackageError(f"{shown}: the entries are over {_size(MAX_PACKAGE_BYTES)} uncompressed together, "
                               f"the limit for a .pptx (at entry '{name}')")
    compressed = sum(info.compress_size for info in files)
    if total > RATIO_CHECKED_FROM_BYTES and total > MAX_COMPRESSION_RATIO * max(compressed, 1):
        raise PackageError(f"{shown}: the entries are compressed {total / max(compressed, 1):,.0f} to 1 together, "
                           f"over the limit of {MAX_COMPRESSION_RATIO} to 1 (a zip bomb?)")
    return files


def stored_zip(entries: dict[str, bytes]) -> bytes:
    """``entries`` as an uncompressed zip, for python-pptx to open exactly the parts that were checked."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for name, data in entries.items():
            target.writestr(name, data)
    return out.getvalue()


def open_package(path: Path):
    """A ``pptx.Presentation`` of the .pptx at ``path``, read within the limits; ``PackageError`` otherwise."""
    from pptx import Presentation

    shown = display_path(path)
    entries = read_package(read_package_file(path), shown)
    try:
        return Presentation(io.BytesIO(stored_zip(entries)))
    except Exception as exc:  # python-pptx raises KeyError, ValueError, lxml errors, ... for a bad package
        raise PackageError(f"{shown}: cannot open as a .pptx presentation ({_reason(exc)})") from None


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str, cap: int) -> bytes:
    """One entry's bytes, never more than ``cap`` of them, whatever its header declares."""
    name = info.filename
    chunks, size = [], 0
    try:
        with archive.open(info) as entry:
            while True:
                chunk = entry.read(_READ_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > cap:
                    raise PackageError(f"{shown}: entry '{name}' holds more than its zip header declares, over "
                                       f"the limit of {_size(cap)} left for it")
                chunks.append(chunk)
    except PackageError:
        raise
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError, EOFError,
            zlib.error) as exc:
        raise PackageError(f"{shown}: entry '{name}' cannot be read ({_reason(exc)})") from None
    return b"".join(chunks)


def _reason(exc: Exception) -> str:
    return str(exc).strip() or type(exc).__name__


def _size(count: int) -> str:
    if count >= MiB:
        return f"{count / MiB:,.1f} MiB"
    return f"{count:,} bytes"
