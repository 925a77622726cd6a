"""Deterministic, atomic .pptx output: fixed zip dates and order, SOURCE_DATE_EPOCH, no half-written files."""

from __future__ import annotations

import datetime as dt
import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from generator.errors import DeckError
from generator.output import writer
from generator.output.writer import (DEFAULT_EPOCH, build_time, normalize_zip, pptx_bytes, set_core_properties,
                                     write_atomic)

WHEN = dt.datetime(2024, 1, 1)


def saved_at(prs, moment: time.struct_time) -> bytes:
    """prs.save() as if run at ``moment``: zipfile stamps entries with time.localtime(time.time())."""
    real_time, real_localtime = time.time, time.localtime
    time.time = lambda: 0.0
    time.localtime = lambda *args: moment
    try:
        raw = io.BytesIO()
        prs.save(raw)
        return raw.getvalue()
    finally:
        time.time, time.localtime = real_time, real_localtime


def entry_dates(data: bytes) -> set:
    return {info.date_time for info in zipfile.ZipFile(io.BytesIO(data)).infolist()}


def core_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode("utf-8")


@pytest.fixture
def prs():
    presentation = Presentation()
    set_core_properties(presentation, "Title", "Subject", "Author", "en-GB", WHEN)
    return presentation


# ---------------------------------------------------------------- normalize_zip

def test_two_saves_at_different_times_normalize_to_identical_bytes(prs):
    first = saved_at(prs, time.struct_time((2020, 5, 6, 7, 8, 10, 0, 0, 0)))
    second = saved_at(prs, time.struct_time((2031, 11, 12, 13, 14, 16, 0, 0, 0)))
    assert first != second                                   # the raw saves differ...
    assert entry_dates(first) == {(2020, 5, 6, 7, 8, 10)}
    assert normalize_zip(first, WHEN) == normalize_zip(second, WHEN)   # ...the outputs do not


def test_normalized_entries_have_one_date_and_a_fixed_order(prs):
    data = normalize_zip(saved_at(prs, time.localtime()), dt.datetime(2023, 3, 4, 5, 6, 8))
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert names[2:] == sorted(names[2:])
    assert entry_dates(data) == {(2023, 3, 4, 5, 6, 8)}
    assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    assert archive.testzip() is None


def test_normalize_keeps_every_part_byte_for_byte(prs):
    raw = saved_at(prs, time.localtime())
    before = zipfile.ZipFile(io.BytesIO(raw))
    after = zipfile.ZipFile(io.BytesIO(normalize_zip(raw, WHEN)))
    assert sorted(before.namelist()) == sorted(after.namelist())
    for name in before.namelist():
        assert before.read(name) == after.read(name), name


def test_pptx_bytes_holds_exactly_what_prs_save_writes(prs):
    """The relationship files are written without python-pptx's serializer: same entries, same bytes."""
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.notes_slide.notes_text_frame.text = "notes"
    hyperlink = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
    for url in ("https://example.org/a?b=1&c=2", 'https://example.org/<"quoted">\n', "https://例え.jp/パス"):
        slide.part.relate_to(url, hyperlink, is_external=True)
    saved = zipfile.ZipFile(io.BytesIO(saved_at(prs, time.localtime())))
    ours = zipfile.ZipFile(io.BytesIO(pptx_bytes(prs, WHEN)))
    assert sorted(ours.namelist()) == sorted(saved.namelist())
    assert any(name.endswith(".rels") and "slides/" in name for name in ours.namelist())
    for name in saved.namelist():
        assert ours.read(name) == saved.read(name), name


def test_normalized_file_opens_in_python_pptx(prs):
    data = pptx_bytes(prs, WHEN)
    reopened = Presentation(io.BytesIO(data))
    assert reopened.core_properties.title == "Title"


# ---------------------------------------------------------------- SOURCE_DATE_EPOCH

