"""``oxml.package_limits``: a .pptx is read within its limits, checked before anything is decompressed."""

from __future__ import annotations

import io
import os
import resource
import struct
import time
import zipfile
from pathlib import Path

import pytest

from generator.oxml import package_limits as limits
from generator.oxml.package_limits import PackageError, check_directory, open_package, read_package, \
    read_package_file, stored_zip

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "corporate" / "template.pptx"
MiB = 1024 * 1024


def with_entry(path: Path, name: str, size: int, source: Path = TEMPLATE) -> Path:
    """A copy of ``source`` with one more deflated entry of ``size`` zero bytes, written in chunks."""
    path.write_bytes(source.read_bytes())
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    chunk = bytes(MiB)
    with zipfile.ZipFile(path, "a") as archive, archive.open(info, "w", force_zip64=True) as out:
        for _ in range(size // MiB):
            out.write(chunk)
        out.write(bytes(size % MiB))
    return path


def entries_zip(entries: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_the_house_template_reads_whole():
    entries = read_package(TEMPLATE.read_bytes(), "template.pptx")
    with zipfile.ZipFile(TEMPLATE) as archive:
        assert entries == {name: archive.read(name) for name in archive.namelist()}


def test_an_entry_one_past_the_size_limit_fails_naming_it(tmp_path):
    bomb = with_entry(tmp_path / "t.pptx", "ppt/media/big.bin", limits.MAX_ENTRY_BYTES + 1)
    with pytest.raises(PackageError) as caught:
        read_package(bomb.read_bytes(), "t.pptx")
    message = str(caught.value)
    assert message.startswith("t.pptx: entry 'ppt/media/big.bin'")
    assert "64.0 MiB per entry" in message


def test_an_entry_at_the_size_limit_reads(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ENTRY_BYTES", 2 * MiB)
    monkeypatch.setattr(limits, "MAX_COMPRESSION_RATIO", 10_000)
    ok = with_entry(tmp_path / "t.pptx", "ppt/media/big.bin", 2 * MiB)
    assert len(read_package(ok.read_bytes(), "t.pptx")["ppt/media/big.bin"]) == 2 * MiB


def test_too_many_entries(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ZIP_ENTRIES", 3)
    data = entries_zip({f"part{n}.xml": b"<a/>" for n in range(4)})
    with pytest.raises(PackageError, match=r"x.pptx: the zip holds 4 entries, over the limit of 3"):
        read_package(data, "x.pptx")
    read_package(entries_zip({f"part{n}.xml": b"<a/>" for n in range(3)}), "x.pptx")


def test_total_size_one_past_the_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PACKAGE_BYTES", 2000)
    data = entries_zip({"a.bin": os.urandom(1000), "b.bin": os.urandom(1001)}, zipfile.ZIP_STORED)
    with pytest.raises(PackageError, match=r"uncompressed together.*at entry 'b.bin'"):
        read_package(data, "x.pptx")


def test_compression_ratio_one_past_the_limit():
    size = limits.RATIO_CHECKED_FROM_BYTES + 1
    info = zipfile.ZipInfo("ppt/media/zeros.bin")
    info.file_size, info.compress_size = size, size // limits.MAX_COMPRESSION_RATIO
    with pytest.raises(PackageError, match=r"entry 'ppt/media/zeros.bin' is compressed 100 to 1, over the limit "
                                           r"of 100 to 1"):
        check_directory([info], "x.pptx")
    info.compress_size += 1
    assert check_directory([info], "x.pptx") == [info]


def test_small_parts_may_compress_far_better():
    data = entries_zip({"ppt/slides/slide1.xml": b"<a>" + b" " * 100_000 + b"</a>"})
    assert read_package(data, "x.pptx")


def test_a_header_that_understates_the_size_is_caught_by_the_read():
    data = bytearray(entries_zip({"ppt/media/a.bin": bytes(200_000)}))
    # shrink the declared uncompressed size in the central directory and the local header
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = data.index(signature)
        struct.pack_into("<I", data, at + offset, 1000)
    with pytest.raises(PackageError, match=r"entry 'ppt/media/a.bin' cannot be read"):
        read_package(bytes(data), "x.pptx")


def test_a_read_never_returns_more_than_its_cap(monkeypatch):
    monkeypatch.setattr(limits, "_READ_CHUNK", 1000)
    data = entries_zip({"a.bin": bytes(10_000)})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        with pytest.raises(PackageError, match="more than its zip header declares"):
            limits._read_entry(archive, archive.getinfo("a.bin"), "x.pptx", 5000)


@pytest.mark.parametrize("data", [b"", b"not a zip", b"PK\x03\x04 broken"])
def test_not_a_zip(data):
    with pytest.raises(PackageError, match="not a PowerPoint .pptx file") as caught:
        read_package(data, "x.pptx")
    assert caught.value.not_a_zip


def test_encrypted_or_duplicate_entries_are_errors():
    data = bytearray(entries_zip({"a.xml": b"<a/>"}))
    at = data.index(b"PK\x01\x02")
    struct.pack_into("<H", data, at + 8, 1)        # the "encrypted" flag
    with pytest.raises(PackageError, match="entry 'a.xml' cannot be read"):
        read_package(bytes(data), "x.pptx")
    with pytest.warns(UserWarning, match="Duplicate name"):
        twice = _twice()
    with pytest.raises(PackageError, match="entry 'a.xml' is in the zip twice"):
        read_package(twice, "x.pptx")


def _twice() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.xml", b"<a/>")
        archive.writestr("a.xml", b"<b/>")
    return out.getvalue()


def test_only_regular_files_are_read(tmp_path):
    fifo = tmp_path / "pipe.pptx"
    os.mkfifo(fifo)
    with pytest.raises(PackageError, match="not a regular file"):
        read_package_file(fifo)
    with pytest.raises(PackageError, match="not a regular file"):
        read_package_file(tmp_path)
    with pytest.raises(PackageError, match="cannot read the file"):
        read_package_file(tmp_path / "missing.pptx")


def test_file_size_one_past_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PACKAGE_FILE_BYTES", 100)
    path = tmp_path / "x.pptx"
    path.write_bytes(bytes(101))
    with pytest.raises(PackageError, match="over the limit of 100 bytes"):
        read_package_file(path)


def test_stored_zip_opens_in_python_pptx_like_the_file():
    prs = open_package(TEMPLATE)
    assert [layout.name for layout in prs.slide_layouts]
    entries = read_package(TEMPLATE.read_bytes(), "t")
    assert read_package(stored_zip(entries), "t") == entries


@pytest.mark.slow
def test_a_gib_entry_in_a_small_file_fails_fast_and_small(tmp_path):
    """The zip bomb: a 1 MB file holding a 1 GiB entry, referenced by nothing."""
    bomb = with_entry(tmp_path / "bomb.pptx", "ppt/media/unreferenced.bin", 1024 * MiB)
    assert bomb.stat().st_size < 1.5 * MiB
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    with pytest.raises(PackageError, match="entry 'ppt/media/unreferenced.bin' is 1,024.0 MiB uncompressed"):
        open_package(bomb)
    assert time.monotonic() - start < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024     # KiB


def test_many_small_entries_cannot_add_up_to_a_bomb():
    """Entries under 1 MiB escape the ratio of each entry, not the ratio of all of them together."""
    data = entries_zip({f"ppt/media/zeros{n}.bin": bytes(limits.RATIO_CHECKED_FROM_BYTES) for n in range(3)})
    with pytest.raises(PackageError, match=r"x.pptx: the entries are compressed [\d,]+ to 1 together, over the "
                                           r"limit of 100 to 1"):
        read_package(data, "x.pptx")
