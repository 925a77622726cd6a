"""Asset names resolve inside the content or template folder, never outside it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.load.paths import check_regular_file, inside, resolve_asset, safe_read_bytes, safe_sha256


@pytest.fixture
def folders(tmp_path):
    content, template = tmp_path / "content" / "assets", tmp_path / "template"
    content.mkdir(parents=True)
    template.mkdir()
    return content, template


def message(caught) -> str:
    [problem] = caught.value.problems
    return problem.message


def test_inside_resolves_symlinks_before_it_answers(tmp_path, folders):
    content, _ = folders
    (tmp_path / "secret.json").write_text("{}")
    (content / "link.json").symlink_to(tmp_path / "secret.json")
    (content / "map.json").write_text("{}")
    assert inside(content / "map.json", content)
    assert not inside(content / "link.json", content)
    assert not inside(tmp_path / "secret.json", content)


def test_the_first_folder_holding_the_asset_wins(folders):
    content, template = folders
    (template / "world.json").write_text("template")
    assert resolve_asset("world.json", [content, template]) == template / "world.json"
    (content / "world.json").write_text("content")
    assert resolve_asset("world.json", [content, template]) == content / "world.json"


def test_an_asset_in_a_subfolder_is_found(folders):
    content, template = folders
    (template / "maps").mkdir()
    (template / "maps" / "world.json").write_text("{}")
    assert resolve_asset("maps/world.json", [content, template]) == template / "maps" / "world.json"


@pytest.mark.parametrize("name", ["/etc/passwd", "../template/world.json", "maps/../../x.json"])
def test_absolute_names_and_parent_steps_are_refused_before_looking(folders, name):
    content, template = folders
    (template / "world.json").write_text("{}")
    with pytest.raises(ContentError) as caught:
        resolve_asset(name, [content, template], referred_from="slides/map.yaml")
    [problem] = caught.value.problems
    assert problem.path == "slides/map.yaml"
    assert problem.message == f"asset '{name}' must be a path inside the content or template folder"


def test_a_symlink_out_of_its_folder_is_refused(tmp_path, folders):
    content, template = folders
    (tmp_path / "outside.json").write_text("{}")
    (content / "world.json").symlink_to(tmp_path / "outside.json")
    with pytest.raises(ContentError) as caught:
        resolve_asset("world.json", [content, template])
    assert message(caught).startswith("asset 'world.json' links to a place outside ")


def test_a_missing_asset_names_where_it_was_looked_for(folders, monkeypatch):
    content, template = folders
    monkeypatch.chdir(content.parent.parent)
    with pytest.raises(ContentError) as caught:
        resolve_asset("nowhere.json", [content, template], referred_from="slides/map.yaml")
    [problem] = caught.value.problems
    assert (problem.path, problem.message) == ("slides/map.yaml", "asset 'nowhere.json' not found")
    assert problem.hint == "looked in content/assets, template"


# ---------------------------------------------------------------- reading only regular files

def test_safe_read_bytes_reads_a_regular_file_inside_its_folder(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"abc")
    assert safe_read_bytes(tmp_path / "a.txt", tmp_path) == b"abc"
    assert safe_sha256(tmp_path / "a.txt", tmp_path) == hashlib.sha256(b"abc").hexdigest()


@pytest.mark.parametrize("read", [safe_read_bytes, safe_sha256])
def test_a_fifo_is_refused_without_blocking(tmp_path, read):
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(ContentError) as caught:
        read(tmp_path / "pipe", tmp_path)
    assert message(caught) == "a FIFO (named pipe), not a regular file"


@pytest.mark.parametrize("read", [safe_read_bytes, safe_sha256])
def test_a_device_inside_the_folder_is_refused(tmp_path, read):
    with pytest.raises(ContentError) as caught:
        read(Path("/dev/zero"), Path("/dev"))
    assert message(caught) == "a device, not a regular file"


def test_a_folder_is_not_read(tmp_path):
    with pytest.raises(ContentError) as caught:
        safe_read_bytes(tmp_path, tmp_path.parent)
    assert message(caught) == "a folder, not a regular file"


@pytest.mark.parametrize("read", [safe_read_bytes, safe_sha256, check_regular_file])
def test_a_symlink_out_of_its_folder_is_never_opened(tmp_path, read):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "zero").symlink_to("/dev/zero")
    with pytest.raises(ContentError) as caught:
        read(folder / "zero", folder)
    assert message(caught).startswith("the file links to a place outside")


def test_a_read_stops_at_its_limit(tmp_path):
    (tmp_path / "big").write_bytes(b"x" * 11)
    assert safe_read_bytes(tmp_path / "big", tmp_path, limit=11) == b"x" * 11
    for read in (safe_read_bytes, safe_sha256):
        with pytest.raises(ContentError) as caught:
            read(tmp_path / "big", tmp_path, limit=10)
        assert message(caught) == "the file is 11 bytes; the limit is 10 bytes"


def test_a_missing_file_is_a_message(tmp_path):
    with pytest.raises(ContentError) as caught:
        safe_read_bytes(tmp_path / "nothing", tmp_path)
    assert message(caught) == "cannot read the file: No such file or directory"


def test_an_asset_that_is_a_fifo_is_refused_when_resolved(folders):
    content, template = folders
    os.mkfifo(content / "world.json")
    with pytest.raises(ContentError) as caught:
        resolve_asset("world.json", [content, template])
    assert message(caught) == "a FIFO (named pipe), not a regular file"
