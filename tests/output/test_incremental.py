"""Incremental builds: a deck whose inputs did not change is skipped, and skipping changes no byte.

manifest.json records, per deck, a hash of every input to it; ``deck build`` skips a deck
whose record still matches and reports it as up to date. The build is deterministic, so a
skipped deck is byte-identical to the one a forced rebuild writes. Locales render in
parallel (``-j``), with the same bytes and the same errors as one after the other.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

DECK = "iso-iec-casco-intro"
SLIDES = ("cover", "iso-introduction", "iec-figures")     # a small deck that shows the figure changed below


@pytest.fixture
def small_content(content_copy, keep_slides):
    keep_slides(content_copy, *SLIDES)
    return content_copy


def build(run_deck, content: Path, out: Path, *options):
    result = run_deck("build", "--content", content, "--out", out, "--locale", "en", "--locale", "fr", *options)
    assert result.exit_code == 0, result.stderr
    return result


def decks(out: Path) -> dict[str, Path]:
    return {tag: out / f"{DECK}-{tag}.pptx" for tag in ("en", "fr")}


def snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    """Each deck's bytes and inode: ``write_atomic`` renames a new file into place, so a rewrite changes the inode."""
    return {tag: (path.read_bytes(), path.stat().st_ino) for tag, path in decks(out).items()}


def set_figure(content: Path, value: int) -> None:
    path = content / "figures.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  technical_committees:\n    value: 204\n"
    assert old in text, "the fixture content changed"
    path.write_text(text.replace(old, f"  technical_committees:\n    value: {value}\n"), encoding="utf-8")


def test_a_rebuild_with_nothing_changed_skips_every_deck(run_deck, small_content, tmp_path):
    out = tmp_path / "out"
    first = build(run_deck, small_content, out)
    assert "up to date" not in first.stdout
    before = snapshot(out)
    manifest = (out / "manifest.json").read_bytes()

    again = build(run_deck, small_content, out)

    for path in decks(out).values():
        assert f"up to date: {path}" in again.stdout.splitlines()
    assert snapshot(out) == before                                  # not even rewritten
    assert (out / "manifest.json").read_bytes() == manifest
    # what building would report is reported all the same
    assert "iec.system_committees" in again.stderr
    assert again.stderr == first.stderr


def test_the_manifest_records_a_hash_of_every_input(run_deck, small_content, tmp_path):
    out = tmp_path / "out"
    build(run_deck, small_content, out)
    entries = {e["path"]: e for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]}
    fr = entries[f"{DECK}-fr.pptx"]["build"]
    files = fr["inputs"]["files"]
    for name in ("content/deck.yaml", "content/figures.yaml", "content/locales/fr.po",
                 "content/slides/08-iec-figures.yaml", "template/template.pptx", "template/mapping.yaml"):
        assert len(files[name]) == 64, name
    assert "content/locales/es.po" not in files                    # another locale's catalog is no input
    assert fr["inputs"]["generator"] and fr["inputs"]["dependencies"]
    assert fr["inputs"]["options"]["locale"] == "fr"
    assert "SOURCE_DATE_EPOCH" in fr["inputs"]["options"]
    assert fr["fonts"] and all(os.path.isfile(path) for path, _, _ in fr["fonts"])


def test_force_rebuilds_every_deck_with_identical_bytes(run_deck, small_content, tmp_path):
    out = tmp_path / "out"
    build(run_deck, small_content, out)
    before = snapshot(out)

    forced = build(run_deck, small_content, out, "--force")

    assert "up to date" not in forced.stdout
    after = snapshot(out)
    for tag in ("en", "fr"):
        assert after[tag][0] == before[tag][0]
        assert after[tag][1] == before[tag][1]      # built again, to the same bytes: the file is left alone


def test_a_changed_figure_rebuilds_the_decks_that_show_it(run_deck, small_content, tmp_path):
    out = tmp_path / "out"
    build(run_deck, small_content, out)
    before = snapshot(out)
    set_figure(small_content, 210)

    rebuilt = build(run_deck, small_content, out)

    assert "up to date" not in rebuilt.stdout
    after = snapshot(out)
    for tag in ("en", "fr"):
        assert after[tag][0] != before[tag][0]
    # ...into exactly the bytes a build from scratch gives
    scratch = tmp_path / "scratch"
    build(run_deck, small_content, scratch)
    assert {t: b for t, (b, _) in snapshot(scratch).items()} == {t: b for t, (b, _) in after.items()}


