"""The build's plan: the steps it announces, and how its job reaches the workers."""

from __future__ import annotations

import gc
import os
import stat
from pathlib import Path

import pytest

from generator import build as build_module
from generator.build import build
from generator.options import BuildOptions

ROOT = Path(__file__).resolve().parents[1]


class _Recorder:
    def __init__(self):
        self.planned: list[int] = []
        self.steps: list[str] = []

    def start(self, steps: int) -> None:
        self.planned.append(steps)

    def step(self, label: str) -> None:
        self.steps.append(label)


def test_the_build_announces_as_many_steps_as_it_takes(content_copy, keep_slides, tmp_path):
    keep_slides(content_copy, "cover")
    options = BuildOptions(content_copy, tmp_path / "out", locales=["en", "fr"], project_dir=ROOT, jobs=1)
    progress = _Recorder()
    build(options, progress)
    assert progress.planned == [2] and progress.steps == ["rendered en", "rendered fr"]

    again = _Recorder()
    build(options, again)                        # nothing changed: both decks are up to date
    assert again.planned == [2] and again.steps == ["up to date en", "up to date fr"]


def test_a_build_starts_from_a_new_build_context(content_copy, keep_slides, tmp_path):
    from generator.build_context import build_cache, current

    keep_slides(content_copy, "cover")
    build_cache("left by an earlier build")["key"] = "stale"
    build(BuildOptions(content_copy, tmp_path / "out", project_dir=ROOT, jobs=1))
    assert "left by an earlier build" not in current().caches


class _EchoJob:
    """Stands in for a build's job: says which job rendered the tag, and in which process."""

    def __init__(self, name: str):
        self.name = name

    def render(self, tag: str):
        return tag, self.name, os.getpid()

    render_in_worker = render


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_forked_workers_render_the_job_they_are_handed():
    try:
        for name in ("first build", "second build"):
            outcomes = list(build_module._render_locales(_EchoJob(name), ["en", "fr", "ar"], jobs=2))
            assert [(tag, job) for tag, job, _ in outcomes] == [("en", name), ("fr", name), ("ar", name)]
            assert all(pid != os.getpid() for _, _, pid in outcomes)
    finally:
        gc.unfreeze()                            # forking froze the test process's objects


def test_one_job_renders_here_without_forking():
    outcomes = list(build_module._render_locales(_EchoJob("alone"), ["en"], jobs=4))
    assert outcomes == [("en", "alone", os.getpid())]


