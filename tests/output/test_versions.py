"""OUT as a link to one complete version: switching, carrying, sweeping after a kill, the lock, failed writes."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator.errors import DeckError
from generator.output import versions
from generator.output.writer import write_atomic


def publish_version(out: Path, files: dict[str, bytes], replaced=(), dropped=lambda path: False) -> None:
    """One new version of ``out``: the current files carried, ``files`` written (path in OUT -> bytes)."""
    folder = versions.OutputFolder(out)
    versions.sweep(folder)
    with versions.new_version(folder) as version:
        version.carry(set(files) | set(replaced), dropped)
        for relative, data in files.items():
            write_atomic(version.path / relative, data)


def contents(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_out_becomes_a_link_to_a_version_beside_it(tmp_path):
    out = tmp_path / "build"
    publish_version(out, {"a.pptx": b"one"})
    assert out.is_symlink() and os.readlink(out) == os.path.join(".build.versions", "1")
    assert contents(out) == {"a.pptx": b"one"}
    publish_version(out, {"a.pptx": b"two"})
    assert os.readlink(out) == os.path.join(".build.versions", "2")
    assert contents(out) == {"a.pptx": b"two"}
    assert sorted(os.listdir(tmp_path / ".build.versions")) == ["2"]      # the previous version is gone


def test_a_real_folder_from_an_older_build_is_migrated_with_everything_in_it(tmp_path):
    out = tmp_path / "build"
    (out / "check").mkdir(parents=True)
    (out / "README.md").write_text("mine")
    (out / "check" / "en-contact.png").write_bytes(b"png")
    (out / ".a.pptx.x1y2.tmp").write_bytes(b"half")            # what an interrupted write_atomic left
    publish_version(out, {"a.pptx": b"new"})
    assert out.is_symlink()
    assert contents(out) == {"README.md": b"mine", "a.pptx": b"new", "check/en-contact.png": b"png"}
    assert sorted(os.listdir(tmp_path)) == [".build.versions", "build"]


def test_files_the_build_does_not_write_are_carried_as_hard_links(tmp_path):
    out = tmp_path / "build"
    publish_version(out, {"a.pptx": b"one", "check/x.png": b"checked"})
    before = (out / "check" / "x.png").stat()
    publish_version(out, {"a.pptx": b"two"})
    after = (out / "check" / "x.png").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_dropped_files_are_not_carried(tmp_path):
    out = tmp_path / "build"
    publish_version(out, {"previews/fr/slide-01.png": b"1", "previews/fr/slide-02.png": b"2"})
    publish_version(out, {"previews/fr/slide-01.png": b"1"}, dropped=lambda path: path.endswith("-02.png"))
    assert contents(out) == {"previews/fr/slide-01.png": b"1"}


def test_moving_in_an_unchanged_file_keeps_the_current_one(tmp_path):
    out = tmp_path / "build"
    publish_version(out, {"a.pptx": b"same"})
    inode = (out / "a.pptx").stat().st_ino
    staged = tmp_path / "staged.pptx"
    staged.write_bytes(b"same")
    folder = versions.OutputFolder(out)
    with versions.new_version(folder) as version:
        version.carry({"a.pptx"}, lambda path: False)
        version.move_in(staged, "a.pptx")
    assert (out / "a.pptx").stat().st_ino == inode


def test_an_error_leaves_the_current_version_and_removes_the_new_one(tmp_path):
    out = tmp_path / "build"
    publish_version(out, {"a.pptx": b"one"})
    with pytest.raises(RuntimeError):
        with versions.new_version(versions.OutputFolder(out)) as version:
            version.carry(set(), lambda path: False)
            write_atomic(version.path / "a.pptx", b"two")
            raise RuntimeError("stopped")
    assert contents(out) == {"a.pptx": b"one"}
    assert sorted(os.listdir(tmp_path / ".build.versions")) == ["1"]


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "the disk is full"),
                                         (errno.EFBIG, "the file is larger than allowed")])
def test_a_failed_write_is_a_clear_error_naming_the_file_under_out(tmp_path, monkeypatch, code, words):
    out = tmp_path / "build"
    publish_version(out, {"a.pptx": b"one", "b.pptx": b"one"})

    def full(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    with pytest.raises(DeckError) as raised:
        with versions.new_version(versions.OutputFolder(out)) as version:
            version.carry({"b.pptx"}, lambda path: False)
            monkeypatch.setattr(os, "fsync", full)
            write_atomic(version.path / "b.pptx", b"two")
    monkeypatch.undo()
    assert str(raised.value).startswith(f"{out / 'b.pptx'}: cannot write the output: {words}")
    assert contents(out) == {"a.pptx": b"one", "b.pptx": b"one"}
    assert sorted(os.listdir(tmp_path / ".build.versions")) == ["1"]


def test_a_link_leading_out_of_out_is_refused_and_nothing_is_written_there(tmp_path):
    out = tmp_path / "build"
    publish_version(out, {"a.pptx": b"one"})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "slide-01.png").write_bytes(b"theirs")
    (out / "previews").symlink_to(elsewhere)
    with pytest.raises(DeckError, match=r"build/previews: a symbolic link to .*elsewhere, outside the output folder"):
        publish_version(out, {"previews/fr/slide-01.png": b"ours"})
    assert contents(elsewhere) == {"slide-01.png": b"theirs"}


def test_a_link_inside_out_is_carried_as_a_link(tmp_path):
    out = tmp_path / "build"
    publish_version(out, {"a.pptx": b"one"})
    (out / "latest.pptx").symlink_to("a.pptx")
    publish_version(out, {"b.pptx": b"two"})
    assert os.readlink(out / "latest.pptx") == "a.pptx" and (out / "latest.pptx").read_bytes() == b"one"


def test_a_users_own_link_as_out_is_followed(tmp_path):
    real = tmp_path / "disk" / "decks"
    real.mkdir(parents=True)
    out = tmp_path / "build"
    out.symlink_to(real)
    publish_version(out, {"a.pptx": b"one"})
    assert real.is_symlink() and (tmp_path / "disk" / ".decks.versions").is_dir()
    assert (out / "a.pptx").read_bytes() == b"one"


def test_the_next_sweep_removes_what_a_killed_build_left(tmp_path):
    out = tmp_path / "build"
    publish_version(out, {"a.pptx": b"one"})
    versions_dir = tmp_path / ".build.versions"
    (versions_dir / "2" / "previews").mkdir(parents=True)            # an unfinished version
    (versions_dir / "work-2" / "tmp" / "deck-soffice-x").mkdir(parents=True)
    (tmp_path / ".build.next-2").symlink_to(".build.versions/2")      # a link made ready, not yet renamed
    versions.sweep(versions.OutputFolder(out))
    assert sorted(os.listdir(versions_dir)) == ["1"]
    assert sorted(os.listdir(tmp_path)) == [".build.versions", "build"]
    assert contents(out) == {"a.pptx": b"one"}


def test_a_switch_cut_between_its_two_renames_is_finished_by_the_next_sweep(tmp_path):
    out = tmp_path / "build"
    publish_version(out, {"a.pptx": b"one"})
    os.replace(out, tmp_path / ".build.next-1")                       # OUT gone, its link waiting beside it
    versions.sweep(versions.OutputFolder(out))
    assert contents(out) == {"a.pptx": b"one"}


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="processes are found through /proc")
def test_the_sweep_stops_processes_a_killed_build_left_in_its_work_folder(tmp_path):
    out = tmp_path / "build"
    publish_version(out, {"a.pptx": b"one"})
    profile = tmp_path / ".build.versions" / "work-2" / "tmp" / "deck-soffice-x" / "profile"
    profile.mkdir(parents=True)
    leftover = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", profile.as_uri()])
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", str(tmp_path / "other")])
    try:
        versions.sweep(versions.OutputFolder(out))
        assert leftover.wait(timeout=5) == -9
        assert bystander.poll() is None
    finally:
        for process in (leftover, bystander):
            if process.poll() is None:
                process.kill()
            process.wait()


def test_a_second_holder_of_the_lock_says_it_waits_and_waits(tmp_path):
    out = tmp_path / "build"
    said, order = [], []
    with versions.locked(out):
        def second():
            with versions.locked(out, say=said.append):
                order.append("second")

        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)
        order.append("first done")
    thread.join(timeout=5)
    assert order == ["first done", "second"]
    assert said == [f"waiting for another build of {out} to finish"]


def test_versions_that_are_not_a_folder_are_refused(tmp_path):
    out = tmp_path / "build"
    (tmp_path / ".build.versions").symlink_to(tmp_path)
    with pytest.raises(DeckError, match=r"\.build\.versions: not a folder"):
        versions.sweep(versions.OutputFolder(out))
