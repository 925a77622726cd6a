"""Deterministic, atomic .pptx output.

python-pptx stamps every zip entry with the current time and the core properties with the
current date. Here the package is saved to memory, then re-zipped with one fixed timestamp
(``SOURCE_DATE_EPOCH`` when set) and a fixed entry order, and written to a temporary file
beside the target that is renamed over it only once complete. A write that fails (a full
disk, a file size limit) is a ``WriteError`` naming the file, and leaves the target as it was.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import struct
import tempfile
import zipfile
from pathlib import Path

from ..errors import DeckError, display_path

DEFAULT_EPOCH = 1704067200   # 2024-01-01T00:00:00Z, when SOURCE_DATE_EPOCH is not set
ZIP_EPOCH = 315532800        # 1980-01-01T00:00:00Z: zip entries cannot be dated earlier
ZIP_END = 4354819199         # 2107-12-31T23:59:59Z: nor later
FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")
_WRITE_FAILURES = {errno.ENOSPC: "the disk is full", errno.EFBIG: "the file is larger than allowed",
                   errno.EDQUOT: "the disk quota is exceeded"}


class WriteError(DeckError):
    """A file that could not be written (a full disk, a size limit, no permission): ``path`` and ``reason``."""

    def __init__(self, path: Path, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{display_path(path)}: cannot write: {reason}")


def write_failure(exc: OSError) -> str:
    """An ``OSError`` of a write in plain words: "the disk is full" rather than "[Errno 28] ..."."""
    return _WRITE_FAILURES.get(exc.errno, exc.strerror or str(exc))


def build_time() -> dt.datetime:
    """The timestamp written into outputs: ``SOURCE_DATE_EPOCH`` or a fixed date."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        seconds = int(raw) if raw else DEFAULT_EPOCH
    except ValueError:
        raise DeckError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not '{raw}'") from None
    if not ZIP_EPOCH <= seconds <= ZIP_END:
        raise DeckError(f"SOURCE_DATE_EPOCH={raw} is outside what a .pptx (a zip file) can record: "
                        f"use a time between 1980-01-01 ({ZIP_EPOCH}) and 2107-12-31 ({ZIP_END})")
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).replace(tzinfo=None)


def set_core_properties(prs, title: str, subject: str | None, author: str, language: str,
                        when: dt.datetime) -> None:
    props = prs.core_properties
    props.title = title
    props.subject = subject or ""
    props.author = author
    props.last_modified_by = author
    props.language = language
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    props.keywords = "ISO; IEC; CASCO; conformity assessment"


def pptx_bytes(prs, when: dt.datetime) -> bytes:
    """The presentation as a zip with fixed entry times and order.

    The parts are serialized as ``prs.save`` would write them (``oxml.package.package_entries``),
    but straight into the final zip: python-pptx's own zip would be compressed only to be read
    back and compressed again.
    """
    from ..oxml.package import package_entries     # python-pptx: only a build that writes a deck needs it

    return zip_entries(package_entries(prs), when)


def normalize_zip(data: bytes, when: dt.datetime) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    return zip_entries({name: source.read(name) for name in source.namelist()}, when)


def zip_entries(entries: dict[str, bytes], when: dt.datetime, reuse: dict | None = None) -> bytes:
    """A zip of ``entries`` (name -> bytes) with one fixed timestamp and a fixed order.

    ``reuse``, kept by a caller that writes the same deck again and again, holds each entry's
    compressed record from the last zip: an entry whose bytes are unchanged is not compressed
    again. The bytes are those of the zip written at once.
    """
    names = list(entries)
    ordered = [n for n in FIRST_ENTRIES if n in entries] + sorted(n for n in names if n not in FIRST_ENTRIES)
    if reuse is not None:
        return _zip_of_records(ordered, entries, when, reuse)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ordered:
            _write_entry(target, name, entries[name], when)
    return out.getvalue()


def _write_entry(target: zipfile.ZipFile, name: str, data: bytes, when: dt.datetime) -> None:
    info = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, when.hour, when.minute, when.second))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3
    if name.endswith(".xlsx"):      # a chart's embedded workbook: a package of its own
        data = normalize_zip(_fixed_core_dates(data, when), when)
    target.writestr(info, data, compresslevel=6)


_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")     # zipfile's structCentralDir
_END_RECORD = struct.Struct("<4s4H2LH")               # zipfile's structEndArchive


def _zip_of_records(ordered: list[str], entries: dict[str, bytes], when: dt.datetime, reuse: dict) -> bytes:
    """``zip_entries`` from each entry's local record and central header, compressed once per bytes."""
    local_parts, central_parts, offset = [], [], 0
    for name in ordered:
        data = entries[name]
        found = reuse.get(name)
        if found is None or found[0] is not data and found[0] != data or found[1] != when:
            found = reuse[name] = (data, when, *_entry_records(name, data, when))
        local, central = found[2], found[3]
        fields = list(_CENTRAL_HEADER.unpack_from(central))
        fields[-1] = offset                              # where this entry's local record starts
        local_parts.append(local)
        central_parts.append(_CENTRAL_HEADER.pack(*fields) + central[_CENTRAL_HEADER.size:])
        offset += len(local)
    for gone in set(reuse) - set(ordered):
        del reuse[gone]
    directory = b"".join(central_parts)
    end = _END_RECORD.pack(zipfile.stringEndArchive, 0, 0, len(ordered), len(ordered), len(directory), offset, 0)
    return b"".join(local_parts) + directory + end


def _entry_records(name: str, data: bytes, when: dt.datetime) -> tuple[bytes, bytes]:
    """The local record (header and compressed data) and the central header of one entry, as zipfile writes them."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        _write_entry(target, name, data, when)
    whole = out.getvalue()
    *_, directory_size, directory_start, _comment = _END_RECORD.unpack(whole[-_END_RECORD.size:])
    return whole[:directory_start], whole[directory_start:directory_start + directory_size]


def _fixed_core_dates(package: bytes, when: dt.datetime) -> bytes:
    """The package with its core properties' created/modified dates set to ``when``.

    XlsxWriter, which python-pptx uses for chart data, stamps the workbook with the current time.
    """
    from ..oxml.package import with_core_dates

    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = with_core_dates(data, stamp)
            target.writestr(item.filename, data)
    return out.getvalue()


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file renamed into place; False when it already held them.

    A file that already holds exactly ``data`` is left alone, date included, so a command
    that changes nothing writes nothing (as Sphinx's gettext builder skips unchanged catalogs).
    """
    path = Path(path)
    if _holds(path, data):
        return False
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise DeckError(f"{display_path(folder)}: the output folder is a file") from None
    except OSError as exc:
        raise DeckError(f"{display_path(folder)}: cannot create the output folder: {exc.strerror}") from None
    if not folder.is_dir():
        raise DeckError(f"{display_path(folder)}: the output folder is a file")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DeckError(f"{display_path(folder)}: cannot write here: {write_failure(exc)}") from None
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException as exc:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteError(path, write_failure(exc)) from None
        raise
    return True


def _holds(path: Path, data: bytes) -> bool:
    try:
        if not path.is_file() or path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False