def test_default_build_time_is_fixed(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_time() == dt.datetime(2024, 1, 1, 0, 0, 0)
    assert build_time() == dt.datetime.fromtimestamp(DEFAULT_EPOCH, dt.timezone.utc).replace(tzinfo=None)


def test_source_date_epoch_sets_the_build_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_time() == dt.datetime(2023, 11, 14, 22, 13, 20)


def test_source_date_epoch_changes_zip_dates_and_core_properties(monkeypatch):
    outputs = {}
    for epoch in ("1700000000", "1600000000"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        when = build_time()
        presentation = Presentation()
        set_core_properties(presentation, "T", None, "A", "en-GB", when)
        outputs[epoch] = pptx_bytes(presentation, when)
    assert entry_dates(outputs["1700000000"]) == {(2023, 11, 14, 22, 13, 20)}
    assert entry_dates(outputs["1600000000"]) == {(2020, 9, 13, 12, 26, 40)}
    assert "2023-11-14T22:13:20Z" in core_xml(outputs["1700000000"])
    assert "2020-09-13T12:26:40Z" in core_xml(outputs["1600000000"])
    reopened = Presentation(io.BytesIO(outputs["1700000000"])).core_properties
    assert reopened.created == reopened.modified == dt.datetime(2023, 11, 14, 22, 13, 20)


def test_same_epoch_same_bytes(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1650000000")
    results = []
    for _ in range(2):
        when = build_time()
        presentation = Presentation()
        set_core_properties(presentation, "T", "S", "A", "fr-FR", when)
        results.append(pptx_bytes(presentation, when))
    assert results[0] == results[1]
    assert "<dc:language>fr-FR</dc:language>" in core_xml(results[0])


@pytest.mark.parametrize("bad", ["yesterday", "1.5", "1e9", "0x10"])
def test_bad_source_date_epoch_is_a_deck_error(monkeypatch, bad):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", bad)
    with pytest.raises(DeckError) as exc:
        build_time()
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds" in str(exc.value)
    assert bad in str(exc.value)


@pytest.mark.parametrize("epoch", ["5000000000", "99999999999999", "-1", "0"])
def test_out_of_range_source_date_epoch_is_a_deck_error(monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(DeckError):
        pptx_bytes(Presentation(), build_time())


# ---------------------------------------------------------------- write_atomic

def test_write_atomic_writes_and_creates_folders(tmp_path):
    target = tmp_path / "new" / "deeper" / "deck.pptx"
    write_atomic(target, b"content")
    assert target.read_bytes() == b"content"
    assert sorted(p.name for p in target.parent.iterdir()) == ["deck.pptx"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)


def test_write_atomic_leaves_a_file_that_already_holds_the_bytes(tmp_path):
    target = tmp_path / "same.bin"
    target.write_bytes(b"content")
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    assert write_atomic(target, b"content") is False
    assert target.stat().st_mtime_ns == 1_000_000_000
    assert write_atomic(target, b"contenT") is True
    assert target.read_bytes() == b"contenT" and target.stat().st_mtime_ns != 1_000_000_000


def test_write_atomic_replaces_an_existing_file(tmp_path):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_failed_replace_leaves_no_temp_file_and_the_old_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "deck.pptx"
    previous = os.urandom(4096)
    target.write_bytes(previous)

    def refuse(src, dst):
        assert Path(src).read_bytes() == b"new content"      # the temp file was complete
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, "replace", refuse)
    with pytest.raises(writer.WriteError, match="deck.pptx: cannot write: the disk is full"):
        write_atomic(target, b"new content")
    assert target.read_bytes() == previous
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_interrupted_write_leaves_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"previous")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_output_folder_that_is_a_file(tmp_path):
    blocker = tmp_path / "build"
    blocker.write_text("not a folder")
    with pytest.raises(DeckError) as exc:
        write_atomic(blocker / "deck.pptx", b"data")
    assert "the output folder is a file" in str(exc.value)
    assert blocker.read_text() == "not a folder"


def test_output_folder_below_a_file(tmp_path):
    blocker = tmp_path / "build"
    blocker.write_text("not a folder")
    with pytest.raises(DeckError) as exc:
        write_atomic(blocker / "sub" / "deck.pptx", b"data")
    assert "build" in str(exc.value)


def test_unwritable_folder_is_a_deck_error(tmp_path, monkeypatch):
    def no_temp(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(writer.tempfile, "mkstemp", no_temp)
    with pytest.raises(DeckError) as exc:
        write_atomic(tmp_path / "deck.pptx", b"data")
    assert "cannot write here: Permission denied" in str(exc.value)
