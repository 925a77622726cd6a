"""Asset names resolve inside the content or template folder, never outside it."""

from __future__ import annotations

import pytest

from generator.errors import ContentError
from generator.load.paths import inside, resolve_asset


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
