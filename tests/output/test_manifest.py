"""manifest.json: what OUT holds, by locale, with checksums, counts and the records of what built it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from pptx import Presentation

from generator.output.manifest import (build_manifest, collect_outputs, git_commit, lock_sha256, pdf_pages,
                                       slide_count, write_manifest)

DECK_ID = "deck"


def fake_deck(as_of=(dt.date(2024, 5, 1), None, dt.date(2023, 1, 31))):
    figures = {f"f{i}": SimpleNamespace(entry=SimpleNamespace(as_of=when)) for i, when in enumerate(as_of)}
    meta = SimpleNamespace(id=DECK_ID, title="A deck", source_language="en", locales=["fr", "ar"])
    return SimpleNamespace(meta=meta, figures=SimpleNamespace(figures=figures))


def pptx_with_slides(path: Path, count: int) -> Path:
    prs = Presentation()
    for _ in range(count):
        prs.slides.add_slide(prs.slide_layouts[6])
    prs.save(str(path))
    return path


def write(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def out(tmp_path) -> Path:
    """Two slides in English with previews and a contact sheet; French as a deck only; Arabic as a PDF only."""
    folder = tmp_path / "out"
    folder.mkdir()
    pptx_with_slides(folder / f"{DECK_ID}-en.pptx", 2)
    pptx_with_slides(folder / f"{DECK_ID}-fr.pptx", 2)
    write(folder / f"{DECK_ID}-ar.pdf", b"%PDF\n<< /Type /Pages /Kids [] /Count 2 >>\n")
    write(folder / "previews/en/slide-02.png", b"two")
    write(folder / "previews/en/slide-01.png", b"one")
    write(folder / "previews/en/contact-sheet.png", b"sheet")
    write(folder / "other-en.pptx")                       # another deck's file
    write(folder / f"{DECK_ID}-en.pptx.tmp")              # not a deck
    return folder


def test_collect_outputs_finds_this_decks_files_by_locale(out):
    found = collect_outputs(out, DECK_ID)
    assert sorted(found) == ["ar", "en", "fr"]
    en = found["en"]
    assert (en.pptx, en.pdf) == (out / f"{DECK_ID}-en.pptx", None)
    assert en.pngs == [out / "previews/en/slide-01.png", out / "previews/en/slide-02.png"]
    assert en.contact_sheet == out / "previews/en/contact-sheet.png"
    assert (found["fr"].pngs, found["fr"].contact_sheet) == ([], None)
    assert (found["ar"].pptx, found["ar"].pdf) == (None, out / f"{DECK_ID}-ar.pdf")


def test_collect_outputs_of_a_missing_folder_is_empty(tmp_path):
    assert collect_outputs(tmp_path / "nowhere", DECK_ID) == {}


def test_slide_count_counts_the_slide_parts(tmp_path):
    assert slide_count(pptx_with_slides(tmp_path / "three.pptx", 3)) == 3
    assert slide_count(pptx_with_slides(tmp_path / "none.pptx", 0)) == 0


def test_pdf_pages_reads_the_count_of_the_page_tree_root(tmp_path):
    pdf = write(tmp_path / "tree.pdf", b"%PDF-1.4\n"
                b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                b"2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 5 >> endobj\n"
                b"3 0 obj << /Type /Pages /Parent 2 0 R /Kids [] /Count 2 >> endobj\n"
                b"4 0 obj << /Type /Pages /Parent 2 0 R /Kids [] /Count 3 >> endobj\n")
    assert pdf_pages(pdf) == 5


def test_pdf_pages_opens_a_pdf_whose_page_tree_is_in_an_object_stream(tmp_path):
    import pymupdf

    document = pymupdf.open()
    for _ in range(3):
        document.new_page()
    data = document.tobytes(use_objstms=1, deflate=1)
    assert b"/Count" not in data                 # nothing to read from the bytes: the fallback is used
    assert pdf_pages(write(tmp_path / "packed.pdf", data)) == 3


def test_the_manifest_lists_locales_source_first_then_deck_order_then_the_rest(out, tmp_path):
    write(out / f"{DECK_ID}-qps-ploc.pptx", (out / f"{DECK_ID}-en.pptx").read_bytes())
    write(out / f"{DECK_ID}-de.pptx", (out / f"{DECK_ID}-en.pptx").read_bytes())
    manifest = build_manifest(out, fake_deck(), {"en": 100.0}, tmp_path)
    assert manifest["locales"] == ["en", "fr", "ar", "de", "qps-ploc"]


def test_one_entry_per_file_with_its_kind_size_checksum_and_counts(out, tmp_path):
    manifest = build_manifest(out, fake_deck(), {"en": 100.0, "fr": 87.5}, tmp_path)
    entries = {entry["path"]: entry for entry in manifest["files"]}
    assert list(entries) == [f"{DECK_ID}-en.pptx", "previews/en/slide-01.png", "previews/en/slide-02.png",
                             "previews/en/contact-sheet.png", f"{DECK_ID}-fr.pptx", f"{DECK_ID}-ar.pdf"]
    deck = entries[f"{DECK_ID}-en.pptx"]
    assert (deck["kind"], deck["slides"], deck["locale"], deck["coverage"]) == ("pptx", 2, "en", 100.0)
    assert deck["size"] == (out / deck["path"]).stat().st_size and deck["sha256"] == sha(out / deck["path"])
    assert [entries[f"previews/en/slide-0{n}.png"]["slide"] for n in (1, 2)] == [1, 2]
    assert (entries["previews/en/contact-sheet.png"]["kind"], entries["previews/en/contact-sheet.png"]["slides"]) == \
        ("contact-sheet", 2)
    assert entries[f"{DECK_ID}-fr.pptx"]["coverage"] == 87.5
    assert (entries[f"{DECK_ID}-ar.pdf"]["slides"], entries[f"{DECK_ID}-ar.pdf"]["coverage"]) == (2, None)


def test_the_figures_date_range_skips_figures_without_a_date(out, tmp_path):
    manifest = build_manifest(out, fake_deck(), {}, tmp_path)
    assert manifest["figures_as_of"] == {"oldest": "2023-01-31", "newest": "2024-05-01"}
    assert all(entry["figures_as_of"] == manifest["figures_as_of"] for entry in manifest["files"])
    assert build_manifest(out, fake_deck(as_of=()), {}, tmp_path)["figures_as_of"] == {"oldest": None,
                                                                                        "newest": None}


def test_deck_build_time_lock_and_source(out, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = tmp_path / "project"
    write(project / "requirements.lock", b"pkg==1.0 --hash=sha256:abc\n")
    manifest = build_manifest(out, fake_deck(), {}, project, source={"content": "c"})
    assert (manifest["deck"], manifest["title"]) == (DECK_ID, "A deck")
    assert manifest["built_at"] == "2023-11-14T22:13:20Z"
    assert manifest["lock_sha256"] == sha(project / "requirements.lock")
    assert manifest["source"] == {"content": "c"}
    assert "source" not in build_manifest(out, fake_deck(), {}, project)


def test_no_lock_and_no_git_are_nulls(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))     # no checkout above tmp_path counts
    assert lock_sha256(tmp_path) is None
    assert git_commit(tmp_path) is None
    assert git_commit(tmp_path / "missing") is None


def test_git_commit_of_a_checkout_is_its_head():
    root = Path(__file__).resolve().parents[2]
    commit = git_commit(root)
    assert commit is not None and len(commit) == 40 and int(commit, 16) >= 0


def test_records_go_on_the_files_just_written_and_stay_while_the_bytes_do(out, tmp_path):
    deck_path = f"{DECK_ID}-en.pptx"
    record = {"build": {"locale": "en"}, "inputs_sha256": "1" * 64}
    write_manifest(out, build_manifest(out, fake_deck(), {}, tmp_path, records={deck_path: record}))
    kept = {e["path"]: e for e in build_manifest(out, fake_deck(), {}, tmp_path)["files"]}
    assert kept[deck_path]["inputs_sha256"] == "1" * 64 and kept[deck_path]["build"] == {"locale": "en"}
    assert "inputs_sha256" not in kept[f"{DECK_ID}-fr.pptx"]

    pptx_with_slides(out / deck_path, 3)                  # the file changed without a record: the old one goes
    changed = {e["path"]: e for e in build_manifest(out, fake_deck(), {}, tmp_path)["files"]}
    assert "inputs_sha256" not in changed[deck_path] and "build" not in changed[deck_path]


def test_a_broken_previous_manifest_is_ignored(out, tmp_path):
    write(out / "manifest.json", b"{not json")
    manifest = build_manifest(out, fake_deck(), {}, tmp_path)
    assert all("inputs_sha256" not in entry for entry in manifest["files"])


def test_write_manifest_writes_readable_json_ending_in_a_newline(out, tmp_path):
    manifest = build_manifest(out, fake_deck(), {}, tmp_path)
    manifest["title"] = "Présentation de l’ISO"
    path = write_manifest(out, manifest)
    assert path == out / "manifest.json"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "Présentation de l’ISO" in text
    assert json.loads(text) == manifest