def _run_properties(deck: Path):
    """Every a:rPr of the deck's first slide."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(deck) as package:
        root = etree.fromstring(package.read("ppt/slides/slide1.xml"))
    return root.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}rPr")


def test_a_japanese_deck_carries_the_japanese_east_asian_face(content_copy, keep_slides, replace_text, tmp_path):
    keep_slides(content_copy, "cover")
    build(BuildOptions(content_copy, tmp_path / "out", locales=["ja"], project_dir=ROOT, jobs=1))
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    fitted = [run for run in _run_properties(tmp_path / "out" / "iso-iec-casco-intro-ja.pptx")
              if run.find(ns + "ea") is not None]            # title and subtitle; the footer inherits its fonts
    assert len(fitted) == 2 and all(run.get("lang") == "ja-JP" for run in fitted)
    assert {run.find(ns + "ea").get("typeface") for run in fitted} == {"Noto Sans CJK JP"}


def test_a_character_without_a_glyph_stops_the_build_at_its_slide(content_copy, keep_slides, replace_text,
                                                                  tmp_path):
    from generator.errors import ContentError

    keep_slides(content_copy, "cover")
    replace_text(content_copy / "slides" / "00-cover.yaml", 'title: "ISO, IEC and CASCO"',
                 'title: "ISO, IEC and CASCO \\U0001F600"')
    with pytest.raises(ContentError) as info:
        build(BuildOptions(content_copy, tmp_path / "out", locales=["en"], project_dir=ROOT, jobs=1))
    (problem,) = info.value.problems
    assert problem.path.endswith("00-cover.yaml")
    assert problem.message.startswith("[en] slide 1 'cover', shape 'title': no font of the deck")
    assert "U+1F600 GRINNING FACE" in problem.message and "ISO, IEC and CASCO" in problem.message
    assert problem.hint


def test_every_staged_deck_is_checked_before_install(content_copy, keep_slides, tmp_path, monkeypatch):
    from generator.errors import ContentError, Problem
    from generator.oxml import package_check

    keep_slides(content_copy, "cover")
    checked = []

    def broken(paths):
        checked.extend(paths)
        raise ContentError([Problem(str(paths[0]), None, None, "part 'ppt/slides/slide1.xml': not well-formed")])

    monkeypatch.setattr(package_check, "check_built_decks", broken)
    out = tmp_path / "out"
    with pytest.raises(ContentError, match="not well-formed"):
        build(BuildOptions(content_copy, out, ["en", "fr"], jobs=1))
    assert [path.name for path in checked] == ["iso-iec-casco-intro-en.pptx", "iso-iec-casco-intro-fr.pptx"]
    assert not list(out.glob("*.pptx"))


def test_a_title_longer_than_the_file_properties_hold_is_cut_with_a_warning(content_copy, keep_slides, tmp_path):
    import re
    import zipfile

    keep_slides(content_copy, "cover")
    deck_yaml = content_copy / "deck.yaml"
    text = deck_yaml.read_text(encoding="utf-8")
    title = " ".join(["Conformity assessment"] * 12)           # 263 characters
    deck_yaml.write_text("\n".join(f'title: "{title}"' if line.startswith("title:") else line
                                   for line in text.splitlines()) + "\n", encoding="utf-8")
    result = build(BuildOptions(content_copy, tmp_path / "out", ["en"], jobs=1, allow_overflow=True))
    (warning,) = [w for w in result.warnings if "the deck's title" in w.message]
    assert warning.path.endswith("deck.yaml")
    assert warning.message == "[en] the deck's title is 263 characters; the file's properties keep 255, so it is cut there"
    with zipfile.ZipFile(result.outputs[0]) as deck:
        core = deck.read("docProps/core.xml").decode("utf-8")
    cut = re.search(r"<dc:title>(.*)</dc:title>", core).group(1)
    assert len(cut) <= 255 and cut.endswith("…") and title.startswith(cut[:-1])


# ---------------------------------------------------------------- the output folder changes as a whole

def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _small_build(content_copy, keep_slides, out: Path, **options) -> BuildOptions:
    keep_slides(content_copy, "cover", "iso-introduction")
    return BuildOptions(content_copy, out, locales=["en", "fr"], project_dir=ROOT, jobs=1, **options)


def test_a_build_replaces_out_by_a_link_to_its_complete_version(content_copy, keep_slides, tmp_path):
    out = tmp_path / "build"
    options = _small_build(content_copy, keep_slides, out)
    result = build(options)
    assert out.is_symlink() and os.readlink(out) == os.path.join(".build.versions", "1")
    assert result.outputs == [out / "iso-iec-casco-intro-en.pptx", out / "iso-iec-casco-intro-fr.pptx"]
    assert result.manifest == out / "manifest.json" and result.index == out / "index.html"
    assert sorted(os.listdir(tmp_path)) == [".build.lock", ".build.versions", "build", "content"]
    build(BuildOptions(**{**options.__dict__, "force": True}))
    assert sorted(os.listdir(tmp_path / ".build.versions")) == ["2"]


def test_files_in_out_the_build_did_not_write_are_kept(content_copy, keep_slides, tmp_path):
    out = tmp_path / "build"
    options = _small_build(content_copy, keep_slides, out)
    build(options)
    (out / "check").mkdir()
    (out / "check" / "iso-iec-casco-intro-en-contact.png").write_bytes(b"from deck check")
    build(BuildOptions(**{**options.__dict__, "force": True}))
    assert (out / "check" / "iso-iec-casco-intro-en-contact.png").read_bytes() == b"from deck check"


def test_a_build_leaves_nothing_in_the_temp_folder(content_copy, keep_slides, tmp_path, monkeypatch):
    import tempfile

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    build(_small_build(content_copy, keep_slides, tmp_path / "build"))
    assert list(temp.iterdir()) == []
    assert tempfile.tempdir == os.environ["TMPDIR"] == str(temp)


def test_a_write_that_fails_at_any_point_leaves_the_previous_set(content_copy, keep_slides, replace_text,
                                                                 tmp_path, monkeypatch):
    """A full disk at the first, a middle or the last file written: exit 1's error, the last complete set stays."""
    import errno

    from generator.errors import DeckError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")      # the index shows the build time: keep it still
    out = tmp_path / "build"
    options = _small_build(content_copy, keep_slides, out)
    build(options)
    cover = content_copy / "slides/00-cover.yaml"
    replace_text(cover, "title:", "title: Changed", 1)
    build(options)
    real_fsync, calls = os.fsync, []

    def files_only(fd):                          # a file's data is on disk once fsync returns
        return not stat.S_ISDIR(os.fstat(fd).st_mode)

    # Every edit below is of the same kind as this one (the cover's title), so it writes as many files.
    replace_text(cover, "title: Changed", "title: Changed 0", 1)
    monkeypatch.setattr(os, "fsync", lambda fd: (files_only(fd) and calls.append(fd), real_fsync(fd)))
    build(options)
    monkeypatch.setattr(os, "fsync", real_fsync)
    writes = len(calls)
    assert writes >= 3                           # the changed decks, the manifest (the index may be the same)
    replace_text(cover, "title: Changed 0", "title: Changed again", 1)

    for failing in sorted({0, writes // 2, writes - 1}):
        count = iter(range(100))
        before = _files(out)

        def fsync(fd, failing=failing):
            if files_only(fd) and next(count) == failing:
                raise OSError(errno.ENOSPC, "No space left on device")
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)
        with pytest.raises(DeckError, match="cannot write the output: the disk is full; .* is left as the last"):
            build(options)
        assert _files(out) == before, failing
        assert len(os.listdir(tmp_path / ".build.versions")) == 1


def test_stray_files_in_out_are_warnings_and_left_out_of_the_manifest(run_deck, content_copy, keep_slides, tmp_path):
    import json

    out = tmp_path / "build"
    keep_slides(content_copy, "cover")
    assert run_deck("build", "--content", content_copy, "--out", out).exit_code == 0
    (out / "iso-iec-casco-intro-xx.pptx").write_bytes(b"")
    (out / "iso-iec-casco-intro-en.pdf").write_text("not a PDF")
    for command in (["build", "--force"], ["publish"]):
        result = run_deck(*command, "--content", content_copy, "--out", out)
        assert result.exit_code == 0, result.stderr
        assert f"{out}/iso-iec-casco-intro-xx.pptx: empty, not a PowerPoint deck; left out of manifest.json" \
            in result.stderr
        assert f"{out}/iso-iec-casco-intro-en.pdf: cannot be read, not a PDF" in result.stderr
        paths = [entry["path"] for entry in json.loads((out / "manifest.json").read_text())["files"]]
        assert paths == ["iso-iec-casco-intro-en.pptx"]


def test_a_previews_link_leading_out_of_out_is_refused(run_deck, content_copy, keep_slides, tmp_path):
    out = tmp_path / "build"
    keep_slides(content_copy, "cover")
    assert run_deck("build", "--content", content_copy, "--out", out).exit_code == 0
    before = _files(out)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "en").mkdir(parents=True)
    (elsewhere / "en" / "slide-01.png").write_bytes(b"someone else's")
    (out / "previews").symlink_to(elsewhere)
    result = run_deck("build", "--content", content_copy, "--out", out, "--force")
    assert result.exit_code == 1, result.stderr
    assert f"error: {out}/previews: a symbolic link to {elsewhere}, outside the output folder" in result.stderr
    assert _files(elsewhere) == {"en/slide-01.png": b"someone else's"}
    assert _files(out) == before


def test_the_current_folder_cannot_be_out(run_deck, content_copy, tmp_path, monkeypatch):
    result = run_deck("build", "--content", content_copy, "--out", ".")
    assert result.exit_code == 1
    assert "the output folder holds the current folder" in result.stderr


def test_publish_migrates_an_assembled_folder_and_writes_its_manifest(run_deck, content_copy, keep_slides, tmp_path):
    out = tmp_path / "build"
    keep_slides(content_copy, "cover")
    assert run_deck("build", "--content", content_copy, "--out", tmp_path / "job").exit_code == 0
    out.mkdir()                                  # a CI artifact: decks downloaded into a plain folder
    (out / "iso-iec-casco-intro-en.pptx").write_bytes((tmp_path / "job" / "iso-iec-casco-intro-en.pptx").read_bytes())
    result = run_deck("publish", "--content", content_copy, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert out.is_symlink() and sorted(p.name for p in out.iterdir()) == \
        ["index.html", "iso-iec-casco-intro-en.pptx", "manifest.json"]