def test_a_changed_catalog_rebuilds_only_its_locale(run_deck, small_content, tmp_path):
    out = tmp_path / "out"
    build(run_deck, small_content, out)
    before = snapshot(out)
    po = small_content / "locales" / "fr.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Présentation de l’ISO"',
                                                         'msgstr "L’ISO en bref"', 1), encoding="utf-8")

    rebuilt = build(run_deck, small_content, out)

    assert f"up to date: {decks(out)['en']}" in rebuilt.stdout.splitlines()
    assert str(decks(out)["fr"]) in rebuilt.stdout.splitlines()
    after = snapshot(out)
    assert after["en"] == before["en"]                                # untouched
    assert after["fr"][0] != before["fr"][0]
    # the manifest keeps the skipped deck's record and records the new one
    entries = {e["path"]: e for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]}
    assert entries[f"{DECK}-en.pptx"]["build"]["inputs_sha256"]
    assert entries[f"{DECK}-fr.pptx"]["sha256"] != entries[f"{DECK}-en.pptx"]["sha256"]


def test_source_date_epoch_is_an_input(run_deck, small_content, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(run_deck, small_content, out)
    before = snapshot(out)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")

    rebuilt = build(run_deck, small_content, out)

    assert "up to date" not in rebuilt.stdout
    assert snapshot(out)["en"][0] != before["en"][0]


def test_an_up_to_date_deck_still_fails_strict(run_deck, small_content, tmp_path):
    out = tmp_path / "out"
    build(run_deck, small_content, out)
    before = snapshot(out)

    strict = run_deck("build", "--content", small_content, "--out", out, "--locale", "en", "--locale", "fr",
                      "--strict")

    assert strict.exit_code == 1
    assert "(an error with --strict)" in strict.stderr and "iec.system_committees" in strict.stderr
    assert snapshot(out) == before


def test_a_deleted_or_edited_deck_is_built_again(run_deck, small_content, tmp_path):
    out = tmp_path / "out"
    build(run_deck, small_content, out)
    before = snapshot(out)
    decks(out)["en"].write_bytes(b"PK tampered")
    decks(out)["fr"].unlink()

    rebuilt = build(run_deck, small_content, out)

    assert "up to date" not in rebuilt.stdout
    assert {t: b for t, (b, _) in snapshot(out).items()} == {t: b for t, (b, _) in before.items()}


def test_parallel_rendering_gives_the_bytes_of_one_after_the_other(run_deck, small_content, tmp_path):
    one = tmp_path / "one"
    two = tmp_path / "two"
    build(run_deck, small_content, one, "-j", "1")
    build(run_deck, small_content, two, "-j", "2")
    assert {t: b for t, (b, _) in snapshot(one).items()} == {t: b for t, (b, _) in snapshot(two).items()}


def test_an_error_in_a_worker_reads_as_it_does_without_workers(run_deck, small_content, tmp_path):
    po = small_content / "locales" / "fr.po"
    old = "un membre par pays – {{ iso.members | number }} pays membres"
    assert old in po.read_text(encoding="utf-8"), "the fixture catalog changed"
    po.write_text(po.read_text(encoding="utf-8").replace(old, old.replace("iso.members", "iso.membres")),
                  encoding="utf-8")
    results = [run_deck("build", "--content", small_content, "--out", tmp_path / f"out{jobs}", "--locale", "en",
                        "--locale", "fr", "-j", str(jobs)) for jobs in (1, 2)]
    for result in results:
        assert result.exit_code == 1
        assert "unknown figure 'iso.membres'" in result.stderr
        assert "nothing was written" in result.stderr
    assert results[0].stderr == results[1].stderr
    assert not (tmp_path / "out2").exists() or not any((tmp_path / "out2").glob("*.pptx"))


def test_a_build_leaves_the_cycle_collector_as_it_found_it(run_deck, small_content, tmp_path):
    """A build collects rarely and freezes what is loaded; the process gets its own settings back."""
    import gc

    thresholds = gc.get_threshold()
    frozen = gc.get_freeze_count()
    build(run_deck, small_content, tmp_path / "ok", "-j", "2")
    assert (gc.get_threshold(), gc.get_freeze_count()) == (thresholds, frozen)
    failed = run_deck("build", "--content", small_content, "--out", tmp_path / "bad", "--locale", "xx")
    assert failed.exit_code == 1
    assert (gc.get_threshold(), gc.get_freeze_count()) == (thresholds, frozen)


# ---------------------------------------------------------------- hashing reads only what it may

def test_hashing_refuses_a_fifo_among_the_content_instead_of_blocking(content_copy):
    from generator.errors import ContentError
    from generator.output.incremental import content_files

    os.mkfifo(content_copy / "slides" / "stray")
    with pytest.raises(ContentError) as caught:
        content_files(content_copy)
    [problem] = caught.value.problems
    assert problem.path.endswith("slides/stray") and problem.message == "a FIFO (named pipe), not a regular file"


def test_hashing_refuses_an_asset_linked_outside_the_content(content_copy, tmp_path):
    from generator.errors import ContentError
    from generator.output.incremental import content_files

    (tmp_path / "secret").write_text("not for the manifest")
    (content_copy / "assets" / "secret").symlink_to(tmp_path / "secret")
    with pytest.raises(ContentError) as caught:
        content_files(content_copy)
    [problem] = caught.value.problems
    assert problem.path.endswith("assets/secret") and "links to a place outside" in problem.message


def test_hashing_refuses_a_device_linked_from_the_template_folder(tmp_path):
    from generator.errors import ContentError
    from generator.output.incremental import template_files

    (tmp_path / "mapping.yaml").write_text("x")
    (tmp_path / "zero").symlink_to("/dev/zero")
    with pytest.raises(ContentError):
        template_files(tmp_path)


def test_a_catalog_that_is_a_fifo_is_refused_when_hashed(content_copy):
    from generator.errors import ContentError
    from generator.output.incremental import catalog_file

    (content_copy / "locales" / "fr.po").unlink()
    os.mkfifo(content_copy / "locales" / "fr.po")
    with pytest.raises(ContentError):
        catalog_file(content_copy, "fr")
    assert catalog_file(content_copy, "xx") == {"content/locales/xx.po": "none"}


def test_a_manifest_that_is_a_fifo_is_no_manifest(tmp_path):
    from generator.output.incremental import read_manifest

    os.mkfifo(tmp_path / "manifest.json")
    assert read_manifest(tmp_path) is None
    (tmp_path / "manifest.json").unlink()
    (tmp_path / "manifest.json").write_text('{"files": []}')
    assert read_manifest(tmp_path) == {"files": []}
def test_previews_are_reused_only_when_made_from_the_same_deck_bytes_and_intact(tmp_path):
    from generator.output.incremental import reusable_previews, sha256_file

    (tmp_path / "previews" / "en").mkdir(parents=True)
    files = {"deck-en.pdf": "pdf", "previews/en/slide-01.png": "png", "previews/en/contact-sheet.png": "contact-sheet"}
    made_from = {"deck_sha256": "a" * 64, "renderer": "LibreOffice 7.4, png 960px"}
    entries = []
    for path, kind in files.items():
        (tmp_path / path).write_bytes(kind.encode())
        entries.append({"path": path, "kind": kind, "locale": "en", "size": len(kind),
                        "sha256": sha256_file(tmp_path / path), "rendered_from": made_from})
    manifest = {"files": entries}
    assert reusable_previews(tmp_path, manifest, "en", made_from, pdf=True, png=True) == \
        [tmp_path / path for path in files]
    assert reusable_previews(tmp_path, manifest, "en", made_from, pdf=False, png=True) == \
        [tmp_path / path for path in list(files)[1:]]
    assert reusable_previews(tmp_path, manifest, "en", {**made_from, "deck_sha256": "b" * 64}, True, True) is None
    assert reusable_previews(tmp_path, manifest, "en", {**made_from, "renderer": "another"}, True, True) is None
    assert reusable_previews(tmp_path, manifest, "fr", made_from, True, False) is None
    assert reusable_previews(tmp_path, None, "en", made_from, True, True) is None
    (tmp_path / "previews/en/slide-01.png").write_bytes(b"edited")
    assert reusable_previews(tmp_path, manifest, "en", made_from, pdf=True, png=False) == [tmp_path / "deck-en.pdf"]
    assert reusable_previews(tmp_path, manifest, "en", made_from, pdf=True, png=True) is None
